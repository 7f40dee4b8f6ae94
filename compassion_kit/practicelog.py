"""Practice logs: a one-page, 14-day log for a practice meant to be repeated.

A practice asks for one with a field of type ``log`` in its front matter
(its label is the line printed above the log). The log is an item of its
own, ``<id>-log`` (kind ``practice-log``): it has its PDFs and its entry in
catalog.json, the practice's page links to it under its own print links, and
a participant workbook prints the logs of its practices after them (every
workshop plan asks for two weeks of practice after the session).

Each day is a row: date, minutes, distress before and after (0 to 10) and
what helped, one one-line form field per cell (answers.py), so a log can be
filled in by hand or typed into.
"""

from __future__ import annotations

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx

from . import answers, reading
from .items import Item
from .problems import Problem, ProblemError
from .translation import _

KIND = "practice-log"
DAYS = 14
SUFFIX = "-log"


def log_field(data: dict) -> dict | None:
    """The practice's ``log`` field, or None when it asks for no log."""
    return next((field for field in data.get("fields", [])
                 if isinstance(field, dict) and field.get("type") == "log"), None)


def log_id(practice_id: str) -> str:
    return f"{practice_id}{SUFFIX}"


def columns() -> list[str]:
    """The log's columns, in the build's language."""
    return [str(_("Date")), str(_("Minutes")), str(_("Distress before (0–10)")),
            str(_("Distress after (0–10)")), str(_("What helped"))]


def log_item(docname: str, data: dict) -> Item | None:
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
    return Item(id=log_id(data["id"]), kind=KIND, docname=docname, title=title, summary=summary,
                audiences=tuple(data["audiences"]), duration_minutes=data["duration_minutes"],
                meta=meta)


def exercise_items(docname: str, data: dict) -> list[Item]:
    """An exercise's items: the practice, and its log when it asks for one."""
    found = reading.single_item("exercise")(docname, data)
    log = log_item(docname, data)
    return [*found, log] if log is not None else found


def decorate(app: Sphinx, doctree: nodes.document, items: list[Item], docname: str) -> None:
    """The practice's furniture (reading.decorate); its log's print links
    right under the practice's own."""
    practice = [item for item in items if item.kind != KIND]
    reading.decorate(app, doctree, practice, docname)
    for log in (item for item in items if item.kind == KIND):
        boxes = [box for box in doctree.findall(nodes.container)
                 if "kit-print" in box["classes"]]
        box = reading.print_links(log, docname, label=str(_("Practice log, {days} days"))
                                  .format(days=DAYS))
        box["classes"] += ["no-search", "kit-print-log"]
        if boxes:
            boxes[0].parent.insert(boxes[0].parent.index(boxes[0]) + 1, box)


def facts(item: Item) -> str:
    """'14 days · 5 minutes each time' (the log's masthead)."""
    return str(_("{days} days · {count} minutes each time")).format(
        days=item.meta["days"], count=item.meta["duration_minutes"])


# -- The sheet ----------------------------------------------------------------------------------

def sheet_html(item: Item, prefix: str = "", heading: str = "h1") -> str:
    """The log as printed: title, the practice's own line, the key to the
    0-10 numbers, then a row per day, one form field per cell named
    ``<prefix>log.<day>.<column>``."""
    field = item.meta["log"]
    table_field = {"name": "log", "columns": columns(),
                   "rows": [str(day) for day in range(1, DAYS + 1)],
                   "widths": [7, 14, 15, 15, 15, 34]}
    table = answers.table_html(table_field, f"{prefix}log", corner=str(_("Day")))
    key = escape(_("Distress: 0 = calm, 10 = as upset as I can imagine. A few words are "
                   "enough for what helped."))
    after = escape(_("It is yours to keep. Share it with your counselor or group only if you "
                     "like."))
    return (f'<section class="kit-practice-log"><{heading} class="kit-log-title">'
            f"{escape(item.title)}</{heading}>"
            f'<p class="kit-summary">{escape(item.summary)}</p>'
            f'<p class="kit-log-intro">{escape(answers.curly(field["label"]))}</p>'
            f'<p class="kit-log-key">{key}</p>'
            f'<div class="write-in answer answer-table answer-log">{table}</div>'
            f'<p class="kit-log-after">{after}</p>'
            "</section>")


def _swap_main(html: str, main: str, where: str) -> str:
    start, end = html.find("<main>"), html.rfind("</main>")
    if start < 0 or end < start:
        raise ProblemError(Problem(where, 1, "practice log",
                                   "the print template has no <main> element", "pdf"))
    return f"{html[:start]}<main>\n{main}\n{html[end:]}"


def handout_html(app: Sphinx, item: Item, by_id: dict[str, Item], details) -> str:
    """The log's print HTML: the handout page of its practice (masthead,
    footer, links back to the practice's web page) around the log sheet."""
    from . import printhtml

    html = printhtml.handout_html(app, item, by_id, details)
    return _swap_main(html, sheet_html(item), str(app.env.doc2path(item.docname)))


def workbook_logs(item: Item, by_id: dict[str, Item]) -> list[Item]:
    """The logs of a workbook's practices, in the workbook's order."""
    from .workshops import workbook_exercises

    return [by_id[log_id(part)] for part in workbook_exercises(item.meta)
            if log_id(part) in by_id]


def add_to_workbook(app: Sphinx, item: Item, by_id: dict[str, Item], html: str) -> str:
    """A workbook's print HTML with its practices' logs after the last part,
    each on a page of its own and listed on the cover with its page."""
    logs = workbook_logs(item, by_id)
    if not logs:
        return html
    where = str(app.env.doc2path(item.docname))
    sheets = "".join(
        f'<section class="kit-collection-part kit-log-part" id="part-{escape(log.id)}">'
        f'{sheet_html(log, prefix=f"{log.id}_", heading="h2")}</section>' for log in logs)
    entries = "".join(f'<li><a class="kit-toc-entry" href="#part-{escape(log.id)}">'
                      f"{escape(log.title)}</a></li>" for log in logs)
    contents_end = html.find("</ol>", html.find('<ol class="kit-contents">'))
    if '<ol class="kit-contents">' not in html or contents_end < 0:
        raise ProblemError(Problem(where, 1, "practice log",
                                   "the workbook's cover has no list of contents", "pdf"))
    html = f"{html[:contents_end]}{entries}{html[contents_end:]}"
    end = html.rfind("</main>")
    if end < 0:
        raise ProblemError(Problem(where, 1, "practice log",
                                   "the print template has no <main> element", "pdf"))
    return f"{html[:end]}{Markup(sheets)}\n{html[end:]}"


def print_html(app: Sphinx, item: Item, by_id: dict[str, Item], details) -> str:
    """The print HTML of any item: logs and workbooks get their logs here,
    everything else is printhtml's."""
    from . import printhtml

    if item.kind == KIND:
        return handout_html(app, item, by_id, details)
    html = printhtml.handout_html(app, item, by_id, details)
    if item.kind == "workbook":
        html = add_to_workbook(app, item, by_id, html)
    return html
