"""Lean pages, measured by loading them in Chromium with a cold cache (issue 14).

- the landing page, every byte the browser fetches (HTML, CSS, scripts,
  fonts, images, the icon) under 120 KB, and under 60 KB compressed (each
  response gzipped, as a web server would send it);
- a stylesheet or script loads only on pages that use it;
- no layout shift from fonts, images or scripts: cumulative layout shift
  under 0.05 on the landing page, the library, a chapter and a practice, on a
  phone and a laptop.
"""

from __future__ import annotations

import pytest
from helpers.browserkit import DESKTOP, script

from compassion_kit.firstview import PHONE, transferred, weigh

RAW_BUDGET = 120 * 1000
COMPRESSED_BUDGET = 60 * 1000
CLS_BUDGET = 0.05
KEY_PAGES = ["index.html", "exercises/index.html", "docs/chapters/self-compassion.html",
             "exercises/self-compassion-break.html"]


def _load(browser, server, name: str, viewport) -> tuple[list, object, object]:
    """A fresh context (empty cache), the page loaded, and every response."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    page.goto(server.url(name), wait_until="load")
    page.wait_for_load_state("networkidle")
    return responses, page, context


def test_the_landing_page_is_light(browser, server):
    """What a phone fetches on a first visit (the benchmark reports the same
    measure: compassion_kit/firstview.py)."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    found = weigh([(url.removeprefix(server.origin), kind, body)
                   for url, kind, body in transferred(context, server.url("index.html"))])
    context.close()
    report = ", ".join(f"{kind} {size / 1000:.1f} KB"
                       for kind, size in found["by_type_bytes"].items())
    print(f"\nlanding page: {found['requests']} requests, {found['kb']:.1f} KB raw, "
          f"{found['gzip_kb']:.1f} KB compressed ({report})")
    for url, size in found["files"]:
        print(f"  {size / 1000:6.1f} KB  {url}")
    assert found["bytes"] < RAW_BUDGET, f"{found['bytes']} bytes"
    assert found["gzip_bytes"] < COMPRESSED_BUDGET, f"{found['gzip_bytes']} bytes compressed"


def test_assets_load_only_where_they_are_used(browser, server):
    """sphinx-design, code highlighting, the filters' CSS and script, and Sphinx's
    search scripts are fetched only by the pages that need them."""
    seen = {}
    for name in ["index.html", "exercises/index.html", "exercises/self-compassion-break.html",
                 "search.html?q=kind"]:
        responses, _page, context = _load(browser, server, name, DESKTOP)
        seen[name] = {response.url.rsplit("/", 1)[-1].split("?")[0] for response in responses}
        context.close()
    everywhere = set.intersection(*seen.values())
    for asset in ("sphinx-design.min.css", "design-tabs.js", "pygments.css",
                  "furo-extensions.css"):
        assert not any(asset in found for found in seen.values()), (asset, seen)
    assert "kit-filters.css" in seen["exercises/index.html"]
    assert "kit.js" in seen["exercises/index.html"]
    for name in ("index.html", "exercises/self-compassion-break.html"):
        assert not {"kit-filters.css", "kit.js", "doctools.js", "searchtools.js"} & seen[name]
    assert "searchtools.js" in seen["search.html?q=kind"]
    assert {"furo.css", "kit.css", "site-a11y.js"} <= everywhere


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_no_layout_shift_on_the_key_pages(browser, server, viewport):
    shifts = {}
    for name in KEY_PAGES:
        _responses, page, context = _load(browser, server, name, viewport)
        shifts[name] = page.evaluate(script("layout-shift.js"))
        context.close()
    print("\n" + "\n".join(f"CLS {found['cls']:.3f} {name}" for name, found in shifts.items()))
    bad = {name: found for name, found in shifts.items() if found["cls"] >= CLS_BUDGET}
    assert not bad, bad
