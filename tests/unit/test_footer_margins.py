"""Each paper's bottom margin holds the footer of every region's crisis line,
and the safety line's numbers are bold and its addresses links, laid out by
WeasyPrint from the footer alone (the footers of the built PDFs:
site/test_footer.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.pdfcheck import INCH

from compassion_kit.config import SAFETY_LINE
from compassion_kit.printing import footer as printfooter
from compassion_kit.printing import html as printhtml
from compassion_kit.printing import render as pdf
from compassion_kit.testing import REPO
from compassion_kit.web.crisisline import sentence
from compassion_kit.web.supportlines import REGIONS, load

EDGE = 0.55 * INCH
SLACK = 0.3  # pt: rounding in WeasyPrint's layout


def _footer_probe(paper: str, region: str, title: str) -> str:
    """A one-page document with the footer of ``region`` on ``paper``, as
    handout.html writes it, and the bottom margin printhtml gives it."""
    data = load(REPO / "docs/_data/crisis-lines.yaml")
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
    leaves no more than a line spare (printing/footer.py measures the words)."""
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
