"""The kit's configuration values, declared once, and checked before any work.

Each value is declared with Sphinx's own machinery: its default, what it
rebuilds, its types (``ENUM`` for a closed set such as the papers) and its
description. Paths are relative to the Sphinx source directory.

The values are checked at ``config-inited``, before a document is read: a
mistyped settings path, an unknown paper, a pack that would overwrite a
source, or an output folder that cannot be written stops the build at once
with one clear message, instead of a silent handout without the clinician's
details or a failure after the whole build.

Three modules declare the values of their own data files, beside the code
that reads them: web/supportlines.py (kit_crisis_data, kit_region,
kit_handout_region, kit_support_page) and web/agreement.py
(kit_group_agreement).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import ENUM, Config

from compassion_kit.model import ITEM_KINDS, PAPER_LABELS
from compassion_kit.printing import pack
from compassion_kit.problems import Problem, Subtype, stop
from compassion_kit.rules import bibliography
from compassion_kit.words import N_

# The footer's first sentence; the crisis lines of the handout's region follow
# it, from the crisis-line data file (web/crisisline.py), never typed here.
# (N_: in the kit's catalogue; crisisline.safety_lines prints it in the build's language.)
SAFETY_LINE = N_("This sheet is not a substitute for professional care. If you are "
                 "struggling or in crisis, reach out now.")


@dataclass(frozen=True)
class Setting:
    """One configuration value, as ``Sphinx.add_config_value`` takes it."""

    name: str
    default: Any  # a value, or a function of the config (Sphinx calls it when read)
    rebuild: Literal["", "env", "html"]  # what a change makes Sphinx do again
    types: tuple[type, ...] | ENUM
    description: str


def _project(config: Config) -> str:
    return str(config.project)


def _author(config: Config) -> str:
    return str(config.author)


PAPERS = ENUM(*PAPER_LABELS)
SETTINGS = {setting.name: setting for setting in (
    # Sphinx's own project and author, unless the project names the kit's words apart.
    Setting("kit_site_name", _project, "env", (str,),
            "Name printed on every handout and in catalog.json (default: project)."),
    Setting("kit_author", _author, "env", (str,), "PDF author metadata (default: author)."),
    Setting("kit_licence", "CC BY-SA 4.0", "env", (str,),
            "Content licence printed in the footer."),
    Setting("kit_safety_line", SAFETY_LINE, "env", (str,),
            "First sentence of the safety line on every handout page."),
    Setting("kit_exercise_dir", "exercises", "env", (str,),
            "Folder holding one file per exercise."),
    Setting("kit_exercise_schema", "exercises/schema.json", "env", (str,),
            "JSON Schema of exercises."),
    Setting("kit_info_sheet_dir", "docs/info-sheets", "env", (str,),
            "Folder holding info sheets."),
    Setting("kit_info_sheet_schema", "docs/info-sheets/schema.json", "env", (str,),
            "JSON Schema of info sheets."),
    Setting("kit_workshop_dir", "docs/workshops", "env", (str,),
            "Folder holding workshop plans."),
    Setting("kit_workshop_schema", "docs/workshops/schema.json", "env", (str,),
            "JSON Schema of workshop plans."),
    Setting("kit_pathway_dir", "docs/pathways", "env", (str,),
            "Folder holding session pathways."),
    Setting("kit_pathway_schema", "docs/pathways/schema.json", "env", (str,),
            "JSON Schema of session pathways."),
    Setting("kit_before_you_assign", "docs/guides/before-you-assign", "env", (str,),
            "Docname of the contraindications page that every pathway's "
            "slow-down box links to."),
    Setting("kit_handout_settings", "handouts.toml", "", (str,),
            "Clinician details for every handout (optional TOML file; see "
            "compassion_kit/assets/handout-settings.schema.json)."),
    Setting("kit_pack", [], "", (list, tuple), "Handout ids to gather into one pack PDF."),
    Setting("kit_pack_paper", "letter", "", PAPERS,
            "Paper of the pack: letter, a4, large-print or large-print-a4."),
    Setting("kit_pack_out", "_build/pack.pdf", "", (str,), "Where the pack PDF is written."),
    Setting("kit_pdfs", True, "", (bool,),
            "Render the handout PDFs (off: the site and catalogue only)."),
    Setting("kit_pdf_workers", 0, "", (int,), "Processes that render PDFs; 0 means every core."),
    Setting("kit_bibliography", "references.bib", "env", (str,),
            "BibTeX file that sources cite."),
    Setting("kit_max_source_kb", 200, "env", (int,),
            "Largest page source read; larger ones are refused."),
    Setting("kit_page_limits", {"letter": 2, "a4": 2, "large-print": 4, "large-print-a4": 4},
            "", (dict,), "Most pages a handout may have, per paper."),
    # Spanish runs about a fifth longer than English: its handouts may take one
    # more page until the print layout fits them in the English limits.
    Setting("kit_translation_page_limits",
            {"es": {"letter": 3, "a4": 3, "large-print": 5, "large-print-a4": 5}}, "", (dict,),
            "Page limits per paper for a translated build, by language."),
    Setting("kit_page_limited_kinds",
            tuple(name for name, kind in ITEM_KINDS.items() if kind.page_limited), "",
            (list, tuple), "Item kinds the page limits apply to (not guides, workbooks)."),
)}


def _conf(app: Sphinx) -> str:
    return str(Path(app.confdir, "conf.py"))


def check_settings(app: Sphinx, config: Config) -> None:
    """Refuse, before any work, settings that point at the wrong place or name
    what the kit does not have (config-inited)."""
    bibliography.check_files(app, config)

    settings = Path(app.srcdir, config.kit_handout_settings)
    if config.kit_handout_settings != SETTINGS["kit_handout_settings"].default \
            and not settings.is_file():
        stop(Problem(str(settings), 0, "kit_handout_settings",
                     "file not found: check the path (it is relative to the project folder); "
                     "without it handouts would print no clinician details", Subtype.CLINICIAN))
    if pack.requested(app):
        problem = pack.target_problem(app)
        if problem is not None:
            stop(problem)
    if config.kit_pack_paper not in PAPER_LABELS:
        stop(Problem(str(pack.target(app)), 0, "pack --paper (kit_pack_paper)",
                     f"unknown paper '{config.kit_pack_paper}'; use one of "
                     f"{', '.join(PAPER_LABELS)}", Subtype.PACK))
    papers = set(config.kit_page_limits).union(
        *(set(limits) for limits in config.kit_translation_page_limits.values()))
    unknown = sorted(papers - set(PAPER_LABELS))
    if unknown:
        stop(Problem(_conf(app), 0, "kit_page_limits",
                     f"unknown paper {', '.join(unknown)}; use {', '.join(PAPER_LABELS)}"))
    kinds = sorted(set(config.kit_page_limited_kinds) - set(ITEM_KINDS))
    if kinds:
        stop(Problem(_conf(app), 0, "kit_page_limited_kinds",
                     f"unknown item kind {', '.join(kinds)}; use {', '.join(ITEM_KINDS)}"))
    if config.kit_pdf_workers < 0:
        stop(Problem(_conf(app), 0, "kit_pdf_workers",
                     f"{config.kit_pdf_workers} processes: use 0 (every core) or more"))


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
                         "build into another folder or make it writable", Subtype.OUTPUT))


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS.values():
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=setting.types, description=setting.description)
    check_output_folders(app)
    # Before Sphinx's own type checks (priority 800), so a wrong paper gets
    # the kit's message, and long before any document is read.
    app.connect("config-inited", check_settings)
