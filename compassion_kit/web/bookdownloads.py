"""The whole handbook to take away: where its downloads live, the offline copy
of the site, and the links to them with their sizes.

- ``downloads/<name>.pdf`` (US Letter), ``<name>-a4.pdf``, ``<name>-large-print.pdf``:
  the book (printing/book.py); ``downloads/<name>.epub`` (printing/epub.py);
- ``downloads/<name>-site.zip``: every file of the site (both editions, every
  handout), to open from a folder or a USB stick over ``file://``: Sphinx's
  pages link relatively and search runs from ``searchindex.js``, so nothing
  needs a server; fonts and the icon, which a browser will not load from
  file://, travel inside the CSS and the pages (``_Inliner``);
- ``{book-downloads}``: the list of them on the Downloads page; sizes are
  filled in once the files exist, after the build (``fill_file_sizes``).

Every zip is reproducible: its members in sorted order, each with the time
of SOURCE_DATE_EPOCH (else a fixed date) and fixed permissions.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import zipfile
from pathlib import Path

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from compassion_kit.i18n.translation import site_root
from compassion_kit.model import paper_label
from compassion_kit.words import _

DOWNLOADS = "downloads"
# The papers the book is printed on, and its file name on each.
BOOK_FILES = {"letter": "{name}.pdf", "a4": "{name}-a4.pdf",
              "large-print": "{name}-large-print.pdf"}
FIXED_TIME = 1767225600  # 2026-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
ZIP_EPOCH = 315532800  # 1980-01-01: the earliest time a zip can hold


def archive_time() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed time."""
    try:
        return max(int(os.environ["SOURCE_DATE_EPOCH"]), ZIP_EPOCH)
    except (KeyError, ValueError):
        return FIXED_TIME


def zip_date() -> tuple[int, int, int, int, int, int]:
    """The time every member of every zip carries (UTC)."""
    import time
    return time.gmtime(archive_time())[:6]


def book_name(config: Config) -> str:
    return str(config.kit_book_name)


def book_path(config: Config, paper: str) -> str:
    """downloads/beyond-empathy-a4.pdf: the book's path from the site's root."""
    return f"{DOWNLOADS}/{BOOK_FILES[paper].format(name=book_name(config))}"


def epub_path(config: Config) -> str:
    return f"{DOWNLOADS}/{book_name(config)}.epub"


def site_zip_path(config: Config) -> str:
    return f"{DOWNLOADS}/{book_name(config)}-site.zip"


def write_zip(target: Path, members: list[tuple[str, bytes]]) -> bool:
    """Write ``members`` (name in the zip, bytes) to ``target`` reproducibly;
    the file is replaced only when its bytes change. Returns whether it did."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    stamp = zip_date()
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    if target.is_file() and target.read_bytes() == partial.read_bytes():
        partial.unlink()
        return False
    partial.replace(target)
    return True


_FONT_PRELOAD = re.compile(r'<link rel="preload" href="[^"]*" as="font"[^>]*>\n?')
_ICON = re.compile(r'(<link rel="(?:shortcut )?icon" href=")([^"]+)(")')
_FONT_URL = re.compile(r"""url\((["']?)([^"')]+\.woff2)\1\)""")
_TYPES = {".woff2": "font/woff2", ".svg": "image/svg+xml"}


class _Inliner:
    """What a page opened from a folder (``file://``) cannot load: Chromium
    refuses fonts from file:// (cross-origin: a font preload or an @font-face
    fails). The offline copy carries the fonts and the icon inside the CSS
    and the pages instead, as data: URIs; the published site keeps its files."""

    def __init__(self) -> None:
        self._uris: dict[Path, str] = {}

    def _uri(self, path: Path) -> str | None:
        path = path.resolve()
        if path not in self._uris:
            if not path.is_file() or path.suffix not in _TYPES:
                return None
            encoded = base64.b64encode(path.read_bytes()).decode("ascii")
            self._uris[path] = f"data:{_TYPES[path.suffix]};base64,{encoded}"
        return self._uris[path]

    def page(self, text: str, path: Path) -> str:
        text = _FONT_PRELOAD.sub("", text)

        def icon(match: re.Match[str]) -> str:
            uri = self._uri(path.parent / html.unescape(match[2]))
            return f"{match[1]}{uri}{match[3]}" if uri else match[0]

        return _ICON.sub(icon, text)

    def stylesheet(self, text: str, path: Path) -> str:
        def font(match: re.Match[str]) -> str:
            uri = self._uri(path.parent / match[2])
            return f'url("{uri}")' if uri else match[0]

        return _FONT_URL.sub(font, text)


def _site_files(root: Path, target: Path) -> list[Path]:
    """Every file of the site but the zip itself and hidden files (.buildinfo,
    a half-written zip), in a fixed order."""
    return [path for path in sorted(root.rglob("*"))
            if path.is_file() and path != target
            and not any(part.startswith(".") for part in path.relative_to(root).parts)]


def write_site_zip(app: Sphinx) -> Path | None:
    """The whole published site (from its root: both editions) as one zip,
    inside a folder named after the book. Made again only when a file of the
    site changed (their names and a digest of their bytes, recorded beside the
    doctrees): hashing the site takes a tenth of the time of zipping it, and
    Sphinx writes some pages and assets again on every build, unchanged, so
    their times say nothing."""
    if not app.config.kit_pdfs:
        return None
    root = site_root(app)
    target = root / site_zip_path(app.config)
    folder = f"{book_name(app.config)}-site"
    own = site_zip_path(app.config)
    files = _site_files(root, target)
    listing = hashlib.sha256(f"{archive_time()}\n{folder}\n".encode())
    for path in files:
        listing.update(f"{path.relative_to(root).as_posix()}\t".encode())
        listing.update(hashlib.sha256(path.read_bytes()).digest())
    stamp = Path(app.doctreedir, "kit-site-zip.json")
    try:
        known = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if (target.is_file() and known.get("files") == listing.hexdigest()
            and known.get("zip") == hashlib.sha256(target.read_bytes()).hexdigest()):
        return target
    members = []
    inline = _Inliner()
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".html":
            text = data.decode("utf-8")
            if "kit-file-facts" in text:
                # The zip cannot know its own size: its pages name only its kind,
                # so the zip is the same whatever size the last one had.
                text = _unfilled(text, own)
            data = inline.page(text, path).encode("utf-8")
        elif path.suffix == ".css" and b".woff2" in data:
            data = inline.stylesheet(data.decode("utf-8"), path).encode("utf-8")
        members.append((f"{folder}/{path.relative_to(root).as_posix()}", data))
    write_zip(target, members)
    stamp.write_text(json.dumps({"files": listing.hexdigest(),
                                 "zip": hashlib.sha256(target.read_bytes()).hexdigest()}),
                     encoding="utf-8")
    return target


# -- The Downloads page ------------------------------------------------------------------------

class book_downloads(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Replaced by the list of downloads when the page is resolved."""


class BookDownloads(SphinxDirective):
    """``{book-downloads}``: the book (each paper), the EPUB and the offline site."""

    def run(self) -> list[nodes.Node]:
        node = book_downloads()
        self.set_source_info(node)
        return [node]


def _file_link(href: str, path: str, label: str, what: str) -> str:
    return (f'<li><a class="kit-file" href="{escape(href)}">{escape(label)}</a> '
            f'<span class="kit-file-facts" data-kit-file="{escape(path)}">'
            f'{escape(what)}</span></li>')


def downloads_html(app: Sphinx, docname: str) -> str:
    here = app.builder.get_target_uri(docname)
    prefix = "" if not app.config.language or app.config.language == "en" else "../"

    def link(path: str, label: str, what: str) -> str:
        # A translation's pages sit in <lang>/: its links reach the English site's downloads.
        return _file_link(prefix + relative_uri(here, path), path, label, what)

    book = [link(book_path(app.config, paper), f"{_('Book')}, {paper_label(paper)}", "PDF")
            for paper in BOOK_FILES]
    others = [link(epub_path(app.config), _("E-book (EPUB)"), "EPUB"),
              link(site_zip_path(app.config), _("The whole site, to use offline"), "zip")]
    return f'<ul class="kit-files">{"".join(book + others)}</ul>'


def resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(book_downloads)):
        node.replace_self(nodes.raw("", downloads_html(app, docname), format="html"))


def size_words(size: int) -> str:
    kb = size / 1024
    return f"{kb / 1024:.1f} MB" if kb >= 1000 else f"{max(1, round(kb))} KB"


_FACTS = re.compile(r'<span class="kit-file-facts" data-kit-file="([^"]+)">([^<]*)</span>')


def _unfilled(text: str, path: str) -> str:
    return _FACTS.sub(lambda match: (f'<span class="kit-file-facts" data-kit-file="{match[1]}">'
                                     f'{match[2].split(" · ")[0]}</span>')
                      if html.unescape(match[1]) == path else match[0], text)


def fill_file_sizes(pages: list[Path], root: Path) -> None:
    """Put each download's size after its kind ("PDF · 230 KB"), once it exists."""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "kit-file-facts" not in text:
            continue

        def refill(match: re.Match[str]) -> str:
            path = html.unescape(match[1])
            kind = match[2].split(" · ")[0]
            target = root / path
            facts = f"{kind} · {size_words(target.stat().st_size)}" if target.is_file() else kind
            return f'<span class="kit-file-facts" data-kit-file="{match[1]}">{escape(facts)}</span>'

        new = _FACTS.sub(refill, text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def setup_book_downloads(app: Sphinx) -> None:
    app.add_config_value("kit_book_name", "beyond-empathy", "html", types=(str,),
                         description="Name of the handbook's downloads (downloads/<name>.pdf, "
                         ".epub, -site.zip).")
    app.add_node(book_downloads)
    app.add_directive("book-downloads", BookDownloads)
    app.connect("doctree-resolved", resolve_downloads)
