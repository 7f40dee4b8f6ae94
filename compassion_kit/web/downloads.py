"""Handout downloads on the web: buttons, zips and page-1 previews.

- every PDF link is a button named for a screen reader as "Self-Compassion
  Break, US Letter PDF, 2 pages, 36 KB"; the page count and size are only
  known once the PDFs exist (after the pages are written), so
  ``fill_download_facts`` puts them into the written pages; it is idempotent;
- ``downloads/handouts-<paper>.zip``: every handout of an item kind that is
  ``in_zips`` (practices and info sheets) on one paper, with fixed dates so
  the same PDFs give the same zip;
- ``previews/<id>.webp``: page 1 of the US Letter handout of each item of a
  ``previewed`` kind, small, rendered locally with pypdfium2 (without it,
  pages show no preview).

webpage.py calls these at build-finished, after the handouts are published.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from markupsafe import escape
from sphinx.application import Sphinx

from compassion_kit.i18n.translation import site_root
from compassion_kit.model import PAPER_LABELS, Item, paper_label
from compassion_kit.read import collector
from compassion_kit.web.bookdownloads import zip_date
from compassion_kit.words import _, ngettext

ZIP_DIR = "downloads"


# -- Download buttons ---------------------------------------------------------------------

def _size_words(size: int) -> str:
    kb = size / 1024
    return f"{kb / 1024:.1f} MB" if kb >= 1000 else f"{max(1, round(kb))} KB"


def _pages_words(pages: int) -> str:
    return ngettext("{count} page", "{count} pages", pages).format(count=pages)


def download_link(item: Item, paper: str, href: str, compact: bool = False,
                  facts: tuple[int, int] | None = None) -> str:
    """One handout link: visible paper name (and, on a page, "PDF · 2 pages · 36 KB");
    accessible name "<title>, <paper> PDF[, 2 pages, 36 KB]"."""
    return _link_html(href, item.pdf_path(paper), item.title, paper_label(paper),
                      "compact" if compact else "button", facts)


def _link_html(href: str, pdf: str, title: str, paper_label: str, style: str,
               facts: tuple[int, int] | None) -> str:
    name = _("{title}, {paper} PDF").format(title=title, paper=paper_label)
    meta = "PDF"
    if facts:
        pages, size = facts
        name = _("{title}, {paper} PDF, {pages}, {size}").format(
            title=title, paper=paper_label, pages=_pages_words(pages), size=_size_words(size))
        meta = f"PDF · {_pages_words(pages)} · {_size_words(size)}"
    label = f'<span class="kit-dl-paper">{escape(paper_label)}</span>'
    if style == "button":
        label += f' <span class="kit-dl-meta">{escape(meta)}</span>'
    return (f'<a class="kit-pdf-link kit-dl kit-dl-{style}" href="{escape(href)}" '
            f'data-kit-pdf="{escape(pdf)}" data-kit-title="{escape(title)}" '
            f'data-kit-paper="{escape(paper_label)}" aria-label="{escape(name)}">{label}</a>')


_LINK = re.compile(r'<a class="kit-pdf-link kit-dl kit-dl-(\w+)"([^>]*)>.*?</a>', re.S)
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


_STREAM = re.compile(rb"<<((?:(?!>>).)*?)>>\s*stream\r?\n", re.S)
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF: its page objects, also those packed in compressed
    object streams (WeasyPrint writes them so)."""
    found = 0
    for match in _STREAM.finditer(data):
        if b"/ObjStm" not in match[1]:
            continue
        length = _LENGTH.search(match[1])
        if length is None:
            continue
        body = data[match.end():match.end() + int(length[1])]
        try:
            found += len(_PAGE.findall(zlib.decompress(body)))
        except zlib.error:
            continue
    # Objects outside streams (uncompressed files): not inside any stream body.
    outside = re.sub(rb"stream\r?\n.*?endstream", b"", data, flags=re.S)
    return found + len(_PAGE.findall(outside))


def _pdf_facts(root: Path, pdf: str) -> tuple[int, int] | None:
    path = root / pdf
    if not path.is_file():
        return None
    data = path.read_bytes()
    pages = pdf_page_count(data)
    return (pages, len(data)) if pages else None


def rewrite_pages(pages: Iterable[Path], marker: str, pattern: re.Pattern[str],
                  replace: Callable[[re.Match[str]], str]) -> int:
    """Replace every match of ``pattern`` in the written pages that contain
    ``marker``; only a page that changes is written again. Returns how many."""
    changed = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if marker not in text:
            continue
        new = pattern.sub(replace, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def fill_download_facts(pages: Iterable[Path], root: Path) -> int:
    """Put each PDF's page count and size into every link to it (after the PDFs
    are made, which is after the pages are written). Idempotent. ``root``: the
    site's root, which PDF paths start from."""
    cache: dict[str, tuple[int, int] | None] = {}

    def refill(match: re.Match[str]) -> str:
        attrs = {key: html.unescape(value) for key, value in _ATTR.findall(match[2])}
        pdf = attrs["data-kit-pdf"]
        if pdf not in cache:
            cache[pdf] = _pdf_facts(root, pdf)
        return _link_html(attrs["href"], pdf, attrs["data-kit-title"],
                          attrs["data-kit-paper"], match[1], cache[pdf])

    return rewrite_pages(pages, "kit-dl-", _LINK, refill)


def write_zips(app: Sphinx, outdir: Path) -> list[Path]:
    """downloads/handouts-<paper>.zip: every practice and info sheet on one paper
    (in this build's language: the Spanish site's zips hold the Spanish PDFs)."""
    items = [item for item in collector.items(app.env) if item.kind_info.in_zips]
    root = site_root(app)
    written = []
    for paper in PAPER_LABELS:
        files = [root / item.pdf_path(paper) for item in items]
        if not files or not all(path.is_file() for path in files):
            continue
        target = outdir / ZIP_DIR / f"handouts-{paper}.zip"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(files):
                # SOURCE_DATE_EPOCH's time (else a fixed one): the same PDFs give the same zip.
                info = zipfile.ZipInfo(f"beyond-empathy-{paper}/{path.name}", zip_date())
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        if target.is_file() and target.read_bytes() == partial.read_bytes():
            partial.unlink()
        else:
            partial.replace(target)
        written.append(target)
    return written


def _zip_facts(outdir: Path, path: str) -> tuple[int, int] | None:
    target = outdir / path
    if not target.is_file():
        return None
    with zipfile.ZipFile(target) as archive:
        return len(archive.namelist()), target.stat().st_size


_ZIP = re.compile(r'<a class="kit-zip"([^>]*)>.*?</a>', re.S)


def _zip_html(href: str, path: str, paper_label: str, facts: tuple[int, int] | None) -> str:
    meta = "zip"
    name = _("All handouts, {paper}, zip").format(paper=paper_label)
    if facts:
        pdfs = ngettext("{count} PDF", "{count} PDFs", facts[0]).format(count=facts[0])
        meta = f"zip · {pdfs} · {_size_words(facts[1])}"
        name = _("All handouts, {paper}, zip, {pdfs}, {size}").format(
            paper=paper_label, pdfs=pdfs, size=_size_words(facts[1]))
    return (f'<a class="kit-zip" href="{escape(href)}" data-kit-zip="{escape(path)}" '
            f'data-kit-paper="{escape(paper_label)}" aria-label="{escape(name)}">'
            f'<span class="kit-dl-paper">{escape(paper_label)}</span> '
            f'<span class="kit-dl-meta">{escape(meta)}</span></a>')


def fill_zip_facts(pages: Iterable[Path], outdir: Path) -> None:
    """Put each zip's count of PDFs and size into every link to it."""
    def refill(match: re.Match[str]) -> str:
        attrs = {key: html.unescape(value) for key, value in _ATTR.findall(match[1])}
        return _zip_html(attrs["href"], attrs["data-kit-zip"], attrs["data-kit-paper"],
                         _zip_facts(outdir, attrs["data-kit-zip"]))

    rewrite_pages(pages, 'class="kit-zip"', _ZIP, refill)


# -- Page-1 previews of the handouts ---------------------------------------------------------

PREVIEW_DIR = "previews"
PREVIEW_PAPER = "letter"
PREVIEW_WIDTH = 300  # pixels: sharp at 150 CSS px on a 2x screen
PREVIEW_SIZE = (150, 194)  # CSS px, US Letter's proportions
_PREVIEW = re.compile(r'<img class="kit-preview" data-kit-preview="([^"]+)"[^>]*>')


def preview_path(item: Item) -> str:
    return f"{PREVIEW_DIR}/{item.id}.webp"


def render_preview(pdf: Path) -> bytes | None:
    """Page 1 of a PDF as a small WebP, or None without pypdfium2 (then the
    pages simply show no preview)."""
    try:
        import pypdfium2
    except ImportError:
        return None
    from io import BytesIO

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[0]
        image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil()
        page.close()
    finally:
        document.close()
    out = BytesIO()
    image.convert("RGB").save(out, "WEBP", quality=70, method=6)
    return out.getvalue()


def write_previews(app: Sphinx, outdir: Path) -> None:
    root = site_root(app)
    for item in collector.items(app.env):
        if not item.kind_info.previewed:
            continue
        pdf = root / item.pdf_path(PREVIEW_PAPER)
        target = outdir / preview_path(item)
        if not pdf.is_file():
            continue
        if target.is_file() and target.stat().st_mtime >= pdf.stat().st_mtime:
            continue  # the PDF did not change since
        data = render_preview(pdf)
        if data is None:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        else:
            target.touch()


def drop_missing_previews(pages: Iterable[Path], outdir: Path) -> None:
    """A page whose preview could not be made (no PDFs, no renderer) shows none,
    rather than a broken image."""
    rewrite_pages(pages, 'class="kit-preview"', _PREVIEW,
                  lambda match: match[0] if (outdir / match[1]).is_file() else "")
