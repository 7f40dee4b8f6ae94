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


def embedded(font) -> bool:
    """Whether a font object (simple, Type0 or Type3) carries its own font file."""
    font = font.get_object()
    if font.get("/Subtype") == "/Type3":
        return True
    owner = font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
    descriptor = owner.get("/FontDescriptor")
    return bool(descriptor) and any(key in descriptor.get_object() for key in FONT_FILES)


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


# -- Laid-out ink, per glyph and per drawn object (pypdfium2) ----------------------------------

INCH = 72.0


def glyphs(path: Path) -> list[list[dict]]:
    """Per page, every character drawn: its text, size (pt, as printed: the
    font size times the text matrix's scale), box (left, bottom, right, top in
    PDF points, origin at the bottom left), baseline (y), font name, and
    whether it is bold.
    Characters a reader only infers (spaces and line ends pdfium generates)
    are left out."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            text_page = page.get_textpage()
            chars = []
            buffer = ctypes.create_string_buffer(256)
            for index in range(raw.FPDFText_CountChars(text_page)):
                if raw.FPDFText_IsGenerated(text_page, index):
                    continue
                char = chr(raw.FPDFText_GetUnicode(text_page, index))
                if not char.strip():
                    continue
                matrix = raw.FS_MATRIX()
                raw.FPDFText_GetMatrix(text_page, index, matrix)
                scale = math.hypot(matrix.a, matrix.b)
                left, right, bottom, top = (ctypes.c_double() for _ in range(4))
                raw.FPDFText_GetCharBox(text_page, index, left, right, bottom, top)
                origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
                raw.FPDFText_GetCharOrigin(text_page, index, origin_x, origin_y)
                flags = ctypes.c_int()
                raw.FPDFText_GetFontInfo(text_page, index, buffer, len(buffer), flags)
                font = buffer.value.decode("utf-8", "replace")
                weight = raw.FPDFText_GetFontWeight(text_page, index)
                chars.append({"char": char,
                              "size": raw.FPDFText_GetFontSize(text_page, index) * scale,
                              "box": (left.value, bottom.value, right.value, top.value),
                              "baseline": origin_y.value,
                              "font": font, "bold": weight >= 600 or "Bold" in font})
            found.append(chars)
            text_page.close()
            page.close()
    finally:
        document.close()
    return found


def drawn_boxes(path: Path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Per page, (kind, bounds) of every drawn object: text, path (rules,
    borders, the QR code), image, shading; bounds as (left, bottom, right, top)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    kinds = {raw.FPDF_PAGEOBJ_TEXT: "text", raw.FPDF_PAGEOBJ_PATH: "path",
             raw.FPDF_PAGEOBJ_IMAGE: "image", raw.FPDF_PAGEOBJ_SHADING: "shading"}
    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            objects = []
            for obj in page.get_objects(max_depth=8):
                if obj.type in kinds:
                    objects.append((kinds[obj.type], tuple(obj.get_bounds())))
            found.append(objects)
            page.close()
    finally:
        document.close()
    return found


def text_objects(path: Path) -> list[list[dict]]:
    """Per page, every text object: its text, bounds and the marked-content id
    it is drawn in (-1: none)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            text_page = page.get_textpage()
            objects = []
            for obj in page.get_objects(max_depth=8):
                if obj.type != raw.FPDF_PAGEOBJ_TEXT:
                    continue
                length = raw.FPDFTextObj_GetText(obj, text_page, None, 0)
                buffer = (ctypes.c_ushort * max(length, 1))()
                raw.FPDFTextObj_GetText(obj, text_page, buffer, length)
                text = bytes(buffer).decode("utf-16-le", "replace").rstrip("\x00")
                objects.append({"text": text, "bounds": tuple(obj.get_bounds()),
                                "mcid": raw.FPDFPageObj_GetMarkedContentID(obj)})
            found.append(objects)
            text_page.close()
            page.close()
    finally:
        document.close()
    return found


# -- The structure tree (pikepdf) -------------------------------------------------------------


def marked_content(path: Path) -> tuple[list[set[int]], list[set[int]]]:
    """(per page, the marked-content ids its content stream uses; per page,
    the ids the structure tree reaches from its root)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        used = []
        for page in pdf.pages:
            ids = set()
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and len(operands) == 2 \
                        and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/MCID" in operands[1]:
                    ids.add(int(operands[1].MCID))
            used.append(ids)
        numbers = {page.objgen: index for index, page in enumerate(pdf.pages)}
        reached: list[set[int]] = [set() for _ in pdf.pages]
        stack = [(pdf.Root.StructTreeRoot.get("/K"), None)]
        seen = set()
        while stack:
            node, page = stack.pop()
            if node is None:
                continue
            if isinstance(node, pikepdf.Array):
                stack.extend((kid, page) for kid in node)
            elif isinstance(node, pikepdf.Dictionary):
                if node.objgen != (0, 0):
                    if node.objgen in seen:
                        continue
                    seen.add(node.objgen)
                if "/Pg" in node:
                    page = numbers.get(node.Pg.objgen, page)
                if node.get("/Type") == "/MCR":
                    if page is not None:
                        reached[page].add(int(node.MCID))
                elif node.get("/Type") != "/OBJR" and "/K" in node:
                    stack.append((node.K, page))
            elif page is not None and isinstance(node, int):
                reached[page].add(int(node))
        return used, reached
