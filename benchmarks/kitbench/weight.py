"""Sizes a reader meets: the bytes a first view of the home page loads and the
largest one-page handout. Both are measured once, on the first cold build.

The first view is measured twice: in Chromium, what a phone really fetches
(the measure the browser test holds to its budget, compassion_kit/firstview.py),
and by counting files (the HTML, its CSS and what the CSS pulls in, scripts,
images and every font the CSS names), an upper bound that needs no browser."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader  # pinned by the project

KB = 1000  # bytes; the decimal kilobyte makes the weight target a little stricter
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf", ".eot"}
TEXT_KINDS = ("html", "css", "js")  # what a server may gzip; fonts and images are packed


class _Links(HTMLParser):
    """The (kind, url) of everything a page makes the browser load at once."""

    LOADED_RELS = frozenset({"stylesheet", "preload", "modulepreload", "icon", "shortcut",
                             "apple-touch-icon"})

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and set((values.get("rel") or "").split()) & self.LOADED_RELS:
            rel = (values.get("rel") or "").split()
            kind = "css" if "stylesheet" in rel else values.get("as") or "image"
            self.found.append((kind, values.get("href") or ""))
        elif tag == "script" and (src := values.get("src")):
            self.found.append(("js", src))
        elif tag in ("img", "source", "video", "audio", "embed", "iframe") and (
                src := values.get("src")):
            self.found.append(("image", src))


def _local(base: Path, url: str, out: Path) -> Path | None:
    """The file a same-site relative URL names, or None for data:, external or missing."""
    parts = urlsplit(url)
    if not url or parts.scheme or parts.netloc or url.startswith("#"):
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_file() and path.is_relative_to(out.resolve()) else None


def _loaded_files(html_path: Path, found: list[tuple[str, str]], out: Path) -> dict[Path, str]:
    """Every local file a first view loads, with its kind: the page, what it links, and
    what its stylesheets @import or url() (fonts by suffix, the rest as images)."""
    files: dict[Path, str] = {html_path.resolve(): "html"}
    queue = []
    for kind, url in found:
        path = _local(html_path, url, out)
        if path and path not in files:
            files[path] = kind
            if kind == "css":
                queue.append(path)
    while queue:
        css = queue.pop()
        text = CSS_COMMENT.sub("", css.read_text(encoding="utf-8"))
        for url in CSS_IMPORT.findall(text):
            path = _local(css, url, out)
            if path and path not in files:
                files[path] = "css"
                queue.append(path)
        for _quote, url in CSS_URL.findall(text):
            path = _local(css, url, out)
            if path and path not in files:
                files[path] = "font" if path.suffix.lower() in FONT_SUFFIXES else "image"
    return files


def page_weight(out: Path, page: str = "index.html") -> dict[str, Any]:
    """Bytes a first view of ``page`` loads: the HTML, its CSS (and @imports), scripts, images,
    and every font file that a loaded stylesheet references (all of them, to be safe)."""
    html_path = out / page
    parser = _Links()
    parser.feed(html_path.read_text(encoding="utf-8"))
    external = [url for _kind, url in parser.found
                if urlsplit(url).scheme in ("http", "https") or url.startswith("//")]
    files = _loaded_files(html_path, parser.found, out)
    by_kind: dict[str, int] = {}
    for path, kind in files.items():
        by_kind[kind] = by_kind.get(kind, 0) + path.stat().st_size
    total = sum(by_kind.values())
    gzipped = sum(len(gzip.compress(path.read_bytes(), 9)) if kind in TEXT_KINDS
                  else path.stat().st_size for path, kind in files.items())
    return {"page": page, "bytes": total, "kb": total / KB, "by_kind_bytes": by_kind,
            "gzip_kb": gzipped / KB, "external_requests": external,
            "files": sorted(str(path.relative_to(out.resolve())) for path in files)}


def browser_first_view(out: Path, page: str = "index.html") -> dict[str, Any]:
    """What Chromium fetches on a first visit to ``page`` on a phone, or why it could not
    be measured ({"unavailable": reason})."""
    from compassion_kit.firstview import first_view

    try:
        return first_view(out, page)
    except Exception as error:  # noqa: BLE001 - no browser is a row to report, not a crash
        return {"page": page, "unavailable": f"{type(error).__name__}: {error}"}


def largest_one_page(out: Path, paper: str = "letter") -> dict[str, Any]:
    """The largest handout of one page on ``paper`` (or, if none has one page, the largest
    per page), with how many handouts have each page count."""
    sizes = [(path.stem, len(PdfReader(path).pages), path.stat().st_size)
             for path in sorted((out / "handouts" / paper).glob("*.pdf"))]
    one_page = [entry for entry in sizes if entry[1] == 1]
    if one_page:
        name, pages, size = max(one_page, key=lambda entry: entry[2])
        rule = "largest one-page handout"
    else:
        name, pages, size = max(sizes, key=lambda entry: entry[2] / entry[1])
        rule = "no handout has one page: the largest per page"
    pages_hist: dict[int, int] = {}
    for _name, count, _size in sizes:
        pages_hist[count] = pages_hist.get(count, 0) + 1
    return {"paper": paper, "rule": rule, "id": name, "pages": pages, "bytes": size,
            "kb": size / KB, "kb_per_page": size / pages / KB,
            "handouts_by_page_count": {str(k): v for k, v in sorted(pages_hist.items())}}
