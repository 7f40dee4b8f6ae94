"""The printed sheets of a workshop's package (read.workshop_package): the
invitation, the take-home support sheet and the anonymous feedback form.

Each is a doctree written from the plan's front matter (and its "After the
session" list), printed like any handout by printing.html: the masthead and
the footer with the paper's safety line, the crisis lines of the paper's
region (the ``{crisis-line}`` node, as handouts print it), and write-in
spaces as form fields (printing.answers), so a facilitator can type the date
and place into the invitation and a participant can fill in the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from compassion_kit.kitnodes import crisis_line
from compassion_kit.model import FEEDBACK_FORM, INVITATION, SUPPORT_SHEET, Item, ItemKind
from compassion_kit.printing.answers import render as write_in
from compassion_kit.read import collector, practicelog, workshop_package
from compassion_kit.read.workshops import workbook_exercises
from compassion_kit.rules import safety
from compassion_kit.web.crisisline import PRINT_FLAG, variants
from compassion_kit.web.slidedeck import group_agreement
from compassion_kit.web.supportlines import lines_of, localized
from compassion_kit.words import _, ngettext

GROUPING_WORDS = {"whole group": _("as a whole group"), "pairs": _("in pairs"),
                  "trios": _("in threes"), "small groups": _("in small groups"),
                  "solo": _("on your own")}


def _para(text: str, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    return nodes.paragraph("", str(text), classes=list(classes))


def _section(title: str, *children: nodes.Node, name: str = "") -> nodes.section:
    section = nodes.section(ids=[name] if name else [], classes=["kit-package-part"])
    section += nodes.title("", str(title))
    section.extend(children)
    return section


def _fields(*fields: dict) -> nodes.raw:
    return nodes.raw("", "".join(write_in(field) for field in fields), format="html")


def _bullets(texts: list[str]) -> nodes.bullet_list:
    return nodes.bullet_list("", *(nodes.list_item("", _para(text)) for text in texts))


def _marked(text: str) -> nodes.paragraph:
    """A data file's sentence with its **bold** parts (the agreement's style)."""
    para = nodes.paragraph()
    for index, part in enumerate(re.split(r"\*\*(.+?)\*\*", " ".join(text.split()))):
        if part:
            para += nodes.strong("", part) if index % 2 else nodes.Text(part)
    return para


def _practices(app: Sphinx, item: Item) -> list[Item]:
    """The plan's practices (read.workshops: agenda order), as items."""
    by_id = {found.id: found for found in collector.items(app.env)}
    return [by_id[name] for name in workbook_exercises(item.meta) if name in by_id]


def _groupings(data: dict) -> str:
    found = [str(GROUPING_WORDS[segment["grouping"]]) for segment in data["agenda"]
             if segment.get("grouping") in GROUPING_WORDS]
    found = list(dict.fromkeys(found))
    if len(found) > 1:
        return str(_("{most} and {last}")).format(most=", ".join(found[:-1]), last=found[-1])
    return found[0] if found else ""


def invitation(app: Sphinx, item: Item, doctree: nodes.document) -> list[nodes.Node]:
    data = item.meta
    size = data["group_size"]
    session = str(_("A session of {minutes} minutes for {min} to {max} people.")).format(
        minutes=data["duration_minutes"], min=size["min"], max=size["max"])
    expect: list[nodes.Element] = [_para(session)]
    groupings = _groupings(data)
    if groupings:
        expect.append(_para(str(_("You will work {ways}. You don't need to prepare anything: "
                                  "you get a workbook and a pen.")).format(ways=groupings)))
    # (The plan words its outcomes as what participants can do.)
    expect += [_para(_("By the end, participants can:")), _bullets(list(data["outcomes"]))]
    asks = [safety.ASKS[name].label for practice in _practices(app, item)
            for name in practice.meta.get("asks", []) if name in safety.ASKS]
    note = [_para(_("We will talk about how people respond when someone is having a hard "
                    "time. Thinking about this can bring up feelings, and that is okay."))]
    if asks:
        note.append(_para(str(_("Parts of the session ask for: {asks}.")).format(
            asks="; ".join(dict.fromkeys(asks)))))
    choice = [
        _para(_("You can come and just listen. You can pass on any question or activity, "
                "and step out at any time. You never need to give a reason.")),
        _para(_("If you would rather not come, that is fine too. Just let me know.")),
        nodes.paragraph("", "", nodes.strong("", str(_(
            "If you are going through a very hard time right now, talk to me first."))),
            nodes.Text(" " + str(_("We can work out together what would help: coming, "
                                   "skipping this one, or other support.")))),
    ]
    terms = group_agreement(app)
    shared = [_para(_("We start by reading our group agreement together. Here it is, so "
                      "you know before you come:")),
              nodes.bullet_list("", *(nodes.list_item("", _marked(point))
                                      for point in terms["points"]),
                                classes=["kit-agreement-points"])]
    access = [_para(_("Tell me what would help you take part: large print, captions, a "
                      "quiet seat, a break, or anything else."))]
    return [
        _para(data["summary"], ("kit-summary",)),
        _fields({"name": "date", "label": str(_("Date")), "type": "line"},
                {"name": "time", "label": str(_("Time")), "type": "line"},
                {"name": "place", "label": str(_("Place or video link")), "type": "line"},
                {"name": "host", "label": str(_("From (name and how to reach me)")),
                 "type": "line"},
                {"name": "reply_by", "label": str(_("Please reply by")), "type": "line"}),
        _section(_("What to expect"), *expect, name="what-to-expect"),
        _section(_("Content note"), *note, name="content-note"),
        _section(_("Taking part is your choice"), *choice, name="your-choice"),
        _section(str(terms["title"]), *shared, name="group-agreement"),
        _section(_("Access needs"), *access, name="access"),
    ]


class region_lines(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Every support line of the paper's region (each region's list marked
    with the papers that print it, as crisisline.py marks its sentence)."""


def visit_region_lines(translator: HTML5Translator, node: region_lines) -> None:
    builder = translator.builder
    data = localized(builder.env)
    for region, papers in variants(getattr(builder, PRINT_FLAG, None),
                                   builder.config.kit_region):
        entries = "".join(
            f"<li><strong>{escape(line.name)}</strong>: {escape(line.reach)} "
            f"({escape(line.hours)}; {escape(line.who)})</li>"
            for line in lines_of(data, region) if not line.crisis)
        if entries:
            translator.body.append(f'<ul class="kit-region-lines kit-region-variant '
                                   f'kit-region-{region} {papers}">{entries}</ul>\n')
    raise nodes.SkipNode


def support_sheet(app: Sphinx, item: Item, doctree: nodes.document) -> list[nodes.Node]:
    practices = _practices(app, item)
    after = workshop_package.follow_up(doctree)
    keep: list[nodes.Node] = [_para(_("Try this after the session:")), *after] if after else []
    if practices:
        titles = ", ".join(f"“{practice.title}”" for practice in practices)
        logs = {practicelog.log_id(practice.id) for practice in practices}
        has_log = any(found.id in logs for found in collector.items(app.env))
        keep.append(_para(str(ngettext(
            "Your workbook has today's practice: {titles}.",
            "Your workbook has today's practices: {titles}.", len(practices))).format(
                titles=titles)
            + (" " + str(_("Its practice log helps you keep track.")) if has_log else "")))
    here = [_para(_("Add the support you can reach, such as an employee assistance program "
                    "(EAP) at work. Your facilitator can help you fill this in.")),
            _fields({"name": "work_support", "label": str(_("Support at work")),
                     "type": "line"},
                {"name": "work_support_contact", "label": str(_("Phone or website")),
                 "type": "line"},
                {"name": "my_person", "label": str(_("Someone I can talk to")),
                 "type": "line"})]
    return [
        _para(_("Thank you for taking part. Sessions like this can bring up feelings, "
                "sometimes a day or two later. That is normal. This sheet says where to "
                "turn."), ("kit-summary",)),
        _section(_("If you need help now"), crisis_line(),
                 _para(_("Other lines you can call or text:")), region_lines(),
                 name="help-now"),
        _section(_("Support at work and near you"), *here, name="support-near-you"),
        *([_section(_("Keep it going"), *keep, name="keep-it-going")] if keep else []),
    ]


def feedback_form(app: Sphinx, item: Item, doctree: nodes.document) -> list[nodes.Node]:
    data = item.meta
    rating = {"name": "rating", "type": "table", "label": str(_(
        "How able do you feel to do each of these?")),
              "columns": [str(_("Before today (1–5)")), str(_("Now (1–5)"))],
              "rows": list(data["outcomes"]), "widths": [56, 22, 22]}
    return [
        _para(_("Please don't write your name: this form is anonymous. Answer only what you "
                "want to. When you are done, fold it and leave it where your facilitator shows "
                "you. If you send it by email, your address shows who you are."),
              ("kit-summary",)),
        _section(_("Before and after"), _para(_(
            "Write a number from 1 (not at all) to 5 (very able) for before today and for "
            "now.")), nodes.raw("", write_in(rating), format="html"), name="ratings"),
        _section(_("Your thoughts"), _fields(
            {"name": "safe", "type": "choice", "options": [str(_("Yes")), str(_("Partly")),
                                                          str(_("No"))],
             "label": str(_("I felt free to take part in my own way (to share, pass or "
                            "step out)."))},
            {"name": "helped", "label": str(_("What helped you most today?")), "lines": 2},
            {"name": "change", "label": str(_("What would you change?")), "lines": 2},
            {"name": "will_try", "label": str(_(
                "One thing I'll try in the next two weeks")), "lines": 2}), name="thoughts"),
    ]


SHEETS: dict[ItemKind, Callable[[Sphinx, Item, nodes.document], list[nodes.Node]]] = {
    INVITATION: invitation, SUPPORT_SHEET: support_sheet, FEEDBACK_FORM: feedback_form}


def sheet_tree(app: Sphinx, item: Item, doctree: nodes.document) -> nodes.section:
    """The printed sheet of a package item; ``doctree`` is its plan's page."""
    root = nodes.section(ids=[item.kind], classes=["kit-package"])
    root += nodes.title("", item.title)
    root.extend(SHEETS[item.kind_info](app, item, doctree))
    return root


def setup_package(app: Sphinx) -> None:
    app.add_node(region_lines, html=(visit_region_lines, None))
