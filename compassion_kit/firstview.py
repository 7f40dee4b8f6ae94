"""What a reader's browser fetches on a first visit, measured in Chromium: the
browser tests hold the landing page to its budget with it, and the benchmark
reports it with the same code, so the two numbers cannot disagree.

Counting files instead (the page, its stylesheets and every font they name)
overstates the weight: a browser fetches a font only when the page shows text
in it, so the italic faces of a page without italics never load.

Not part of a build: nothing in the kit imports this module. Playwright and a
Chromium are needed only when a measure runs.
"""

from __future__ import annotations

import gzip
import os
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

# Without these Chromium phones home (component updates, field trials, sync),
# which would pollute the recording and fail on a closed network. No host name
# resolves either: the local server is addressed by its IP.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
PHONE: ViewportSize = {"width": 375, "height": 812}  # the first visit the budget is for: a phone
KB = 1000  # decimal kilobytes, as the budgets are written


def chromium_executable() -> str | None:
    """The Chromium to drive: KIT_CHROMIUM, or one on the PATH."""
    for name in (os.environ.get("KIT_CHROMIUM"), "chromium", "chromium-browser",
                 "google-chrome", "google-chrome-stable"):
        if name and (found := shutil.which(name)):
            return found
    return None


def transferred(context: Any, url: str) -> list[tuple[str, str, bytes]]:
    """(url, resource type, body) of every response a page of a fresh browser
    context receives while ``url`` loads, until the network is idle."""
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    found = [(response.url, response.request.resource_type, response.body())
             for response in responses if response.status == 200]
    page.close()
    return found


def weigh(found: list[tuple[str, str, bytes]]) -> dict[str, Any]:
    """Bytes in all, and with each response gzipped (level 9) as a web server
    would send it, by resource type, largest files first."""
    raw = sum(len(body) for _url, _kind, body in found)
    compressed = sum(len(gzip.compress(body, 9)) for _url, _kind, body in found)
    by_type: Counter[str] = Counter()
    for _url, kind, body in found:
        by_type[kind] += len(body)
    return {"bytes": raw, "kb": raw / KB, "gzip_bytes": compressed, "gzip_kb": compressed / KB,
            "requests": len(found), "by_type_bytes": dict(by_type.most_common()),
            "files": [(url, len(body)) for url, _kind, body in
                      sorted(found, key=lambda item: -len(item[2]))]}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` on a local HTTP server; yields its origin (http://127.0.0.1:port)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def first_view(site: Path, page: str = "index.html") -> dict[str, Any]:
    """The weight of a first visit to ``page`` of a built site, on a phone, in
    headless Chromium with an empty cache. Raises RuntimeError without a Chromium."""
    executable = chromium_executable()
    if executable is None:
        raise RuntimeError("no Chromium (install one or set KIT_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with served(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, service_workers="block")
            found = transferred(context, f"{origin}/{page}")
            context.close()
        finally:
            browser.close()
    return {"page": page, **weigh([(url.removeprefix(origin), kind, body)
                                   for url, kind, body in found])}
