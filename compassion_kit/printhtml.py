"""The minimal print page of an item, built from the same doctree as its web page.

Client handouts leave out web-only parts and the facilitator notes, gain the
write-in spaces of the front matter, and list their sources in full.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from . import bibliography, sections
from .items import Item
from .pdf import PRINT_DIR
from .reading import facts

RULED_LINES = {"line": 1, "small": 3, "medium": 5, "large": 8}


@cache
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(PRINT_DIR),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def write_in(field: dict) -> str:
    rules = '<div class="rule"></div>' * RULED_LINES[field["size"]]
    return (f'<div class="write-in size-{escape(field["size"])}">'
            f'<p class="write-in-label">{escape(field["label"])}</p>{rules}</div>')


def _flatten_internal_links(tree: nodes.Node) -> None:
    """Links to other pages mean nothing on paper: keep their text only."""
    for ref in list(tree.findall(nodes.reference)):
        if not urlparse(ref.get("refuri", "")).scheme:
            ref.replace_self(nodes.inline("", "", *ref.children))


def print_tree(app: Sphinx, item: Item) -> nodes.section:
    doctree = app.env.get_and_resolve_doctree(item.docname, app.builder)
    top = sections.top_section(doctree)
    for node in list(top.findall(nodes.Element)):
        if "kit-web-only" in node.get("classes", ()):
            node.parent.remove(node)
    by_key = {}
    for section in sections.h2_sections(doctree):
        key = sections.section_key(section)
        if key == sections.NOTES[0]:
            top.remove(section)
        else:
            by_key[key] = section
    for field in item.meta.get("fields", []):
        by_key[field.get("section", "reflect")] += nodes.raw("", write_in(field), format="html")
    _flatten_internal_links(top)
    return top


def _render_body(app: Sphinx, item: Item) -> str:
    builder = app.builder
    # The HTML translator reads per-page state that the builder only sets while
    # writing a page (and not at all on a build with nothing to write): set it
    # as StandaloneHTMLBuilder.write_doc does, for this item's page.
    builder.secnumbers = app.env.toc_secnumbers.get(item.docname, {})
    builder.fignumbers = app.env.toc_fignumbers.get(item.docname, {})
    builder.imgpath = relative_uri(builder.get_target_uri(item.docname), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(item.docname), "_downloads")
    builder.current_docname = item.docname
    return builder.render_partial(print_tree(app, item))["fragment"]


def handout_html(app: Sphinx, item: Item) -> str:
    """The complete print HTML of ``item``, every value escaped."""
    body = _render_body(app, item)
    bib = Path(app.srcdir, app.config.kit_bibliography)
    sources = [bibliography.short_reference(bib, key) for key in item.meta.get("sources", [])]
    template = _templates().get_template("handout.html")
    return template.render(
        lang=app.config.language or "en",
        title=item.title,
        summary=item.summary,
        author=app.config.kit_author,
        keywords=", ".join([item.kind, *item.audiences]),
        kind=item.kind,
        site_name=app.config.kit_site_name,
        facts=facts(item),
        safety_line=app.config.kit_safety_line,
        licence=app.config.kit_licence,
        body=Markup(body),
        sources=sources,
    )
