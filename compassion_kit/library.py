"""The library: cards rendered from the same data as catalog.json.

``{exercise-library}`` leaves a placeholder while documents are read; once
every item is known (``doctree-resolved``) the placeholder becomes a grid of
sphinx-design cards. Options narrow the list: ``:kind:`` (default exercise),
``:chapter:`` and ``:audience:``.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx_design.shared import create_component

from . import collector
from .items import PAPER_LABELS, Item
from .kinds import BY_NAME
from .reading import facts


class library_placeholder(nodes.General, nodes.Element):
    """Replaced by the cards before writing; never reaches a writer."""


class ExerciseLibrary(SphinxDirective):
    option_spec = {
        "kind": lambda value: directives.choice(value, list(BY_NAME)),
        "chapter": directives.unchanged,
        "audience": directives.unchanged,
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
        nodes.paragraph("", f"{facts(item)} · for {', '.join(item.audiences)}",
                        classes=["sd-card-text", "kit-card-facts"]),
    ])
    links = nodes.paragraph("", "PDF: ", classes=["sd-card-text", "kit-card-pdfs"])
    for index, (paper, label) in enumerate(PAPER_LABELS.items()):
        if index:
            links += nodes.Text(" · ")
        links += nodes.reference("", label, refuri=relative_uri(here, item.pdf_path(paper)),
                                 classes=["kit-pdf-link"])
    footer = create_component("card-footer", ["sd-card-footer"], children=[links])
    card = create_component("card", ["sd-card", "sd-sphinx-override", "sd-w-100",
                                     "sd-shadow-sm", "kit-card"], children=[body, footer])
    return create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])


def _matches(item: Item, options: dict) -> bool:
    if item.kind != options.get("kind", "exercise"):
        return False
    if options.get("chapter") and item.meta.get("chapter") != options["chapter"]:
        return False
    return not (options.get("audience") and options["audience"] not in item.audiences)


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(library_placeholder)):
        chosen = [item for item in collector.items(app.env)
                  if _matches(item, placeholder.attributes)]
        if not chosen:
            placeholder.replace_self(nodes.paragraph("", "No practices here yet."))
            continue
        chosen.sort(key=lambda item: item.title.casefold())
        row = create_component(
            "grid-row",
            ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-1", "sd-row-cols-md-2",
             "sd-row-cols-lg-2", "sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3"],
            children=[_card(app, docname, item) for item in chosen],
        )
        grid = create_component("grid-container",
                                ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"],
                                children=[row])
        placeholder.replace_self(grid)


def setup_library(app: Sphinx) -> None:
    app.add_node(library_placeholder)
    app.add_directive("exercise-library", ExerciseLibrary)
    app.connect("doctree-resolved", resolve_placeholders)
