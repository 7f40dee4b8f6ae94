"""The way back from paper to the web, read from the PDFs.

Each handout prints its web page's address, a QR code to it (decoded here
with zxing-cpp from the rendered page), its version and its review date;
every web address printed in a PDF is a link a reader of the PDF can follow;
a facilitator guide says "Facilitator guide" in its heading, links its
workbook's PDFs and never points at "the top of this page" on paper.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from helpers.kit import pathway, workshop
from helpers.pdfcheck import flat_text, links, open_pdf, poppler_words

from compassion_kit.model import ITEM_KINDS

# A printed web address: a scheme, or a bare domain (988lifeline.org, nami.org/help).
ADDRESS = re.compile(r"(https?://\S+|(?<![\w@])(?:[a-z0-9-]+\.)+(?:org|com|net|gov|edu|info|"
                     r"example|au|uk|nz|ie|ca)\b(?:/\S*)?)", re.IGNORECASE)
QR_SCALE = 150 / 72  # render at 150 dpi, as a phone camera sees a printed code


def page_url(site: Path, entry: dict) -> str:
    """The page's published address: its canonical link (from html_baseurl)."""
    page = BeautifulSoup((site / entry["url"]).read_text(encoding="utf-8"), "html.parser")
    link = page.find("link", rel="canonical")
    assert link is not None, f"{entry['url']}: no canonical link; is html_baseurl set?"
    return link["href"]


def qr_codes(path: Path) -> list[str]:
    """The text of every QR code on every page, as a scanner reads it."""
    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            image = page.render(scale=QR_SCALE).to_pil()
            found += [result.text for result in zxingcpp.read_barcodes(image)]
            page.close()
    finally:
        document.close()
    return found


@pytest.mark.parametrize("paper", ["letter", "large-print-a4"])
def test_each_qr_code_decodes_to_its_web_page(site, catalogue, paper):
    by_id = {entry["id"]: entry for entry in catalogue}
    problems = []
    for entry in catalogue:
        if (paper != "letter" and entry["kind"] != "exercise") or paper not in entry["pdfs"]:
            continue  # (slides, one 16:9 sheet, have no way back: no QR code)
        codes = qr_codes(site / entry["pdfs"][paper])
        if ITEM_KINDS[entry["kind"]].collection:  # each practice leads to its own page
            wanted = [page_url(site, by_id[part]) for part in _parts(entry)]
        else:
            wanted = [page_url(site, entry)]
        if sorted(codes) != sorted(wanted):
            problems.append(f"{entry['id']}: QR codes {codes}, expected {wanted}")
    assert not problems, "\n".join(problems)


def _parts(entry: dict) -> list[str]:
    from compassion_kit.read import pathways, workshops

    if ITEM_KINDS[entry["kind"]].session_plan:  # a pathway's pack
        return pathways.pack_parts(pathway(entry["id"].removesuffix(pathways.PACK_SUFFIX)))
    return workshops.workbook_exercises(workshop(entry["id"].removesuffix("-workbook")))


def test_each_handout_prints_its_address_version_and_review_date(site, catalogue):
    problems = []
    for entry in catalogue:
        if ITEM_KINDS[entry["kind"]].collection or ITEM_KINDS[entry["kind"]].slides:
            continue
        printed = flat_text(site / entry["pdfs"]["letter"])
        address = re.sub(r"^https?://", "", page_url(site, entry))
        if address not in printed.replace(" ", "") and address not in printed:
            problems.append(f"{entry['id']}: the address {address} is not printed")
        if not re.search(r"Version \d+\.\d+", printed):
            problems.append(f"{entry['id']}: no version")
        if not re.search(r"Reviewed \d{4}-\d{2}-\d{2}", printed):
            problems.append(f"{entry['id']}: no review date")
    assert not problems, "\n".join(problems)


def _words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x0, y0, x1, y1, word) from poppler, y from the bottom of the page."""
    return [(word.page, word.box[0], word.page_size[1] - word.box[3], word.box[2],
             word.page_size[1] - word.box[1], word.text) for word in poppler_words(path)]


def test_every_printed_address_is_a_link(site, catalogue):
    problems = []
    for entry in catalogue:
        for paper, relative in sorted(entry["pdfs"].items()):
            path = site / relative
            on_page = links(path)
            for page, x0, y0, x1, y1, word in _words(path):
                if not ADDRESS.search(word):
                    continue
                x, y = (x0 + x1) / 2, (y0 + y1) / 2
                if not any(left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1
                           for (left, bottom, right, top), _uri in on_page[page]):
                    problems.append(f"{entry['id']} ({paper}) page {page + 1}: {word!r} "
                                    "is not a link")
    assert not problems, "\n".join(problems[:40])


def test_the_page_address_link_leads_to_the_page(site, catalogue):
    entry = next(entry for entry in catalogue if entry["id"] == "the-pause-before-reacting")
    uris = {uri for page in links(site / entry["pdfs"]["a4"]) for _rect, uri in page}
    assert page_url(site, entry) in uris
    assert "https://988lifeline.org" not in uris  # A4 prints the international lines
    assert "https://findahelpline.com" in uris


def test_guides_name_themselves_link_their_workbook_and_never_point_up_the_page(site,
                                                                                catalogue):
    guides = [entry for entry in catalogue if entry["kind"] == "workshop-guide"]
    assert guides
    for entry in guides:
        for paper, relative in entry["pdfs"].items():
            reader = open_pdf(site / relative)
            first = " ".join(reader.pages[0].extract_text().split())
            assert "Facilitator guide" in first, (entry["id"], paper)
            printed = flat_text(reader).lower()
            assert "top of this page" not in printed, (entry["id"], paper)
            workbook = entry["id"].removesuffix("-guide") + "-workbook.pdf"
            uris = {uri for page in links(site / relative) for _rect, uri in page}
            assert len({uri for uri in uris if uri.endswith(workbook)}) == len(entry["pdfs"]), \
                (entry["id"], paper, uris)
