"""The content as a whole: reading level, coverage of the library, chapters."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from readability import client_text, grade
from test_site import EXERCISES, INFO_SHEETS

from compassion_kit.testing import REPO

MAX_CLIENT_GRADE = 8.0
MAX_CHAPTER_GRADE = 10.0
CHAPTERS = ["why-compassion", "empathy-and-compassion", "therapy", "work-and-home",
            "self-compassion", "staying-present"]


@pytest.fixture(scope="module")
def entries(site):
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in catalog["items"]}


@pytest.mark.parametrize("item_id", EXERCISES + INFO_SHEETS)
def test_client_text_reads_at_grade_8_or_below(site, entries, item_id):
    page = site / entries[item_id]["url"]
    assert len(client_text(page).split()) > 150, "too little text to measure"
    assert grade(page) <= MAX_CLIENT_GRADE


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_reads_plainly_and_links_practices(site, chapter):
    page = site / "docs" / "chapters" / f"{chapter}.html"
    words = len(client_text(page).split())
    assert 1200 <= words <= 2600, f"{words} words"
    assert grade(page) <= MAX_CHAPTER_GRADE
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    practices = [a["href"] for a in soup.select("article a[href]")
                 if "/exercises/" in a["href"] or "/info-sheets/" in a["href"]]
    assert practices, "a chapter must link at least one practice or info sheet"


@pytest.mark.parametrize("sheet", INFO_SHEETS)
def test_info_sheet_points_to_a_practice(site, entries, sheet):
    page = site / entries[sheet]["url"]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert any("/exercises/" in a["href"] for a in soup.select("article a[href]"))


def _front(item_id: str) -> dict:
    from compassion_kit.rules import frontmatter

    return frontmatter.load(REPO / "exercises" / f"{item_id}.md").data


def test_library_covers_every_chapter_audience_and_format():
    """The distribution promised in the library issue cannot silently regress."""
    fronts = [_front(item_id) for item_id in EXERCISES]
    chapters = Counter(front["chapter"] for front in fronts)
    audiences = Counter(audience for front in fronts for audience in front["audiences"])
    formats = Counter(front["format"] for front in fronts)
    assert len(fronts) >= 24
    for chapter in ["empathy-and-compassion", "therapy", "work-and-home", "self-compassion"]:
        assert chapters[chapter] >= 4, chapters
    assert chapters["staying-present"] >= 2, chapters
    assert audiences["client"] >= 12 and audiences["team"] >= 8, audiences
    assert audiences["reader"] >= 6 and audiences["clinician"] >= 3, audiences
    for kind in ["written", "guided", "conversation", "group"]:
        assert formats[kind] >= 1, formats
    guided = [front for front in fronts if front["format"] == "guided"]
    assert all(1 <= front["duration_minutes"] <= 10 for front in guided)
