"""The kit's configuration values, declared once with their defaults.

Paths are relative to the Sphinx source directory.
"""

from __future__ import annotations

from sphinx.application import Sphinx

SAFETY_LINE = (
    "This sheet is not a substitute for professional care. If you are struggling or in "
    "crisis in the US, call or text 988 (Suicide & Crisis Lifeline) or chat at "
    "988lifeline.org. If you are in immediate danger, call 911 or your local emergency number."
)

# name: (default, rebuild, types, help)
CONFIG_VALUES = {
    "kit_site_name": ("Beyond Empathy", "env", (str,), "Name printed on every handout."),
    "kit_author": ("The Beyond Empathy contributors", "env", (str,), "PDF author metadata."),
    "kit_licence": ("CC BY-SA 4.0", "env", (str,), "Content licence printed in the footer."),
    "kit_safety_line": (SAFETY_LINE, "env", (str,), "Safety line printed on every handout page."),
    "kit_exercise_dir": ("exercises", "env", (str,), "Folder holding one file per exercise."),
    "kit_exercise_schema": ("exercises/schema.json", "env", (str,), "JSON Schema of exercises."),
    "kit_info_sheet_dir": ("docs/info-sheets", "env", (str,), "Folder holding info sheets."),
    "kit_info_sheet_schema": ("docs/info-sheets/schema.json", "env", (str,),
                              "JSON Schema of info sheets."),
    "kit_workshop_dir": ("docs/workshops", "env", (str,), "Folder holding workshop plans."),
    "kit_workshop_schema": ("docs/workshops/schema.json", "env", (str,),
                            "JSON Schema of workshop plans."),
    "kit_handout_settings": ("handouts.toml", "", (str,),
                             "Clinician details for every handout (optional TOML file)."),
    "kit_pack": ([], "", (list, tuple), "Handout ids to gather into one pack PDF."),
    "kit_pack_paper": ("letter", "", (str,), "Paper of the pack: letter, a4 or large-print."),
    "kit_pack_out": ("_build/pack.pdf", "", (str,), "Where the pack PDF is written."),
    "kit_pdfs": (True, "", (bool,), "Render the handout PDFs (off: the site and catalogue only)."),
    "kit_pdf_workers": (0, "", (int,), "Processes that render PDFs; 0 means every core."),
    "kit_bibliography": ("references.bib", "env", (str,), "BibTeX file that sources cite."),
}


def setup_config(app: Sphinx) -> None:
    for name, (default, rebuild, types, _help) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
