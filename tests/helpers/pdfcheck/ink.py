"""PDFium (pypdfium2, Chrome's engine): the ink as laid out on the page, per
glyph and per drawn object, and the facts of the footer measured on it."""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compassion_kit.config import SAFETY_LINE

from .document import Box
from .memo import once_per_run


def _pdfium_pages(path: Path) -> Iterator[Any]:
    """Each page of the document, opened with PDFium (closed once used)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            try:
                yield page
            finally:
                page.close()
    finally:
        document.close()


@once_per_run
def glyphs(path: Path) -> list[list[dict]]:
    """Per page, every character drawn: its text, size (pt, as printed: the
    font size times the text matrix's scale), box (left, bottom, right, top in
    PDF points, origin at the bottom left), baseline (y), font name, and
    whether it is bold.
    Characters a reader only infers (spaces and line ends pdfium generates)
    are left out."""
    import pypdfium2.raw as raw

    found = []
    buffer = ctypes.create_string_buffer(256)
    for page in _pdfium_pages(path):
        text_page = page.get_textpage()
        chars = []
        for index in range(raw.FPDFText_CountChars(text_page)):
            if raw.FPDFText_IsGenerated(text_page, index):
                continue
            char = chr(raw.FPDFText_GetUnicode(text_page, index))
            if not char.strip():
                continue
            matrix = raw.FS_MATRIX()
            raw.FPDFText_GetMatrix(text_page, index, matrix)
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            raw.FPDFText_GetCharBox(text_page, index, left, right, bottom, top)
            origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(text_page, index, origin_x, origin_y)
            raw.FPDFText_GetFontInfo(text_page, index, buffer, len(buffer), ctypes.c_int())
            font = buffer.value.decode("utf-8", "replace")
            weight = raw.FPDFText_GetFontWeight(text_page, index)
            chars.append({"char": char, "size": raw.FPDFText_GetFontSize(text_page, index)
                          * math.hypot(matrix.a, matrix.b),
                          "box": (left.value, bottom.value, right.value, top.value),
                          "baseline": origin_y.value,
                          "font": font, "bold": weight >= 600 or "Bold" in font})
        found.append(chars)
        text_page.close()
    return found


@once_per_run
def drawn_boxes(path: Path) -> list[list[tuple[str, Box]]]:
    """Per page, (kind, bounds) of every drawn object: text, path (rules,
    borders, the QR code), image, shading."""
    import pypdfium2.raw as raw

    kinds = {raw.FPDF_PAGEOBJ_TEXT: "text", raw.FPDF_PAGEOBJ_PATH: "path",
             raw.FPDF_PAGEOBJ_IMAGE: "image", raw.FPDF_PAGEOBJ_SHADING: "shading"}
    return [[(kinds[obj.type], tuple(obj.get_bounds())) for obj in page.get_objects(max_depth=8)
             if obj.type in kinds] for page in _pdfium_pages(path)]


@once_per_run
def text_objects(path: Path) -> list[list[dict]]:
    """Per page, every text object: its text, bounds and the marked-content id
    it is drawn in (-1: none)."""
    import pypdfium2.raw as raw

    found = []
    for page in _pdfium_pages(path):
        text_page = page.get_textpage()
        objects = []
        for obj in page.get_objects(max_depth=8):
            if obj.type != raw.FPDF_PAGEOBJ_TEXT:
                continue
            length = raw.FPDFTextObj_GetText(obj, text_page, None, 0)
            buffer = (ctypes.c_ushort * max(length, 1))()
            raw.FPDFTextObj_GetText(obj, text_page, buffer, length)
            objects.append({"text": bytes(buffer).decode("utf-16-le", "replace").rstrip("\x00"),
                            "bounds": tuple(obj.get_bounds()),
                            "mcid": raw.FPDFPageObj_GetMarkedContentID(obj)})
        found.append(objects)
        text_page.close()
    return found


SAFETY_START = "".join(SAFETY_LINE.split())[:20]  # "Thissheetisnotasubst"


def footer_glyphs(chars: list[dict]) -> list[dict]:
    """The glyphs of the page's footer: the safety line's first line and all below it."""
    start = "".join(char["char"] for char in chars).find(SAFETY_START)
    assert start >= 0, "no safety line on the page"
    top = chars[start]["box"][3]
    return [char for char in chars if char["box"][3] <= top + 1]


def body_font_size(path: Path) -> float:
    """The font size (pt) that carries the most characters above the footer:
    the body text. The footer (the safety line and all below it) has its own
    minimum (site/test_footer.py); on a practice log, whose rows are blank,
    it would otherwise carry more characters than the sheet's own text."""
    sizes: Counter[float] = Counter()
    for chars in glyphs(path):
        at = "".join(char["char"] for char in chars).find(SAFETY_START)
        top = chars[at]["box"][3] + 1 if at >= 0 else float("-inf")
        for char in chars:
            if char["box"][3] > top:
                sizes[round(char["size"], 1)] += 1
    return sizes.most_common(1)[0][0]
