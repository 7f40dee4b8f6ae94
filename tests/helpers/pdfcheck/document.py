"""pypdf (pure Python): text, fonts, form fields and links, the structure
tree's element types, XMP facts, and the marks a content stream paints (read
with pypdf's own ``ContentStream`` parser)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream

from .memo import once_per_run

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
MULTILINE = 1 << 12  # a text field's flag (/Ff): more than one line
RADIO = 1 << 15  # a button field's flag (/Ff): a radio group
INCH = 72.0
Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points

# -- pypdf: documents, text, fonts ------------------------------------------------------------


def open_pdf(source: Path | bytes) -> PdfReader:
    """A PDF file, or a PDF's bytes."""
    return PdfReader(BytesIO(source) if isinstance(source, bytes) else source)


def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@once_per_run
def flat_text(source: Path | PdfReader) -> str:
    """The text of every page, its whitespace collapsed to single spaces."""
    return " ".join(text(source if isinstance(source, PdfReader) else open_pdf(source)).split())


def lang(reader: PdfReader) -> str | None:
    """The document's /Lang."""
    found = reader.trailer["/Root"].get("/Lang")
    return str(found) if found is not None else None


def text_chunks(page: PageObject) -> list[tuple[float, float, float, str]]:
    """(x, y, size, text) of every text chunk, in page coordinates."""
    found = []

    def visit(chunk, cm, tm, _font, size):
        if chunk.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            found.append((x, y, size * scale, chunk.strip()))

    page.extract_text(visitor_text=visit)
    return found


def _fonts_in(resources, seen: set[int]) -> Iterator[Any]:
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
        return True  # glyphs are drawn by the PDF itself
    owner = font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
    descriptor = owner.get("/FontDescriptor")
    return bool(descriptor) and any(key in descriptor.get_object() for key in FONT_FILES)


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used on any page -> whether its program is embedded."""
    seen: set[int] = set()
    return {str(font.get("/BaseFont")): embedded(font)
            for page in reader.pages for font in _fonts_in(page.get("/Resources"), seen)}


def form_fonts(reader: PdfReader) -> dict[str, bool]:
    """The form's default fonts (AcroForm /DR) -> whether each is embedded."""
    form = reader.trailer["/Root"].get("/AcroForm", {})
    found = (form.get("/DR", {}) or {}).get("/Font", {}) or {}
    return {str(name): embedded(font) for name, font in found.items()}


# -- pypdf: annotations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Widget:
    name: str  # fully qualified field name, as pypdf reports it
    page: int  # 0-based
    rect: Box
    kind: str  # /Tx or /Btn


def _box(rect) -> Box:
    """An annotation's /Rect, whichever corners the writer gave."""
    x0, y0, x1, y1 = (float(value) for value in rect)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _qualified(annot) -> str:
    parts, node = [], annot
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))


@once_per_run
def widgets(source: Path | PdfReader) -> list[Widget]:
    """Every form field's widget, page by page."""
    reader = source if isinstance(source, PdfReader) else PdfReader(str(source))
    found = []
    for number, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            parent = annot.get("/Parent")
            kind = annot.get("/FT") or (parent.get_object().get("/FT") if parent else None)
            found.append(Widget(_qualified(annot), number, _box(annot["/Rect"]), str(kind)))
    return found


@once_per_run
def links(path: Path) -> list[list[tuple[Box, str]]]:
    """Per page, (rectangle, URI) of every link annotation that opens an address."""
    found = []
    for page in open_pdf(path).pages:
        here = []
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if annotation.get("/Subtype") == "/Link" and action and "/URI" in action:
                here.append((_box(annotation["/Rect"]), str(action["/URI"])))
        found.append(here)
    return found


# -- pypdf: what the content stream paints, the structure tree, XMP ---------------------------

Matrix = list[float]
_PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _mul(a: Matrix, b: Matrix) -> Matrix:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _painted(content: ContentStream, resources, ctm: Matrix,
             depth: int) -> Iterator[tuple[float, float]]:
    stack: list[Matrix] = []
    path: list[tuple[float, float]] = []
    for operands, op in content.operations:
        assert op != b"INLINE IMAGE", "inline images are not read by this check"
        numbers = [float(value) for value in operands if isinstance(value, int | float)]
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _mul(numbers[-6:], ctm)
        elif op in (b"m", b"l", b"c", b"v", b"y"):
            path += [_apply(ctm, numbers[i], numbers[i + 1]) for i in range(0, len(numbers), 2)]
        elif op == b"re":
            x, y, w, h = numbers[-4:]
            path += [_apply(ctm, x, y), _apply(ctm, x + w, y), _apply(ctm, x, y + h),
                     _apply(ctm, x + w, y + h)]
        elif op in _PAINT:
            yield from path
            path = []
        elif op == b"n":
            path = []
        elif op == b"Do" and depth < 8:
            xobject = resources["/XObject"][operands[-1]].get_object()
            if xobject["/Subtype"] == "/Form":
                matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                yield from _painted(ContentStream(xobject, content.pdf),
                                    xobject.get("/Resources", resources), _mul(matrix, ctm),
                                    depth + 1)
            else:  # an image fills the unit square
                yield from (_apply(ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1)))


def painted_points(page: PageObject) -> list[tuple[float, float]]:
    """Corner points of every painted path and image, in page space: pypdf
    parses the content stream; this follows the operators that place marks
    (q Q cm, path construction and painting, Do). Text: see poppler_words."""
    contents = page.get_contents()
    if contents is None:
        return []
    return list(_painted(contents, page["/Resources"], [1, 0, 0, 1, 0, 0], 0))


def _struct_types(node, found: set[str], depth: int = 0) -> set[str]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if depth > 60:
        return found
    if isinstance(node, list):
        for kid in node:
            _struct_types(kid, found, depth + 1)
    elif hasattr(node, "get") and "/S" in node:
        found.add(str(node["/S"]))
        if "/K" in node:
            _struct_types(node["/K"], found, depth + 1)
    return found


def struct_types(reader: PdfReader) -> set[str]:
    """The types (/S) of the structure tree's elements: /H1, /P, ..."""
    tree = reader.trailer["/Root"].get("/StructTreeRoot")
    return _struct_types(tree["/K"], set()) if tree else set()


PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
DC_NS = "http://purl.org/dc/elements/1.1/"


def xmp_facts(xml: str) -> dict:
    """pdfuaid:part and dc:title from an XMP packet (attribute or element form)."""
    root = ET.fromstring(xml[xml.index("<x:xmpmeta"):xml.rindex("</x:xmpmeta>") + 12])
    part = title = None
    for element in root.iter():
        if f"{{{PDFUA_NS}}}part" in element.attrib:
            part = element.attrib[f"{{{PDFUA_NS}}}part"]
        if element.tag == f"{{{PDFUA_NS}}}part":
            part = element.text
        if element.tag == f"{{{DC_NS}}}title":
            title = "".join(element.itertext()).strip()
    return {"pdfua_part": part, "title": title}
