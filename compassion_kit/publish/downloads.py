"""The downloads of the whole handbook, made with the handouts (publish.outputs):
the book PDF on each book paper (printing.book), rendered by the same pool
and kept by the same PDF cache, and the EPUB (printing.epub), staged and
published with the handouts.

The book is the English edition's: a translation holds only the pages that
have a catalogue, so its book would be part translated, part English.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx

from compassion_kit.i18n.catalogues import SOURCE_LANGUAGE, language
from compassion_kit.model import Item
from compassion_kit.printing import book, epub
from compassion_kit.printing import cache as pdfcache
from compassion_kit.printing import pool as renderpool
from compassion_kit.printing import render as pdf
from compassion_kit.problems import Problem, ProblemError
from compassion_kit.rules import glyphs

if TYPE_CHECKING:
    from compassion_kit.publish.outputs import Outputs


def book_targets(app: Sphinx, root: Path) -> dict[str, Path]:
    """paper -> where the book goes, when this build makes one."""
    if language(app.config) != SOURCE_LANGUAGE or not book.parts(app):
        return {}
    return {paper: root / book.book_path(app, paper) for paper in book.BOOK_FILES}


def render_book(app: Sphinx, outputs: Outputs, items: list[Item], region: str,
                roots: tuple[Path, ...]) -> dict[str, int]:
    """Stage the book on every book paper whose inputs changed; paper -> pages."""
    targets = book_targets(app, outputs.root)
    if not targets:
        return {}
    source = Path(app.env.doc2path(app.config.kit_book_contents))
    try:
        html = book.book_html(app, items, region)
    except ProblemError as error:
        outputs.fail(error.problem)
        return {}
    if html is None:
        return {}
    sources = [Path(app.env.doc2path(part.docname)) for part in book.parts(app)]
    unprintable = glyphs.problems(html, sources, "the book")
    for problem in unprintable:
        outputs.fail(problem)
    if unprintable:
        return {}
    pdf.write_atomic(outputs.print_dir / "book.html", html.encode("utf-8"))
    base_url = Path(outputs.outdir, "index.html").as_uri()
    site = outputs.outdir.as_uri()
    pages: dict[str, int] = {}
    todo = []
    for paper, target in targets.items():
        key = pdfcache.job_key(html, paper, base_url, site)
        if outputs.cache.is_fresh(target, key):
            pages[paper] = outputs.cache.pages(target)
        else:
            todo.append((paper, target, key))
    jobs = [renderpool.Job(html, base_url, paper, tuple(map(str, roots)))
            for paper, _target, _key in todo]
    workers = renderpool.workers_for(app.config.kit_pdf_workers)
    for (paper, target, key), result in zip(todo, renderpool.render_all(jobs, workers),
                                            strict=True):
        if result.data is None:
            outputs.fail(Problem(str(source), 1, f"book ({paper})",
                                 f"not written: {result.error}", "pdf"))
            continue
        outputs.stage.put(target, result.data)
        outputs.learned.append((target, key, result.data, result.pages))
        pages[paper] = result.pages
    return pages


def write_epub(app: Sphinx, outputs: Outputs, items: list[Item]) -> None:
    """Stage the EPUB (English edition only, as the book)."""
    if not book_targets(app, outputs.root):
        return
    try:
        data = epub.epub_bytes(app, items)
    except ProblemError as error:
        outputs.fail(error.problem)
        return
    if data is not None:
        outputs.stage.put(outputs.root / epub.epub_path(app), data)
