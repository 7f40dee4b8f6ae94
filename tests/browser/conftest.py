"""Fixtures of the browser tests: one server and one browser per test module.

With CI set a missing browser fails the run; elsewhere these tests skip and
say how to install one.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import ThreadingHTTPServer

import pytest
from helpers.browserkit import (
    DESKTOP,
    Browser,
    Server,
    _Handler,
    required_chromium,
)

from compassion_kit.firstview import CHROMIUM_ARGS


@pytest.fixture(scope="module")
def server(site):
    log: list = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(site), log=log))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Server(f"http://127.0.0.1:{httpd.server_port}", log)
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def pages(site) -> list[str]:
    """Every page of both sites: English, and Spanish in es/."""
    found = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    assert "index.html" in found and len(found) > 20, found
    assert "es/index.html" in found and len([page for page in found
                                             if page.startswith("es/")]) > 20, \
        "no Spanish site in es/: `nox -s build` builds it after the English one"
    return found


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    executable = required_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable,
            headless=True, args=CHROMIUM_ARGS, viewport=DESKTOP, color_scheme="light",
            service_workers="block")
        requests: list = []
        context.on("request", lambda request: requests.append(request))
        other: list = []

        def launch_other():
            if not other:
                other.append(playwright.chromium.launch(
                    executable_path=executable, headless=True, args=CHROMIUM_ARGS))
            return other[0]

        try:
            yield Browser(context, requests, launch_other)
        finally:
            context.close()
            for extra in other:
                extra.close()
