"""Clinical safety on the built site: what a person in distress or a careful
clinician needs (help on every page, every region's lines, where each practice
stands for each condition, the group agreement)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.kit import EXERCISES, group_sources

from compassion_kit.rules import safety
from compassion_kit.testing import REPO
from compassion_kit.web import supportlines


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.site
def test_before_you_assign_places_every_practice_under_every_condition(site):
    soup = _soup(site / "docs/guides/before-you-assign.html")
    blocks = soup.select(".kit-contra")
    assert len(blocks) == len(safety.CONDITIONS)
    for block in blocks:
        targets = [a["href"].split("#")[0].rsplit("/", 1)[-1].removesuffix(".html")
                   for a in block.select("a[href]")]
        assert sorted(targets) == sorted(EXERCISES), block.select_one(".rubric").text
    text = soup.get_text(" ")
    assert "Avoid for now" in text and "Adapt" in text and "Fine as written" in text


@pytest.mark.site
def test_every_page_offers_help_now_with_tap_to_call(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        bar = _soup(page).select_one(".announcement .kit-help-bar")
        assert bar is not None, page
        hrefs = [a["href"] for a in bar.select("a[href]")]
        assert "tel:988" in hrefs and "sms:988" in hrefs, (page, hrefs)
        assert any(h.endswith("finding-support.html") or h == "#" for h in hrefs), (page, hrefs)


@pytest.mark.site
def test_finding_support_lists_every_region_and_the_us_extras_from_the_data(site):
    data = supportlines.load(REPO / "docs/_data/crisis-lines.yaml")
    soup = _soup(site / "docs/guides/finding-support.html")
    text = " ".join(soup.get_text(" ").split())
    for region in supportlines.REGIONS:
        assert soup.select_one(f".kit-region-{region}"), region
        for line in supportlines.lines_of(data, region):
            assert " ".join(line.reach.split()) in text, (region, line.id)
    for extra in ("domestic-violence", "sexual-assault", "trevor", "crisis-text", "veterans",
                  "988-spanish", "childhelp"):
        [line] = [x for x in supportlines.lines_of(data, "us") if x.id == extra]
        assert line.name in text
    assert "What happens when you reach out" in text
    assert "press 3" not in text.lower()  # ended in July 2025; never print it


@pytest.mark.site
def test_every_workshop_and_group_page_shows_the_shared_agreement(site):
    agreement = supportlines.safe_yaml(REPO / "docs/_data/group-agreement.yaml")
    for path in group_sources():
        page = site / path.relative_to(REPO).with_suffix(".html")
        box = _soup(page).select_one(".kit-group-agreement")
        assert box is not None, f"{page.name} has no group agreement"
        assert "cannot promise" in box.get_text(" "), page.name
        assert agreement["title"] in box.get_text(" ")
