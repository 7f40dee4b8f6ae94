"""The library: cards rendered from the same data as catalog.json.

``{exercise-library}`` leaves a placeholder while documents are read; once
every item is known (``doctree-resolved``) the placeholder becomes a grid of
sphinx-design cards. Options narrow the list: ``:kind:`` (default exercise),
``:chapter:`` and ``:audience:``; ``:ids:`` picks items by id, in that order;
``:filters:`` adds filters by audience, chapter, format and length. The filters
work without JavaScript (radio buttons and CSS ``:has()``); kit.js only adds a
count of what is shown.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx_design.shared import create_component

from . import collector
from .items import Item
from .kinds import ITEM_KINDS
from .reading import audience_words, facts, pdf_links
from .taxonomy import FILTER_GROUPS, filter_classes

logger = logging.getLogger(__name__)
FILTER_CSS = "kit-filters.css"


class library_placeholder(nodes.General, nodes.Element):
    """Replaced by the cards before writing; never reaches a writer."""


class ExerciseLibrary(SphinxDirective):
    option_spec = {
        "kind": lambda value: directives.choice(value, ITEM_KINDS),
        "chapter": directives.unchanged,
        "audience": directives.unchanged,
        "filters": directives.flag,
        "ids": lambda value: directives.unchanged_required(value).replace(",", " ").split(),
    }

    def run(self) -> list[nodes.Node]:
        collector.ensure_state(self.env)
        self.env.kit_library_docs.add(self.env.docname)
        node = library_placeholder()
        node.attributes.update(self.options)
        self.set_source_info(node)
        return [node]


def _card(app: Sphinx, fromdoc: str, item: Item) -> nodes.Node:
    builder = app.builder
    here = builder.get_target_uri(fromdoc)
    title = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold", "kit-card-title"])
    title += nodes.reference("", item.title, internal=True,
                             refuri=builder.get_relative_uri(fromdoc, item.docname))
    body = create_component("card-body", ["sd-card-body"], children=[
        title,
        nodes.paragraph("", item.summary, classes=["sd-card-text"]),
        nodes.paragraph("", f"{facts(item)} · for {audience_words(item)}",
                        classes=["sd-card-text", "kit-card-facts"]),
    ])
    links = nodes.paragraph("", "PDF: ", *pdf_links(item, lambda path: relative_uri(here, path)),
                            classes=["sd-card-text", "kit-card-pdfs"])
    footer = create_component("card-footer", ["sd-card-footer"], children=[links])
    card = create_component("card", ["sd-card", "sd-sphinx-override", "sd-w-100",
                                     "sd-shadow-sm", "kit-card"], children=[body, footer])
    classes = ["sd-col", "sd-d-flex-row", "kit-card-col",
               *filter_classes(item.meta, item.duration_minutes)]
    return create_component("grid-item", classes, children=[card])


def filters_html() -> str:
    """Radio groups whose checked state hides non-matching cards (see filter_css)."""
    groups = []
    for group, legend, values in FILTER_GROUPS:
        choices = [f'<label><input type="radio" name="{group}" value="" checked> All</label>']
        choices += [f'<label><input type="radio" name="{group}" id="kit-f-{group}-{value}" '
                    f'value="{value}"> {escape(label)}</label>'
                    for value, label in values.items()]
        groups.append(f'<fieldset><legend>{escape(legend)}</legend>{"".join(choices)}</fieldset>')
    return ('<form class="kit-filters" aria-label="Filter the practices">' + "".join(groups)
            + '<p class="kit-filter-count" aria-live="polite"></p></form>')


def filter_css() -> str:
    rules = [f".kit-library:has(#kit-f-{group}-{value}:checked) "
             f".kit-card-col:not(.kit-{group}-{value}) {{ display: none; }}"
             for group, _legend, values in FILTER_GROUPS for value in values]
    return "/* Generated from compassion_kit/taxonomy.py. */\n" + "\n".join(rules) + "\n"


def _matches(item: Item, options: dict) -> bool:
    if options.get("ids"):
        return item.id in options["ids"]
    if item.kind != options.get("kind", "exercise"):
        return False
    if options.get("chapter") and item.meta.get("chapter") != options["chapter"]:
        return False
    return not (options.get("audience") and options["audience"] not in item.audiences)


def _report_unknown_ids(placeholder: nodes.Node, ids: list[str], chosen: list[Item]) -> None:
    known = {item.id for item in chosen}
    for item_id in ids:
        if item_id not in known:
            logger.warning("exercise-library: no valid item with id '%s'", item_id,
                           location=placeholder, type="kit", subtype="library")


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(library_placeholder)):
        options = placeholder.attributes
        chosen = [item for item in collector.items(app.env) if _matches(item, options)]
        if options.get("ids"):
            _report_unknown_ids(placeholder, options["ids"], chosen)
            chosen.sort(key=lambda item: options["ids"].index(item.id))
        else:
            chosen.sort(key=lambda item: item.title.casefold())
        if not chosen:
            placeholder.replace_self(nodes.paragraph("", "No practices here yet."))
            continue
        row = create_component(
            "grid-row",
            ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-1", "sd-row-cols-md-2",
             "sd-row-cols-lg-2", "sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3"],
            children=[_card(app, docname, item) for item in chosen],
        )
        grid = create_component("grid-container",
                                ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"],
                                children=[row])
        library = nodes.container(classes=["kit-library"])
        if "filters" in options:
            library += nodes.raw("", filters_html(), format="html")
        library += grid
        placeholder.replace_self(library)


def write_filter_css(app: Sphinx) -> None:
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    (static / FILTER_CSS).write_text(filter_css(), encoding="utf-8")


def setup_library(app: Sphinx) -> None:
    app.connect("builder-inited", write_filter_css)
    app.add_css_file(FILTER_CSS)
    app.add_node(library_placeholder)
    app.add_directive("exercise-library", ExerciseLibrary)
    app.connect("doctree-resolved", resolve_placeholders)
