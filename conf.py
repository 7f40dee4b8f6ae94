"""Sphinx configuration for Beyond Empathy. Plain data only: the work is done
by the compassion_kit extension (see compassion_kit/)."""

# -- Project ------------------------------------------------------------------
project = "Beyond Empathy"
author = "The Beyond Empathy contributors"
copyright = "2026, The Beyond Empathy contributors. Text CC BY-SA 4.0, code MIT"
language = "en"
# The Spanish edition: `-D language=es` builds it from gettext catalogues in
# locales/es/LC_MESSAGES/, one per document (see CONTRIBUTING.md, "Translating").
locale_dirs = ["locales"]
gettext_compact = False

# -- Sources: the repository root is the source dir, so allow-list content ----
root_doc = "index"
include_patterns = ["index.md", "docs/**", "exercises/**"]
exclude_patterns = ["_build", ".nox", "tests", "**/README.md"]
templates_path = ["docs/_templates"]

# -- Extensions ---------------------------------------------------------------
extensions = ["compassion_kit", "sphinxcontrib.bibtex"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
myst_title_to_header = True  # exercises take their title from front matter
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year_round"

# -- HTML -----------------------------------------------------------------------
html_theme = "furo"
html_title = "Beyond Empathy"
html_static_path = ["docs/_static"]
html_last_updated_fmt = None
# Where the site is published. Every handout prints its page's address and a QR
# code to it from this: replace the placeholder with your own address (see README,
# "Publishing"); leave it empty ("") and handouts print no address.
html_baseurl = "https://beyond-empathy.example/"
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    # Filled per page by docs/_templates/page.html ("Need help now?").
    "announcement": "Need help now?",
    "light_css_variables": {
        "font-stack": '"Atkinson Hyperlegible Next", system-ui, sans-serif',
        "color-brand-primary": "#2f5d62",
        "color-brand-content": "#2f5d62",
    },
    "dark_css_variables": {
        "color-brand-primary": "#8fc7cc",
        "color-brand-content": "#8fc7cc",
    },
}

# -- The kit (defaults live in compassion_kit/config.py) -----------------------
kit_licence = "CC BY-SA 4.0"
