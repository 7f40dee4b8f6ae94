"""How a handout is laid out as a worksheet, measured on the laid-out pages.

- page breaks: a heading stays with what follows it, a short list is never
  split, the "If this feels hard" strip is never split (US Letter, A4), the
  Reflect heading shares its page with the first space to write in;
- a client handout has a name and date line and a "From / Phone" block;
  other handouts have neither.

A clinician's details, one contact item per line: fixtures/test_practice_details_layout.py.
"""

from __future__ import annotations

import pytest
from helpers.pdfcheck import open_pdf

from compassion_kit.printing import render as pdf
from compassion_kit.testing import REPO

HEADINGS = ("h1", "h2", "h3")
BLOCKS = ("p", "li", "ul", "ol", "div", "table", "label", "section", "aside")


@pytest.fixture(scope="module")
def handouts(catalogue) -> list[dict]:
    return [entry for entry in catalogue if entry["kind"] in ("exercise", "info-sheet")]


def _pages_of(document) -> dict[int, set[int]]:
    """id(element) -> the pages (1-based) its boxes are on."""
    pages: dict[int, set[int]] = {}
    for number, page in enumerate(document.pages, 1):
        html = next(box for box in page._page_box.children
                    if getattr(box, "element_tag", "") == "html")
        for box in html.descendants():
            element = getattr(box, "element", None)
            if element is not None:
                pages.setdefault(id(element), set()).add(number)
    return pages


def _elements(document):
    """Every element of the laid-out document, once, in document order."""
    seen = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and id(element) not in seen:
                seen[id(element)] = element
    return list(seen.values())


@pytest.mark.parametrize("paper", ["letter", "a4", "large-print"])
def test_page_breaks_keep_what_belongs_together(site, handouts, paper):
    keep = "kit-keep-large" if paper == "large-print" else "kit-keep"
    problems = []
    for entry in handouts:
        html = (site.parent / "doctrees" / "kit-print" / f"{entry['id']}.html").read_text()
        document = pdf.layout(html, (site / entry["url"]).as_uri(), paper, roots=(REPO, site))
        pages = _pages_of(document)
        for element in _elements(document):
            classes = (element.get("class") or "").split()
            where = pages.get(id(element), set())
            if element.tag in ("ul", "ol") and keep in classes and len(where) > 1:
                problems.append(f"{entry['id']}: a short list is split over pages {sorted(where)}")
            if "kit-hard" in classes and paper != "large-print" and len(where) > 1:
                problems.append(f"{entry['id']}: 'If this feels hard' is split")
            if element.tag in HEADINGS:
                parent = next((candidate for candidate in _elements(document)
                               if element in list(candidate)), None)
                siblings = list(parent) if parent is not None else []
                after = siblings[siblings.index(element) + 1:] if siblings else []
                following = next((sibling for sibling in after if sibling.tag in BLOCKS), None)
                if following is not None and min(pages.get(id(following), {0})) \
                        != max(where, default=0):
                    problems.append(f"{entry['id']}: heading {''.join(element.itertext())!r} "
                                    "is parted from what follows it")
            if "kit-write" in classes and paper != "large-print":
                heading = next(child for child in element if child.tag == "h2")
                first = next((child for child in element.iter()
                              if "write-in" in (child.get("class") or "").split()), None)
                if first is not None and pages[id(heading)] != pages.get(id(first)):
                    problems.append(f"{entry['id']}: Reflect is parted from its first space "
                                    "to write in")
    assert not problems, "\n".join(problems)


def test_client_handouts_have_name_date_and_from_and_others_do_not(site, handouts):
    problems = []
    for entry in handouts:
        fields = set(open_pdf(site / entry["pdfs"]["letter"]).get_fields() or {})
        for_clients = "client" in entry["audiences"]
        for names, what in ((("handout_name", "handout_date"), "name and date"),
                            (("clinician", "clinician_phone"), "From / Phone")):
            if for_clients != (set(names) <= fields):
                problems.append(f"{entry['id']} ({', '.join(entry['audiences'])}): "
                                f"{what} {'missing' if for_clients else 'printed'}")
    assert not problems, "\n".join(problems)
