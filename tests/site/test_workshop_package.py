"""Every workshop's package (issue 15, part 4), on the real build: the
invitation, the take-home support sheet, the anonymous feedback form and the
16:9 slides, each in catalog.json and linked from the plan's page; the slides
measured on the PDF; the forms filled in as a facilitator and a participant
would, then drawn."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from helpers.filledcheck import fill, placements, render_poppler
from helpers.kit import WORKSHOPS, workshop
from helpers.pdfcheck import flat_text, glyphs, open_pdf

from compassion_kit.testing import PAPERS

PACKAGE = {"guide": "workshop-guide", "workbook": "workbook", "invitation": "invitation",
           "support-sheet": "support-sheet", "feedback-form": "feedback-form",
           "slides": "slides"}
SLIDE_SIZE = (960, 540)  # points: 13.333 x 7.5 in, 16:9
MIN_SLIDE_PT = 28.0


def _slides(site, plan):
    return open_pdf(site / f"handouts/slides/{plan}-slides.pdf")


def _page_texts(reader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_every_workshop_has_its_full_package_in_the_catalogue(site, catalogue_by_id, plan):
    for part, kind in PACKAGE.items():
        entry = catalogue_by_id[f"{plan}-{part}"]
        assert entry["kind"] == kind
        assert entry["url"] == f"docs/workshops/{plan}.html"
        # Slides are one 16:9 sheet; everything else comes on every paper.
        expected = {"slides"} if kind == "slides" else set(PAPERS)
        assert set(entry["pdfs"]) == expected, entry["pdfs"]
        for path in entry["pdfs"].values():
            assert (site / path).is_file(), path
    assert catalogue_by_id[f"{plan}-slides"]["pdfs"] == {
        "slides": f"handouts/slides/{plan}-slides.pdf"}


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_the_plans_page_links_every_part_of_its_package(site, catalogue_by_id, plan):
    page = site / f"docs/workshops/{plan}.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    hrefs = {(page.parent / a["href"]).resolve() for a in soup.select("a[href$='.pdf']")}
    for part in PACKAGE:
        for path in catalogue_by_id[f"{plan}-{part}"]["pdfs"].values():
            assert (site / path).resolve() in hrefs, path


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_slides_one_page_per_segment_plus_the_fixed_slides(site, plan):
    data = workshop(plan)
    texts = _page_texts(_slides(site, plan))
    # Where each page starts: its heading (title slide: the kit's name, then the title).
    agreement = [index for index, text in enumerate(texts) if text.startswith(
        "Our group agreement")]
    debrief = [index for index, text in enumerate(texts) if text.startswith("Debrief")]
    fixed = 1 + len(agreement) + len(debrief) + 1  # title, agreement, debrief questions, close
    assert len(texts) == len(data["agenda"]) + fixed
    assert data["title"] in texts[0]
    # The agreement is read in the opening (every plan opens with it).
    assert data["agenda"][0]["kind"] == "opening"
    assert agreement and agreement == list(range(2, 2 + len(agreement))), \
        "the agreement follows the opening's slide"
    assert texts[-1].startswith("Thank you")
    segments = [text for index, text in enumerate(texts)
                if 0 < index < len(texts) - 1 and index not in agreement + debrief]
    for segment, text in zip(data["agenda"], segments, strict=True):
        assert text.startswith(" ".join(segment["title"].split())), (segment["title"], text)
        assert f"{segment['minutes']} minutes" in text
        # The prompt, or its first sentences (the whole prompt is in the guide).
        first_words = " ".join(segment["prompt"].split()[:6])
        assert first_words in text, (first_words, text)


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_slides_are_16_by_9_tagged_and_every_glyph_at_least_28_pt(site, plan):
    reader = _slides(site, plan)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]) == "en"
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == \
            pytest.approx(SLIDE_SIZE, abs=0.5)
    small = [(number, char["char"], round(char["size"], 1))
             for number, chars in enumerate(glyphs(site / f"handouts/slides/{plan}-slides.pdf"),
                                            start=1)
             for char in chars if char["size"] < MIN_SLIDE_PT - 0.05]
    assert small == []
    for number, text in enumerate(_page_texts(reader), start=1):
        assert len(text) > 10, f"slide {number} has no extractable text"


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_the_close_shows_the_crisis_lines_and_the_agreement_its_limits(site, plan):
    texts = _page_texts(_slides(site, plan))
    assert "988" in texts[-1] and "911" in texts[-1]
    agreement = " ".join(text for text in texts if text.startswith("Our group agreement"))
    assert "What privacy cannot cover" in agreement and "may have to act" in agreement


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_the_guide_has_a_speaker_note_for_every_slide_and_the_self_care_checklist(site, plan):
    slides = len(_slides(site, plan).pages)
    guide = " ".join(flat_text(site / f"handouts/letter/{plan}-guide.pdf").split())
    numbers = [int(found) for found in re.findall(r"Slide (\d+) \(", guide)]
    assert numbers == list(range(1, slides + 1))
    assert "Slides and speaker notes" in guide
    assert "Your debrief and self-care" in guide


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_invitation_says_what_to_expect_how_to_opt_out_and_the_limits_of_privacy(site, plan):
    data = workshop(plan)
    text = " ".join(flat_text(site / f"handouts/letter/{plan}-invitation.pdf").split())
    assert "talk to me first" in text
    assert "never need to give a reason" in text and "Content note" in text
    assert f"{data['duration_minutes']} minutes" in text
    assert " ".join(data["outcomes"][0].split()) in text
    # Never privacy without its exceptions: the shared agreement's own words.
    assert "What privacy cannot cover" in text and "may have to act" in text
    fields = open_pdf(site / f"handouts/letter/{plan}-invitation.pdf").get_fields() or {}
    assert {"date", "time", "place"} <= set(fields)


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_support_sheet_prints_each_papers_region_and_a_workplace_line(site, plan):
    letter = " ".join(flat_text(site / f"handouts/letter/{plan}-support-sheet.pdf").split())
    a4 = " ".join(flat_text(site / f"handouts/a4/{plan}-support-sheet.pdf").split())
    assert "Crisis Text Line" in letter and "988" in letter
    assert "findahelpline.com" in a4 and "Crisis Text Line" not in a4
    for text in (letter, a4):
        assert "Support at work" in text and "Keep it going" in text
    fields = open_pdf(site / f"handouts/letter/{plan}-support-sheet.pdf").get_fields() or {}
    assert {"work_support", "work_support_contact"} <= set(fields)


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_feedback_form_is_anonymous_and_rates_each_outcome_before_and_after(site, plan):
    data = workshop(plan)
    path = site / f"handouts/letter/{plan}-feedback-form.pdf"
    text = " ".join(flat_text(path).split())
    assert "anonymous" in text and "Name" not in (open_pdf(path).get_fields() or {})
    fields = set(open_pdf(path).get_fields() or {})
    for row in range(1, len(data["outcomes"]) + 1):
        assert {f"rating.{row}.1", f"rating.{row}.2"} <= fields
    assert {"helped.1", "change.1", "will_try.1", "safe"} <= fields


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
@pytest.mark.parametrize("part", ["invitation", "feedback-form", "support-sheet"])
@pytest.mark.parametrize("paper", ["letter", "large-print-a4"])
def test_filled_in_the_typed_answers_sit_on_their_lines(site, tmp_path, part, paper):
    """Filled as a viewer does, drawn by poppler: typed text is drawn inside
    each field, clear of its rule (not struck through), and nothing printed
    sits inside an empty field."""
    empty = site / f"handouts/{paper}/{WORKSHOPS[0]}-{part}.pdf"
    filled = fill(empty, tmp_path / f"{part}.pdf")
    problems = []
    found = placements(empty, filled, render_poppler)
    assert found
    for placed in found:
        where = f"{placed.widget.name} (page {placed.widget.page + 1})"
        _left, top, _right, bottom = placed.box
        if not placed.inside_blank:
            problems.append(f"{where}: something is printed inside the field")
        if placed.ink is None:
            problems.append(f"{where}: the typed text was not drawn")
            continue
        if placed.ink[1] <= top or placed.ink[3] >= bottom:
            problems.append(f"{where}: typed text crosses the field's edge or its rule")
        if placed.rule_below < 0.9:
            problems.append(f"{where}: no rule under the field")
    assert problems == []


@pytest.mark.parametrize("plan", WORKSHOPS)
def test_the_sheets_read_at_grade_8_or_below(site, plan):
    """The kit's own words on the invitation, support sheet and feedback form
    (the crisis and support lines are the data file's, checked with it)."""
    import textstat

    for part in ("invitation", "support-sheet", "feedback-form"):
        html = (site.parent / "doctrees" / "kit-print" / f"{plan}-{part}.html").read_text()
        main = BeautifulSoup(html, "html.parser").select_one("main")
        for node in main.select(".kit-region-lines, .kit-crisis-line"):
            node.decompose()
        text = " ".join(main.get_text(" ").split())
        assert len(text.split()) > 150, part
        assert textstat.flesch_kincaid_grade(text) <= 8, part
