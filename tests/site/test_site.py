"""Checks on the real build of the whole kit (built once per run by `site`)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from helpers.kit import (
    EXERCISES,
    INFO_SHEETS,
    ITEMS,
    LOGS,
    ON_PAPER,
    PATHWAYS,
    SLIDES,
    WORKSHOP_PARTS,
    WORKSHOPS,
    workshop,
)
from helpers.linkcheck import broken_links
from helpers.pdfcheck import body_font_size, flat_text, fonts, open_pdf

from compassion_kit.testing import REPO

PAPER_SIZES = {"letter": (612, 792), "a4": (595.3, 841.9), "large-print": (612, 792),
               "large-print-a4": (595.3, 841.9)}
MAX_PAGES = {"letter": 2, "a4": 2, "large-print": 4, "large-print-a4": 4}
MIN_BODY_PT = {"letter": 10.5, "a4": 10.5, "large-print": 18, "large-print-a4": 18}
# Papers that print the international lines unless a region is set (A4 goes abroad).
INTERNATIONAL = ("a4", "large-print-a4")


@pytest.fixture(scope="module")
def entries(catalogue_by_id) -> dict[str, dict]:
    """The English catalogue's items by id."""
    return catalogue_by_id


def test_catalog_lists_every_item_of_the_right_kind(entries):
    """The English catalogue: every English item (the Spanish ones are in es/catalog.json)."""
    assert LOGS, "no practice asks for a log"
    assert sorted(entries) == sorted(ITEMS)
    assert {entry["lang"] for entry in entries.values()} == {"en"}
    kinds = {**dict.fromkeys(EXERCISES, "exercise"), **dict.fromkeys(INFO_SHEETS, "info-sheet"),
             **dict.fromkeys(LOGS, "practice-log")}
    for plan in WORKSHOPS:
        for part, kind in WORKSHOP_PARTS.items():
            kinds[f"{plan}-{part}"] = kind
    kinds.update({f"{name}-pack": "pathway-pack" for name in PATHWAYS})
    assert {item_id: entry["kind"] for item_id, entry in entries.items()} == kinds


def test_catalog_entries_are_complete_and_their_files_exist(site, entries):
    for item_id, entry in entries.items():
        assert entry["title"] and entry["summary"] and entry["audiences"], item_id
        assert (site / entry["url"]).is_file(), entry["url"]
        # Slides are one 16:9 sheet (site/test_workshop_package.py); the rest every paper.
        assert sorted(entry["pdfs"]) == (["slides"] if item_id in SLIDES else sorted(PAPER_SIZES))
        for path in entry["pdfs"].values():
            assert (site / path).is_file(), path
    for item_id in EXERCISES:
        assert isinstance(entries[item_id]["duration_minutes"], int)


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


@pytest.mark.parametrize("item_id", ITEMS)
def test_item_page_links_its_pdfs(site, entries, item_id):
    page = site / entries[item_id]["url"]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    hrefs = {(page.parent / a["href"]).resolve() for a in soup.select("a.kit-pdf-link")}
    expected = {(site / path).resolve() for path in entries[item_id]["pdfs"].values()}
    assert expected <= hrefs


@pytest.mark.parametrize("paper", sorted(PAPER_SIZES))
@pytest.mark.parametrize("item_id", ON_PAPER)
def test_handout_pdf(site, entries, item_id, paper):
    entry = entries[item_id]
    reader = open_pdf(site / entry["pdfs"][paper])
    root = reader.trailer["/Root"]

    width, height = PAPER_SIZES[paper]
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)
    if entry["kind"] in ("exercise", "info-sheet"):
        assert 1 <= len(reader.pages) <= MAX_PAGES[paper], f"{len(reader.pages)} pages"

    used = fonts(reader)
    assert used and all(used.values()), f"fonts not embedded: {used}"
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in used), f"fonts not subset: {used}"
    assert body_font_size(site / entry["pdfs"][paper]) >= MIN_BODY_PT[paper]

    words = flat_text(reader)
    assert entry["title"] in words
    # The crisis lines of the paper's region: the US lines on US Letter and
    # large print, international help on A4 and large print A4 (fixtures/test_regions.py
    # covers the choice).
    if paper in INTERNATIONAL:
        assert "findahelpline.com" in words and "your local emergency number" in words
    else:
        assert "call or text 988" in words and "988lifeline.org" in words
    assert "\\" not in words, "LaTeX markup leaked into the printed text"
    assert reader.metadata.title == entry["title"]
    assert str(root["/Lang"]) == "en"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


@pytest.mark.parametrize("item_id", EXERCISES)
def test_facilitator_notes_stay_off_the_client_handout(site, entries, item_id):
    source = (REPO / "exercises" / f"{item_id}.md").read_text(encoding="utf-8")
    handout = flat_text(site / entries[item_id]["pdfs"]["letter"])
    assert "Notes for facilitators" not in handout
    if "## Notes for facilitators and clinicians" in source:
        page = (site / entries[item_id]["url"]).read_text(encoding="utf-8")
        assert "Notes for facilitators and clinicians" in page


@pytest.mark.parametrize("paper", sorted(PAPER_SIZES))
@pytest.mark.parametrize("plan", WORKSHOPS)
def test_workbook_holds_its_exercises_in_agenda_order_and_no_facilitator_text(
        site, entries, plan, paper):
    from compassion_kit.read import workshops

    data = workshop(plan)
    workbook = flat_text(site / entries[f"{plan}-workbook"]["pdfs"][paper])
    positions = [workbook.find(entries[exercise]["title"])
                 for exercise in workshops.workbook_exercises(data)]
    assert -1 not in positions, "an exercise of the agenda is missing"
    assert positions == sorted(positions), "exercises are not in agenda order"
    for segment in data["agenda"]:
        assert " ".join(segment["prompt"].split()) not in workbook
    assert "Facilitator notes" not in workbook
    assert "Notes for facilitators" not in workbook
