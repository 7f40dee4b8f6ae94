"""Render a PDF again only when something it depends on changed.

A PDF's key hashes everything that shapes it: its print HTML (which already
holds the content, the clinician details and, for workbooks and packs, every
handout they gather), the paper, every render option, the bytes of every file
the HTML pulls in (images), every print asset (CSS, template, fonts) and the
versions of the renderer. The cache also records a hash of the PDF it wrote
(and its page count, for the page limits), so a PDF that was deleted or
changed on disk is never taken as fresh.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import TypedDict
from urllib.parse import unquote, urljoin, urlparse

from compassion_kit.about import PRINT_DIR, __version__
from compassion_kit.printing.atomic import write_atomic
from compassion_kit.printing.options import ASSETS_DIR, RENDER_OPTIONS

FONT_DIR = ASSETS_DIR / "static" / "fonts"
# Bump when the meaning of an entry changes, so old entries are never trusted.
FORMAT = 2


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def renderer_fingerprint() -> str:
    """Versions of the renderer and the bytes of every print asset."""
    digest = hashlib.sha256()
    for package in ("weasyprint", "pydyf", "fonttools", "tinycss2"):
        digest.update(f"{package}={metadata.version(package)}\n".encode())
    digest.update(f"compassion_kit={__version__}\n".encode())
    for folder in (PRINT_DIR, FONT_DIR):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(ASSETS_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class _Resources(HTMLParser):
    """Every URL the HTML makes the renderer load (not links a reader follows)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("img", "source", "input", "video", "audio", "embed") and (
                src := values.get("src")):
            self.urls.append(src)
        if tag == "object" and (data := values.get("data")):
            self.urls.append(data)
        if tag == "link" and (href := values.get("href")):
            self.urls.append(href)


def resources_digest(html: str, base_url: str) -> str:
    """Hash of the local files ``html`` loads (their bytes, or that they are missing)."""
    parser = _Resources()
    parser.feed(html)
    digest = hashlib.sha256()
    for url in sorted(set(parser.urls)):
        absolute = urljoin(base_url, url)
        digest.update(f"{url}\n".encode())
        parsed = urlparse(absolute)
        if parsed.scheme == "file" and not parsed.netloc:
            path = Path(unquote(parsed.path))
            digest.update(_sha256(path.read_bytes()).encode() if path.is_file() else b"-")
    return digest.hexdigest()


def job_key(html: str, paper: str, base_url: str = "", site_url: str = "",
            resources: str | None = None) -> str:
    """Key of one PDF. ``base_url`` (the page's file URL) resolves the files the
    HTML loads; only its place in the site (relative to ``site_url``) is in
    the key, so a build moved to another folder keeps its cache. ``resources``:
    ``resources_digest(html, base_url)`` when the caller has it already (one
    item's papers share it)."""
    options = json.dumps(RENDER_OPTIONS, sort_keys=True)
    where = base_url.removeprefix(site_url)
    if resources is None:
        resources = resources_digest(html, base_url) if base_url else ""
    return _sha256(f"{FORMAT}\n{renderer_fingerprint()}\n{options}\n{paper}\n{where}\n"
                   f"{resources}\n{html}".encode())


class Entry(TypedDict):
    """What the cache knows of one PDF (by its path under the output folder)."""

    input: str  # the job key it was rendered from
    output: str  # hash of the bytes written
    pages: int


def _entries(data: object) -> dict[str, Entry]:
    """The entries of a cache file that have the shape ``record`` writes (a
    file of another shape, or none, is an empty cache)."""
    if not isinstance(data, dict):
        return {}
    return {name: Entry(input=entry["input"], output=entry["output"], pages=entry["pages"])
            for name, entry in data.items()
            if isinstance(name, str) and isinstance(entry, dict)
            and isinstance(entry.get("input"), str) and isinstance(entry.get("output"), str)
            and isinstance(entry.get("pages"), int)}


class PdfCache:
    """The cache file (pdf-cache.json) of one build's handouts."""

    def __init__(self, path: Path, outdir: Path) -> None:
        self.path, self.outdir = path, outdir
        try:
            self.entries = _entries(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            self.entries = {}

    def _name(self, target: Path) -> str:
        return target.relative_to(self.outdir).as_posix()

    def is_fresh(self, target: Path, key: str) -> bool:
        entry = self.entries.get(self._name(target))
        if entry is None or entry["input"] != key or not target.is_file():
            return False
        return entry["output"] == _sha256(target.read_bytes())

    def pages(self, target: Path) -> int:
        return self.entries[self._name(target)]["pages"]

    def record(self, target: Path, key: str, data: bytes, pages: int) -> None:
        self.entries[self._name(target)] = Entry(input=key, output=_sha256(data), pages=pages)

    def keep_only(self, targets: set[Path]) -> None:
        """Forget the PDFs of items that no longer exist."""
        names = {self._name(target) for target in targets}
        self.entries = {name: entry for name, entry in self.entries.items() if name in names}

    def save(self) -> None:
        text = json.dumps(self.entries, indent=1, sort_keys=True)
        write_atomic(self.path, text.encode("utf-8"))
