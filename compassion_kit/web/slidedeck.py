"""A workshop's slide deck, planned from its plan, and its speaker notes.

One plan gives one deck (``deck``): a title slide, one slide per agenda
segment with its prompt and minutes (the shared group agreement after the
opening's, as many slides as its points need), the questions of the plan's
"Debrief" section after the last debrief segment, and a closing slide.
printing.slides prints the deck;
``add_speaker_notes`` puts a note for every slide, by number, into the
plan's page (so into the facilitator guide too, which prints that page).

Text on a slide is at least 28 pt, so a slide holds about ten lines: a
prompt too long for that shows its first sentences (the note says so and the
agenda keeps the full words), and long lists go on to a further slide.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from compassion_kit.i18n import datafiles
from compassion_kit.read import collector, workshop_package
from compassion_kit.read.workshops import clock
from compassion_kit.web import agreement
from compassion_kit.words import _

# What a slide holds at 28 pt on 960 x 540 pt (printing/slides.css): lines of
# about this many characters (a full line of the kit's font holds about 70;
# words wrap early), and this many lines under a one-line heading (11 fit).
# tests/site/test_slides.py checks that no slide runs onto a second page.
CHARS_PER_LINE = 64
LINES_PER_SLIDE = 10.5
GAP = 0.3  # a paragraph's or list item's space after, in lines
HEADING_CHARS = 40  # a heading's line at 40 pt
NOTES_ID = "slides-and-speaker-notes"
GROUPING_WORDS = {"whole group": _("whole group"), "pairs": _("in pairs"),
                  "trios": _("in threes"), "small groups": _("small groups"),
                  "solo": _("on your own")}


@dataclass(frozen=True)
class Slide:
    """One slide: what it shows and the facilitator's note for it."""

    role: str  # title, agreement, segment, debrief, close (its look: slides.css)
    heading: str
    note: str
    facts: str = ""  # "7 minutes · in pairs"
    text: tuple[str, ...] = ()  # paragraphs; **bold** allowed
    points: tuple[str, ...] = ()  # a list; **bold** allowed
    crisis: bool = False  # ends with the crisis lines of the deck's region


def plain(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def lines(text: str) -> float:
    """Lines ``text`` takes on a slide, with the space after it."""
    return math.ceil(len(plain(text)) / CHARS_PER_LINE) + GAP


def room(heading: str, facts: str = "") -> float:
    """Lines left for the body under ``heading`` (and a facts line)."""
    extra = math.ceil(len(heading) / HEADING_CHARS) - 1
    return LINES_PER_SLIDE - 1.5 * extra - (lines(facts) if facts else 0)


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?…])\s+", " ".join(text.split())) if part]


def shortened(text: str, budget: float) -> tuple[str, bool]:
    """``text``, or its first sentences that fit in ``budget`` lines (True if cut)."""
    if lines(text) <= budget:
        return " ".join(text.split()), False
    kept: list[str] = []
    for sentence in sentences(text):
        if lines(" ".join([*kept, sentence])) > budget:
            break
        kept.append(sentence)
    if not kept:  # one very long sentence: its first words
        words = text.split()
        while words and lines(" ".join(words) + " …") > budget:
            words.pop()
        return " ".join(words) + " …", True
    return " ".join(kept), True


def clipped(heading: str, lines_at_most: int = 2) -> str:
    """A heading cut to its first words that fit in two lines at 40 pt."""
    words = heading.split()
    if len(" ".join(words)) <= lines_at_most * HEADING_CHARS:
        return " ".join(words)
    while words and len(" ".join(words)) + 2 > lines_at_most * HEADING_CHARS:
        words.pop()
    return " ".join(words) + " …"


def paginate(points: list[str], budget: float) -> list[list[str]]:
    """``points`` on as few slides as hold them, each point whole, in order."""
    pages: list[list[str]] = [[]]
    used = 0.0
    for point in points:
        need = lines(point)
        if pages[-1] and used + need > budget:
            pages.append([])
            used = 0.0
        pages[-1].append(point)
        used += need
    return pages


def _continued(heading: str, index: int) -> str:
    return heading if index == 0 else str(_("{heading} (continued)")).format(heading=heading)


def _agreement_slides(terms: dict) -> list[Slide]:
    heading = str(terms["title"])
    pages = paginate(list(terms["points"]), room(heading))
    return [Slide("agreement", _continued(heading, index), str(
        _("Read it aloud together before anyone shares, and leave it where people can see "
          "it.") if index == 0 else _("Read on together.")), points=tuple(page))
        for index, page in enumerate(pages)]


def _segment_slide(segment: dict, start: int, titles: dict[str, str]) -> Slide:
    grouping = GROUPING_WORDS.get(segment.get("grouping", ""), "")
    facts = " · ".join(filter(None, [str(_("{count} minutes")).format(
        count=segment["minutes"]), str(grouping)]))
    exercise = titles.get(segment.get("exercise", ""), "")
    workbook = str(_("Workbook: “{title}”")).format(title=exercise) if exercise else ""
    budget = room(clipped(segment["title"]), facts) - (lines(workbook) if workbook else 0)
    prompt, cut = shortened(segment["prompt"], budget)
    note = [str(_("{start}, {minutes} minutes.")).format(start=clock(start),
                                                         minutes=segment["minutes"])]
    note.append(str(_("The slide shows the first part of the prompt: say all of it, from "
                      "the agenda.") if cut else _("The slide shows the whole prompt: read "
                                                     "it aloud or say it in your own words.")))
    if segment["kind"] != "break":
        note.append(str(_("Start a timer for {minutes} minutes.")).format(
            minutes=segment["minutes"]))
    if segment.get("materials"):
        note.append(str(_("You need: {materials}.")).format(
            materials=", ".join(segment["materials"])))
    return Slide("segment", clipped(segment["title"]), " ".join(note), facts=facts,
                 text=tuple(filter(None, [prompt, workbook])))


def _debrief_slides(groups: list[tuple[str, list[str]]], start: int) -> list[Slide]:
    found = []
    for label, questions in groups:
        heading = clipped(str(_("Debrief: {label}")).format(label=label)) if label \
            else str(_("Debrief questions"))
        budget = room(_continued(heading, 1))
        # A question too long for a slide shows its first sentences.
        questions = [shortened(question, budget)[0] for question in questions]
        for index, page in enumerate(paginate(questions, budget)):
            found.append(Slide("debrief", _continued(heading, index), str(
                _("Questions from the Debrief section, for the debrief at {start}: take two "
                  "or three voices for each.")).format(start=clock(start)), points=tuple(page)))
    return found


def deck(data: dict, terms: dict, questions: list[tuple[str, list[str]]],
         titles: dict[str, str]) -> list[Slide]:
    """Every slide of the plan whose front matter is ``data``: ``terms`` is
    the group agreement, ``questions`` the plan's debrief questions and
    ``titles`` the practices' titles by id."""
    slides = [Slide("title", data["title"], str(_("Show it as people arrive.")),
                    facts=str(_("{count} minutes")).format(count=data["duration_minutes"]),
                    text=(" ".join(data["summary"].split()),))]
    # The agreement is read in the opening, before anyone shares: its slides
    # follow the opening's (or the title, if the opening is not first).
    opening = 0 if data["agenda"][0]["kind"] == "opening" else None
    if opening is None:
        slides += _agreement_slides(terms)
    starts = [sum(segment["minutes"] for segment in data["agenda"][:index])
              for index in range(len(data["agenda"]))]
    debriefs = [index for index, segment in enumerate(data["agenda"])
                if segment["kind"] == "debrief"]
    for index, segment in enumerate(data["agenda"]):
        slides.append(_segment_slide(segment, starts[index], titles))
        if index == opening:
            slides += _agreement_slides(terms)
        if debriefs and index == debriefs[-1]:
            slides += _debrief_slides(questions, starts[index])
    slides.append(Slide("close", str(_("Thank you")), str(_(
        "Leave it up as people go. Hand out the support sheet and the feedback form, and say "
        "where to leave the forms.")), text=(
        str(_("Please fill in the feedback form. It is anonymous.")),
        str(_("Take the support sheet home. If today stirred something up, you are not "
              "alone:"))), crisis=True))
    return slides


def group_agreement(app: Sphinx) -> dict:
    """The shared group agreement, in the build's language."""
    path = Path(app.srcdir, app.config.kit_group_agreement)
    return datafiles.translate_data(app.env, "kit_group_agreement", path, agreement.load(path))


def plan_deck(app: Sphinx, data: dict, doctree: nodes.document) -> list[Slide]:
    """The deck of the plan ``data`` whose page is ``doctree``."""
    titles = {item.id: item.title for item in collector.items(app.env)
              if item.kind_info.practice}
    return deck(data, group_agreement(app), workshop_package.debrief_questions(doctree),
                titles)


def notes_section(slides: list[Slide]) -> nodes.section:
    section = nodes.section(ids=[NOTES_ID], names=[NOTES_ID], classes=["kit-speaker-notes"])
    section += nodes.title("", str(_("Slides and speaker notes")))
    section += nodes.paragraph("", str(_(
        "Project the slides: the 16:9 PDF listed with this workshop's handouts. Each note "
        "goes with the slide of its number.")))
    listing = nodes.bullet_list(classes=["kit-slide-notes"])
    for number, slide in enumerate(slides, start=1):
        listing += nodes.list_item("", nodes.paragraph(
            "", "", nodes.strong("", str(_("Slide {number}")).format(number=number)),
            nodes.Text(" " + str(_("({heading}): {note}")).format(
                heading=plain(slide.heading), note=slide.note))))
    section += listing
    return section


def add_speaker_notes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: a plan's page (web and guide alike) gets its speaker
    notes after its agenda."""
    found = collector.state(app.env).items.get(docname, ())
    slides = next((item for item in found if item.kind_info.slides), None)
    if slides is None or list(doctree.findall(
            lambda node: isinstance(node, nodes.section) and NOTES_ID in node["ids"])):
        return
    agenda = workshop_package.plan_sections(doctree).get("agenda")
    if agenda is None:
        return
    section = notes_section(plan_deck(app, slides.meta, doctree))
    agenda.parent.insert(agenda.parent.index(agenda) + 1, section)


def setup_slidedeck(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_speaker_notes)
