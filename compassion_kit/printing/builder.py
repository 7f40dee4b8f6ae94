"""Sphinx's HTML builders, able to render an item's print body after the site is written.

The HTML translator reads per-page state that ``StandaloneHTMLBuilder`` sets
only inside ``write_doc`` (section and figure numbers, the image and download
paths, the page being written). The print HTML of every item is made at
build-finished (publish.outputs), after the last page, and on a build that
wrote no page at all; so two small subclasses, registered in place of Sphinx's
``html`` and ``dirhtml`` builders, set that state for one page the way
``write_doc`` does and put the previous state back afterwards. This is the one
place that knows those attributes; the rest of the kit calls
``render_print_body``. Other builders (epub, singlehtml) print no handouts.

While it renders, ``kit_print_regions`` maps each paper to the crisis-line
region it prints (web.crisisline reads it; ``None`` on the web).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from compassion_kit.web.crisisline import PRINT_FLAG

# What write_doc sets for a page, and so what render_print_body saves and restores.
_PAGE_STATE = ("secnumbers", "fignumbers", "imgpath", "dlpath", "current_docname", PRINT_FLAG)


class PrintingBuilder(StandaloneHTMLBuilder):
    """An HTML builder of a kit build: Sphinx's, plus ``render_print_body``."""

    kit_print_regions: dict[str, str] | None = None

    @contextmanager
    def _page_state(self, docname: str, regions: dict[str, str]) -> Iterator[None]:
        saved = {name: getattr(self, name, None) for name in _PAGE_STATE}
        self.secnumbers = self.env.toc_secnumbers.get(docname, {})
        self.fignumbers = self.env.toc_fignumbers.get(docname, {})
        self.imgpath = relative_uri(self.get_target_uri(docname), "_images")
        self.dlpath = relative_uri(self.get_target_uri(docname), "_downloads")
        self.current_docname = docname
        self.kit_print_regions = regions
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(self, name, value)

    def render_print_body(self, docname: str, tree: nodes.Node, regions: dict[str, str]
                          ) -> str:
        """``tree`` (part of ``docname``'s doctree, changed for print) as an HTML
        fragment, with each paper's crisis lines (``regions``: paper -> region)."""
        with self._page_state(docname, regions):
            return str(self.render_partial(tree)["fragment"])


class KitHTMLBuilder(PrintingBuilder):
    """``-b html``: Sphinx's StandaloneHTMLBuilder, able to print."""


class KitDirHTMLBuilder(PrintingBuilder, DirectoryHTMLBuilder):
    """``-b dirhtml``: Sphinx's DirectoryHTMLBuilder (a page per folder), able to print."""


def setup_builder(app: Sphinx) -> None:
    app.add_builder(KitHTMLBuilder, override=True)
    app.add_builder(KitDirHTMLBuilder, override=True)
