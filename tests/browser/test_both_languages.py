"""Both sites in a real browser: the Spanish search page's words, and the
language switcher of the English and the Spanish site (es/).

Chromium (the system's, driven by Playwright) loads the site from a local HTTP
server on 127.0.0.1 (conftest.py beside this file). With CI set a missing
browser fails the run; elsewhere these tests skip and say how to install one.
"""

from __future__ import annotations

import pytest
from helpers.browserkit import MIN_TAP, PHONE, new_page, script


def test_the_spanish_search_page_speaks_spanish(browser, server):
    """Sphinx's search, in Spanish: its heading and result count come from the
    kit's translations.js, within the Content-Security-Policy."""
    page = new_page(browser)
    page.add_init_script(script("csp-watch.js"))
    page.goto(server.url("es/search.html?q=compasión"), wait_until="load")
    page.wait_for_selector("#search-results li", timeout=15000)
    page.wait_for_load_state("networkidle")
    heading = page.locator("#search-results h2").inner_text().strip()
    status = page.locator("#search-results .search-summary").inner_text().strip()
    found = page.locator("#search-results li").count()
    csp = page.evaluate("window.__kitCsp")
    page.close()
    assert heading == "Resultados de la búsqueda"
    words = "una página" if found == 1 else f"{found} páginas"
    assert status == f"Listo: encontramos {words}.", status
    assert not csp, csp


@pytest.mark.parametrize(("start", "other", "name"), [
    ("es/exercises/self-compassion-break.html", "exercises/self-compassion-break.html",
     "English"),
    ("exercises/self-compassion-break.html", "es/exercises/self-compassion-break.html",
     "Español"),
    ("docs/guides/before-you-assign.html", "es/index.html", "Inicio en español"),
], ids=["es-to-en", "en-to-es", "en-only-to-es-home"])
def test_the_language_switcher_is_on_the_first_screen_and_leads_to_the_same_page(
        browser, server, start, other, name):
    """On a 360 px phone: the switcher is in the top bar, a 44 px tap target,
    named in its own language; a tap opens the same page in the other language
    (or the Spanish home page, for a page only in English)."""
    page = new_page(browser, viewport=PHONE)
    page.goto(server.url(start), wait_until="load")
    link = page.locator("nav.kit-lang a")
    assert link.count() == 1
    box = link.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] / 3, box
    assert box["height"] >= MIN_TAP and box["x"] + box["width"] <= PHONE["width"], box
    assert link.inner_text().strip() == name
    link.click()
    page.wait_for_load_state("load")
    assert page.url == server.url(other), page.url
    assert page.evaluate("document.documentElement.lang") == (
        "es" if other.startswith("es/") else "en")
    page.close()
