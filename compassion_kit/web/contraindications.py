"""The clinicians' "Before you assign" table, generated from front matter.

``{contraindications}`` leaves a placeholder while documents are read; once
every practice is known (``doctree-resolved``) it becomes one section per
condition in which every practice appears once: avoid (and why), adapt (how),
or fine as written. The advice comes from ``safety.advice``: what each
practice asks, plus its own overrides. The page is re-read whenever any item
changes, as the library pages are.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from compassion_kit.model import Item
from compassion_kit.read import collector
from compassion_kit.rules import safety
from compassion_kit.words import _

LEVEL_LABELS = {"avoid": _("Avoid for now"), "adapt": _("Adapt"), "fine": _("Fine as written")}


class contraindications_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Replaced by the table before writing; never reaches a writer."""


class Contraindications(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        collector.note_item_listing(self.env, self.env.docname)  # re-read when any item changes
        node = contraindications_placeholder()
        self.set_source_info(node)
        return [node]


def _link(app: Sphinx, fromdoc: str, item: Item) -> nodes.reference:
    return nodes.reference("", item.title, internal=True,
                           refuri=app.builder.get_relative_uri(fromdoc, item.docname))


def _condition_block(app: Sphinx, fromdoc: str, condition: str, label: str,
                     practices: list[Item]) -> nodes.container:
    block = nodes.container(classes=["kit-contra", f"kit-contra-{condition}"])
    block += nodes.rubric("", label)
    by_level: dict[str, list[tuple[Item, safety.Advice]]] = {level: [] for level in LEVEL_LABELS}
    for item in practices:
        found = safety.advice(item.meta)[condition]
        by_level[found.level].append((item, found))
    listing = nodes.bullet_list()
    for level in ("avoid", "adapt"):
        for item, found in by_level[level]:
            para = nodes.paragraph()
            para += nodes.strong("", f"{LEVEL_LABELS[level]}: ")
            para += _link(app, fromdoc, item)
            para += nodes.Text(". " + " ".join(found.how))
            listing += nodes.list_item("", para)
    if by_level["fine"]:
        para = nodes.paragraph()
        para += nodes.strong("", f"{LEVEL_LABELS['fine']}: ")
        for index, (item, _found) in enumerate(by_level["fine"]):
            if index:
                para += nodes.Text(", ")
            para += _link(app, fromdoc, item)
        para += nodes.Text(".")
        listing += nodes.list_item("", para)
    block += listing
    return block


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(contraindications_placeholder)):
        practices = sorted((item for item in collector.items(app.env)
                            if item.kind_info.practice), key=lambda item: item.title.casefold())
        blocks = [_condition_block(app, docname, condition, label, practices)
                  for condition, label in safety.CONDITIONS.items()]
        placeholder.replace_self(blocks)


def setup_contraindications(app: Sphinx) -> None:
    app.add_node(contraindications_placeholder)
    app.add_directive("contraindications", Contraindications)
    app.connect("doctree-resolved", resolve_placeholders)
