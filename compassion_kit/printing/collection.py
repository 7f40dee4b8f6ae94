"""Collections printed as one document: a participant workbook, a handout pack.

A cover lists the parts with their page numbers (a workbook's cover also asks
the participant's name); then each part follows as its own handout, starting
on a new page, numbered on from the cover. printing.html prints each part;
printing.logsheet adds a workbook's practice logs after its parts.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from markupsafe import escape

from compassion_kit.model import Item
from compassion_kit.printing.answers import render as write_in
from compassion_kit.printing.sessionplan import plan_html
from compassion_kit.read import workshops
from compassion_kit.words import _


def collection_parts(item: Item) -> list[str]:
    """Ids of the handouts ``item`` gathers, in order (none unless it is a collection)."""
    kind = item.kind_info
    if not kind.collection:
        return []
    if kind.workbook:
        return workshops.workbook_exercises(item.meta)
    return list(item.meta["parts"])


def _cover(item: Item, parts: list[Item]) -> list[nodes.Element]:
    kind = item.kind_info
    cover: list[nodes.Element] = [nodes.paragraph("", item.summary, classes=["kit-summary"])]
    if kind.workbook:
        cover.append(nodes.raw("", write_in({"name": "participant_name",
                                             "label": str(_("Your name")), "size": "line"})
                               + write_in({"name": "date", "label": str(_("Date")),
                                           "size": "line"}),
                               format="html"))
    if kind.session_plan:  # a pathway's pack: the handouts session by session
        cover.append(nodes.raw("", plan_html(item, parts), format="html"))
        return [*cover, _yours()]
    # Page numbers come from WeasyPrint's target-counter() (see handout.css).
    page = escape(_("page"))
    entries = "".join(f'<li><a class="kit-toc-entry" href="#part-{escape(part.id)}" '
                      f'data-page="{page}">{escape(part.title)}</a></li>' for part in parts)
    cover.append(nodes.raw("", f'<p class="kit-contents-label">{escape(kind.contents_label)}:</p>'
                               f'<ol class="kit-contents">{entries}</ol>', format="html"))
    cover.append(_yours())
    return cover


def _yours() -> nodes.paragraph:
    return nodes.paragraph("", str(_("These pages are yours. Write as much or as little "
                                     "as you like, and share only what you want to share.")))


def _prefix_ids(tree: nodes.Element, prefix: str) -> None:
    """Several handouts in one document must not repeat an anchor id."""
    for node in tree.findall(nodes.Element):
        node["ids"] = [f"{prefix}-{node_id}" for node_id in node["ids"]]


def collection_tree(item: Item, parts: list[Item],
                    part_tree: Callable[[Item], nodes.section]) -> nodes.section:
    """The cover, then ``part_tree(part)`` of each part (printing.html's print
    tree, with its field names prefixed so the fields of the parts stay apart)."""
    root = nodes.section(ids=[item.kind])
    root += nodes.title("", item.title)
    root.extend(_cover(item, parts))
    for part in parts:
        section = part_tree(part)
        _prefix_ids(section, part.id)
        section["ids"].insert(0, f"part-{part.id}")
        section["classes"].append("kit-collection-part")
        root += section
    return root
