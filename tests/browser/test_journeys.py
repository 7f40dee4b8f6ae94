"""The three users' journeys in Chromium, with normal motion settings (issue 14).

Each test is written as the person: it starts on the landing page, taps what
they would tap, and checks what they see (where things are on the screen,
the cards and their count after each filter, the file a download gives),
against catalog.json and the front matter. Each prints its tap count.

- a reader on a 375 px phone finds and opens a short practice;
- a clinician filters to a 10-minute practice for a client and downloads its
  US Letter PDF;
- a team lead finds a 60-minute workshop and downloads its guide and workbook.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from helpers.browserkit import (
    DESKTOP,
    count_words,
    expected_titles,
    library_entries,
    new_page,
    script,
)
from playwright.sync_api import expect

READER_PHONE = {"width": 375, "height": 812}
# Sphinx curls the quotes of page headings; the catalogue keeps them straight.
STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
SHOWN = script("shown-cards.js")
SCHEMES = ["light", "dark"]
SEARCH_RESULTS = script("search-result-links.js")
LANDING = "index.html"


@pytest.fixture(scope="module")
def entries(catalogue) -> list[dict]:
    return library_entries(catalogue)


def _start(browser, server, viewport, **media):
    """A new page, with normal motion settings, on the landing page: where each
    journey starts."""
    page = new_page(browser, viewport, reduced_motion="no-preference", **media)
    page.goto(server.url(LANDING), wait_until="load")
    return page


def _open(page, link) -> None:
    """Tap a link and wait for the page it opens."""
    link.click()
    page.wait_for_load_state("load")


def _take_route(browser, server, viewport, route: str):
    """From the landing page, tap the route named ``route`` (the journey's first tap)."""
    page = _start(browser, server, viewport)
    _open(page, page.get_by_role("link", name=route))
    return page


def _visible_in_first_screen(page, locator, height: int) -> dict:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (
        f"{locator} is at y={box['y']:.0f}..{box['y'] + box['height']:.0f}, "
        f"below the first {height} px")
    return box


def _shows(page, entries, choice) -> dict:
    want = expected_titles(entries, choice)
    expect(page.locator(".kit-filter-count")).to_have_text(count_words(len(want), len(entries)))
    shown = page.evaluate(SHOWN)
    assert sorted(shown["titles"]) == want, choice
    return shown


def _pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _download(page, button, site, title: str, paper: str) -> dict:
    """Tap a download button: the browser gets the PDF its name promises (the
    file of the build, its page count and size as the name says). Chromium
    opens a PDF in its viewer (or saves it): either way the response is the file."""
    name = button.get_attribute("aria-label")
    assert name.startswith(f"{title}, {paper} PDF"), name
    assert button.inner_text().strip().startswith(paper)
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    href, pdf = button.get_attribute("href"), button.get_attribute("data-kit-pdf")
    here = page.url
    with page.expect_response(lambda response: urlparse(response.url).path.endswith(
            "/" + href.rsplit("/", 1)[-1])) as caught:
        button.click()
    response = caught.value
    assert urlparse(response.url).path.endswith("/" + pdf), (response.url, pdf)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    data = page.context.request.get(response.url).body()
    assert data.startswith(b"%PDF-")
    local = (site / urlparse(response.url).path.lstrip("/")).resolve()
    assert local.is_relative_to(site.resolve()) and data == local.read_bytes(), href
    pages, size = re.search(r", (\d+) pages?, (\d+) KB$", name).groups()
    assert int(pages) == _pdf_pages(data), (name, _pdf_pages(data))
    assert int(size) == max(1, round(len(data) / 1024)), (name, len(data))
    if page.url != here:  # the viewer opened: back to the page, as a person would
        page.go_back(wait_until="load")
    return {"name": name, "bytes": len(data), "pages": int(pages)}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_reader_on_a_phone_finds_and_opens_a_short_practice(browser, server, entries,
                                                              scheme):
    page = _start(browser, server, READER_PHONE, color_scheme=scheme)
    taps = 0
    # The crisis route is on the first screen, ready to tap.
    _visible_in_first_screen(page, page.locator('.announcement a[href="tel:988"]'), 812)
    _visible_in_first_screen(page, page.locator('.announcement a[href="sms:988"]'), 812)
    # So are the search box and the first routes.
    _visible_in_first_screen(page, page.get_by_label("Search the handbook and handouts"), 812)
    route = page.get_by_role("link", name="A short practice for a hard moment")
    _visible_in_first_screen(page, route, 812)

    _open(page, route)
    taps += 1
    choice = {key: values[0] for key, values in parse_qs(urlparse(page.url).query).items()}
    assert choice == {"kind": "exercise", "aud": "reader", "len": "short"}, page.url
    shown = _shows(page, entries, choice)
    assert shown["titles"], "no short practice for a reader"
    assert shown["first"]["top"] < READER_PHONE["height"] - 120, shown["first"]
    first = page.locator(".kit-cards .kit-card-col:visible .kit-card-title a").first
    title = first.inner_text().strip()
    assert title == shown["titles"][0]

    _open(page, first)
    taps += 1
    heading = page.locator("article h1").first
    assert heading.inner_text().rstrip("¶ \n").translate(STRAIGHT) == title
    entry = next(entry for entry in entries if entry["title"] == title)
    assert page.url.endswith(entry["url"])
    assert entry["minutes"] <= 5 and "reader" in entry["values"]["aud"]
    _visible_in_first_screen(page, heading, 812)
    expect(page.get_by_role("heading", name=re.compile("^How to do it"))).to_have_count(1)
    page.close()
    print(f"\nreader ({scheme}): {taps} taps from the landing page to '{title}'")
    assert taps == 2


@pytest.mark.parametrize("viewport", [DESKTOP, READER_PHONE], ids=["1280px", "375px"])
def test_a_clinician_filters_to_a_10_minute_client_practice_and_downloads_it(
        browser, server, site, entries, viewport):
    page, taps = _take_route(browser, server, viewport, "A handout for a client"), 1
    choice = {"aud": "client"}
    _shows(page, entries, choice)
    if viewport is READER_PHONE:
        page.locator("summary.kit-filter-toggle").click()
        taps += 1
    for label, group, value in (("Practices", "kind", "exercise"),
                                ("6 to 15 minutes", "len", "medium")):
        page.locator(".kit-filters").get_by_label(label, exact=True).click()
        taps += 1
        choice[group] = value
        _shows(page, entries, choice)
    ten = [entry for entry in entries if entry["minutes"] == 10
           and entry["title"] in expected_titles(entries, choice)]
    assert ten, "no 10-minute client practice"
    card = page.locator(".kit-card-col:visible", has_text="10 minutes").first
    title = card.locator(".kit-card-title").inner_text().strip()
    assert title in {entry["title"] for entry in ten}
    _open(page, card.locator(".kit-card-title a"))
    taps += 1
    assert page.locator("article h1").first.inner_text().rstrip("¶ \n").translate(STRAIGHT) == title
    letter = page.locator(".kit-print a.kit-dl", has_text="US Letter")
    if viewport is READER_PHONE:
        _visible_in_first_screen(page, letter, 812 * 2)
    got = _download(page, letter, site, title, "US Letter")
    taps += 1
    page.close()
    print(f"\nclinician ({viewport['width']} px): {taps} taps to '{got['name']}'")
    assert taps <= 6


@pytest.mark.parametrize("viewport", [DESKTOP, READER_PHONE], ids=["1280px", "375px"])
def test_a_team_lead_finds_a_60_minute_workshop_and_its_guide_and_workbook(
        browser, server, site, catalogue, viewport):
    page, taps = _take_route(browser, server, viewport, "A workshop for my team"), 1
    guides = {entry["title"].removesuffix(": Facilitator Guide"): entry for entry in catalogue
              if entry["kind"] == "workshop-guide"}
    sixty = sorted(title for title, entry in guides.items() if entry["duration_minutes"] == 60)
    assert sixty, "no 60-minute workshop in the catalogue"
    # The comparison shows each workshop's length beside its name, on any screen.
    row = page.locator("table.kit-stack tr", has_text="60 min").first
    expect(row).to_be_visible()
    link = row.get_by_role("link").first
    name = link.inner_text().strip()
    assert name in sixty, (name, sixty)
    if viewport is READER_PHONE:  # stacked: the length is shown under the name
        name_box = link.bounding_box()
        length_box = row.get_by_text("60 min", exact=True).bounding_box()
        assert length_box["y"] > name_box["y"]
        assert length_box["x"] + length_box["width"] <= viewport["width"]
    _open(page, link)
    taps += 1
    assert page.locator("article h1").first.inner_text().rstrip("¶ \n").translate(STRAIGHT) == name
    expect(page.locator(".kit-glance")).to_contain_text("60 minutes")
    got = []
    for suffix in ("Facilitator Guide", "Participant Workbook"):
        button = page.locator(f'.kit-print a.kit-dl[data-kit-title="{name}: {suffix}"]',
                              has_text="US Letter")
        got.append(_download(page, button, site, f"{name}: {suffix}", "US Letter"))
        taps += 1
    page.close()
    print(f"\nteam lead ({viewport['width']} px): {taps} taps to "
          + " and ".join(item["name"] for item in got))
    assert taps == 4


def test_a_reader_searches_from_the_landing_page(browser, server):
    """Search is on the phone's first screen; it finds content, not boilerplate:
    a word every item page's print box and badges used to carry matches only
    pages about it, and a feeling finds a practice first."""
    page = _start(browser, server, READER_PHONE)
    box = page.get_by_label("Search the handbook and handouts")
    _visible_in_first_screen(page, box, 812)
    results = {}
    for word in ("anxious", "print"):
        page.goto(server.url(LANDING), wait_until="load")
        box.fill(word)
        box.press("Enter")
        page.wait_for_selector("#search-results li", timeout=15000)
        page.wait_for_load_state("networkidle")
        results[word] = page.evaluate(SEARCH_RESULTS)
        expect(page.get_by_label("Search the handbook and handouts")).to_have_value(word)
    page.close()
    print(f"\nsearch: 'anxious' -> {results['anxious'][:3]}; 'print' -> "
          f"{len(results['print'])} pages")
    assert results["anxious"][0].startswith("exercises/"), results["anxious"]
    # The word every practice's and info sheet's print box used to carry finds the
    # pages about printing (guides, indexes, workshop and pathway plans with their
    # packs), never an item's own page for its furniture.
    furniture = [page for page in results["print"]
                 if re.match(r"(exercises|docs/info-sheets)/(?!index\.html)", page)]
    assert furniture == [], furniture
    assert len(results["print"]) <= 25, results["print"]


def test_printing_a_web_page_prints_the_content_only(browser, server):
    """Ctrl+P on a practice page: no help bar, PDF box, related practices or
    navigation; the facilitator notes only when the reader ticks the box."""
    page = new_page(browser, DESKTOP)
    page.goto(server.url("exercises/self-compassion-break.html"), wait_until="load")
    notes = page.locator("section#notes-for-facilitators-and-clinicians")
    toggle = page.get_by_label("Include these notes when I print this page")
    expect(toggle).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".announcement", ".kit-print", "#related-practices", ".sidebar-drawer",
                   ".related-pages", ".kit-facts"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.get_by_role("heading", name=re.compile("^How to do it"))).to_be_visible()
    expect(notes).to_be_hidden()
    page.emulate_media(media="screen")
    toggle.check()
    page.emulate_media(media="print")
    expect(notes).to_be_visible()
    expect(page.locator(".kit-notes-print")).to_be_hidden()
    page.close()
