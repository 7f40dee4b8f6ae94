"""After the HTML build: write catalog.json and every handout PDF."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.display import status_iterator

from . import catalog, collector, pack, pdf, pdfcache, practice, printhtml, renderpool
from .items import Item
from .problems import report

logger = logging.getLogger(__name__)


def _build_failed(app: Sphinx) -> bool:
    # Sphinx keeps no public count of warnings. With -W any warning fails the
    # build, and then the last good PDFs and catalogue must stay untouched.
    return bool(getattr(app, "_warncount", 0)) and bool(getattr(app, "_fail_on_warnings", False))


def write_handouts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if _build_failed(app):
        logger.info("kit: not writing catalog.json or PDFs: the build has warnings")
        return
    details, problems = practice.load(Path(app.srcdir, app.config.kit_handout_settings))
    for problem in problems:
        report(problem)
    if problems:
        logger.info("kit: not writing catalog.json or PDFs: the practice details have errors")
        return
    items = collector.items(app.env)
    catalog.write(app, items)
    roots = (Path(app.srcdir), Path(app.outdir))
    by_id = {item.id: item for item in items}
    if app.config.kit_pdfs:
        render_handouts(app, items, by_id, details, roots)
    if pack.requested(app):
        write_pack(app, by_id, details, roots)


def render_handouts(app: Sphinx, items: list, by_id: dict, details, roots) -> None:
    """Render every PDF whose inputs changed, on every core; keep the rest."""
    print_dir = Path(app.doctreedir, "kit-print")
    cache = pdfcache.PdfCache(print_dir / "pdf-cache.json", Path(app.outdir))
    todo: list[tuple[Item, str, Path, str]] = []
    jobs: list[renderpool.Job] = []
    for item in items:
        html = printhtml.handout_html(app, item, by_id, details)
        # Kept beside the doctrees (never published) for tests and for debugging layout.
        pdf.write_atomic(print_dir / f"{item.id}.html", html.encode("utf-8"))
        base_url = Path(app.outdir, app.builder.get_target_uri(item.docname)).as_uri()
        for paper in pdf.PAPERS:
            target, key = Path(app.outdir, item.pdf_path(paper)), pdfcache.job_key(html, paper)
            if not cache.is_fresh(target, key):
                todo.append((item, paper, target, key))
                jobs.append(renderpool.Job(html, base_url, paper, tuple(map(str, roots))))
    workers = renderpool.workers_for(app.config.kit_pdf_workers)
    results = renderpool.render_all(jobs, workers)
    for (item, paper, target, key), (data, error) in status_iterator(
            zip(todo, results, strict=True), "rendering handouts... ", "darkgreen", len(todo),
            app.verbosity, stringify_func=lambda pair: f"{pair[0][0].id} ({pair[0][1]})"):
        if error is not None:
            logger.warning("%s: handout %s (%s) not written: %s",
                           app.env.doc2path(item.docname), item.id, paper, error,
                           type="kit", subtype="pdf")
            continue
        pdf.write_atomic(target, data)
        cache.record(target, key, data)
    cache.save()
    total = len(items) * len(pdf.PAPERS)
    logger.info("kit: %d PDFs rendered, %d unchanged (%d workers)",
                len(todo), total - len(todo), min(workers, max(len(jobs), 1)))


def write_pack(app: Sphinx, by_id: dict, details, roots: tuple[Path, ...]) -> None:
    wanted = pack.requested(app)
    problems = pack.unknown_ids(wanted, by_id)
    for message in problems:
        logger.warning("pack: %s", message, type="kit", subtype="pack")
    paper = pack.paper(app)
    if problems or paper is None:
        return
    item = pack.pack_item(wanted, by_id)
    html = printhtml.handout_html(app, item, by_id, details)
    base_url = Path(app.outdir, app.builder.get_target_uri(item.docname)).as_uri()
    try:
        data = pdf.render(html, base_url, paper, roots)
    except pdf.RenderError as error:
        logger.warning("pack not written: %s", error, type="kit", subtype="pack")
        return
    pdf.write_atomic(pack.target(app), data)
    logger.info("kit: pack of %d handouts written to %s", len(wanted), pack.target(app))


def setup_handouts(app: Sphinx) -> None:
    app.connect("build-finished", write_handouts)
