"""The bottom margin of each paper, sized to hold the handout's own footer.

The footer (the safety line of the paper's region, then page x of y, the
title and the licence) sits in the page's bottom margin, and its last line
ends 0.55 in above the paper's edge. A page margin cannot grow with its
content, so each handout's margin is computed here from the footer's text:
its words are measured with the vendored font's advance widths and broken
into lines as the renderer does (greedy, at spaces), and the margin is the
footer's height plus 0.55 in plus a small gap. A short US footer then takes
no more of the page than it needs, and a long one never runs into the text.

The sizes below mirror handout.css and large-print.css (the running footer);
tests/site/test_footer.py checks the result against WeasyPrint's own layout for
every region on every paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import unescape

from fontTools.ttLib import TTFont

from compassion_kit.about import FONT_DIR
from compassion_kit.problems import Problem, ProblemError

FONTS = {False: "atkinson-hyperlegible-next-latin-400-normal.woff2",
         True: "atkinson-hyperlegible-next-latin-700-normal.woff2"}
INCH = 72.0
EDGE = 0.55 * INCH  # no ink nearer the paper's edge than this
GAP = 6.0  # pt between the page's text and the footer's rule
SLACK = 0.02  # measure lines 2 % fuller than they are: never too few lines


@dataclass(frozen=True)
class FooterBox:
    """How a paper sets its footer (see the .running-footer rules)."""

    width: float  # pt: the page width less the side margins
    size: float  # font size, pt
    line_height: float  # factor
    paragraph_gap: float  # pt below each paragraph but the last
    top: float  # pt: border and padding above the first line


LETTER_W, A4_W = 612.0, 595.28
PAPERS = {
    "letter": FooterBox(LETTER_W - 2 * 0.7 * INCH, 8.5, 1.3, 1.5, 0.75 + 3),
    "a4": FooterBox(A4_W - 2 * 0.7 * INCH, 8.5, 1.3, 1.5, 0.75 + 3),
    "large-print": FooterBox(LETTER_W - 2 * 0.58 * INCH, 14, 1.2, 1.5, 1 + 3),
    "large-print-a4": FooterBox(A4_W - 2 * 0.58 * INCH, 14, 1.2, 1.5, 1 + 3),
}


@cache
def _font(bold: bool) -> tuple[dict[int, str], dict[str, int], int]:
    """(code point -> glyph name, glyph name -> advance width, units per em)."""
    path = FONT_DIR / FONTS[bold]
    try:
        font = TTFont(path)
    except OSError as error:
        # The handouts' font is part of the kit: without it no PDF can be made.
        raise ProblemError(Problem(str(path), 0, "print font",
                                   f"handouts not written: {error.strerror or error}; "
                                   "reinstall the kit's fonts", "pdf")) from error
    widths = {name: advance for name, (advance, _lsb) in font["hmtx"].metrics.items()}
    return font.getBestCmap(), widths, font["head"].unitsPerEm


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in pt, from the font's advance widths (no kerning)."""
    cmap, widths, units = _font(bold)
    default = widths.get(".notdef", units // 2)
    return sum(widths.get(cmap.get(ord(char), ".notdef"), default)
               for char in text) * size / units


def count_lines(runs: list[tuple[str, bool]], box: FooterBox, reserved: float = 0.0) -> int:
    """Lines that ``runs`` ((text, bold) pieces of one paragraph) fill, broken
    greedily at spaces; the first line is ``reserved`` pt shorter."""
    words: list[float] = []  # widths of words; a negative one is a space
    for text, bold in runs:
        for index, word in enumerate(re.split(r"(\s+)", text)):
            if not word:
                continue
            if word.isspace():
                words.append(-text_width(" ", box.size, bold))
            elif index == 0 and words and words[-1] > 0:
                words[-1] += text_width(word, box.size, bold)  # a bold number, then ", or"
            else:
                words.append(text_width(word, box.size, bold))
    lines, used, limit = 1, 0.0, (box.width - reserved) * (1 - SLACK)
    space = 0.0
    for width in words:
        if width < 0:
            space = -width
            continue
        if used and used + space + width > limit:
            lines, used, limit = lines + 1, width, box.width * (1 - SLACK)
        else:
            used += (space if used else 0) + width
        space = 0.0
    return lines


_BOLD = re.compile(r"<strong>(.*?)</strong>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def runs_of(html: str) -> list[tuple[str, bool]]:
    """(text, bold) pieces of a footer paragraph's HTML (strong or not)."""
    runs, last = [], 0
    for match in _BOLD.finditer(html):
        runs.append((unescape(_TAGS.sub("", html[last:match.start()])), False))
        runs.append((unescape(_TAGS.sub("", match.group(1))), True))
        last = match.end()
    runs.append((unescape(_TAGS.sub("", html[last:])), False))
    return [(text, bold) for text, bold in runs if text]


def margin_bottom(paper: str, safety_html: str, meta_text: str, page_count: str) -> float:
    """The bottom margin (pt) that holds this footer on ``paper``: the safety
    paragraph, then the meta line (``page_count`` floats at its right)."""
    box = PAPERS[paper]
    lines = count_lines(runs_of(safety_html), box)
    reserved = text_width(page_count, box.size, bold=True) + box.size  # its 1em margin
    lines += count_lines([(meta_text, False)], box, reserved)
    height = box.top + lines * box.size * box.line_height + box.paragraph_gap
    return round(EDGE + height + GAP + 1, 1)
