"""Links from a page to its PDFs, made relative when the page is written.

Read time cannot know where a page will sit: ``-b html`` writes
``exercises/calm.html``, ``-b dirhtml`` writes ``exercises/calm/index.html``.
The reader leaves the site-relative PDF path in ``kit_pdf``; here, with the
builder at hand, each link becomes relative to the page's own URL.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from compassion_kit.i18n.translation import site_relative


def fill_pdf_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # PDF paths start at the published site's root (a translation's pages sit
    # one folder below it, its PDFs in handouts/<lang>/).
    for link in doctree.findall(nodes.reference):
        if "kit_pdf" in link:
            link["refuri"] = site_relative(app, docname, link["kit_pdf"])


def setup_pdflinks(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_pdf_links)
