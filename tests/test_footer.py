"""The footer of every page of every PDF, measured on the laid-out pages.

- all ink (every glyph's box, every drawn rule, border, field and QR code)
  stays at least 0.55 in from every edge of the paper;
- the safety line is at least 8.5 pt (14 pt in large print), its numbers in
  bold;
- the footer is tagged and reachable from the structure tree, so a screen
  reader that follows the tags reads the safety line on every page;
- each paper's bottom margin holds the footer of every region's crisis line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pdfcheck import INCH, drawn_boxes, glyphs, marked_content, text_objects
from pypdf import PdfReader

from compassion_kit.config import SAFETY_LINE
from compassion_kit.printing import footer as printfooter
from compassion_kit.printing import html as printhtml
from compassion_kit.printing import render as pdf
from compassion_kit.web.crisisline import sentence
from compassion_kit.web.supportlines import REGIONS, load

EDGE = 0.55 * INCH
SLACK = 0.3  # pt: rounding in pdfium's boxes
SAFETY_MIN = {"letter": 8.5, "a4": 8.5, "large-print": 14, "large-print-a4": 14}
LARGE = ("large-print", "large-print-a4")
START = "".join(SAFETY_LINE.split())[:20]  # "Thissheetisnotasubst"


@pytest.fixture(scope="module")
def pdfs(site) -> list[tuple[str, str, Path]]:
    """(item id, paper, path) of every PDF in the catalogue."""
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    found = [(entry["id"], paper, site / path) for entry in catalog["items"]
             for paper, path in sorted(entry["pdfs"].items())]
    assert {paper for _item, paper, _path in found} == set(pdf.PAPERS)
    return found


def footer_glyphs(chars: list[dict]) -> list[dict]:
    """The glyphs of the page's footer: the safety line's first line and all below it."""
    text = "".join(char["char"] for char in chars)
    start = text.find(START)
    assert start >= 0, "no safety line on the page"
    top = chars[start]["box"][3]
    return [char for char in chars if char["box"][3] <= top + 1]


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


def _footer_probe(paper: str, region: str, title: str) -> str:
    """A one-page document with the footer of ``region`` on ``paper``, as
    handout.html writes it, and the bottom margin printhtml gives it."""
    data = load(Path(__file__).resolve().parent.parent / "docs/_data/crisis-lines.yaml")
    safety = printhtml.footer_safety(f"{SAFETY_LINE} {sentence(data, region)}")
    classes = f"kit-region-variant kit-for-{paper}"
    margin = printhtml.footer_margins([(classes, safety)] + [
        (f"kit-region-variant kit-for-{other}", safety) for other in pdf.PAPERS if other != paper
    ], title, "CC BY-SA 4.0")[paper]
    return (f'<!DOCTYPE html><html lang="en"><head><style>@page kit-{paper} '
            f"{{ margin-bottom: {margin}pt; }}</style></head><body>"
            f'<footer class="running-footer"><p class="safety {classes}">{safety}</p>'
            f'<p class="footer-meta"><span class="page-count" data-page="Page" data-of="of">'
            f'</span><span class="doc-title">{title}</span> · CC BY-SA 4.0</p></footer>'
            f"<p>{'Text. ' * 2000}</p></body></html>")


@pytest.mark.parametrize("paper", pdf.PAPERS)
def test_the_bottom_margin_holds_every_regions_footer(paper):
    """For the crisis lines of every region and a long title: the footer ends
    0.55 in above the edge, starts below the page's text, and the margin
    leaves no more than a line spare (printfooter.py measures the words)."""
    from weasyprint.formatting_structure import boxes

    problems = []
    long_title = "Self-Compassion for High Achievers: Participant Workbook"
    for region, title in [*((region, long_title) for region in REGIONS), ("us", "Calm")]:
        document = pdf.layout(_footer_probe(paper, region, title),
                              Path(__file__).parent.as_uri(), paper)
        page = document.pages[0]._page_box
        footer = next(box for box in page.children if isinstance(box, boxes.MarginBox))
        lines = [box for box in footer.descendants() if isinstance(box, boxes.LineBox)]
        top = min(box.position_y for box in footer.descendants()
                  if getattr(box, "element_tag", "") == "footer")
        bottom = max(line.position_y + line.height for line in lines)
        height = page.margin_height()
        text_bottom = height - page.margin_bottom
        spare = (top - text_bottom) * 0.75  # px -> pt
        edge = (height - bottom) * 0.75
        line = printfooter.PAPERS[paper].size * printfooter.PAPERS[paper].line_height
        if edge < EDGE - SLACK or spare < 0 or spare > line + printfooter.GAP + 2:
            problems.append(f"{region}, {title[:20]}: {len(lines)} lines, "
                            f"{edge / INCH:.2f} in from the edge, {spare:.1f} pt spare")
    assert not problems, "\n".join(problems)


def test_numbers_bold_and_addresses_linked_in_the_safety_line():
    html = str(printhtml.footer_safety(
        "In the UK: call 116 123, free (Samaritans). In immediate danger: call 999. "
        "Or chat at 988lifeline.org."))
    assert re.findall(r"<strong>\s*([^<]+)</strong>", html) == ["116 123", "999"]
    assert '<a class="kit-url" href="https://988lifeline.org"> 988lifeline.org</a>' in html
