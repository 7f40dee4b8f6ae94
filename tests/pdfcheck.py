"""Read the facts a PDF test needs, with pypdf."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _fonts_in(resources: DictionaryObject | None, seen: set[int]):
    if not resources:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) not in seen:
            seen.add(id(xobject))
            yield from _fonts_in(xobject.get("/Resources"), seen)


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used on any page -> whether its program is embedded."""
    found: dict[str, bool] = {}
    seen: set[int] = set()
    for page in reader.pages:
        for font in _fonts_in(page.get("/Resources"), seen):
            descriptor_owner = font
            if font.get("/Subtype") == "/Type0":
                descriptor_owner = font["/DescendantFonts"][0].get_object()
            descriptor = descriptor_owner.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type3":
                embedded = True  # glyphs are drawn by the PDF itself
            else:
                descriptor = descriptor.get_object() if descriptor else {}
                embedded = any(key in descriptor for key in FONT_FILES)
            found[str(font.get("/BaseFont"))] = embedded
    return found


def body_font_size(reader: PdfReader) -> float:
    """The font size (pt) that carries the most characters: the body text."""
    sizes: Counter[float] = Counter()

    def visit(text, cm, tm, _font, size):
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            sizes[round(size * scale, 1)] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def open_pdf(path: Path) -> PdfReader:
    return PdfReader(path)
