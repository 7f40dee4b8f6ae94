"""Render print HTML to PDF with WeasyPrint: tagged, subset fonts, no network.

Pure functions of (HTML, paper): the same input gives the same bytes, and the
work can be farmed out to other processes.
"""

from __future__ import annotations

import logging
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .items import PAPER_LABELS

PRINT_DIR = Path(__file__).parent / "assets" / "print"
ASSETS_DIR = PRINT_DIR.parent
PAPERS = tuple(PAPER_LABELS)  # letter, a4, large-print
PDF_VARIANT = "pdf/ua-1"  # tagged PDF with /Lang, title and a structure tree


class RenderError(Exception):
    """A handout could not be rendered cleanly."""


class BlockedResource(FatalURLFetchingError):
    """A handout asked for something outside the build; nothing was fetched."""


class LocalOnlyFetcher(URLFetcher):
    """Fetch only files inside ``roots``: no network, no /etc/passwd."""

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self._roots = tuple(Path(root).resolve() for root in roots)

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise BlockedResource(f"blocked {url}: handouts may only use files of the kit")
        path = Path(url2pathname(parsed.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots):
            raise BlockedResource(f"blocked {url}: outside the project and its build")
        return super().fetch(url, headers)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_warnings():
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


def layout(html: str, base_url: str, paper: str, roots: tuple[Path, ...] = ()):
    """The laid-out WeasyPrint Document (pages and boxes) of ``html`` on ``paper``."""
    if paper not in PAPERS:
        raise RenderError(f"unknown paper '{paper}'; use one of {', '.join(PAPERS)}")
    fetcher = LocalOnlyFetcher((ASSETS_DIR, *roots))
    # @font-face rules in given stylesheets only apply through a shared FontConfiguration.
    fonts = FontConfiguration()
    with _weasyprint_warnings() as messages:
        try:
            stylesheets = [
                CSS(filename=PRINT_DIR / name, url_fetcher=fetcher, font_config=fonts)
                for name in ("handout.css", f"paper-{paper}.css")
            ]
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT,
                pdf_forms=True)
        except FatalURLFetchingError as error:
            cause = error.__cause__ or error
            raise RenderError(str(cause)) from error
    if messages:
        raise RenderError("; ".join(messages))
    return document


def render(html: str, base_url: str, paper: str, roots: tuple[Path, ...] = ()) -> bytes:
    """PDF bytes of ``html`` on ``paper``; raise RenderError on any problem."""
    document = layout(html, base_url, paper, roots)
    with _weasyprint_warnings() as messages:
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_forms=True)
    if messages:
        raise RenderError("; ".join(messages))
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
