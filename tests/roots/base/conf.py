project = "Fixture"
extensions = ["compassion_kit"]
myst_title_to_header = True
exclude_patterns = ["_build"]
