"""Item titles come from front matter as plain text, never as markup.

MyST turns the front-matter ``title`` into the page heading by parsing it as
Markdown, so a title with ``<b>`` or ``<script>`` would reach the page as raw
HTML. This transform puts the exact title text back into the heading before
Sphinx collects titles for the page, the navigation and the search index.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from compassion_kit.i18n.frontmatter import translated_title
from compassion_kit.read.kinds import source_kind_in
from compassion_kit.rules import frontmatter, sections


class PlainFrontMatterTitle(SphinxTransform):
    """An item page's heading: its front-matter title as plain text."""

    default_priority = 100  # early: before smart quotes and before doctree-read

    def apply(self, **kwargs: Any) -> None:
        if source_kind_in(self.config, self.env.docname) is None:
            return
        top = sections.top_section(self.document)
        if top is None or not isinstance(top[0], nodes.title):
            return
        try:
            title = frontmatter.load(self.env.doc2path(self.env.docname)).data.get("title")
        except frontmatter.FrontMatterError:
            return  # reported when the item is read
        if isinstance(title, str):
            # In a translated edition, the title from the page's catalogue.
            title = translated_title(self.env, self.env.docname, title)
            # (astext() of raw HTML nodes is their markup, so compare nothing: replace.)
            top[0].children = []
            top[0] += nodes.Text(title)


def setup_titles(app: Sphinx) -> None:
    app.add_transform(PlainFrontMatterTitle)
