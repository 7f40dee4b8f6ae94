"""The shapes every layer shares: a printable item, the kinds of item, the papers.

Every source the kit reads (an exercise, an info sheet, a workshop plan; see
read/kinds.py for those *source* kinds) yields printable items. Each item has
an *item kind*: a plain string in ``Item.kind`` and catalog.json, and one
row of ``ITEM_KINDS`` below, which holds everything the code decides by it.
Code asks the row (``item.kind_info.practice``), never compares kind names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from compassion_kit.words import _


class FactsLine(StrEnum):
    """What the line under an item's title tells (read.items.facts and
    rules.taxonomy.facts_words write it)."""

    PRACTICE = "practice"  # minutes · format · intensity (· evidence)
    READING = "reading"  # "Info sheet" · minutes to read
    SESSION = "session"  # a workshop's minutes · group size
    LOG = "log"  # days · minutes each time
    SET = "set"  # how many handouts
    PATHWAY = "pathway"  # how many sessions · how many handouts


@dataclass(frozen=True)
class ItemKind:
    """One kind of printable item: what it is, where it goes, the words for it."""

    name: str  # as in Item.kind and catalog.json
    facts: FactsLine
    # What it is.
    practice: bool = False  # an exercise: its sections, write-in spaces, intensity, neighbours
    guide: bool = False  # a workshop plan's facilitator guide: points to its participant workbook
    # A participant workbook: a cover that asks the participant's name, then the
    # plan's practices in agenda order, then their practice logs.
    workbook: bool = False
    log: bool = False  # a practice log: a sheet of a row a day (printing.logsheet)
    # A session pathway's pack: its cover lists the sessions in order, each with
    # its handouts and its homework (printing.sessionplan), instead of a plain list.
    session_plan: bool = False
    collection: bool = False  # gathers other items: a cover listing them, then each one
    ends_with_help: bool = False  # its last section says where to get help (printed as a strip)
    # Where it goes.
    client_handout: bool = False  # given to clients: a name and date line, the "From" block
    in_zips: bool = False  # in downloads/handouts-<paper>.zip
    previewed: bool = False  # its page shows page 1 of its handout
    packable: bool = False  # a handout pack may gather it
    listable: bool = True  # a library may list it (``:kind:``)
    listed_by_default: bool = False  # a library without ``:kind:`` lists it
    page_limited: bool = False  # kit_page_limits apply (the default of kit_page_limited_kinds)
    # A page of its own (a key of SHEET_LABELS): printed once on that sheet, not
    # on every paper (a slide deck is a 16:9 screen page whatever the paper).
    sheet: str = ""
    # Written from its workshop plan's front matter (read.workshop_package,
    # printing.package), not printed from the plan's page.
    plan_sheet: bool = False
    slides: bool = False  # projected slides, one page each (printing.slides)
    # The words people see for it ("" where none is shown).
    label: str = ""  # "Facilitator guide": the kind's name
    label_plural: str = ""  # "Practices": a choice of the library's "Kind" filter
    label_inline: str = ""  # "facilitator guide": inside a facts line
    page_word: str = ""  # "(practice)" after a page title that another page shares
    contents_label: str = ""  # "In this workbook": above a collection's list of contents


EXERCISE = ItemKind(
    "exercise", FactsLine.PRACTICE, practice=True, client_handout=True, in_zips=True,
    previewed=True, packable=True, listed_by_default=True, page_limited=True,
    label=_("Practice"), label_plural=_("Practices"), page_word=_("practice"))
INFO_SHEET = ItemKind(
    "info-sheet", FactsLine.READING, ends_with_help=True, client_handout=True, in_zips=True,
    previewed=True, packable=True, page_limited=True, label=_("Info sheet"),
    label_plural=_("Info sheets"), label_inline=_("info sheet"), page_word=_("info sheet"))
WORKSHOP_GUIDE = ItemKind(
    "workshop-guide", FactsLine.SESSION, guide=True, label=_("Facilitator guide"),
    label_inline=_("facilitator guide"), page_word=_("workshop plan"))
WORKBOOK = ItemKind(
    "workbook", FactsLine.SESSION, workbook=True, collection=True,
    label=_("Participant workbook"), label_inline=_("participant workbook"),
    contents_label=_("In this workbook"))
PRACTICE_LOG = ItemKind("practice-log", FactsLine.LOG, log=True, client_handout=True)
PACK = ItemKind("pack", FactsLine.SET, collection=True, client_handout=True, listable=False,
                contents_label=_("In this set"))
# A session pathway (read.pathways) yields one: its practices in session order, each once.
PATHWAY_PACK = ItemKind(
    "pathway-pack", FactsLine.PATHWAY, session_plan=True, collection=True, client_handout=True,
    label=_("Pathway pack"), label_plural=_("Pathway packs"), label_inline=_("pathway pack"),
    contents_label=_("In this pack"))
# A workshop's package beside its guide and workbook (read.workshop_package):
# what a facilitator sends, hands out, collects and projects.
INVITATION = ItemKind(
    "invitation", FactsLine.SESSION, plan_sheet=True, listable=False, label=_("Invitation"),
    label_inline=_("invitation"))
SUPPORT_SHEET = ItemKind(
    "support-sheet", FactsLine.SESSION, plan_sheet=True, listable=False,
    label=_("Take-home support sheet"), label_inline=_("take-home support sheet"))
FEEDBACK_FORM = ItemKind(
    "feedback-form", FactsLine.SESSION, plan_sheet=True, listable=False,
    label=_("Anonymous feedback form"), label_inline=_("anonymous feedback form"))
SLIDES = ItemKind(
    "slides", FactsLine.SESSION, sheet="slides", slides=True, listable=False,
    label=_("Slides"), label_inline=_("slides"))
ITEM_KINDS = {kind.name: kind for kind in
              (EXERCISE, INFO_SHEET, WORKSHOP_GUIDE, WORKBOOK, PRACTICE_LOG, PACK, PATHWAY_PACK,
               INVITATION, SUPPORT_SHEET, FEEDBACK_FORM, SLIDES)}


@dataclass(frozen=True)
class Item:
    """One printable item: its page, its PDFs and its catalogue entry."""

    id: str
    kind: str  # a key of ITEM_KINDS
    docname: str
    title: str
    summary: str
    audiences: tuple[str, ...]
    duration_minutes: int | None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    lang: str = "en"  # the edition it belongs to (i18n/): its words and PDFs

    @property
    def kind_info(self) -> ItemKind:
        """This item's row of the item-kind table."""
        return ITEM_KINDS[self.kind]

    @property
    def papers(self) -> tuple[str, ...]:
        """What this item is printed on: every paper, or its kind's own sheet."""
        sheet = self.kind_info.sheet
        return (sheet,) if sheet else tuple(PAPER_LABELS)

    def pdf_path(self, paper: str) -> str:
        """Path of this item's PDF for ``paper``, relative to the published
        site's root (the English site's; a translation's PDFs sit in
        handouts/<lang>/, beside the English ones)."""
        if self.lang == "en":
            return f"handouts/{paper}/{self.id}.pdf"
        return f"handouts/{self.lang}/{paper}/{self.id}.pdf"


# large-print-a4: large print on A4 paper, with the A4 region (international by default).
PAPER_LABELS = {"letter": "US Letter", "a4": "A4", "large-print": "Large print",
                "large-print-a4": "Large print A4"}
# The paper names of PAPER_LABELS as readers see them, in the build's language.
PAPER_WORDS = {"letter": _("US Letter"), "a4": _("A4"), "large-print": _("Large print"),
               "large-print-a4": _("Large print A4")}


# Sheets of their own (ItemKind.sheet): slides are 13.333 x 7.5 in (16:9), the
# widescreen size of presentation software, so a deck fills a projector's screen.
SHEET_LABELS = {"slides": "Slides 16:9"}
SHEET_WORDS = {"slides": _("Slides 16:9")}
SLIDE_SIZE = (960.0, 540.0)  # points, width x height


def paper_label(paper: str) -> str:
    """'US Letter', 'Carta (EE. UU.)': a paper's (or sheet's) name in the build's language."""
    return str(PAPER_WORDS.get(paper) or SHEET_WORDS.get(paper)
               or _(PAPER_LABELS.get(paper) or SHEET_LABELS[paper]))
