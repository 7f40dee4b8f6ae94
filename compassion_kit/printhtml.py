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

from . import bibliography, sections, workshops
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
    """The item's page as printed: web-only parts out; for an exercise, the
    facilitator notes out and the write-in spaces in."""
    doctree = app.env.get_and_resolve_doctree(item.docname, app.builder)
    top = sections.top_section(doctree)
    for node in list(top.findall(nodes.Element)):
        if "kit-web-only" in node.get("classes", ()):
            node.parent.remove(node)
    if item.kind == "exercise":
        by_key = {}
        for section in sections.h2_sections(doctree):
            key = sections.section_key(section)
            if key == sections.NOTES[0]:
                top.remove(section)
            else:
                by_key[key] = section
        for field in item.meta.get("fields", []):
            by_key[field.get("section", "reflect")] += nodes.raw("", write_in(field),
                                                                 format="html")
    _flatten_internal_links(top)
    return top


def _prefix_ids(tree: nodes.Element, prefix: str) -> None:
    """Several handouts in one document must not repeat an anchor id."""
    for node in tree.findall(nodes.Element):
        node["ids"] = [f"{prefix}-{node_id}" for node_id in node.get("ids", [])]


def workbook_tree(app: Sphinx, item: Item, by_id: dict[str, Item]) -> nodes.section:
    """A cover, then each exercise of the workshop as its client handout."""
    data = item.meta
    parts = [by_id[exercise_id] for exercise_id in workshops.workbook_exercises(data)]
    root = nodes.section(ids=["workbook"])
    root += nodes.title("", item.title)
    root += nodes.paragraph("", data["summary"], classes=["kit-summary"])
    root += nodes.raw("", write_in({"label": "Your name", "size": "line"})
                      + write_in({"label": "Date", "size": "line"}), format="html")
    root += nodes.paragraph("", "In this workbook:", classes=["kit-contents-label"])
    root += nodes.enumerated_list("", *(nodes.list_item("", nodes.paragraph("", part.title))
                                        for part in parts))
    root += nodes.paragraph("", "These pages are yours. Write as much or as little as you like, "
                            "and share only what you want to share.")
    for part in parts:
        section = print_tree(app, part)
        _prefix_ids(section, part.id)
        section["classes"].append("kit-workbook-part")
        root += section
    return root


def _source_keys(item: Item, by_id: dict[str, Item]) -> list[str]:
    if item.kind != "workbook":
        return list(item.meta.get("sources", []))
    keys = [key for exercise_id in workshops.workbook_exercises(item.meta)
            for key in by_id[exercise_id].meta.get("sources", [])]
    return list(dict.fromkeys(keys))


def _render_body(app: Sphinx, item: Item, by_id: dict[str, Item]) -> str:
    builder = app.builder
    # The HTML translator reads per-page state that the builder only sets while
    # writing a page (and not at all on a build with nothing to write): set it
    # as StandaloneHTMLBuilder.write_doc does, for this item's page.
    builder.secnumbers = app.env.toc_secnumbers.get(item.docname, {})
    builder.fignumbers = app.env.toc_fignumbers.get(item.docname, {})
    builder.imgpath = relative_uri(builder.get_target_uri(item.docname), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(item.docname), "_downloads")
    builder.current_docname = item.docname
    tree = workbook_tree(app, item, by_id) if item.kind == "workbook" else print_tree(app, item)
    return builder.render_partial(tree)["fragment"]


def handout_html(app: Sphinx, item: Item, by_id: dict[str, Item]) -> str:
    """The complete print HTML of ``item``, every value escaped. ``by_id`` holds
    every item, for workbooks that collate exercises."""
    body = _render_body(app, item, by_id)
    bib = Path(app.srcdir, app.config.kit_bibliography)
    sources = [bibliography.short_reference(bib, key) for key in _source_keys(item, by_id)]
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
