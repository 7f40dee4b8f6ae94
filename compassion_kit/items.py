"""Printable items (exercises today; info sheets and workshops share the shape)."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def pdf_path(self, paper: str) -> str:
        """Path of this item's PDF for ``paper``, relative to the site root."""
        return f"handouts/{paper}/{self.id}.pdf"


PAPER_LABELS = {"letter": "US Letter", "a4": "A4", "large-print": "Large print"}
