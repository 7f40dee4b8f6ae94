"""Helpers of the browser tests (their fixtures are in tests/browser/conftest.py).

The system Chromium, driven by Playwright, loads the built site from a local
HTTP server on 127.0.0.1. JavaScript the tests run in pages lives in .js
files beside the tests (tests/browser/), so an editor can check it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

from compassion_kit.firstview import chromium_executable
from compassion_kit.testing import REPO, load_catalog

JS_DIR = REPO / "tests" / "browser"


def script(name: str) -> str:
    """A JavaScript snippet of tests/browser/ (``name``: its file, e.g. "axe-run.js")."""
    return (JS_DIR / name).read_text(encoding="utf-8")


INSTALL_HINT = (
    "No Chromium for the browser tests. Install one (Debian/Ubuntu: "
    "`sudo apt-get install -y chromium`; macOS: `brew install --cask chromium`) "
    "or set KIT_CHROMIUM to a Chromium or Chrome executable."
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
MIN_TAP = 44


def required_chromium() -> str:
    """The Chromium to drive; without one the test skips, or fails in CI (``CI`` set)."""
    import pytest

    executable = chromium_executable()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail(f"{INSTALL_HINT} CI is set: a missing browser is a failure, not a skip.")
        pytest.skip(INSTALL_HINT)
    return executable


# -- The local server ------------------------------------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".woff2": "font/woff2", ".json": "application/json"}

    def __init__(self, *args, log: list, **kwargs):
        self._log = log
        super().__init__(*args, **kwargs)

    def log_request(self, code="-", size="-"):
        self._log.append((int(code) if str(code).isdigit() else code, self.path,
                          dict(self.headers)))

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def end_headers(self):  # let Chromium cache, as from any web server
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@dataclass
class Server:
    origin: str
    log: list = field(default_factory=list)

    def url(self, page: str) -> str:
        return f"{self.origin}/{page}"


# -- The browser ----------------------------------------------------------------------------


@dataclass
class Browser:
    context: object
    requests: list  # every request any page made, in order (playwright Request objects)
    # Another browser, launched on first use, for contexts with other settings
    # (JavaScript off): a persistent context cannot make new contexts.
    launch_other: object = None

    def new_context(self, **options):
        return self.launch_other().new_context(**options)


def new_page(browser: Browser, viewport=DESKTOP, **media):
    page = browser.context.new_page()
    page.set_viewport_size(viewport)
    if media:
        page.emulate_media(**media)
    return page




# -- What the catalogue says the library should show --------------------------------------

LIBRARY_KINDS = ("exercise", "info-sheet")  # what the library page lists
# The length choices as their labels say (an independent reading, not the kit's code).
LENGTHS = {"short": (0, 5), "medium": (6, 15), "long": (16, 10_000)}


def library_entries(catalogue: list[dict]) -> list[dict]:
    """Each item the library lists, with the value of every filter group for it,
    from catalog.json and the item's front matter (evidence is only there; a
    translated catalogue's page has the English page's source)."""
    from compassion_kit.rules import frontmatter

    found = []
    for entry in catalogue:
        if entry["kind"] not in LIBRARY_KINDS:
            continue
        source = entry["url"].removeprefix(f"{entry.get('lang', 'en')}/")
        front = frontmatter.load(REPO / Path(source).with_suffix(".md")).data
        minutes = entry.get("duration_minutes")
        length = next((key for key, (low, high) in LENGTHS.items()
                       if minutes is not None and low <= minutes <= high), None)
        found.append({"title": entry["title"], "url": entry["url"], "pdfs": entry["pdfs"],
                      "minutes": minutes, "values": {
                          "kind": {entry["kind"]}, "aud": set(entry["audiences"]),
                          "len": {length}, "int": {front.get("intensity")},
                          "ev": {front.get("evidence")}, "ch": {entry.get("chapter")},
                          "fmt": {entry.get("format")},
                          "sit": set(front.get("situations", []))}})
    return found


def expected_titles(entries: list[dict], choice: dict[str, str]) -> list[str]:
    return sorted(entry["title"] for entry in entries
                  if all(value in entry["values"][group] for group, value in choice.items()))


# The sites: English at the root, Spanish in es/. What the library's controls
# say in each language (written here, not taken from the kit: the tests check
# the kit's words against them).
LANGUAGES = ("en", "es")
SITE_FOLDER = {"en": "", "es": "es/"}
WORDS = {
    "en": {"all": "Showing all {total}", "some": "Showing {shown} of {total}",
           "shown": "{count} shown", "filter": "Filter", "clients": "Clients",
           "practices": "Practices", "medium": "6 to 15 minutes"},
    "es": {"all": "Mostrando todo ({total})", "some": "Mostrando {shown} de {total}",
           "shown": "{count} a la vista", "filter": "Filtrar", "clients": "Clientes",
           "practices": "Prácticas", "medium": "De 6 a 15 minutos"},
}


def catalogue_of(site: Path, lang: str) -> list[dict]:
    """The items of a language's catalog.json (es/catalog.json for Spanish)."""
    path = site / SITE_FOLDER[lang] / "catalog.json"
    assert path.is_file(), f"no {path}: `nox -s build` builds the Spanish site too"
    return load_catalog(site, SITE_FOLDER[lang].rstrip("/"))


def count_words(shown: int, total: int, lang: str = "en") -> str:
    words = WORDS[lang]["all" if shown == total else "some"]
    return words.format(shown=shown, total=total)
