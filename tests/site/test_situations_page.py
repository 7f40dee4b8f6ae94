"""The page "Choose by situation" and the catalogue's situations, on the built
site (issue 15, part 2): every situation of the vocabulary is a heading with
at least two practices, exactly those whose front matter names it, gentlest
first, each linking to its page; the library and the guides lead there; catalog.json
carries each practice's situations. English and every translation."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from helpers.kit import EXERCISES, exercise

from compassion_kit.rules.taxonomy import SITUATIONS
from compassion_kit.testing import REPO, load_catalog, translations

EDITIONS = ("", *(f"{lang}/" for lang in translations(REPO)))
PAGE = "docs/guides/choose-by-situation.html"
INTENSITY_ORDER = ("gentle", "moderate", "deep")
STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def _soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _tagged(situation: str) -> set[str]:
    return {item_id for item_id in EXERCISES
            if situation in exercise(item_id).get("situations", [])}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_situation_lists_its_practices_gentlest_first(site, edition):
    # Practices by page (a practice's log shares its page).
    catalogue = {entry["url"]: entry for entry in load_catalog(site, edition.rstrip("/"))
                 if entry["kind"] == "exercise"}
    soup = _soup(site, edition + PAGE)
    jump = [link["href"] for link in soup.select(".kit-situation-jump a")]
    assert jump == [f"#{situation}" for situation in SITUATIONS]
    for situation in SITUATIONS:
        section = soup.find("section", id=situation)
        assert section is not None, situation
        links = section.select("ul.kit-situation-practices > li > p > a")
        entries = []
        for link in links:
            url = edition + "docs/guides/" + link["href"]
            entry = catalogue[_normal(url)]
            assert link.get_text().translate(STRAIGHT) == entry["title"], url
            entries.append(entry)
        ids = [entry["id"] for entry in entries]
        # The English edition has every practice; a translation those it translated.
        expected = _tagged(situation) if not edition else \
            {entry["id"] for entry in catalogue.values() if situation in entry["situations"]}
        assert set(ids) == expected and len(ids) == len(expected), (edition, situation, ids)
        assert len(ids) >= 2, (edition, situation, ids)
        order = [(INTENSITY_ORDER.index(exercise(item_id)["intensity"]),
                  exercise(item_id)["duration_minutes"]) for item_id in ids]
        assert order == sorted(order), (edition, situation, ids)
        more = section.select_one(".kit-situation-more a")
        assert more["href"].endswith(f"exercises/index.html?sit={situation}"), more["href"]


def _normal(url: str) -> str:
    """'es/docs/guides/../../exercises/x.html' -> 'es/exercises/x.html'."""
    parts: list[str] = []
    for part in url.split("/"):
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def test_the_catalogue_carries_each_practices_situations(site):
    for entry in json.loads((site / "catalog.json").read_text(encoding="utf-8"))["items"]:
        if entry["kind"] == "exercise":
            assert entry["situations"] == exercise(entry["id"]).get("situations", []), \
                entry["id"]
        else:
            assert isinstance(entry["situations"], list), entry["id"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_library_and_the_guides_lead_to_the_page(site, edition):
    """In every edition that has the page (its own, not the English one)."""
    for where, href in (("exercises/index.html", "../" + PAGE),
                        ("docs/guides/index.html", "choose-by-situation.html")):
        if not (site / edition / where).is_file():
            continue  # an edition without that page links to the English one
        links = _soup(site, edition + where).select("article a")
        assert any(link["href"] == href for link in links), (edition, where)
