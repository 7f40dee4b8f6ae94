"""The handbook as one PDF (downloads/beyond-empathy*.pdf), as a reader gets it:
the right paper, a bookmark for every chapter, the chapters in order in the
text, links that lead somewhere, every font embedded, tagged, and the
safety line at the foot of every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.pdfcheck import fonts, lang, open_pdf, struct_types, text

from compassion_kit.testing import REPO

BOOKS = {"letter": ("beyond-empathy.pdf", (612, 792)),
         "a4": ("beyond-empathy-a4.pdf", (595.3, 841.9)),
         "large-print": ("beyond-empathy-large-print.pdf", (612, 792))}
SLACK = 1.0  # pt


def chapter_titles() -> list[str]:
    """The chapters' titles, in the order of the handbook's contents page."""
    index = (REPO / "docs/chapters/index.md").read_text(encoding="utf-8")
    toctree = index.split("```{toctree}", 1)[1].split("```", 1)[0]
    names = [line.strip() for line in toctree.splitlines()
             if line.strip() and not line.strip().startswith(":")]
    titles = []
    for name in names:
        source = (REPO / "docs/chapters" / f"{name}.md").read_text(encoding="utf-8")
        titles.append(next(line[2:].strip() for line in source.splitlines()
                           if line.startswith("# ")))
    return titles


def words(value: str) -> str:
    return " ".join(value.replace("\u2019", "'").split())


@pytest.fixture(scope="module", params=sorted(BOOKS))
def book(request, site) -> tuple[str, Path]:
    path = site / "downloads" / BOOKS[request.param][0]
    assert path.is_file(), f"no book at {path}"
    return request.param, path


def test_book_is_printed_on_its_paper(book):
    paper, path = book
    width, height = BOOKS[paper][1]
    reader = open_pdf(path)
    assert len(reader.pages) >= 20
    for number, page in enumerate(reader.pages, 1):
        box = page.mediabox
        assert abs(float(box.width) - width) < SLACK and abs(float(box.height) - height) < SLACK, \
            f"{path.name} page {number}: {box.width} x {box.height}, not {paper}"


def test_every_chapter_has_a_bookmark_in_order(book):
    _paper, path = book
    outline = open_pdf(path).outline
    top = [words(entry.title) for entry in outline if not isinstance(entry, list)]
    wanted = [words(title) for title in chapter_titles()]
    assert [title for title in top if title in wanted] == wanted, top
    assert "Glossary" in top and "References" in top
    # Sections are bookmarked under their chapter.
    assert any(isinstance(entry, list) and len(entry) >= 5 for entry in outline)


def test_chapter_titles_are_in_the_text_in_order(book):
    _paper, path = book
    reader = open_pdf(path)
    # After the contents page, which lists them all too.
    body = words(" ".join(page.extract_text() or "" for page in reader.pages[2:]))
    at = 0
    for title in [*chapter_titles(), "Glossary", "References"]:
        found = body.find(words(title), at)
        assert found >= 0, f"{title!r} is missing from the text, or out of order"
        at = found + len(title)
    assert "Key points" in body and "Questions to reflect on" in body


def test_internal_links_resolve_and_dois_are_links(book):
    _paper, path = book
    reader = open_pdf(path)
    names = reader.trailer["/Root"]["/Names"]["/Dests"]["/Names"]
    destinations = {str(name) for name in names[::2]}
    internal, external = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                internal.append(str(annotation["/Dest"]))
            elif "/A" in annotation and "/URI" in annotation["/A"]:
                external.append(str(annotation["/A"]["/URI"]))
    missing = sorted(set(internal) - destinations)
    assert not missing, f"links to no destination: {missing[:10]}"
    assert len(internal) >= 50  # contents, glossary terms, citations
    assert any(name.startswith("book-docs-glossary--term-") for name in internal)
    assert any(name.startswith("book-docs-references--") for name in internal)
    assert any(uri.startswith("https://doi.org/10.") for uri in external)
    assert not [uri for uri in external if uri.startswith("file:")]


def test_fonts_are_embedded_and_the_book_is_tagged(book):
    _paper, path = book
    reader = open_pdf(path)
    used = fonts(reader)
    assert used and all(used.values()), used
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert lang(reader) == "en"
    assert {"/H1", "/H2", "/Link", "/L", "/P"} <= struct_types(reader)
    assert reader.metadata.title == "Beyond Empathy"


def test_every_page_carries_the_safety_line_of_its_paper(book):
    paper, path = book
    reader = open_pdf(path)
    for number, page in enumerate(reader.pages, 1):
        page_text = words(page.extract_text() or "")
        assert "not a substitute for professional care" in page_text, f"page {number}"
        assert re.search(rf"Page {number} of {len(reader.pages)}", page_text), f"page {number}"
        if paper == "a4":  # international help on A4, as the handouts
            assert "findahelpline.com" in page_text, f"page {number}"
        else:
            assert "988" in page_text, f"page {number}"


def test_the_book_is_not_the_web_theme(site):
    """Printed from the print template: no web furniture, no download buttons."""
    reader = open_pdf(site / "downloads" / BOOKS["letter"][0])
    body = words(text(reader))
    for web_only in ("Need help now?", "Skip to content", "US Letter PDF", "Filter"):
        assert web_only not in body


def test_each_reference_is_listed_once(site):
    """The references page is resolved for the web first, and sphinxcontrib-bibtex
    adds its entries again each time: the book must still list each once."""
    reader = open_pdf(site / "downloads" / BOOKS["letter"][0])
    body = words(text(reader))
    references = body[body.rindex("References"):]
    for title in ("These things called empathy", "Self-compassion increases self-improvement"):
        assert references.count(title) == 1, title
