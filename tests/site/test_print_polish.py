"""Print polish measured on the laid-out pages and in the PDFs: no page ends
with a lone heading, no write-in space is split, margins survive printer
cropping (every glyph's real extent, 0.55 in from each edge; test_footer.py
also measures rules, fields and QR codes), list numbers read as numbers."""

from __future__ import annotations

import pytest
from helpers.pdfcheck import INCH, glyphs, open_pdf, text_chunks

from compassion_kit.printing import render as pdf
from compassion_kit.testing import REPO

PAPERS = pdf.PAPERS
MIN_MARGIN_PT = 0.55 * INCH  # inside every office printer's printable area


@pytest.fixture(scope="module")
def handouts(catalogue) -> list[dict]:
    return [entry for entry in catalogue if entry["kind"] in ("exercise", "info-sheet")]


HEADINGS = ("h1", "h2", "h3", "h4")
BLOCKS = (*HEADINGS, "p", "li", "label", "tr", "pre")


def _flow_boxes(page):
    """Boxes of the page's main flow (not the running header and footer)."""
    html = next(box for box in page._page_box.children if getattr(box, "element_tag", "") == "html")
    return html.descendants()


@pytest.mark.parametrize("paper", PAPERS)
def test_no_page_ends_with_a_heading_or_splits_a_write_in_space(site, handouts, paper):
    problems = []
    for entry in handouts:
        html = (site.parent / "doctrees" / "kit-print" / f"{entry['id']}.html").read_text()
        base_url = (site / entry["url"]).as_uri()
        document = pdf.layout(html, base_url, paper, roots=(REPO, site))
        spaces: dict[int, set[int]] = {}
        for number, page in enumerate(document.pages, start=1):
            bottom = None
            for box in _flow_boxes(page):
                element, tag = getattr(box, "element", None), getattr(box, "element_tag", "")
                if element is not None and "write-in" in (element.get("class") or "").split():
                    spaces.setdefault(id(element), set()).add(number)
                if tag in BLOCKS and (bottom is None or box.position_y + box.height
                                      >= bottom.position_y + bottom.height):
                    bottom = box
            if number < len(document.pages) and bottom is not None \
                    and bottom.element_tag in HEADINGS:
                problems.append(f"{entry['id']} page {number} ends with a heading")
        problems += [f"{entry['id']}: a write-in space is split over pages {sorted(pages)}"
                     for pages in spaces.values() if len(pages) > 1]
    assert problems == []


@pytest.mark.parametrize("paper", PAPERS)
def test_text_keeps_0_55_in_from_every_edge(site, handouts, paper):
    """Each glyph's box as drawn (not its baseline: a descender or a footer
    set low reaches below it)."""
    for entry in handouts:
        path = site / entry["pdfs"][paper]
        sizes = [(float(page.mediabox.width), float(page.mediabox.height))
                 for page in open_pdf(path).pages]
        for (width, height), chars in zip(sizes, glyphs(path), strict=True):
            for char in chars:
                left, bottom, right, top = char["box"]
                assert left >= MIN_MARGIN_PT - 0.3 and right <= width - MIN_MARGIN_PT + 0.3, \
                    (entry["id"], char["char"], char["box"])
                assert bottom >= MIN_MARGIN_PT - 0.3 and top <= height - MIN_MARGIN_PT + 0.3, \
                    (entry["id"], char["char"], char["box"])


@pytest.mark.parametrize("paper", PAPERS)
def test_list_numbers_extract_as_digits(site, handouts, paper):
    entry = next(entry for entry in handouts if entry["id"] == "self-compassion-break")
    markers = [text for page in open_pdf(site / entry["pdfs"][paper]).pages
               for _x, _y, _size, text in text_chunks(page)
               if text.endswith(".") and len(text) <= 3]
    assert "1." in markers and "2." in markers
