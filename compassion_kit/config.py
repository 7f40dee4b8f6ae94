"""The kit's configuration values, declared once with their defaults.

Paths are relative to the Sphinx source directory. Values that name files
and folders are checked before the build starts: a mistyped settings path, a
pack that would overwrite a source, or an output folder that cannot be
written stops the build at once with one clear message, instead of a silent
handout without the clinician's details or a traceback half-way through.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from compassion_kit.model import PAPER_LABELS
from compassion_kit.problems import Problem, stop
from compassion_kit.words import N_

# The footer's first sentence; the crisis lines of the handout's region follow
# it, from the crisis-line data file (crisisline.py), never typed here.
# (N_: in the kit's catalogue; crisisline.safety_lines prints it in the build's language.)
SAFETY_LINE = N_("This sheet is not a substitute for professional care. If you are "
                 "struggling or in crisis, reach out now.")

# name: (default, rebuild, types, help)
CONFIG_VALUES = {
    "kit_site_name": ("Beyond Empathy", "env", (str,), "Name printed on every handout."),
    "kit_author": ("The Beyond Empathy contributors", "env", (str,), "PDF author metadata."),
    "kit_licence": ("CC BY-SA 4.0", "env", (str,), "Content licence printed in the footer."),
    "kit_safety_line": (SAFETY_LINE, "env", (str,),
                        "First sentence of the safety line on every handout page."),
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
    "kit_pack_paper": ("letter", "", (str,),
                       "Paper of the pack: letter, a4, large-print or large-print-a4."),
    "kit_pack_out": ("_build/pack.pdf", "", (str,), "Where the pack PDF is written."),
    "kit_pdfs": (True, "", (bool,), "Render the handout PDFs (off: the site and catalogue only)."),
    "kit_pdf_workers": (0, "", (int,), "Processes that render PDFs; 0 means every core."),
    "kit_bibliography": ("references.bib", "env", (str,), "BibTeX file that sources cite."),
    "kit_max_source_kb": (200, "env", (int,), "Largest page source read; larger ones are refused."),
    "kit_page_limits": ({"letter": 2, "a4": 2, "large-print": 4, "large-print-a4": 4}, "",
                        (dict,), "Most pages a handout may have, per paper."),
    # Spanish runs about a fifth longer than English: its handouts may take one
    # more page until the print layout fits them in the English limits.
    "kit_translation_page_limits": ({"es": {"letter": 3, "a4": 3, "large-print": 5,
                                            "large-print-a4": 5}}, "", (dict,),
                                    "Page limits per paper for a translated build, by language."),
    "kit_page_limited_kinds": (("exercise", "info-sheet"), "", (list, tuple),
                               "Kinds of item the page limits apply to (not guides, workbooks)."),
}


def check_paths(app: Sphinx, config) -> None:
    """Refuse, before any work, settings that point at the wrong place."""
    from compassion_kit.printing import pack
    from compassion_kit.rules import bibliography

    bibliography.check_files(app, config)

    settings = Path(app.srcdir, config.kit_handout_settings)
    if config.kit_handout_settings != CONFIG_VALUES["kit_handout_settings"][0] \
            and not settings.is_file():
        stop(Problem(str(settings), 0, "kit_handout_settings",
                     "file not found: check the path (it is relative to the project folder); "
                     "without it handouts would print no clinician details", "practice"))
    if [part for part in config.kit_pack if part.strip()]:
        problem = pack.target_problem(app)
        if problem is not None:
            stop(problem)
        if config.kit_pack_paper not in PAPER_LABELS:
            stop(Problem(str(pack.target(app)), 0, "pack --paper (kit_pack_paper)",
                         f"unknown paper '{config.kit_pack_paper}'; use one of "
                         f"{', '.join(PAPER_LABELS)}", "pack"))
    papers = set(config.kit_page_limits).union(
        *(set(limits) for limits in config.kit_translation_page_limits.values()))
    unknown = sorted(papers - set(PAPER_LABELS))
    if unknown:
        stop(Problem(str(Path(app.confdir, "conf.py")), 0, "kit_page_limits",
                     f"unknown paper {', '.join(unknown)}; use {', '.join(PAPER_LABELS)}"))


def check_output_folders(app: Sphinx) -> None:
    """Run when the extension is set up: Sphinx makes the output folder right
    after, and fails with a traceback if it cannot."""
    for folder in (Path(app.outdir), Path(app.doctreedir)):
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
            stop(Problem(str(folder), 0, "output folder",
                         f"cannot be written ({existing}: no permission or a read-only disk); "
                         "build into another folder or make it writable", "output"))


def setup_config(app: Sphinx) -> None:
    for name, (default, rebuild, types, _help) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
    check_output_folders(app)
    app.connect("config-inited", check_paths)
