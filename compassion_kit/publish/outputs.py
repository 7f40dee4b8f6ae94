"""After the HTML build: make catalog.json, every handout PDF and a pack, and
publish them together only when all of them succeeded (see publish.staging).

Nothing is written when the build has warnings or the clinician's details
have errors; a PDF whose inputs did not change is kept (printing.cache), the
others are rendered on every core (printing.pool)."""

from __future__ import annotations

import json
import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.display import status_iterator

from compassion_kit.i18n.catalogues import SOURCE_LANGUAGE, language
from compassion_kit.i18n.scope import languages_of
from compassion_kit.i18n.translation import site_prefix, site_root
from compassion_kit.model import PAPER_LABELS, Item
from compassion_kit.printing import cache as pdfcache
from compassion_kit.printing import clinician, logsheet, pack, slides
from compassion_kit.printing import html as printhtml
from compassion_kit.printing import pool as renderpool
from compassion_kit.printing.atomic import write_atomic
from compassion_kit.printing.builder import PrintingBuilder, setup_builder
from compassion_kit.printing.clinician import ClinicianDetails
from compassion_kit.problems import Problem, ProblemError, report
from compassion_kit.publish import catalog, reuse
from compassion_kit.publish import downloads as bookdownloads
from compassion_kit.publish import staging as publish
from compassion_kit.read import collector
from compassion_kit.rules import glyphs
from compassion_kit.web.pdflinks import setup_pdflinks

logger = logging.getLogger(__name__)
_published: weakref.WeakSet[Sphinx] = weakref.WeakSet()  # the apps whose outputs were published


def published(app: Sphinx) -> bool:
    """Whether this build published its catalogue and PDFs (for later
    build-finished steps that derive files from them, such as zips)."""
    return app in _published


def _build_failed(app: Sphinx) -> bool:
    # Sphinx keeps no public count of warnings. With -W any warning fails the
    # build, and then the last good PDFs and catalogue must stay untouched.
    return bool(getattr(app, "_warncount", 0)) and bool(getattr(app, "_fail_on_warnings", False))


class Outputs:
    """What one build makes: staged files, and what the PDF cache will learn."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.outdir = Path(app.outdir)
        # The published site's root, where handouts/ lives: the output folder of
        # the English build, its parent for a translation (whose PDFs go to
        # handouts/<lang>/ and whose pages to <lang>/).
        self.root = site_root(app)
        self.lang = language(app.config)
        self.print_dir = Path(app.doctreedir, "kit-print")
        self.stage = publish.Stage(Path(app.doctreedir, "kit-stage"), self.outdir)
        self.cache = pdfcache.PdfCache(self.print_dir / "pdf-cache.json", self.root)
        self.learned: list[tuple[Path, str, bytes, int]] = []
        self.problems: list[Problem] = []
        self.pack: tuple[int, Path] | None = None  # (handouts in it, where it goes)
        self.print_key = ""  # what this build's print HTML is made from (publish.reuse)
        self.reusable_files: list[str] = []  # files beside the doctrees the next build may reuse

    def fail(self, problem: Problem) -> None:
        report(problem)
        self.problems.append(problem)


def write_handouts(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: the catalogue, the PDFs and the pack, or nothing at all."""
    # Only the kit's html and dirhtml builders print (not epub or singlehtml).
    if exception is not None or not isinstance(app.builder, PrintingBuilder):
        return
    if _build_failed(app):
        logger.info("kit: not writing catalog.json or PDFs: the build has warnings")
        return
    settings = Path(app.srcdir, app.config.kit_handout_settings)
    details, problems = clinician.load(settings)
    for problem in problems:
        report(problem)
    if problems:
        logger.info("kit: not writing catalog.json or PDFs: the clinician's details have errors")
        return
    try:
        outputs = Outputs(app)
    except OSError as error:
        _cannot_write(app, error)
        return
    try:
        make_outputs(app, outputs, details)
        if outputs.problems or _build_failed(app):
            logger.info("kit: nothing published: catalog.json, PDFs and pack stay as they were")
            app.statuscode = 1  # even without -W: the outputs are not this build's
            return
        publish_outputs(app, outputs)
        _published.add(app)
    except OSError as error:
        _cannot_write(app, error)
    finally:
        outputs.stage.discard()


def _cannot_write(app: Sphinx, error: OSError) -> None:
    """A full disk or a read-only folder: say where; the last outputs stay."""
    report(Problem(str(error.filename or app.outdir), 0, "output",
                   f"cannot write: {error.strerror or error}", "output"))
    app.statuscode = 1


def make_outputs(app: Sphinx, outputs: Outputs, details: ClinicianDetails) -> None:
    items = collector.items(app.env)
    by_id = {item.id: item for item in items}
    outputs.stage.put(outputs.outdir / catalog.CATALOG_NAME, catalog_bytes(app, items))
    roots = (Path(app.srcdir), outputs.outdir)
    outputs.print_key = reuse.fingerprint(app, details, [item.id for item in items])
    if app.config.kit_pdfs:
        render_handouts(app, outputs, items, by_id, details, roots)
        # The whole handbook as one PDF per book paper (publish.downloads).
        bookdownloads.render_book(app, outputs, items, details.region, roots)
    bookdownloads.write_epub(app, outputs, items)
    if pack.requested(app):
        write_pack(app, outputs, by_id, details, roots)


def catalog_bytes(app: Sphinx, items: list[Item]) -> bytes:
    """The catalogue as catalog.write makes it: sorted, no timestamps."""
    data = {"name": app.config.kit_site_name,
            "items": [catalog.entry(app, item) for item in items]}
    if downloads := bookdownloads.catalog_entries(app):  # the book, EPUB, offline site
        data["downloads"] = downloads
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _print_html(app: Sphinx, outputs: Outputs, item: Item, by_id: dict[str, Item],
                details: ClinicianDetails) -> str | None:
    """The item's print HTML, or None after reporting why it cannot be printed."""
    try:
        # Slides have a template of their own; practice logs, and the logs a
        # workbook adds after its parts, come from printing.logsheet.
        html = slides.print_html(app, item, details) if item.kind_info.slides \
            else logsheet.print_html(app, item, by_id, details)
    except ProblemError as error:
        outputs.fail(error.problem)
        return None
    parts = printhtml.collection_parts(item)  # none unless it is a collection
    sources = [Path(app.env.doc2path(doc)) for doc in
               [item.docname, *(by_id[part].docname for part in parts if part in by_id)]]
    sources.append(Path(app.srcdir, app.config.kit_bibliography))
    unprintable = glyphs.problems(html, sources, f"handout '{item.id}'")
    for problem in unprintable:
        outputs.fail(problem)
    return None if unprintable else html


def render_handouts(app: Sphinx, outputs: Outputs, items: list[Item], by_id: dict[str, Item],
                    details: ClinicianDetails, roots: tuple[Path, ...]) -> None:
    """Render every PDF whose inputs changed, on every core; keep the rest."""
    site = outputs.outdir.as_uri()
    todo: list[tuple[Item, str, Path, str]] = []
    jobs: list[renderpool.Job] = []
    pages: dict[tuple[str, str], int] = {}
    ids = [item.id for item in items]
    stored = reuse.reusable(app, outputs.print_dir, outputs.print_key, ids)
    if stored is None:
        reuse.forget(outputs.print_dir)
    else:
        logger.info("kit: nothing changed since the last build: its print HTML is reused")
    for item in items:
        html = stored[item.id] if stored is not None else \
            _print_html(app, outputs, item, by_id, details)
        if html is None:
            continue
        if stored is None:
            # Kept beside the doctrees (never published) for tests, for debugging
            # layout and for the next build to reuse (publish.reuse).
            write_atomic(outputs.print_dir / f"{item.id}.html", html.encode("utf-8"))
        base_url = Path(outputs.outdir, app.builder.get_target_uri(item.docname)).as_uri()
        resources = pdfcache.resources_digest(html, base_url)  # the same on every paper
        for paper in item.papers:
            target = outputs.root / item.pdf_path(paper)
            key = pdfcache.job_key(html, paper, base_url, site, resources)
            if outputs.cache.is_fresh(target, key):
                pages[item.id, paper] = outputs.cache.pages(target)
            else:
                todo.append((item, paper, target, key))
                jobs.append(renderpool.Job(html, base_url, paper, tuple(map(str, roots))))
    workers = renderpool.workers_for(app.config.kit_pdf_workers)
    results = renderpool.render_all(jobs, workers)
    for (item, paper, target, key), result in status_iterator(
            zip(todo, results, strict=True), "rendering handouts... ", "darkgreen", len(todo),
            app.verbosity, stringify_func=lambda pair: f"{pair[0][0].id} ({pair[0][1]})"):
        if result.data is None:
            outputs.fail(Problem(str(app.env.doc2path(item.docname)), 1,
                                 f"handout {item.id} ({paper})",
                                 f"not written: {result.error}", "pdf"))
            continue
        outputs.stage.put(target, result.data)
        outputs.learned.append((target, key, result.data, result.pages))
        pages[item.id, paper] = result.pages
    check_page_limits(app, outputs, by_id, pages)
    total = sum(len(item.papers) for item in items)
    logger.info("kit: %d PDFs rendered, %d unchanged (%d workers)",
                len(todo), total - len(todo), min(workers, max(len(jobs), 1)))


def check_page_limits(app: Sphinx, outputs: Outputs, by_id: dict[str, Item],
                      pages: dict[tuple[str, str], int]) -> None:
    """A client handout fits on 2 pages (4 in large print): longer ones are
    not printed, and a runaway source never becomes a 500-page PDF."""
    limits = app.config.kit_translation_page_limits.get(app.config.language,
                                                        app.config.kit_page_limits)
    kinds = app.config.kit_page_limited_kinds
    for (item_id, paper), count in sorted(pages.items()):
        item, limit = by_id[item_id], limits.get(paper)
        if item.kind in kinds and limit is not None and count > limit:
            outputs.fail(Problem(str(app.env.doc2path(item.docname)), 1,
                                 f"handout {item.id} ({paper})",
                                 f"{count} pages on {PAPER_LABELS[paper]}; the limit is {limit}."
                                 " Shorten the text or the write-in spaces", "pages"))


def publish_outputs(app: Sphinx, outputs: Outputs) -> None:
    """Everything succeeded: put it all in place, then remove what is stale."""
    items = collector.items(app.env)
    catalog_path = outputs.outdir / catalog.CATALOG_NAME
    # catalog.json's URLs start at the site's root (<lang>/ for a translation).
    prefix = site_prefix(outputs.lang)
    current = {publish.page_file(outputs.root, prefix + app.builder.get_target_uri(docname))
               for docname in app.env.found_docs}
    stale_pages = publish.stale_pages(outputs.root, catalog_path, {item.id for item in items},
                                      current, within=outputs.outdir)
    keep = {outputs.root / item.pdf_path(paper) for item in items for paper in item.papers}
    keep |= set(bookdownloads.book_targets(app, outputs.root).values())
    outputs.stage.publish()
    for target, key, data, count in outputs.learned:
        outputs.cache.record(target, key, data, count)
    # An English build never touches the translations' handouts/<lang>/ folders.
    english = outputs.lang == SOURCE_LANGUAGE
    stale = publish.stale_pdfs(outputs.root, keep, "" if english else outputs.lang,
                               tuple(languages_of(app.srcdir, app.config)) if english else ())
    stale += stale_pages
    publish.delete(stale, outputs.root)
    outputs.cache.keep_only(keep)
    outputs.cache.save()
    if app.config.kit_pdfs:  # then render_handouts made (or reused) every item's print HTML
        reuse.remember(outputs.print_dir, outputs.print_key, [item.id for item in items])
    for name in outputs.reusable_files:
        reuse.remember_file(outputs.print_dir, name, reuse.file_key(outputs.print_key))
    if stale:
        logger.info("kit: removed %d outputs of items that no longer exist", len(stale))
    if outputs.pack is not None:
        logger.info("kit: pack of %d handouts written to %s", *outputs.pack)


def write_pack(app: Sphinx, outputs: Outputs, by_id: dict[str, Item],
               details: ClinicianDetails, roots: tuple[Path, ...]) -> None:
    """The clinician's pack (handouts.toml), on its paper, if one is asked for."""
    wanted = pack.requested(app)
    messages = pack.unknown_ids(wanted, by_id)
    for message in messages:
        outputs.fail(Problem(str(pack.target(app)), 0, "pack", message, "pack"))
    paper = pack.paper(app)
    if messages:
        return
    item = pack.pack_item(wanted, by_id)
    html = _print_html(app, outputs, item, by_id, details)
    if html is None:
        return
    base_url = Path(outputs.outdir, app.builder.get_target_uri(item.docname)).as_uri()
    [result] = renderpool.render_all([renderpool.Job(html, base_url, paper,
                                                     tuple(map(str, roots)))], workers=1)
    if result.data is None:
        outputs.fail(Problem(str(pack.target(app)), 0, "pack", f"not written: {result.error}",
                             "pack"))
        return
    outputs.stage.put(pack.target(app), result.data)
    outputs.pack = (len(wanted), pack.target(app))


def setup_handouts(app: Sphinx) -> None:
    setup_builder(app)
    reuse.setup_reuse(app)
    setup_pdflinks(app)
    app.connect("build-finished", write_handouts)
