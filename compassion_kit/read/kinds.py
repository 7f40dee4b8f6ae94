"""The kinds of source file the kit reads, and what each yields.

Each kind lives in its own folder, has its own JSON Schema, its own body and
data rules, and yields one or more printable items; everything else
(catalogue, cards, handouts) treats items alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from compassion_kit.model import Item
from compassion_kit.problems import Problem
from compassion_kit.read import items as reading
from compassion_kit.read import practicelog, workshops
from compassion_kit.rules import safety, sections
from compassion_kit.rules.frontmatter import FrontMatter


def _no_data_rules(front: FrontMatter) -> list[Problem]:
    return []


@dataclass(frozen=True)
class Kind:
    name: str
    folder_config: str  # config value holding the folder
    schema_config: str  # config value holding the JSON Schema path
    check_body: Callable[[nodes.document, str], list[Problem]]
    make_items: Callable[[str, dict], list[Item]]
    decorate: Callable[[Sphinx, nodes.document, list[Item], str], None]
    check_data: Callable[[FrontMatter], list[Problem]] = _no_data_rules


# An exercise yields its practice and, when it asks for one, its practice log.
EXERCISE = Kind("exercise", "kit_exercise_dir", "kit_exercise_schema", sections.check,
                practicelog.exercise_items, practicelog.decorate, safety.check_exercise)
INFO_SHEET = Kind("info-sheet", "kit_info_sheet_dir", "kit_info_sheet_schema",
                  sections.check_info_sheet, reading.single_item("info-sheet"), reading.decorate)
WORKSHOP = Kind("workshop", "kit_workshop_dir", "kit_workshop_schema", workshops.check_body,
                workshops.make_items, workshops.decorate, workshops.check_agenda)
KINDS = (EXERCISE, INFO_SHEET, WORKSHOP)
# The item kinds a library can list (a workshop yields a guide and a workbook).
ITEM_KINDS = ("exercise", "info-sheet", "workshop-guide", "workbook", "practice-log")


def kind_of(app: Sphinx, docname: str) -> Kind | None:
    """The kind of ``docname`` by its folder; folder index pages are not items."""
    return kind_in(app.config, docname)


def kind_in(config, docname: str) -> Kind | None:
    if docname.endswith("/index"):
        return None
    for kind in KINDS:
        folder = getattr(config, kind.folder_config).strip("/") + "/"
        if docname.startswith(folder):
            return kind
    return None
