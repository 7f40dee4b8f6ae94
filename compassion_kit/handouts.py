"""After the HTML build: write catalog.json and every handout PDF."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.display import status_iterator

from . import catalog, collector, pack, pdf, practice, printhtml
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
    for item in status_iterator(items, "rendering handouts... ", "darkgreen", len(items),
                                app.verbosity, stringify_func=lambda item: item.id):
        html = printhtml.handout_html(app, item, by_id, details)
        # Kept beside the doctrees (never published) for tests and for debugging layout.
        pdf.write_atomic(Path(app.doctreedir, "kit-print", f"{item.id}.html"),
                         html.encode("utf-8"))
        base_url = Path(app.outdir, app.builder.get_target_uri(item.docname)).as_uri()
        for paper in pdf.PAPERS:
            target = Path(app.outdir, item.pdf_path(paper))
            try:
                data = pdf.render(html, base_url, paper, roots)
            except pdf.RenderError as error:
                path = app.env.doc2path(item.docname)
                logger.warning("%s: handout %s (%s) not written: %s", path, item.id, paper,
                               error, type="kit", subtype="pdf")
                continue
            pdf.write_atomic(target, data)
    if pack.requested(app):
        write_pack(app, by_id, details, roots)


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
