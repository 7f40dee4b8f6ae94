"""The downloads of the whole handbook, made with the handouts (publish.outputs):
the book PDF on each book paper (printing.book), rendered by the same pool
and kept by the same PDF cache, and the EPUB (printing.epub), staged and
published with the handouts.

The book is the English edition's: a translation holds only the pages that
have a catalogue, so its book would be part translated, part English.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx

from compassion_kit.i18n.catalogues import SOURCE_LANGUAGE, language
from compassion_kit.i18n.translation import own_pages, site_root
from compassion_kit.model import Item
from compassion_kit.printing import book, epub
from compassion_kit.printing import cache as pdfcache
from compassion_kit.printing import pool as renderpool
from compassion_kit.printing.atomic import write_atomic
from compassion_kit.problems import Problem, ProblemError
from compassion_kit.publish import reuse
from compassion_kit.rules import glyphs
from compassion_kit.web import bookdownloads

if TYPE_CHECKING:
    from compassion_kit.publish.outputs import Outputs

# Kept beside the doctrees (never published) for the next build to reuse.
BOOK_HTML = "book.html"
EPUB_COPY = "book.epub"


def book_targets(app: Sphinx, root: Path) -> dict[str, Path]:
    """paper -> where the book goes, when this build makes one."""
    if language(app.config) != SOURCE_LANGUAGE or not book.parts(app):
        return {}
    return {paper: root / bookdownloads.book_path(app.config, paper)
            for paper in bookdownloads.BOOK_FILES}


def render_book(app: Sphinx, outputs: Outputs, items: list[Item], region: str,
                roots: tuple[Path, ...]) -> dict[str, int]:
    """Stage the book on every book paper whose inputs changed; paper -> pages."""
    targets = book_targets(app, outputs.root)
    if not targets:
        return {}
    source = Path(app.env.doc2path(app.config.kit_book_contents))
    stored = reuse.reusable_file(app, outputs.print_dir, BOOK_HTML,
                                 reuse.file_key(outputs.print_key))
    html = stored.decode("utf-8") if stored is not None else _book_html(app, outputs, items,
                                                                        region)
    if html is None:
        return {}
    outputs.reusable_files.append(BOOK_HTML)
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
    # Each paper's book is a long render: in parallel even for two.
    results = renderpool.render_all(jobs, workers, min_jobs=2)
    for (paper, target, key), result in zip(todo, results, strict=True):
        if result.data is None:
            outputs.fail(Problem(str(source), 1, f"book ({paper})",
                                 f"not written: {result.error}", "pdf"))
            continue
        outputs.stage.put(target, result.data)
        outputs.learned.append((target, key, result.data, result.pages))
        pages[paper] = result.pages
    return pages


def _book_html(app: Sphinx, outputs: Outputs, items: list[Item], region: str) -> str | None:
    """The book's print HTML, made now and kept beside the doctrees, or None
    (no book, or a problem reported)."""
    try:
        html = book.book_html(app, items, region)
    except ProblemError as error:
        outputs.fail(error.problem)
        return None
    if html is None:
        return None
    sources = [Path(app.env.doc2path(part.docname)) for part in book.parts(app)]
    unprintable = glyphs.problems(html, sources, "the book")
    for problem in unprintable:
        outputs.fail(problem)
    if unprintable:
        return None
    write_atomic(outputs.print_dir / BOOK_HTML, html.encode("utf-8"))
    return html


def write_epub(app: Sphinx, outputs: Outputs, items: list[Item]) -> None:
    """Stage the EPUB (English edition only, as the book): the last published
    one when nothing it is made from changed (publish.reuse), else a new one."""
    if not book_targets(app, outputs.root):
        return
    data = reuse.reusable_file(app, outputs.print_dir, EPUB_COPY,
                               reuse.file_key(outputs.print_key))
    if data is None:
        try:
            data = epub.epub_bytes(app, items)
        except ProblemError as error:
            outputs.fail(error.problem)
            return
        if data is None:
            return
        write_atomic(outputs.print_dir / EPUB_COPY, data)
    outputs.stage.put(outputs.root / bookdownloads.epub_path(app.config), data)
    outputs.reusable_files.append(EPUB_COPY)


def catalog_entries(app: Sphinx) -> list[dict[str, Any]]:
    """catalog.json's ``downloads``: the book, the EPUB and the offline site,
    each of kind ``download``, its ``format`` and its ``files`` (paths from the
    site's root), and the page that lists them (``url``, null without one).
    They are not items (no page of their own, no handout): a separate list
    keeps every reader of ``items`` as it was."""
    if not book_targets(app, site_root(app)):
        return []
    page = app.config.kit_downloads_page
    url = app.builder.get_target_uri(page) if page in app.env.found_docs else None
    config = app.config

    def entry(suffix: str, title: str, summary: str, fmt: str, files: dict[str, str]
              ) -> dict[str, Any]:
        return {"id": f"{bookdownloads.book_name(config)}-{suffix}", "kind": "download",
                "title": title, "summary": summary, "format": fmt, "lang": SOURCE_LANGUAGE,
                "url": url, "files": files}

    site = str(config.kit_site_name)
    return [
        entry("book", f"{site}: the book", "Every chapter, the glossary and the references as "
              "one PDF, with bookmarks and the safety line on every page.", "pdf",
              {paper: bookdownloads.book_path(config, paper)
               for paper in bookdownloads.BOOK_FILES}),
        entry("epub", f"{site}: the e-book", "The chapters, the glossary, the references and "
              "every practice, for e-readers (EPUB 3).", "epub",
              {"epub": bookdownloads.epub_path(config)}),
        entry("site", f"{site}: the whole site, offline", "Every page and handout in one zip, "
              "to open from a folder or a USB stick without internet.", "zip",
              {"zip": bookdownloads.site_zip_path(config)}),
    ]


def has_handbook(app: Sphinx) -> bool:
    """Whether the handbook's contents page is among the project's sources. Asked
    of the files, not of the environment: a translated edition may not hold that
    page, and Sphinx then guesses its file name with the first source suffix."""
    contents = app.config.kit_book_contents
    return any(Path(app.srcdir, f"{contents}{suffix}").is_file()
               for suffix in app.config.source_suffix)


def finish(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, after the handouts' zips and page facts (webpage.finish):
    the sizes on the Downloads page, then the offline copy of the site, then
    its own size (the zip holds its pages without it: see bookdownloads)."""
    from compassion_kit.publish.outputs import published

    if exception is not None or app.builder.format != "html" or not published(app):
        return
    # Only a project with a handbook (its contents page among the sources) has
    # these downloads; every edition's build refreshes the site zip, the last
    # one (Spanish, after English) with both.
    if not has_handbook(app):
        return
    root = site_root(app)
    pages = list(own_pages(app))
    bookdownloads.fill_file_sizes(pages, root)
    if bookdownloads.write_site_zip(app) is not None:
        bookdownloads.fill_file_sizes(pages, root)


def setup_downloads(app: Sphinx) -> None:
    bookdownloads.setup_book_downloads(app)
    app.add_config_value("kit_downloads_page", "docs/guides/downloads", "html", types=(str,),
                         description="The page that lists the handbook's downloads.")
    app.connect("build-finished", finish, priority=950)
