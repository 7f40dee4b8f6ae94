"""The kinds of source file the kit reads, and the items each yields.

A *source kind* (exercise, info sheet, workshop plan, session pathway) has its own folder,
JSON Schema, body and data rules, and yields one or more printable items,
each of an *item kind* (model.ITEM_KINDS): an exercise yields its practice
and maybe a practice log, a workshop plan a facilitator guide and a
participant workbook. After reading, the kit works with items: what differs
between them is a property of their item kind, not of their source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from compassion_kit.model import INFO_SHEET, Item
from compassion_kit.problems import Problem
from compassion_kit.read import items as reading
from compassion_kit.read import pathways, practicelog, workshops
from compassion_kit.rules import safety, sections
from compassion_kit.rules.frontmatter import FrontMatter


def _no_data_rules(front: FrontMatter) -> list[Problem]:
    return []


@dataclass(frozen=True)
class SourceKind:
    name: str
    folder_config: str  # config value holding the folder
    schema_config: str  # config value holding the JSON Schema path
    check_body: Callable[[nodes.document, str], list[Problem]]
    make_items: Callable[[str, dict], list[Item]]  # (docname, front matter) -> its items
    decorate: Callable[[Sphinx, nodes.document, list[Item], str], None]  # the web furniture
    check_data: Callable[[FrontMatter], list[Problem]] = _no_data_rules  # after the schema


# An exercise yields its practice and, when it asks for one, its practice log.
EXERCISE_SOURCE = SourceKind(
    "exercise", "kit_exercise_dir", "kit_exercise_schema", sections.check_exercise_body,
    practicelog.exercise_items, practicelog.decorate, safety.check_exercise)
INFO_SHEET_SOURCE = SourceKind(
    "info-sheet", "kit_info_sheet_dir", "kit_info_sheet_schema", sections.check_info_sheet,
    reading.single_item(INFO_SHEET.name), reading.decorate)
# A workshop plan yields its facilitator guide and its participant workbook.
WORKSHOP_SOURCE = SourceKind(
    "workshop", "kit_workshop_dir", "kit_workshop_schema", workshops.check_body,
    workshops.make_items, workshops.decorate, workshops.check_agenda)
# A session pathway yields its pack: the handouts of its practices, in session order.
PATHWAY_SOURCE = SourceKind(
    "pathway", "kit_pathway_dir", "kit_pathway_schema", pathways.check_body,
    pathways.make_items, pathways.decorate, pathways.check_sessions)
SOURCE_KINDS = (EXERCISE_SOURCE, INFO_SHEET_SOURCE, WORKSHOP_SOURCE, PATHWAY_SOURCE)


def source_kind_of(app: Sphinx, docname: str) -> SourceKind | None:
    """The source kind of ``docname`` by its folder; folder index pages are not items."""
    return source_kind_in(app.config, docname)


def source_kind_in(config: Config, docname: str) -> SourceKind | None:
    if docname.endswith("/index"):
        return None
    for kind in SOURCE_KINDS:
        folder = getattr(config, kind.folder_config).strip("/") + "/"
        if docname.startswith(folder):
            return kind
    return None
