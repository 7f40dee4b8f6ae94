"""Practice logs: a one-page, 14-day log for a practice meant to be repeated.

A practice asks for one with a field of type ``log`` in its front matter
(its label is the line printed above the log). The log is an item of its
own, ``<id>-log`` (item kind ``practice-log``): it has its PDFs and its entry in
catalog.json, the practice's page links to it under its own print links, and
a participant workbook prints the logs of its practices after them (every
workshop plan asks for two weeks of practice after the session).

Each day is a row: date, minutes, distress before and after (0 to 10) and
what helped. This module makes the log items; printing.logsheet prints them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from compassion_kit.model import EXERCISE, PRACTICE_LOG, Item
from compassion_kit.read import items as reading
from compassion_kit.words import _

DAYS = 14
SUFFIX = "-log"


def log_field(data: dict[str, Any]) -> dict[str, Any] | None:
    """The practice's ``log`` field, or None when it asks for no log."""
    return next((field for field in data.get("fields", [])
                 if isinstance(field, dict) and field.get("type") == "log"), None)


def log_id(practice_id: str) -> str:
    return f"{practice_id}{SUFFIX}"


def columns() -> list[str]:
    """The log's columns, in the build's language."""
    return [str(_("Date")), str(_("Minutes")), str(_("Distress before (0–10)")),
            str(_("Distress after (0–10)")), str(_("What helped"))]


def log_item(docname: str, data: dict[str, Any]) -> Item | None:
    """The log item of the practice whose (translated) front matter is ``data``."""
    field = log_field(data)
    if field is None:
        return None
    title = str(_("{title}: Practice Log")).format(title=data["title"])
    summary = str(_("A row a day for two weeks: the date, the minutes, your distress before "
                    "and after, and what helped."))
    meta = {key: value for key, value in data.items()
            if key not in ("fields", "sources", "caution", "contraindications", "asks")}
    meta.update(practice=data["id"], log=field, days=DAYS)
    return Item(id=log_id(data["id"]), kind=PRACTICE_LOG.name, docname=docname, title=title,
                summary=summary, audiences=tuple(data["audiences"]),
                duration_minutes=data["duration_minutes"], meta=meta)


def exercise_items(docname: str, data: dict[str, Any]) -> list[Item]:
    """An exercise's items: the practice, and its log when it asks for one."""
    found = reading.single_item(EXERCISE.name)(docname, data)
    log = log_item(docname, data)
    return [*found, log] if log is not None else found


def decorate(app: Sphinx, doctree: nodes.document, items: list[Item], docname: str) -> None:
    """The practice's furniture (reading.decorate); its log's print links
    right under the practice's own."""
    practice = [item for item in items if not item.kind_info.log]
    reading.decorate(app, doctree, practice, docname)
    for log in (item for item in items if item.kind_info.log):
        boxes = [box for box in doctree.findall(nodes.container)
                 if "kit-print" in box["classes"]]
        box = reading.print_links(log, docname, label=str(_("Practice log, {days} days"))
                                  .format(days=DAYS))
        box["classes"] += ["no-search", "kit-print-log"]
        if boxes:
            boxes[0].parent.insert(boxes[0].parent.index(boxes[0]) + 1, box)

