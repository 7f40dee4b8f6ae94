project = "Fixture"
extensions = ["compassion_kit"]
myst_title_to_header = True
exclude_patterns = ["_build"]
# A Spanish edition of calm (steady stays English): catalogues per document.
locale_dirs = ["locales"]
gettext_compact = False
