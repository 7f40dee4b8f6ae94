"""The library's filters in Chromium, as people use them (issue 14).

Every choice is clicked like a person would, with normal motion settings, and
what is on screen afterwards (the cards a person can see, and the count beside
the Filter control) must be exactly what catalog.json and the front matter say
for that combination. With JavaScript off the filters must still work; on a
phone they fold behind a "Filter" control; the choice is kept in the address.
Every test runs on the English library and on the Spanish one (es/), whose
cards and words come from es/catalog.json and the Spanish words below.
"""

from __future__ import annotations

from itertools import combinations
from urllib.parse import parse_qs, urlparse

import pytest
from helpers.browserkit import (
    DESKTOP,
    LANGUAGES,
    SITE_FOLDER,
    WORDS,
    catalogue_of,
    count_words,
    expected_titles,
    library_entries,
    new_page,
    script,
)
from playwright.sync_api import expect

LIBRARY = "exercises/index.html"
# The fewest cards each language's library should list.
AT_LEAST = {"en": 29, "es": 20}
# Sphinx curls the quotes of page headings; the catalogue keeps them straight.
STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
PHONE = {"width": 375, "height": 812}
SHOWN = script("shown-cards.js")
CHOICES = script("filter-choices.js")


@pytest.fixture(scope="module", params=LANGUAGES)
def lang(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def entries(site, lang) -> list[dict]:
    found = library_entries(catalogue_of(site, lang))
    assert len(found) >= AT_LEAST[lang], len(found)
    return found


@pytest.fixture(scope="module")
def library(lang) -> str:
    return SITE_FOLDER[lang] + LIBRARY


def _choices(page) -> dict[str, list[str]]:
    """group -> the values offered on the page (not 'All')."""
    return page.evaluate(CHOICES)


def _check(page, group: str, value: str) -> None:
    """Click the choice's label, as a person would (the label is the target)."""
    page.locator(f'.kit-filters label:has(input[name="{group}"][value="{value}"])').click()


def _assert_shows(page, entries, choice: dict[str, str], lang: str = "en") -> dict:
    want = expected_titles(entries, choice)
    words = count_words(len(want), len(entries), lang)
    # A reset button updates the form after its event: give the count a moment.
    expect(page.locator(".kit-filter-count")).to_have_text(words, timeout=2000)
    shown = page.evaluate(SHOWN)
    assert sorted(shown["titles"]) == want, (choice, shown["titles"])
    assert shown["count"] == words, (choice, shown["count"])
    assert shown["empty"] == (not want), choice
    return shown


def test_every_choice_shows_what_the_catalogue_says(browser, server, entries, library, lang):
    """Each choice of each group, clicked at 1280 px: cards and count match the
    catalogue; the address keeps the choice; Clear filters shows everything again."""
    page = new_page(browser, DESKTOP, reduced_motion="no-preference")
    page.goto(server.url(library), wait_until="load")
    before = _assert_shows(page, entries, {}, lang)
    assert not before["clear"], "Clear filters shows with nothing to clear"
    choices = _choices(page)
    assert set(choices) >= {"kind", "aud", "sit", "len", "int", "ev", "ch", "fmt"}, choices
    assert set(choices["kind"]) == {"exercise", "info-sheet"}
    assert set(choices["int"]) >= {"gentle", "moderate"}
    assert set(choices["ev"]) == {"tested-program", "related-research", "practice-wisdom"}
    clicked = 0
    for group, values in choices.items():
        for value in values:
            _check(page, group, value)
            clicked += 1
            shown = _assert_shows(page, entries, {group: value}, lang)
            assert shown["clear"], "Clear filters is not offered"
            assert parse_qs(urlparse(page.url).query) == {group: [value]}, page.url
        page.locator(".kit-filter-status .kit-filter-clear").click()
        _assert_shows(page, entries, {}, lang)
        assert urlparse(page.url).query == ""
    page.close()
    print(f"\n{clicked} choices clicked, each matching the catalogue")


def test_combinations_show_what_the_catalogue_says(browser, server, entries, library, lang):
    """Every pair of choices from two groups, and a few triples, including
    combinations that match nothing (then the empty-state message shows)."""
    page = new_page(browser, DESKTOP)
    page.goto(server.url(library), wait_until="load")
    choices = _choices(page)
    # One click a pair: a choice replaces the one before it in its group, so
    # walking the second group's choices under each choice of the first visits
    # every pair, as a person changing their mind one filter at a time does.
    pairs = 0
    empty = 0
    for g1, g2 in combinations(choices, 2):
        for v1 in choices[g1]:
            _check(page, g1, v1)
            for v2 in choices[g2]:
                _check(page, g2, v2)
                shown = _assert_shows(page, entries, {g1: v1, g2: v2}, lang)
                assert parse_qs(urlparse(page.url).query) == {g1: [v1], g2: [v2]}, page.url
                pairs += 1
                empty += shown["empty"]
        page.locator(".kit-filter-status .kit-filter-clear").click()
        _assert_shows(page, entries, {}, lang)
    for triple in (
            {"kind": "exercise", "aud": "client", "len": "medium"},
            {"aud": "reader", "int": "gentle", "ev": "tested-program"},
            {"kind": "info-sheet", "aud": "team", "ch": "work-and-home"}):
        for group, value in triple.items():
            _check(page, group, value)
        _assert_shows(page, entries, triple, lang)
        page.locator(".kit-filter-status .kit-filter-clear").click()
    page.close()
    assert empty, "no combination matched nothing: the empty state went untested"
    print(f"\n{pairs} pairs ({empty} matching nothing) and 3 triples checked")


def test_the_empty_state_offers_a_way_out(browser, server, entries, library, lang):
    page = new_page(browser, DESKTOP)
    page.goto(server.url(f"{library}?kind=info-sheet&fmt=guided"), wait_until="load")
    shown = _assert_shows(page, entries, {"kind": "info-sheet", "fmt": "guided"}, lang)
    assert shown["empty"] and not shown["titles"]
    way_out = page.locator(".kit-filter-empty button")
    assert way_out.is_visible()
    way_out.click()
    _assert_shows(page, entries, {}, lang)
    page.close()


def test_the_choice_is_kept_in_the_address(browser, server, entries, library, lang):
    """A shared or bookmarked address opens the same list; Back returns to it."""
    choice = {"aud": "client", "len": "medium"}
    page = new_page(browser, DESKTOP)
    page.goto(server.url(f"{library}?aud=client&len=medium"), wait_until="load")
    shown = _assert_shows(page, entries, choice, lang)
    assert page.locator('input[name="aud"][value="client"]').is_checked()
    _check(page, "int", "gentle")
    assert parse_qs(urlparse(page.url).query) == {"aud": ["client"], "len": ["medium"],
                                                  "int": ["gentle"]}
    choice["int"] = "gentle"
    shown = _assert_shows(page, entries, choice, lang)
    page.locator(".kit-cards").get_by_role("link", name=shown["titles"][0], exact=True).click()
    page.wait_for_load_state("load")
    heading = page.locator("h1").first.inner_text().rstrip("¶ \n").translate(STRAIGHT)
    assert heading == shown["titles"][0]
    page.go_back(wait_until="load")
    _assert_shows(page, entries, choice, lang)
    page.close()


def test_filters_work_without_javascript(browser, server, entries, library, lang):
    """Radio buttons and CSS alone: the cards shown, a count from a CSS counter,
    and Clear filters (a reset button)."""
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.url(library), wait_until="load")
    assert page.evaluate("typeof window.kitFilters") == "undefined"
    for choice in ({"aud": "client"}, {"aud": "client", "len": "short"},
                   {"aud": "client", "len": "short", "int": "moderate"}):
        for group, value in choice.items():
            _check(page, group, value)
        shown = page.evaluate(SHOWN)
        want = expected_titles(entries, choice)
        assert sorted(shown["titles"]) == want, choice
        assert shown["count"] == "", "the count text is kit.js's: the script ran"
        assert _spoken_count(context, page) == WORDS[lang]["shown"].format(count=len(want)), \
            choice
        assert shown["clear"]
    page.locator(".kit-filter-status .kit-filter-clear").click()
    assert len(page.evaluate(SHOWN)["titles"]) == len(entries)
    context.close()


def _spoken_count(context, page) -> str:
    """The count as the accessibility tree has it (CSS generated text, counters
    resolved): what a screen reader reads and what is drawn."""
    cdp = context.new_cdp_session(page)
    document = cdp.send("DOM.getDocument")
    node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"],
                                          "selector": ".kit-filter-count"})
    tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"],
                                                       "fetchRelatives": True})["nodes"]
    words = [ax["name"]["value"] for ax in tree
             if ax.get("role", {}).get("value") == "StaticText" and "name" in ax]
    cdp.detach()
    return "".join(words).strip()


def test_on_a_phone_the_filters_fold_behind_a_filter_control(browser, server, entries, library,
                                                            lang):
    """375 px, normal motion: the list starts on the first screen; "Filter" opens
    the choices; the live count sits beside the control, with Clear filters."""
    page = new_page(browser, PHONE, reduced_motion="no-preference")
    page.goto(server.url(library), wait_until="load")
    shown = page.evaluate(SHOWN)
    toggle = page.locator("summary.kit-filter-toggle")
    assert toggle.is_visible() and toggle.inner_text().strip() == WORDS[lang]["filter"]
    assert not shown["groupsShown"], "the choices should be folded on a phone"
    assert shown["first"]["top"] < PHONE["height"] - 150, (
        f"the first card starts at y={shown['first']['top']:.0f} on a "
        f"{PHONE['height']} px screen")
    toggle_box = toggle.bounding_box()
    count_box = shown["countBox"]
    middle = toggle_box["y"] + toggle_box["height"] / 2
    assert count_box["top"] < middle < count_box["bottom"], "the count is not beside Filter"
    assert count_box["left"] > toggle_box["x"] + toggle_box["width"]
    assert count_box["right"] <= PHONE["width"]
    toggle.click()
    assert page.evaluate(SHOWN)["groupsShown"]
    page.get_by_label(WORDS[lang]["clients"]).click()
    shown = _assert_shows(page, entries, {"aud": "client"}, lang)
    clear = page.locator(".kit-filter-status .kit-filter-clear")
    assert clear.is_visible()
    clear_box = clear.bounding_box()
    assert clear_box["height"] >= 44 and clear_box["x"] + clear_box["width"] <= PHONE["width"]
    assert abs((clear_box["y"] + clear_box["height"] / 2) - middle) < 12
    clear.click()
    _assert_shows(page, entries, {}, lang)
    page.close()
