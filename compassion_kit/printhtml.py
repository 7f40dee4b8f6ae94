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

from . import bibliography, frontmatter, sections, workshops
from .crisisline import PRINT_FLAG, regions_by_paper, safety_lines
from .items import Item
from .pdf import PRINT_DIR
from .practice import PracticeDetails
from .problems import Problem, ProblemError
from .reading import facts

RULED_LINES = {"line": 1, "small": 3, "medium": 5, "large": 8}


@cache
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(PRINT_DIR),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def write_in(field: dict, prefix: str = "") -> str:
    """A labelled, ruled space to write by hand, with a fillable form field on
    top of the rules (multi-line unless it is a single line). The field's
    accessible name (PDF /TU) is its visible label."""
    name = f"{prefix}{field['name']}"
    label = escape(field["label"])
    size = escape(field["size"])
    rules = '<div class="rule"></div>' * RULED_LINES[field["size"]]
    if field["size"] == "line":
        control = f'<input type="text" id="f-{name}" name="{name}" title="{label}">'
    else:
        control = f'<textarea id="f-{name}" name="{name}" title="{label}"></textarea>'
    return (f'<div class="write-in size-{size}"><label class="write-in-label" for="f-{name}">'
            f'{label}</label><div class="write-in-space">{rules}{control}</div></div>')


def _flatten_internal_links(tree: nodes.Node) -> None:
    """Links to other pages mean nothing on paper: keep their text only."""
    for ref in list(tree.findall(nodes.reference)):
        if not urlparse(ref.get("refuri", "")).scheme:
            ref.replace_self(nodes.inline("", "", *ref.children))


def print_tree(app: Sphinx, item: Item, field_prefix: str = "") -> nodes.section:
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
            by_key[field.get("section", "reflect")] += nodes.raw(
                "", write_in(field, prefix=field_prefix), format="html")
    _flatten_internal_links(top)
    return top


def _prefix_ids(tree: nodes.Element, prefix: str) -> None:
    """Several handouts in one document must not repeat an anchor id."""
    for node in tree.findall(nodes.Element):
        node["ids"] = [f"{prefix}-{node_id}" for node_id in node.get("ids", [])]


COLLECTIONS = ("workbook", "pack")


def collection_parts(item: Item) -> list[str]:
    """Ids of the handouts a workbook or pack gathers, in order."""
    if item.kind == "workbook":
        return workshops.workbook_exercises(item.meta)
    return list(item.meta["parts"])


def _cover(item: Item, parts: list[Item]) -> list[nodes.Node]:
    cover = [nodes.paragraph("", item.summary, classes=["kit-summary"])]
    if item.kind == "workbook":
        cover.append(nodes.raw("", write_in({"name": "participant_name", "label": "Your name",
                                             "size": "line"})
                               + write_in({"name": "date", "label": "Date", "size": "line"}),
                               format="html"))
    label = "In this workbook" if item.kind == "workbook" else "In this set"
    # Page numbers come from WeasyPrint's target-counter() (see handout.css).
    entries = "".join(f'<li><a class="kit-toc-entry" href="#part-{escape(part.id)}">'
                      f"{escape(part.title)}</a></li>" for part in parts)
    cover.append(nodes.raw("", f'<p class="kit-contents-label">{label}:</p>'
                               f'<ol class="kit-contents">{entries}</ol>', format="html"))
    cover.append(nodes.paragraph("", "These pages are yours. Write as much or as little as you "
                                 "like, and share only what you want to share."))
    return cover


def collection_tree(app: Sphinx, item: Item, by_id: dict[str, Item]) -> nodes.section:
    """A cover listing the parts with their page numbers, then each part as its
    own handout, starting on a new page, numbered on from the cover."""
    parts = [by_id[part_id] for part_id in collection_parts(item)]
    root = nodes.section(ids=[item.kind])
    root += nodes.title("", item.title)
    root.extend(_cover(item, parts))
    for part in parts:
        # One document, many handouts: prefix field names so fields stay apart.
        section = print_tree(app, part, field_prefix=f"{part.id}_")
        _prefix_ids(section, part.id)
        section["ids"].insert(0, f"part-{part.id}")
        section["classes"].append("kit-collection-part")
        root += section
    return root


def _cited(item: Item, by_id: dict[str, Item]) -> list[tuple[Item, int, str]]:
    """(item whose front matter names it, index in its sources, key), each key once."""
    owners = [by_id[part_id] for part_id in collection_parts(item)] \
        if item.kind in COLLECTIONS else [item]
    seen: dict[str, tuple[Item, int, str]] = {}
    for owner in owners:
        for index, key in enumerate(owner.meta.get("sources", [])):
            seen.setdefault(key, (owner, index, key))
    return list(seen.values())


def _references(app: Sphinx, item: Item, by_id: dict[str, Item]) -> list[str]:
    """The printed sources; a key the bibliography no longer has stops this
    handout with a message at the line that names it."""
    bib = Path(app.srcdir, app.config.kit_bibliography)
    printed = []
    for owner, index, key in _cited(item, by_id):
        reference = bibliography.short_reference(bib, key)
        if reference is None:
            path = str(app.env.doc2path(owner.docname))
            try:
                line = frontmatter.load(path).line_of(["sources", index])
            except frontmatter.FrontMatterError:
                line = 1
            raise ProblemError(Problem(path, line, f"field 'sources[{index}]'",
                                       f"'{key}' is not a key in {app.config.kit_bibliography}"))
        printed.append(reference)
    return printed


def _render_body(app: Sphinx, item: Item, by_id: dict[str, Item],
                 by_paper: dict[str, str]) -> str:
    builder = app.builder
    # The HTML translator reads per-page state that the builder only sets while
    # writing a page (and not at all on a build with nothing to write): set it
    # as StandaloneHTMLBuilder.write_doc does, for this item's page.
    builder.secnumbers = app.env.toc_secnumbers.get(item.docname, {})
    builder.fignumbers = app.env.toc_fignumbers.get(item.docname, {})
    builder.imgpath = relative_uri(builder.get_target_uri(item.docname), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(item.docname), "_downloads")
    builder.current_docname = item.docname
    tree = (collection_tree(app, item, by_id) if item.kind in COLLECTIONS
            else print_tree(app, item))
    # Translators that print differently on paper (the crisis lines of each
    # paper's region) look for this mapping of paper -> region on the builder.
    setattr(builder, PRINT_FLAG, by_paper)
    try:
        return builder.render_partial(tree)["fragment"]
    finally:
        setattr(builder, PRINT_FLAG, None)


def handout_html(app: Sphinx, item: Item, by_id: dict[str, Item],
                 details: PracticeDetails) -> str:
    """The complete print HTML of ``item``, every value escaped. ``by_id`` holds
    every item, for workbooks that collate exercises. Raises ProblemError."""
    sources = _references(app, item, by_id)
    by_paper = regions_by_paper(app.config, details.region)
    body = _render_body(app, item, by_id, by_paper)
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
        safety_lines=safety_lines(app.env, app.config.kit_safety_line, by_paper),
        licence=app.config.kit_licence,
        body=Markup(body),
        sources=sources,
        clinician=details.line(),
    )
