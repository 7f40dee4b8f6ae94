"""The peer we compare with: sphinx-simplepdf, which makes one PDF of a whole
Sphinx project with WeasyPrint. Its ``-b simplepdf`` build of the same copy is
timed, then WeasyPrint alone on the single HTML it wrote (the engine against
ours, one core against one core). Not installed, or failing, the peer is
reported unavailable with the reason; the bench goes on."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import time
from pathlib import Path
from typing import Any

from pypdf import PdfReader  # pinned by the project

from .builds import PLAIN, BuildFailedError, sphinx
from .pdf_stage import pages_of

PEER = "sphinx-simplepdf"
PEER_EXTENSIONS = "compassion_kit,sphinxcontrib.bibtex,sphinx_simplepdf"
PEER_MODULES = ("sphinx_simplepdf", "sass")  # what its build imports


def peer_version() -> str | None:
    try:
        return importlib.metadata.version(PEER)
    except importlib.metadata.PackageNotFoundError:
        return None


def peer_missing() -> str | None:
    """Why the peer cannot run here, or None."""
    for module in PEER_MODULES:
        try:
            if importlib.util.find_spec(module) is None:
                return f"Python module {module!r} is not installed (pip install {PEER})"
        except ImportError as error:
            return f"Python module {module!r} cannot be imported: {error}"
    return None


def render_peer_html(index: Path) -> tuple[float, int]:
    """WeasyPrint on sphinx-simplepdf's single HTML, in this process, as its API mode does."""
    import weasyprint  # here: only the peer measure needs the engine in this process

    quiet = logging.getLogger("weasyprint")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False  # its theme trips dozens of CSS and anchor messages
    try:
        start = time.perf_counter()
        data = weasyprint.HTML(filename=str(index)).write_pdf()
        return time.perf_counter() - start, pages_of(data)
    finally:
        quiet.propagate = True


def run_peer(src: Path, work: Path) -> dict[str, Any]:
    """One -b simplepdf build of the same sources: wall time, pages, and render-only time."""
    out = work / "simplepdf"
    build = sphinx(src, out, work / "simplepdf-doctrees", "-D", f"extensions={PEER_EXTENSIONS}",
                   *PLAIN, builder="simplepdf", strict=False)  # its theme warns; never strict
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != 1:
        raise BuildFailedError(f"expected one PDF from {PEER}, found {[p.name for p in pdfs]}")
    pages = len(PdfReader(pdfs[0]).pages)
    render, render_pages = render_peer_html(out / "index.html")
    return {"wall": build.wall, "cpu": build.cpu, "pages": pages, "bytes": pdfs[0].stat().st_size,
            "render": render, "render_pages": render_pages}


def try_peer(src: Path, work: Path, known: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """(the peer's measures, None), or (None, why it is unavailable). ``known``: a reason
    found in an earlier run, so a missing peer is not looked for again."""
    reason = known or peer_missing()
    if reason is not None:
        return None, reason
    try:
        return run_peer(src, work), None
    except (BuildFailedError, OSError, ValueError) as error:
        return None, f"{PEER} failed: {error}"
