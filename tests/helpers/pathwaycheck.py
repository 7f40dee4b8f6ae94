"""What a session pathway's pack holds, read as a person would: the handouts
in the PDF's bookmarks, in order, and the cover's text."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.pdfcheck import open_pdf


def handout_titles(pdf: Path) -> list[str]:
    """The handouts of a pack in print order: the bookmarks one level under
    the pack's own title (each handout's heading)."""
    outline = open_pdf(pdf).outline
    parts = next((entry for entry in outline if isinstance(entry, list)), [])
    return [entry.title for entry in parts if not isinstance(entry, list)]


def cover_text(pdf: Path) -> str:
    """The text of the pages before the first handout (the cover)."""
    reader = open_pdf(pdf)
    outline = reader.outline
    parts = next((entry for entry in outline if isinstance(entry, list)), [])
    first = reader.get_destination_page_number(parts[0]) if parts else len(reader.pages)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages[:first])


QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def same_words(text: str) -> str:
    """``text`` as extracted text can be compared: straight quotes (the page
    prints typographic ones) and no spaces (a line may break after a hyphen)."""
    return re.sub(r"\s+", "", text.translate(QUOTES))
