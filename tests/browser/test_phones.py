"""Every page of both sites on a 360 px phone, in a real browser: no page, and
no table or code box in it, scrolls sideways, and the handout links are 44 px
tap targets.

Chromium (the system's, driven by Playwright) loads the site from a local HTTP
server on 127.0.0.1 (conftest.py beside this file). With CI set a missing
browser fails the run; elsewhere these tests skip and say how to install one.
"""

from __future__ import annotations

import json

import pytest
from helpers.browserkit import MIN_TAP, PHONE, new_page, script


@pytest.fixture(scope="module")
def phone(browser, server, pages) -> dict:
    """Every page at 360 px: what sticks out sideways, and the handout links' sizes."""
    sideways, link_sizes = script("sideways.js"), script("pdf-link-sizes.js")
    page = new_page(browser, viewport=PHONE)
    seen = {}
    for name in pages:
        page.goto(server.url(name), wait_until="load")
        seen[name] = page.evaluate(sideways)
        seen[name]["links"] = page.evaluate(link_sizes)
    page.close()
    return seen


def test_no_page_scrolls_sideways_on_a_360px_phone(phone):
    """Neither the page nor any box in it (a wide table, a code block)."""
    wide = {name: {key: found[key] for key in ("width", "scroll", "out", "scrollers")}
            for name, found in phone.items()
            if found["scroll"] > found["width"] or found["out"] or found["scrollers"]}
    assert all(found["width"] == PHONE["width"] for found in phone.values())
    assert not wide, json.dumps(wide, indent=1)


def test_handout_links_are_44px_tap_targets_on_a_phone(phone):
    links = [(name, *link) for name, found in phone.items() for link in found["links"]]
    small = [f"{name}: '{label}' {width:.0f}x{height:.0f} px"
             for name, label, width, height in links if width < MIN_TAP or height < MIN_TAP]
    assert len(links) >= 3 * 20, f"only {len(links)} handout links found"
    assert not small, f"{len(small)} of {len(links)} handout links are too small:\n" + (
        "\n".join(small[:20]))
