"""The printed practice log: a row a day, one one-line form field per cell
(printing.answers), so a log can be filled in by hand or typed into; on a
sheet of its own, or after the parts of a participant workbook.

The log items themselves come from read.practicelog.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from sphinx.application import Sphinx

from compassion_kit.model import Item
from compassion_kit.printing import answers
from compassion_kit.printing import html as printhtml
from compassion_kit.printing.clinician import ClinicianDetails
from compassion_kit.printing.collection import collection_parts
from compassion_kit.problems import Problem, ProblemError, Subtype
from compassion_kit.read.practicelog import DAYS, columns, log_id
from compassion_kit.words import _

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
                                   "the print template has no <main> element", Subtype.PDF))
    return f"{html[:start]}<main>\n{main}\n{html[end:]}"


def handout_html(app: Sphinx, item: Item, by_id: dict[str, Item],
                 details: ClinicianDetails) -> str:
    """The log's print HTML: the handout page of its practice (masthead,
    footer, links back to the practice's web page) around the log sheet."""
    html = printhtml.handout_html(app, item, by_id, details)
    return _swap_main(html, sheet_html(item), str(app.env.doc2path(item.docname)))


def workbook_logs(item: Item, by_id: dict[str, Item]) -> list[Item]:
    """The logs of a workbook's practices, in the workbook's order."""
    return [by_id[log_id(part)] for part in collection_parts(item) if log_id(part) in by_id]


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
                                   "the workbook's cover has no list of contents", Subtype.PDF))
    html = f"{html[:contents_end]}{entries}{html[contents_end:]}"
    end = html.rfind("</main>")
    if end < 0:
        raise ProblemError(Problem(where, 1, "practice log",
                                   "the print template has no <main> element", Subtype.PDF))
    return f"{html[:end]}{Markup(sheets)}\n{html[end:]}"


def print_html(app: Sphinx, item: Item, by_id: dict[str, Item],
               details: ClinicianDetails) -> str:
    """The print HTML of any item: logs and workbooks get their logs here,
    everything else is printhtml's."""
    if item.kind_info.log:
        return handout_html(app, item, by_id, details)
    html = printhtml.handout_html(app, item, by_id, details)
    if item.kind_info.workbook:
        html = add_to_workbook(app, item, by_id, html)
    return html
