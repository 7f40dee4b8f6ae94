"""The footer of every page of every PDF of the built kit, measured on the
laid-out pages.

- all ink (every glyph's box, every drawn rule, border, field and QR code)
  stays at least 0.55 in from every edge of the paper;
- the safety line is at least 8.5 pt (14 pt in large print), its numbers in
  bold;
- the footer is tagged and reachable from the structure tree, so a screen
  reader that follows the tags reads the safety line on every page.

Each paper's bottom margin for every region's crisis line: unit/test_footer_margins.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.pdfcheck import INCH, drawn_boxes, footer_glyphs, glyphs, marked_content, text_objects
from pypdf import PdfReader

from compassion_kit.printing import render as pdf

EDGE = 0.55 * INCH
SLACK = 0.3  # pt: rounding in pdfium's boxes
SAFETY_MIN = {"letter": 8.5, "a4": 8.5, "large-print": 14, "large-print-a4": 14}


@pytest.fixture(scope="module")
def pdfs(catalogue_pdfs) -> list[tuple[str, str, Path]]:
    """(item id, paper, path) of every PDF in the catalogue that is printed on
    paper (slides, a 16:9 sheet for a screen, have no footer: their closing
    slide carries the crisis lines, site/test_workshop_package.py)."""
    found = [(entry["id"], paper, path) for entry, paper, path in catalogue_pdfs
             if paper in pdf.PAPERS]
    assert {paper for _item, paper, _path in found} == set(pdf.PAPERS)
    return found


def _in_address(chars: list[dict], index: int) -> bool:
    """Whether the digit at ``index`` is part of a word with letters (the
    "988" of "988lifeline.org" is an address, not a number to call)."""
    end = index
    while end < len(chars) and chars[end]["char"].isdigit():
        end += 1
    return end < len(chars) and chars[end]["char"].isalpha()


def test_all_ink_keeps_0_55_in_from_every_edge(pdfs):
    problems = []
    for item, paper, path in pdfs:
        reader = PdfReader(path)
        pages = [(float(page.mediabox.width), float(page.mediabox.height))
                 for page in reader.pages]
        for number, ((width, height), chars, objects) in enumerate(
                zip(pages, glyphs(path), drawn_boxes(path), strict=True), 1):
            boxes = [(f"'{char['char']}'", char["box"]) for char in chars] + \
                    [(kind, bounds) for kind, bounds in objects]
            for what, (left, bottom, right, top) in boxes:
                if (left < EDGE - SLACK or bottom < EDGE - SLACK
                        or right > width - EDGE + SLACK or top > height - EDGE + SLACK):
                    problems.append(f"{item} ({paper}) page {number}: {what} at "
                                    f"{left:.1f},{bottom:.1f}-{right:.1f},{top:.1f}")
                    break
    assert not problems, "\n".join(problems[:30])


def test_the_safety_line_is_large_enough_with_its_numbers_in_bold(pdfs):
    problems = []
    for item, paper, path in pdfs:
        for number, chars in enumerate(glyphs(path), 1):
            footer = footer_glyphs(chars)
            small = [char for char in footer if char["size"] < SAFETY_MIN[paper] - 0.05]
            if small:
                problems.append(f"{item} ({paper}) page {number}: footer at "
                                f"{min(char['size'] for char in small):.2f} pt")
            # The last line is "Page x of y | title · licence": the safety line is above it
            # (the international line has no number to call: "your local emergency number").
            last = min(char["baseline"] for char in footer)
            safety = [char for char in footer if char["baseline"] > last + 2]
            digits = [char for index, char in enumerate(safety) if char["char"].isdigit()
                      and not _in_address(safety, index)]
            if not all(char["bold"] for char in digits):
                problems.append(f"{item} ({paper}) page {number}: the safety line's numbers "
                                f"are not all bold ({''.join(c['char'] for c in digits)})")
    assert not problems, "\n".join(problems[:30])


def test_the_footer_is_tagged_and_reachable_from_the_structure_tree(pdfs):
    problems = []
    for item, paper, path in pdfs:
        used, reached = marked_content(path)
        for number, (ids, found) in enumerate(zip(used, reached, strict=True), 1):
            if ids - found:
                problems.append(f"{item} ({paper}) page {number}: marked content "
                                f"{sorted(ids - found)[:5]} not in the structure tree")
        for number, (objects, chars) in enumerate(zip(text_objects(path), glyphs(path),
                                                      strict=True), 1):
            top = footer_glyphs(chars)[0]["box"][3]
            footer = [obj for obj in objects if obj["bounds"][3] <= top + 1]
            untagged = [obj["text"] for obj in footer
                        if obj["mcid"] < 0 or obj["mcid"] not in reached[number - 1]]
            if not footer or untagged:
                problems.append(f"{item} ({paper}) page {number}: footer text not reachable: "
                                f"{untagged[:3]}")
    assert not problems, "\n".join(problems[:30])
