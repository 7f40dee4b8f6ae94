"""Every page of both sites with a keyboard only, in a real browser: a working
skip link comes first, every focus stop is visible, and Tab gets out of every
page (no keyboard trap); the folded sidebars open and close from the keyboard.

Chromium (the system's, driven by Playwright) loads the site from a local HTTP
server on 127.0.0.1 (conftest.py beside this file). With CI set a missing
browser fails the run; elsewhere these tests skip and say how to install one.
"""

from __future__ import annotations

import pytest
from helpers.browserkit import DESKTOP, PHONE, new_page, script

FOCUS_RECORDER = script("focus-recorder.js")
TABBABLE = script("tabbable-count.js")
DRAWER = script("drawer-state.js")
# What the skip link says, in English and in Spanish.
SKIP_LINK_WORDS = ("skip", "ir al contenido")


def _walk(page, limit: int) -> tuple[list[dict], bool]:
    """Tab from the top until focus leaves the page: (the stops, whether it left)."""
    pressed = 0
    while pressed < limit:
        for _ in range(20):
            page.keyboard.press("Tab")
        pressed += 20
        if page.evaluate("window.__kitStops.some(stop => stop.left)"):
            break
    stops = page.evaluate("window.__kitStops")
    end = next((i for i, stop in enumerate(stops) if stop.get("left")), None)
    return (stops, False) if end is None else (stops[:end], True)


def test_every_page_works_with_a_keyboard(browser, server, pages):
    """A working skip link first; every focus stop visible; Tab gets out of every page."""
    page = new_page(browser, reduced_motion="reduce")
    page.add_init_script(FOCUS_RECORDER)
    problems: list[str] = []
    stops_total = 0
    for name in pages:
        page.goto(server.url(name), wait_until="load")
        limit = 2 * page.evaluate(TABBABLE) + 40
        stops, left = _walk(page, limit)
        stops_total += len(stops)
        first = stops[0] if stops else {}
        href = first.get("href") or ""
        if not (href.startswith("#") and any(words in first["label"].lower()
                                              for words in SKIP_LINK_WORDS)
                and page.locator(f"[id='{href[1:]}']").count() == 1):
            problems.append(f"{name}: the first Tab stop is not a skip link: {first}")
        elif not first["seen"]:
            problems.append(f"{name}: the skip link does not show when focused")
        ids = [stop["id"] for stop in stops]
        if not left:
            problems.append(f"{name}: keyboard trap: Tab did not leave the page in {limit} "
                            f"presses; last stops: {[s['where'] for s in stops[-3:]]}")
        elif len(set(ids)) < len(ids):
            problems.append(f"{name}: keyboard trap: focus came back before leaving the page")
        for stop in stops:
            if not stop["ring"]:
                problems.append(f"{name}: no visible focus indicator on {stop['where']} "
                                f"'{stop['label']}'")
            elif not stop["seen"]:
                problems.append(f"{name}: focus is off screen or covered on {stop['where']} "
                                f"'{stop['label']}'")
        # Following the skip link, the next stop is in the content, not the sidebar.
        if href.startswith("#"):
            page.locator(f"a[href='{href}']").first.focus()
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            after = page.evaluate("window.__kitStops.filter(stop => !stop.left).at(-1)")
            if not after or not after["inOrAfterMain"]:
                problems.append(f"{name}: after the skip link, Tab goes to {after}")
    page.close()
    print(f"\nkeyboard: {len(pages)} pages, {stops_total} focus stops")
    assert stops_total > 10 * len(pages)
    assert not problems, "\n".join(problems)


def _settle(page, drawer: str, visible: bool) -> None:
    """Wait (at most 2 s) for a sliding drawer to finish (the page's CSP forbids
    Playwright's wait_for_function, which evaluates a string)."""
    for _ in range(40):
        if page.evaluate(DRAWER, drawer)["visible"] == visible:
            return
        page.wait_for_timeout(50)


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
@pytest.mark.parametrize(("viewport", "toggle", "drawer"), [
    (DESKTOP, "button.toc-content-icon", ".toc-drawer"),  # "On this page" below 82em
    (PHONE, "button.nav-overlay-icon", ".sidebar-drawer"),  # the site navigation below 63em
], ids=["contents-at-1280px", "navigation-at-360px"])
def test_sidebar_drawers_open_and_close_with_the_keyboard(browser, server, viewport, toggle,
                                                          drawer, motion):
    """Reached with Tab, a button (site-a11y.js) opens the folded sidebar and moves focus
    into it, with the drawer's slide animation running (normal motion) or not; Escape
    closes it and gives focus back."""
    page = new_page(browser, viewport=viewport, reduced_motion=motion)
    page.goto(server.url("docs/chapters/therapy.html"), wait_until="load")
    assert page.evaluate(DRAWER, drawer) == {"visible": False, "focusInside": False}
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{toggle}')"):
            break
    else:
        pytest.fail(f"Tab never reaches the {toggle} toggle")
    assert page.get_attribute(toggle, "aria-expanded") == "false"
    page.keyboard.press("Enter")
    # Focus moves in at once, while the drawer may still be sliding in.
    assert page.evaluate(DRAWER, drawer)["focusInside"], "focus did not enter the drawer"
    _settle(page, drawer, visible=True)
    assert page.evaluate(DRAWER, drawer) == {"visible": True, "focusInside": True}
    assert page.get_attribute(toggle, "aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.evaluate(f"document.activeElement.matches('{toggle}')")
    _settle(page, drawer, visible=False)
    assert page.evaluate(DRAWER, drawer) == {"visible": False, "focusInside": False}
    page.close()
