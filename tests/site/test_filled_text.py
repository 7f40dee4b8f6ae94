"""Typed answers sit on the lines (issue 12, point 3).

Several handouts of different formats are filled in the way a client's
viewer does (values, NeedAppearances, the viewer draws the text), then drawn
by poppler and by PDFium. For every text field, on every paper:

- the empty form prints nothing inside the field's box (no rule, border or
  text that typed words could cross), and a rule or border runs right under
  it across its width;
- the typed text is drawn, inside the field's box, clear of its top and
  bottom edges (not cut off, and off the rule under it);
- poppler's text layer puts each typed word inside one field's box.

`look pdf FILE --fill` shows the same thing as pictures.
"""

from __future__ import annotations

import shutil

import pytest
from helpers.filledcheck import fill, placements, render_pdfium, render_poppler, typed_words
from helpers.pdfcheck import widgets
from pypdf import PdfReader

from compassion_kit.testing import EACH_LAYOUT

# Different formats and answer types: lines and lines beside labels (guided),
# a table, choices and scales, a plan with tables, a choice list, a log.
HANDOUTS = ("the-pause-before-reacting", "empathy-or-compassion", "noticing-empathic-distress",
            "my-compassion-plan", "masks-i-wear", "accountability-without-shame",
            "self-compassion-break-log")
PAPERS = EACH_LAYOUT
RENDERERS = {"poppler": render_poppler, "pdfium": render_pdfium}

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")


@pytest.fixture(scope="module")
def filled(site, catalogue_by_id, tmp_path_factory):
    """(handout, paper) -> (empty PDF, filled PDF)."""
    out = tmp_path_factory.mktemp("filled")
    pairs = {}
    for handout in HANDOUTS:
        for paper in PAPERS:
            empty = site / catalogue_by_id[handout]["pdfs"][paper]
            pairs[handout, paper] = (empty, fill(empty, out / paper / f"{handout}.pdf"))
    return pairs


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("paper", PAPERS)
def test_typed_text_sits_between_the_rules(filled, paper, renderer):
    problems = []
    checked = 0
    for handout in HANDOUTS:
        empty, done = filled[handout, paper]
        for placed in placements(empty, done, RENDERERS[renderer]):
            name, (left, top, right, bottom) = placed.widget.name, placed.box
            where = f"{handout} {name} (page {placed.widget.page + 1})"
            checked += 1
            if not placed.inside_blank:
                problems.append(f"{where}: something is printed inside the field's box")
            if placed.ink is None:
                problems.append(f"{where}: the typed text was not drawn")
                continue
            ink_left, ink_top, ink_right, ink_bottom = placed.ink
            if ink_top <= top or ink_bottom >= bottom:
                problems.append(f"{where}: typed text reaches the field's edge or its rule "
                                f"(ink rows {ink_top}-{ink_bottom}, box {top}-{bottom})")
            if ink_left < left or ink_right > right:
                problems.append(f"{where}: typed text outside the field's width")
            if placed.rule_below < 0.9 and not name.startswith(("handout_", "clinician")):
                problems.append(f"{where}: no rule under the field "
                                f"({placed.rule_below:.0%} of its width)")
    assert checked > 50
    assert problems == []


@pytest.mark.parametrize("paper", PAPERS)
def test_poppler_text_layer_keeps_each_typed_word_in_one_field(filled, paper):
    problems = []
    for handout in HANDOUTS:
        empty, done = filled[handout, paper]
        heights = {number: float(page.mediabox.height)
                   for number, page in enumerate(PdfReader(str(empty)).pages)}
        boxes = [(widget.page, widget.rect) for widget in widgets(empty) if widget.kind == "/Tx"]
        words = typed_words(done)
        assert words, f"{handout}: poppler found no typed words"
        for page, (x0, top, _x1, bottom), word in words:
            # The text layer also holds the words a viewer cut off at a
            # field's right edge: a word belongs to a field it starts after.
            inside = [rect for number, rect in boxes if number == page
                      and rect[0] - 1 <= x0
                      and heights[page] - rect[3] - 0.5 <= top
                      and bottom <= heights[page] - rect[1] + 0.5]
            if not inside:
                problems.append(f"{handout} page {page + 1}: '{word}' at {top:.1f}-{bottom:.1f} "
                                "pt is not inside a field's box")
    assert problems == []
