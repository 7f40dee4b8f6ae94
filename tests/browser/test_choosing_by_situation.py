"""Choosing by situation in Chromium (issue 15, part 2), as a person does it,
in English and in Spanish.

In the library, a click on a situation (normal motion settings) leaves exactly
that situation's practices on screen: those whose front matter names it, which
catalog.json says too. From the library a phone user reaches the page
"Choose by situation", taps a situation at the top, reads its practices
(gentlest first) and follows them into the library, where the same practices
are shown.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from helpers.browserkit import (
    DESKTOP,
    LANGUAGES,
    SITE_FOLDER,
    catalogue_of,
    count_words,
    library_entries,
    new_page,
    script,
)
from playwright.sync_api import expect

LIBRARY = "exercises/index.html"
PAGE = "docs/guides/choose-by-situation.html"
PHONE = {"width": 375, "height": 812}
SHOWN = script("shown-cards.js")
STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
INTENSITY_ORDER = ("gentle", "moderate", "deep")
# What a person reads for each situation (written here, not taken from the kit).
SITUATION_WORDS = {
    "en": {"hard-on-myself": "I'm hard on myself",
           "mistake-and-shame": "I made a mistake and feel ashamed",
           "stressed-and-on-edge": "I'm stressed and on edge",
           "feel-too-much": "I worry I'm too much for people",
           "worn-out-from-caring": "I'm worn out from caring",
           "someone-is-hurting": "Someone I care about is hurting",
           "tense-at-home": "Things are tense at home",
           "tense-conversation-at-work": "A tense conversation at work",
           "therapist-gets-me": "I'm not sure my therapist gets me"},
    "es": {"hard-on-myself": "Me trato con mucha dureza",
           "mistake-and-shame": "Cometí un error y siento vergüenza",
           "stressed-and-on-edge": "Vivo con estrés y a flor de piel",
           "feel-too-much": "Temo ser demasiado para los demás",
           "worn-out-from-caring": "Cuidar a otros me está agotando",
           "someone-is-hurting": "Alguien que quiero está sufriendo",
           "tense-at-home": "Hay tensión en casa",
           "tense-conversation-at-work": "Una conversación tensa en el trabajo",
           "therapist-gets-me": "No sé si mi terapeuta me entiende"},
}
LEGEND = {"en": "Situation", "es": "Situación"}
WAY_IN = {"en": "Choose by situation", "es": "Elegir por situación"}  # the library's link


@pytest.fixture(scope="module", params=LANGUAGES)
def lang(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def catalogue(site, lang) -> list[dict]:
    return catalogue_of(site, lang)


def _practices(catalogue: list[dict], situation: str) -> list[dict]:
    """The practices of a situation: the front matter names it, and so does catalog.json."""
    entries = {entry["title"]: entry for entry in catalogue}
    found = [entry for entry in library_entries(catalogue) if situation in entry["values"]["sit"]]
    for entry in found:
        assert situation in entries[entry["title"]]["situations"], entry["title"]
    tagged = sorted(entry["title"] for entry in catalogue if entry["kind"] == "exercise"
                    and situation in entry["situations"])
    assert sorted(entry["title"] for entry in found) == tagged, situation
    return found


def test_the_situation_filter_shows_exactly_that_situations_practices(
        browser, server, catalogue, lang):
    page = new_page(browser, DESKTOP, reduced_motion="no-preference")
    page.goto(server.url(SITE_FOLDER[lang] + LIBRARY), wait_until="load")
    group = page.locator("fieldset.kit-filter-sit")
    expect(group.locator("legend")).to_have_text(LEGEND[lang])
    total = len(library_entries(catalogue))
    for situation, words in SITUATION_WORDS[lang].items():
        want = sorted(entry["title"] for entry in _practices(catalogue, situation))
        assert len(want) >= 2, (situation, want)
        group.get_by_label(words, exact=True).click()
        expect(page.locator(".kit-filter-count")).to_have_text(
            count_words(len(want), total, lang), timeout=2000)
        shown = page.evaluate(SHOWN)
        assert sorted(shown["titles"]) == want, (situation, shown["titles"])
        assert parse_qs(urlparse(page.url).query) == {"sit": [situation]}, page.url
    page.locator(".kit-filter-status .kit-filter-clear").click()
    assert len(page.evaluate(SHOWN)["titles"]) == total
    page.close()


def test_on_a_phone_a_situation_leads_to_its_practices_and_back_to_the_library(
        browser, server, catalogue, lang):
    page = new_page(browser, PHONE, reduced_motion="no-preference")
    page.goto(server.url(SITE_FOLDER[lang] + LIBRARY), wait_until="load")
    way_in = page.locator(f'article a[href="../{PAGE}"]')
    assert way_in.inner_text() == WAY_IN[lang]
    way_in.click()
    page.wait_for_load_state("load")
    assert urlparse(page.url).path.endswith("/" + PAGE), page.url
    by_title = {entry["title"]: entry for entry in library_entries(catalogue)}
    for situation, words in SITUATION_WORDS[lang].items():
        jump = page.locator(f'.kit-situation-jump a[href="#{situation}"]')
        assert jump.inner_text().translate(STRAIGHT) == words
        jump.click()
        section = page.locator(f"section#{situation}")
        heading = section.locator("h2")
        expect(heading).to_be_in_viewport()
        assert heading.inner_text().rstrip("¶ \n").translate(STRAIGHT) == words
        listed = [title.translate(STRAIGHT) for title in
                  section.locator("ul.kit-situation-practices > li > p > a").all_inner_texts()]
        practices = _practices(catalogue, situation)
        assert sorted(listed) == sorted(entry["title"] for entry in practices), situation
        order = [(INTENSITY_ORDER.index(next(iter(by_title[title]["values"]["int"]))),
                  by_title[title]["minutes"]) for title in listed]
        assert order == sorted(order), f"{situation}: not gentlest first: {listed}"
    # Follow the last situation into the library: the same practices, its choice made.
    section.locator(".kit-situation-more a").click()
    page.wait_for_load_state("load")
    assert urlparse(page.url).path.endswith("/" + LIBRARY)
    assert page.locator(f'input[name="sit"][value="{situation}"]').is_checked()
    shown = page.evaluate(SHOWN)
    assert sorted(shown["titles"]) == sorted(listed), shown["titles"]
    page.close()
