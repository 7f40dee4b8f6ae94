"""After the HTML build: write catalog.json and every handout PDF."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.display import status_iterator

from . import catalog, collector, pdf, printhtml

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
    items = collector.items(app.env)
    catalog.write(app, items)
    roots = (Path(app.srcdir), Path(app.outdir))
    by_id = {item.id: item for item in items}
    for item in status_iterator(items, "rendering handouts... ", "darkgreen", len(items),
                                app.verbosity, stringify_func=lambda item: item.id):
        html = printhtml.handout_html(app, item, by_id)
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


def setup_handouts(app: Sphinx) -> None:
    app.connect("build-finished", write_handouts)
