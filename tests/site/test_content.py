"""The content as a whole, on the built pages: reading level, chapters that
link practices, info sheets that point to one (the library's coverage:
unit/test_library_coverage.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers.kit import EXERCISES, INFO_SHEETS
from helpers.readability import client_text, grade

MAX_CLIENT_GRADE = 8.0
MAX_CHAPTER_GRADE = 10.0
CHAPTERS = ["why-compassion", "empathy-and-compassion", "therapy", "work-and-home",
            "self-compassion", "staying-present"]


@pytest.mark.parametrize("item_id", EXERCISES + INFO_SHEETS)
def test_client_text_reads_at_grade_8_or_below(site, catalogue_by_id, item_id):
    page = site / catalogue_by_id[item_id]["url"]
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
def test_info_sheet_points_to_a_practice(site, catalogue_by_id, sheet):
    page = site / catalogue_by_id[sheet]["url"]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert any("/exercises/" in a["href"] for a in soup.select("article a[href]"))
