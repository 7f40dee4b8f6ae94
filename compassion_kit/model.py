"""Printable items (exercises today; info sheets and workshops share the shape)."""

from __future__ import annotations

from dataclasses import dataclass, field

from compassion_kit.words import _


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # exercise, info-sheet, workshop-guide, workbook
    docname: str
    title: str
    summary: str
    audiences: tuple[str, ...]
    duration_minutes: int | None
    meta: dict = field(default_factory=dict, compare=False)
    lang: str = "en"  # the edition it belongs to (languages.py): its words and PDFs

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


def paper_label(paper: str) -> str:
    """'US Letter', 'Carta (EE. UU.)': a paper's name in the build's language."""
    return str(PAPER_WORDS.get(paper) or _(PAPER_LABELS[paper]))
