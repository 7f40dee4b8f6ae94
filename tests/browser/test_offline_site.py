"""The offline copy (downloads/beyond-empathy-site.zip), as a clinician uses it
on a USB stick: unzipped into a folder, every page opened over file:// in
Chromium with no failed request, and search finding pages with no server."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers.browserkit import DESKTOP, required_chromium

from compassion_kit.firstview import CHROMIUM_ARGS

ZIP = "downloads/beyond-empathy-site.zip"


@pytest.fixture(scope="module")
def unzipped(site, tmp_path_factory) -> Path:
    archive = site / ZIP
    assert archive.is_file(), f"no offline copy at {archive}"
    folder = tmp_path_factory.mktemp("usb stick")  # a space, as real folder names have
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert names == sorted(names), "members are not in a fixed order"
        opened.extractall(folder)
    [root] = list(folder.iterdir())
    assert (root / "index.html").is_file() and (root / "es" / "index.html").is_file()
    assert (root / "handouts" / "letter").is_dir()
    return root


@pytest.fixture(scope="module")
def offline_browser(tmp_path_factory):
    executable = required_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # No --allow-file-access-from-files: a reader's browser has no such flag.
        browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def test_every_page_opens_over_file_with_no_failed_request(unzipped, offline_browser):
    context = offline_browser.new_context(viewport=DESKTOP, service_workers="block")
    failed: list[str] = []
    outside: list[str] = []
    context.on("requestfailed", lambda request: failed.append(
        f"{request.url}: {request.failure}"))
    context.on("request", lambda request: outside.append(request.url)
               if not request.url.startswith(("file://", "data:", "about:")) else None)
    page = context.new_page()
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 40
    try:
        for path in pages:
            failed_before = len(failed)
            response = page.goto(path.as_uri(), wait_until="load")
            assert response is None or response.ok, path
            assert len(failed) == failed_before, f"{path.relative_to(unzipped)}: {failed[-1]}"
    finally:
        context.close()
    assert not failed, failed[:10]
    assert not outside, outside[:10]


def test_search_works_without_a_server(unzipped, offline_browser):
    context = offline_browser.new_context(viewport=DESKTOP, service_workers="block")
    page = context.new_page()
    try:
        page.goto(f"{(unzipped / 'search.html').as_uri()}?q={quote('self-compassion')}",
                  wait_until="load")
        page.wait_for_selector("#search-results li", timeout=20000)
        results = page.locator("#search-results li a")
        assert results.count() >= 3
        # A result opens its page, from the folder.
        href = results.first.get_attribute("href")
        results.first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://") and "search.html" not in page.url, (href, page.url)
    finally:
        context.close()
