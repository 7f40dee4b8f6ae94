"""Render print HTML to PDF with WeasyPrint: tagged, subset fonts, no network.

Pure functions of (HTML, paper): the same input gives the same bytes, and the
work can be farmed out to other processes. Nothing outside the kit shapes a
PDF: files come only from the project, the build and the kit's assets (never
the network), and the only fonts are the kit's vendored ones, so the output
does not depend on the fonts a machine happens to have.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from compassion_kit.about import PRINT_DIR
from compassion_kit.printing.atomic import write_atomic as write_atomic
from compassion_kit.printing.options import (
    ASSETS_DIR,
    FONT_SAFE_CSS,
    PDF_VARIANT,
    SHEET_STYLESHEETS,
    STYLESHEETS,
    TYPES,
)
from compassion_kit.printing.options import PAPERS as PAPERS

# The running footer (the safety line, page x of y) sits in the page's margin
# boxes. WeasyPrint 70 tags their text but leaves those tags out of the
# structure tree ("it could be included as Artifact, but that's only allowed in
# PDF 2.0"), so a screen reader that follows the tags never meets the safety
# line. Here each margin box's tags join the tree after the page's content, so
# every page reads: its content, then its footer. tests/site/test_pdfua.py checks
# that every marked piece of every page is reachable from the tree.
# (A re-imported module must wrap WeasyPrint's own function, never its wrapper:
# functools.wraps marks the wrapper with ``__wrapped__``, which inspect.unwrap follows.)
_build_box_tree = inspect.unwrap(tags._build_box_tree)


@functools.wraps(_build_box_tree)
def _build_box_tree_with_margins(box, parent, pdf, page_number, nums, annotations, marked):
    if isinstance(box, boxes.MarginBox):
        for child in box.children:
            yield from _build_box_tree(child, parent, pdf, page_number, nums, annotations,
                                       marked)
        return
    for element in _build_box_tree(box, parent, pdf, page_number, nums, annotations, marked):
        # A header cell says what it heads (PDF/UA: /Scope): its scope
        # attribute, else its column (the kit's tables head their columns).
        if element.get("S") == "/TH" and getattr(box, "element", None) is not None:
            scope = box.element.get("scope") or "col"
            element["A"]["Scope"] = "/Row" if scope.startswith("row") else "/Column"
        yield element


tags._build_box_tree = _build_box_tree_with_margins


class RenderError(Exception):
    """A handout could not be rendered cleanly."""


class BlockedResourceError(FatalURLFetchingError):
    """A handout asked for something outside the build; nothing was fetched."""


class LocalOnlyFetcher(URLFetcher):
    """Read only files inside ``roots``: no network, no /etc/passwd.

    The file is read here rather than through urllib: urllib resolves the
    host of a ``file://HOST/...`` URL (a DNS query) before it fails.
    """

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self._roots = tuple(Path(root).resolve() for root in roots)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise BlockedResourceError(f"blocked {url}: handouts may only use files of the kit")
        if parsed.netloc:
            raise BlockedResourceError(f"blocked {url}: a file URL may not name a host")
        path = Path(unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots):
            raise BlockedResourceError(f"blocked {url}: outside the project and its build")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise BlockedResourceError(f"cannot read {path}: {error.strerror}") from error
        kind = TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": kind})


# Fontconfig with no font folders: WeasyPrint adds the kit's @font-face fonts to
# it, and a character those fonts lack renders as .notdef, which WeasyPrint
# reports (and this module turns into an error), instead of silently taking
# a glyph from whatever system font the machine has.
NO_SYSTEM_FONTS = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
                   "\n<fontconfig></fontconfig>\n")


@functools.cache
def _no_system_fonts_file() -> str:
    """The file, made once per user and reused (it never changes, so even a
    killed build leaves nothing new behind); one that is not exactly ours is
    never trusted."""
    digest = hashlib.sha256(NO_SYSTEM_FONTS.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir(), f"kit-fonts-{os.getuid()}-{digest}.conf")
    try:
        stat = path.lstat()
        if (stat.st_uid == os.getuid() and path.is_file() and not path.is_symlink()
                and path.read_text(encoding="utf-8") == NO_SYSTEM_FONTS):
            return str(path)
    except (OSError, UnicodeDecodeError):
        pass
    handle, temp = tempfile.mkstemp(prefix="kit-fonts-", suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(NO_SYSTEM_FONTS)
    try:
        os.replace(temp, path)
    except OSError:
        return temp  # another user's file holds the name: use our own copy
    return str(path)


def prepare() -> None:
    """Make the process-wide render state now (before workers are forked, so
    they share it rather than each leaving its own temporary file)."""
    _no_system_fonts_file()


def kit_fonts_only() -> FontConfiguration:
    """A font configuration that knows no system font (FONTCONFIG_FILE is
    read when the configuration is made, so it is set only for that moment)."""
    saved = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = _no_system_fonts_file()
    try:
        return FontConfiguration()
    finally:
        if saved is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = saved


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    """WeasyPrint only logs bad CSS or options; turn those into failures."""
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    # A theme dependency (accessible-pygments) configures the root logger at
    # INFO, which would print WeasyPrint's and fontTools' progress lines into
    # the build log: keep their records away from the root while rendering.
    quiet = [logger, logging.getLogger("fontTools")]
    saved = [each.propagate for each in quiet]
    for each in quiet:
        each.propagate = False
    try:
        yield handler.messages
    finally:
        for each, propagate in zip(quiet, saved, strict=True):
            each.propagate = propagate
        logger.removeHandler(handler)


def stylesheet_names(paper: str) -> tuple[str, ...]:
    """The print stylesheets of ``paper`` (or of a sheet of its own), in order."""
    return SHEET_STYLESHEETS.get(paper) or tuple(name.format(paper=paper)
                                                 for name in STYLESHEETS)


@dataclass(frozen=True)
class PaperSetup:
    """What every render on one paper shares: the font configuration (which
    holds the vendored fonts once the print CSS's @font-face rules are read),
    the parsed print stylesheets and the fetcher they were read with."""

    fonts: FontConfiguration
    fetcher: LocalOnlyFetcher
    stylesheets: tuple[CSS, ...]


@functools.lru_cache(maxsize=(len(PAPERS) + len(SHEET_STYLESHEETS)) * 2)
def paper_setup(paper: str, roots: tuple[Path, ...] = ()) -> PaperSetup:
    """The set-up for ``paper`` (or a sheet of its own, such as slides), made
    once per process and reused by every render on it: most of a handout's
    render time is this set-up, not layout (tests/unit/test_render_reuse.py
    checks that reuse gives the same bytes). A stylesheet that warns raises
    RenderError, and nothing is kept."""
    if paper not in PAPERS and paper not in SHEET_STYLESHEETS:
        raise RenderError(f"unknown paper '{paper}'; use one of {', '.join(PAPERS)}")
    fetcher = LocalOnlyFetcher((ASSETS_DIR, *roots))
    # @font-face rules in given stylesheets only apply through a shared FontConfiguration.
    fonts = kit_fonts_only()
    with _weasyprint_warnings() as messages:
        try:
            stylesheets = (
                *(CSS(filename=PRINT_DIR / name, url_fetcher=fetcher, font_config=fonts)
                  for name in stylesheet_names(paper)),
                CSS(string=FONT_SAFE_CSS, font_config=fonts),
            )
        except FatalURLFetchingError as error:
            cause = error.__cause__ or error
            raise RenderError(str(cause)) from error
    if messages:
        raise RenderError("; ".join(dict.fromkeys(messages)))
    return PaperSetup(fonts, fetcher, stylesheets)


def layout(html: str, base_url: str, paper: str, roots: tuple[Path, ...] = ()):
    """The laid-out WeasyPrint Document (pages and boxes) of ``html`` on ``paper``."""
    setup = paper_setup(paper, tuple(roots))
    fonts, fetcher, stylesheets = setup.fonts, setup.fetcher, list(setup.stylesheets)
    with _weasyprint_warnings() as messages:
        try:
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT,
                pdf_forms=True)
        except FatalURLFetchingError as error:
            cause = error.__cause__ or error
            raise RenderError(str(cause)) from error
    if messages:
        raise RenderError("; ".join(dict.fromkeys(messages)))
    return document


def render_counted(html: str, base_url: str, paper: str, roots: tuple[Path, ...] = ()
                   ) -> tuple[bytes, int]:
    """(PDF bytes, number of pages) of ``html`` on ``paper``; raise RenderError
    on any problem."""
    document = layout(html, base_url, paper, roots)
    for page in document.pages:
        # A relative link left in the HTML resolves to file:///<build folder>/...:
        # it would print the build machine's paths into the PDF and lead nowhere.
        page.links = [link for link in page.links
                      if not (link[0] in ("external", "attachment")
                              and link[1].startswith("file:"))]
    with _weasyprint_warnings() as messages:
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_forms=True)
    if messages:
        raise RenderError("; ".join(dict.fromkeys(messages)))
    return data, len(document.pages)


def render(html: str, base_url: str, paper: str, roots: tuple[Path, ...] = ()) -> bytes:
    """PDF bytes of ``html`` on ``paper``; raise RenderError on any problem."""
    return render_counted(html, base_url, paper, roots)[0]
