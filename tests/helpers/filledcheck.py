"""Fill a handout's form the way a client's viewer does, render it, and
measure where the typed text lands.

The route a viewer takes: the values go into the fields, the form says
NeedAppearances, and the viewer draws each field's text itself (WeasyPrint
writes no appearance for text fields). Two independent renderers draw the
result: poppler (pdftoppm, pdftotext) and PDFium (pypdfium2, Chrome's engine).
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageChops
from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject

from .pdfcheck import Widget, poppler_words, widgets

# A client's answer of several lines, typed line by line (Tab moves to the
# next ruled line): accents, capitals with accents, descenders, quotes.
ANSWER = ("Ýes, I noticed my jaw go tight and my breath get quick.",
          "Then I named it: “angry”, and my shoulders dropped a bit.",
          "Next time: José, Núñez, pág. 10/10, gypsy jumps quickly.")
DPI = 150
INK = 64  # a pixel this much darker when filled holds typed ink
BLANK = 200  # lighter than this, a pixel of the empty form is paper


def fill(pdf: Path, dest: Path, answer: tuple[str, ...] = ANSWER, pick: int = 3) -> Path:
    """Type ``answer`` into the text fields (the n-th line of an answer into
    its n-th ruled line, one line per table cell), tick every box, choose
    the ``pick``-th button of every radio group; NeedAppearances on."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    groups: dict[int, tuple] = {}
    line = 0
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            parent = annot.get("/Parent")
            parent = parent.get_object() if parent is not None else None
            kind = annot.get("/FT") or (parent.get("/FT") if parent is not None else None)
            if kind == "/Tx":
                annot[NameObject("/V")] = TextStringObject(answer[line % len(answer)])
                line += 1
            elif kind == "/Btn":
                states = [key for key in annot["/AP"]["/N"] if key != "/Off"]
                if parent is not None and "/Kids" in parent:
                    groups.setdefault(id(parent), (parent, []))[1].append((annot, states[0]))
                else:
                    annot[NameObject("/V")] = NameObject(states[0])
                    annot[NameObject("/AS")] = NameObject(states[0])
    for parent, kids in groups.values():
        chosen, state = kids[min(pick, len(kids) - 1)]
        for annot, own in kids:
            annot[NameObject("/AS")] = NameObject(own if annot is chosen else "/Off")
        parent[NameObject("/V")] = NameObject(state)
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "wb") as stream:
        writer.write(stream)
    return dest


def render_poppler(pdf: Path, dpi: int = DPI) -> list[Image.Image]:
    """Every page drawn by poppler, fields included (greyscale)."""
    pages = []
    count = len(PdfReader(str(pdf)).pages)
    for number in range(1, count + 1):
        done = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(number),
                               "-l", str(number), str(pdf)],
                              capture_output=True, check=True)
        pages.append(Image.open(BytesIO(done.stdout)).convert("L"))
    return pages


def render_pdfium(pdf: Path, dpi: int = DPI) -> list[Image.Image]:
    """Every page drawn by PDFium with its form-filling layer (greyscale)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        document.init_forms()
        pages = []
        for index in range(len(document)):
            page = document[index]
            pages.append(page.render(scale=dpi / 72, may_draw_forms=True).to_pil().convert("L"))
            page.close()
        return pages
    finally:
        document.close()


def _box(rect, height_pt: float, dpi: int) -> tuple[int, int, int, int]:
    """A rectangle in pt (PDF, bottom-up) as pixel edges (left, top, right, bottom)."""
    scale = dpi / 72
    x0, y0, x1, y1 = rect
    return (round(x0 * scale), round((height_pt - y1) * scale),
            round(x1 * scale), round((height_pt - y0) * scale))


@dataclass(frozen=True)
class Placement:
    widget: Widget
    ink: tuple[int, int, int, int] | None  # typed ink's box in the field's band, pixels
    box: tuple[int, int, int, int]  # the field's box, pixels
    inside_blank: bool  # nothing printed inside the empty field's box
    rule_below: float  # share of the field's width that is dark just under it


def placements(empty: Path, filled: Path, renderer, dpi: int = DPI,
               names: set[str] | None = None) -> list[Placement]:
    """Where the typed text of each text field landed, against the empty form."""
    reader = PdfReader(str(empty))
    heights = [float(page.mediabox.height) for page in reader.pages]
    before, after = renderer(empty, dpi), renderer(filled, dpi)
    found = []
    for widget in widgets(empty):
        if widget.kind != "/Tx" or (names is not None and widget.name not in names):
            continue
        left, top, right, bottom = _box(widget.rect, heights[widget.page], dpi)
        # The band: the field's box and 2 pt above and below it, where text
        # that crossed its rule or the line above would show.
        margin = round(2 * dpi / 72)
        band = (left, top - margin, right, bottom + margin)
        diff = ImageChops.difference(before[widget.page].crop(band),
                                     after[widget.page].crop(band))
        ink = diff.point(lambda value: 255 if value > INK else 0).getbbox()
        if ink is not None:
            ink = (ink[0] + band[0], ink[1] + band[1], ink[2] + band[0], ink[3] + band[1])
        inner = before[widget.page].crop((left + 1, top + 1, right - 1, bottom - 1))
        inside_blank = inner.getextrema()[0] >= BLANK
        under = before[widget.page].crop((left, bottom, right, bottom + margin + 1))
        dark_columns = sum(1 for x in range(under.width)
                           if min(under.getpixel((x, y)) for y in range(under.height)) < BLANK)
        found.append(Placement(widget, ink, (left, top, right, bottom), inside_blank,
                               dark_columns / max(under.width, 1)))
    return found


# Words of ANSWER that no handout prints: found in a page's text, they are typed.
MARKERS = ("Ýes", "Núñez", "pág", "gypsy")


def typed_words(filled: Path) -> list[tuple[int, tuple[float, float, float, float], str]]:
    """(page, (x0, top, x1, bottom) in pt from the page's top, word) of each
    typed marker word that poppler's text layer finds in the filled fields."""
    return [(word.page, word.box, word.text) for word in poppler_words(filled)
            if any(marker in word.text for marker in MARKERS)]
