"""The kinds of printable item the kit reads from source files.

Each kind lives in its own folder, has its own JSON Schema and its own body
rules; everything else (catalogue, cards, handouts) treats them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from . import sections
from .problems import Problem


@dataclass(frozen=True)
class Kind:
    name: str  # as written in catalog.json
    label: str  # as shown to people
    folder_config: str  # config value holding the folder
    schema_config: str  # config value holding the JSON Schema path
    check_body: Callable[[nodes.document, str], list[Problem]]


EXERCISE = Kind("exercise", "Practice", "kit_exercise_dir", "kit_exercise_schema",
                sections.check)
INFO_SHEET = Kind("info-sheet", "Info sheet", "kit_info_sheet_dir", "kit_info_sheet_schema",
                  sections.check_info_sheet)
KINDS = (EXERCISE, INFO_SHEET)
BY_NAME = {kind.name: kind for kind in KINDS}


def kind_of(app: Sphinx, docname: str) -> Kind | None:
    """The kind of ``docname`` by its folder; folder index pages are not items."""
    if docname.endswith("/index"):
        return None
    for kind in KINDS:
        folder = getattr(app.config, kind.folder_config).strip("/") + "/"
        if docname.startswith(folder):
            return kind
    return None
