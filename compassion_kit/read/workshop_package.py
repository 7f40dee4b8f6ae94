"""A workshop's package: what a facilitator sends, hands out, collects and
projects, made from any plan (read.workshops makes its guide and workbook).

Each plan yields four more printable items, written from its front matter
and its required sections (printing.package and printing.slides print them):

- ``<id>-invitation``: what to expect, a content note, an easy way out, and
  spaces for the date, time and place;
- ``<id>-support-sheet``: the region's crisis lines, a space for the
  workplace's support line, and the practice to keep up afterwards;
- ``<id>-feedback-form``: anonymous; what helped, what to change, one thing
  to try, and a before-and-after rating of each of the plan's outcomes;
- ``<id>-slides``: a 16:9 deck (web.slidedeck plans it; the guide gets
  speaker notes keyed to its slide numbers).

The guide itself gains the facilitator's own debrief and self-care
checklist (``self_care_section``), on its page and on paper.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from compassion_kit.model import FEEDBACK_FORM, INVITATION, SLIDES, SUPPORT_SHEET, Item, ItemKind
from compassion_kit.rules import sections
from compassion_kit.words import N_, _

# (kind, id suffix, title pattern, summary), in the order the plan's page lists them.
PARTS: tuple[tuple[ItemKind, str, str, str], ...] = (
    (INVITATION, "invitation", N_("{title}: Invitation"),
     N_("An invitation to send before the session: what to expect, a content note, an easy "
        "way to opt out, and spaces for the date, time and place.")),
    (SUPPORT_SHEET, "support-sheet", N_("{title}: Take-Home Support Sheet"),
     N_("For everyone to take home: crisis and support lines, a space for support at work, "
        "and the practice to keep up after the session.")),
    (FEEDBACK_FORM, "feedback-form", N_("{title}: Feedback Form"),
     N_("An anonymous form for the end of the session: what helped, what to change, one "
        "thing to try, and a before-and-after rating of each aim.")),
    (SLIDES, "slides", N_("{title}: Slides"),
     N_("Slides to project (16:9): the title, the group agreement, each part of the agenda "
        "with its prompt and minutes, the debrief questions and the close.")),
)


def package_items(docname: str, data: dict[str, Any]) -> list[Item]:
    """The four package items of the plan whose front matter is ``data``."""
    # Without the plan's sources: the package cites nothing (printing.html
    # would print them at the end of each sheet).
    meta = {key: value for key, value in data.items() if key != "sources"}
    return [Item(id=f"{data['id']}-{suffix}", kind=kind.name, docname=docname,
                 title=str(_(title)).format(title=data["title"]), summary=str(_(summary)),
                 audiences=("team",), duration_minutes=data["duration_minutes"], meta=meta)
            for kind, suffix, title, summary in PARTS]


def plan_sections(doctree: nodes.document) -> dict[str, nodes.section]:
    """The plan's '##' sections by key (read.workshops.REQUIRED)."""
    # (Imported here: read.workshops makes its items with this module's.)
    from compassion_kit.read.workshops import REQUIRED

    return sections.check_order(doctree, "", REQUIRED)[1]


def debrief_questions(doctree: nodes.document) -> list[tuple[str, list[str]]]:
    """The questions of the plan's "Debrief" section, in groups: (the bold
    line above them, such as "What?", or "", [each question])."""
    section = plan_sections(doctree).get("debrief")
    if section is None:
        return []
    groups: list[tuple[str, list[str]]] = []
    label = ""
    for child in section.children:
        # (MyST leaves empty text around a paragraph's only bold run.)
        inline = [part for part in child.children
                  if not (isinstance(part, nodes.Text) and not part.strip())]
        if isinstance(child, nodes.paragraph) and len(inline) == 1 \
                and isinstance(inline[0], nodes.strong):
            label = child.astext().strip()
        elif isinstance(child, nodes.bullet_list):
            questions = [" ".join(item.astext().split()) for item in child.children]
            groups.append((label, questions))
            label = ""
    return groups


def follow_up(doctree: nodes.document) -> list[nodes.Element]:
    """The practice to keep up, copied from the plan's "After the session"
    section: its first list (the steps for participants; the paragraphs
    around it speak to the facilitator), or without one its paragraphs."""
    section = plan_sections(doctree).get("after")
    if section is None:
        return []
    found = next(iter(section.findall(nodes.bullet_list)), None)
    if found is not None:
        return [found.deepcopy()]
    return [child.deepcopy() for child in section.children
            if isinstance(child, nodes.paragraph)]


# The facilitator's own debrief and self-care, after the session (practice wisdom).
SELF_CARE = (
    N_("Take five quiet minutes before your next task. Notice how you feel."),
    N_("Write down anyone to follow up with: someone who left upset, asked for support, "
       "or shared something serious."),
    N_("If someone shared something you may have to act on, follow the group agreement "
       "and talk to the right person soon. Tell the person first where you can."),
    N_("Check in privately within a day with anyone who seemed upset, and share the "
       "support routes again."),
    N_("Ask a co-facilitator or a colleague: what went well, what was hard, and what "
       "would you change?"),
    N_("Read the feedback forms within a week. Note one thing to keep and one to change."),
    N_("Send the one-week reminder and plan the two-week follow-up."),
    N_("If the session stirred up your own feelings, talk to someone you trust, or use "
       "your employee assistance program."),
)
SELF_CARE_ID = "your-debrief-and-self-care"


def self_care_section() -> nodes.section:
    """"Your debrief and self-care": a checklist for the facilitator (the
    guide's last section, on the web and on paper)."""
    section = nodes.section(ids=[SELF_CARE_ID], names=[SELF_CARE_ID],
                            classes=["kit-self-care"])
    section += nodes.title("", str(_("Your debrief and self-care")))
    section += nodes.paragraph("", str(_(
        "Running a session takes care, and listening to others can stir up your own "
        "feelings. Tick these off in the days after (practice wisdom, not a rule).")))
    section += nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph("", str(_(step))))
                                       for step in SELF_CARE), classes=["kit-checklist"])
    return section
