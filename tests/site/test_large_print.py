"""Large print, on US Letter and on A4, measured on the laid-out pages.

Every glyph in the PDFs is at least 18 pt, except the footer's (at least
14 pt); every second-level heading at least 24 pt; the masthead two lines;
every rule and border at least 1 pt and dark grey.
"""

from __future__ import annotations

import pytest
from helpers.pdfcheck import footer_glyphs, glyphs

from compassion_kit.printing import render as pdf
from compassion_kit.testing import LARGE_PRINT, REPO

BODY_MIN, FOOTER_MIN, H2_MIN = 18.0, 14.0, 24.0
PX = 0.75  # CSS px -> pt
DARKEST_GREY = 0x55 / 255  # #555: rules may be no lighter


@pytest.mark.parametrize("paper", LARGE_PRINT)
def test_every_glyph_is_18_pt_and_the_footer_14_pt(site, catalogue, paper):
    problems = []
    for entry in catalogue:
        if paper not in entry["pdfs"]:
            continue  # slides: one 16:9 sheet, every glyph 28 pt (test_workshop_package.py)
        for number, chars in enumerate(glyphs(site / entry["pdfs"][paper]), 1):
            footer = {id(char) for char in footer_glyphs(chars)}
            small = [char for char in chars if char["size"] < (
                FOOTER_MIN if id(char) in footer else BODY_MIN) - 0.05]
            if small:
                sample = "".join(char["char"] for char in small)[:40]
                problems.append(f"{entry['id']} page {number}: {len(small)} glyphs from "
                                f"{min(char['size'] for char in small):.1f} pt: {sample!r}")
    assert not problems, "\n".join(problems[:30])


def _layouts(site, catalogue, kinds=("exercise", "info-sheet", "workshop-guide", "workbook",
                                   "practice-log", "pathway-pack", "invitation",
                                   "support-sheet", "feedback-form")):
    for entry in catalogue:
        if entry["kind"] not in kinds:
            continue
        html = (site.parent / "doctrees" / "kit-print" / f"{entry['id']}.html").read_text()
        yield entry, pdf.layout(html, (site / entry["url"]).as_uri(), "large-print",
                                roots=(REPO, site))


def _grey(color) -> float:
    """The lightness of a colour, 0 (black) to 1 (white), as ink on white paper."""
    red, green, blue = color.to("srgb").coordinates
    return 1 - color.alpha * (1 - (0.2126 * red + 0.7152 * green + 0.0722 * blue))


def test_headings_masthead_and_rules(site, catalogue):
    problems = []
    for entry, document in _layouts(site, catalogue):
        for number, page in enumerate(document.pages, 1):
            for box in page._page_box.descendants():
                tag, style = getattr(box, "element_tag", ""), box.style
                if tag == "h2" and style["font_size"] * PX < H2_MIN - 0.05:
                    problems.append(f"{entry['id']} page {number}: H2 at "
                                    f"{style['font_size'] * PX:.1f} pt")
                if tag == "header" and number == 1:
                    lines = [line for line in box.descendants()
                             if type(line).__name__ == "LineBox"]
                    if len(lines) != 2:
                        problems.append(f"{entry['id']}: the masthead has {len(lines)} lines")
                # In a collapsed table each cell's box holds half of a shared rule.
                shared = 2 if tag in ("td", "th") and style["border_collapse"] == "collapse" \
                    else 1
                for side in ("top", "right", "bottom", "left"):
                    width = (getattr(box, f"border_{side}_width", 0) or 0) * shared
                    color = style[f"border_{side}_color"]
                    # A white or clear border draws nothing: it is no rule.
                    drawn = width and style[f"border_{side}_style"] not in ("none", "hidden") \
                        and _grey(color) < 0.95
                    if drawn and (width * PX < 1 - 0.01 or _grey(color) > DARKEST_GREY + 0.01):
                        classes = box.element.get("class") if box.element is not None else ""
                        problems.append(
                            f"{entry['id']} page {number}: {tag}.{(classes or '')[:30]} "
                            f"{side} rule {width * PX:.2f} pt, lightness {_grey(color):.2f}")
    assert not problems, "\n".join(dict.fromkeys(problems))
