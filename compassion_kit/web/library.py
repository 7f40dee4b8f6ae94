"""The library: cards rendered from the same data as catalog.json.

``{kit-library}`` (also ``{exercise-library}``, its first name, which still
works) leaves a placeholder while documents are read; once every item is
known (``doctree-resolved``) the placeholder becomes a list of cards.
Options narrow the list: ``:kind:`` (one or more item kinds, default the
kinds listed by default: practices), ``:chapter:`` and ``:audience:``;
``:ids:`` picks items by id, in that order; ``:filters:`` adds filters
(kind, audience, situation, length, intensity, evidence, chapter, format).

The filters work without JavaScript: radio buttons, a reset button and CSS
``:has()`` rules (kit-filters.css, generated from taxonomy.py), with a CSS
counter for the number shown. kit.js adds what needs a script: the choice kept
in the URL, a live count for screen readers and a message when nothing
matches. Cards are plain list items with a heading each; they do not use
sphinx-design, whose ``display:flex!important`` on grid columns beat the
filter rule (issue 14).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from compassion_kit.i18n.translation import site_relative
from compassion_kit.model import ITEM_KINDS, PAPER_LABELS, Item
from compassion_kit.problems import Subtype
from compassion_kit.read import collector
from compassion_kit.rules.taxonomy import (
    FILTER_GROUPS,
    evidence_words,
    facts_words,
    filter_classes,
    filter_values,
    sort_key,
)
from compassion_kit.web.downloads import download_link
from compassion_kit.words import _

logger = logging.getLogger(__name__)
FILTER_CSS = "kit-filters.css"  # only on pages that have filters (see webpage.py)
DIRECTIVE = "kit-library"
OLD_NAME = "exercise-library"  # its first name, from when it listed only exercises
# The item kinds ``:kind:`` may name, and those listed without it.
LISTABLE = tuple(name for name, kind in ITEM_KINDS.items() if kind.listable)
LISTED_BY_DEFAULT = [name for name, kind in ITEM_KINDS.items() if kind.listed_by_default]


class library_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Replaced by the cards before writing; never reaches a writer."""


def _kinds(value: str) -> list[str]:
    kinds = value.replace(",", " ").split()
    for kind in kinds:
        directives.choice(kind, LISTABLE)
    return kinds


class KitLibrary(SphinxDirective):
    option_spec: ClassVar[OptionSpec] = {
        "kind": _kinds,
        "chapter": directives.unchanged,
        "audience": directives.unchanged,
        "filters": directives.flag,
        "ids": lambda value: directives.unchanged_required(value).replace(",", " ").split(),
    }

    def run(self) -> list[nodes.Node]:
        collector.note_item_listing(self.env, self.env.docname)
        node = library_placeholder(directive=self.name)
        node.attributes.update(self.options)
        self.set_source_info(node)
        return [node]


def card_facts(item: Item) -> str:
    return facts_words(item)


def _card(app: Sphinx, fromdoc: str, item: Item, level: int) -> str:
    href = app.builder.get_relative_uri(fromdoc, item.docname)
    classes = ["kit-card-col", *filter_classes(item.meta, item.duration_minutes, item.kind)]
    evidence = item.meta.get("evidence")
    badge = ""
    if evidence:
        words = _("Evidence: {label}").format(label=evidence_words(evidence).lower())
        badge = f'<p class="kit-card-evidence">{escape(words)}</p>'
    links = " ".join(download_link(item, paper, site_relative(app, fromdoc, item.pdf_path(paper)),
                                   compact=True) for paper in PAPER_LABELS)
    pdfs = escape(_("PDF:"))
    return (
        f'<li class="{" ".join(classes)}"><div class="kit-card">'
        f'<h{level} class="kit-card-title"><a href="{escape(href)}">{escape(item.title)}</a>'
        f"</h{level}>"
        f'<p class="kit-card-text">{escape(item.summary)}</p>'
        f'<p class="kit-card-facts">{escape(card_facts(item))}</p>{badge}'
        f'<p class="kit-card-pdfs"><span class="kit-card-pdfs-label">{pdfs}</span> {links}</p>'
        "</div></li>"
    )


def _group_values(chosen: list[Item]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in chosen:
        for group, values in filter_values(item.kind, item.meta, item.duration_minutes).items():
            found.setdefault(group, set()).update(values)
    return found


def filters_html(chosen: list[Item], form_id: str) -> str:
    """Radio groups in a fold-out "Filter" control: only values some listed item
    has, and only groups that can narrow the list."""
    present = _group_values(chosen)
    every = escape(_("All"))
    groups = []
    for group, legend, values in FILTER_GROUPS:
        options = [(value, label) for value, label in values.items()
                   if value in present.get(group, ())]
        if len(options) < 2:
            continue
        choices = [f'<label><input type="radio" name="{group}" value="" checked> {every}</label>']
        choices += [f'<label><input type="radio" name="{group}" value="{escape(value)}"> '
                    f"{escape(label)}</label>" for value, label in options]
        groups.append(f'<fieldset class="kit-filter-{group}"><legend>{escape(legend)}</legend>'
                      f'{"".join(choices)}</fieldset>')
    name, toggle = escape(_("Filter the list")), escape(_("Filter"))
    return (
        f'<form class="kit-filters" id="{form_id}" action="" method="get" aria-label="{name}">'
        f'<details class="kit-filter-panel"><summary class="kit-filter-toggle">{toggle}</summary>'
        f'<div class="kit-filter-groups">{"".join(groups)}</div></details></form>'
    )


def status_html(total: int, form_id: str) -> str:
    """Beside the "Filter" control: how many are shown and "Clear filters" (a reset
    button of the form). The count is empty until kit.js fills it, with the
    words this element carries (data-kit-all, data-kit-some); without a script,
    CSS shows a counter of the cards shown and data-kit-shown instead. Below:
    what to do when nothing matches (kit.js shows it)."""
    words = escape(_("clear them all"))
    way_out = (f'<button type="reset" form="{form_id}" class="kit-filter-clear-empty">'
               f"{words}</button>")
    empty = str(escape(_("Nothing here matches all of these choices. Try fewer filters, or "
                         "{clear_them_all}."))).replace("{clear_them_all}", way_out)
    every, some, shown = (escape(_("Showing all {total}")), escape(_("Showing {shown} of {total}")),
                          escape(_("shown")))
    clear, filters = escape(_("Clear")), escape(_("filters"))
    return (f'<div class="kit-filter-status"><p class="kit-filter-count" role="status" '
            f'data-kit-total="{total}" data-kit-all="{every}" data-kit-some="{some}" '
            f'data-kit-shown="{shown}"></p>'
            f'<button type="reset" form="{form_id}" class="kit-filter-clear">'
            f'{clear}<span class="kit-clear-word"> {filters}</span></button></div>'
            f'<p class="kit-filter-empty" hidden>{empty}</p>')


def _matches(item: Item, options: dict[str, Any]) -> bool:
    if options.get("ids"):
        return item.id in options["ids"]
    if item.kind not in options.get("kind", LISTED_BY_DEFAULT):
        return False
    if options.get("chapter") and item.meta.get("chapter") != options["chapter"]:
        return False
    return not (options.get("audience") and options["audience"] not in item.audiences)


def _report_unknown_ids(placeholder: nodes.Element, ids: list[str], chosen: list[Item]
                        ) -> None:
    known = {item.id for item in chosen}
    for item_id in ids:
        if item_id not in known:
            logger.warning("%s: no valid item with id '%s'",
                           placeholder.get("directive", DIRECTIVE), item_id,
                           location=placeholder, type="kit", subtype=Subtype.LIBRARY)


def _heading_level(node: nodes.Node) -> int:
    """Card titles sit one level below the section the library is in."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth + 1, 2), 6)


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for index, placeholder in enumerate(list(doctree.findall(library_placeholder))):
        options = placeholder.attributes
        chosen = [item for item in collector.items(app.env) if _matches(item, options)]
        if options.get("ids"):
            _report_unknown_ids(placeholder, options["ids"], chosen)
            chosen.sort(key=lambda item: options["ids"].index(item.id))
        else:
            chosen.sort(key=lambda item: sort_key(item.title))
        if not chosen:
            placeholder.replace_self(nodes.paragraph("", _("No practices here yet.")))
            continue
        level = _heading_level(placeholder)
        cards = "".join(_card(app, docname, item, level) for item in chosen)
        # no-search: the cards repeat every title and summary; the pages themselves
        # are what search should find.
        library = nodes.container(classes=["kit-library", "no-search"])
        if "filters" in options:
            form_id = f"kit-filters-{index + 1}"
            library["classes"].append("kit-library-filtered")
            library += nodes.raw("", filters_html(chosen, form_id), format="html")
            library += nodes.raw("", f'<ul class="kit-cards">{cards}</ul>', format="html")
            library += nodes.raw("", status_html(len(chosen), form_id), format="html")
        else:
            library += nodes.raw("", f'<ul class="kit-cards">{cards}</ul>', format="html")
        placeholder.replace_self(library)


def filter_css() -> str:
    rules = [f'.kit-library:has(input[name="{group}"][value="{value}"]:checked) '
             f".kit-card-col:not(.kit-{group}-{value}) {{ display: none; }}"
             for group, _legend, values in FILTER_GROUPS for value in values]
    return ("/* Library filters, generated from compassion_kit/taxonomy.py by library.py:\n"
            "   a checked choice hides every card that does not carry its class. */\n"
            + "\n".join(rules) + "\n")


def write_filter_css(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    (static / FILTER_CSS).write_text(filter_css(), encoding="utf-8")


def setup_library(app: Sphinx) -> None:
    app.connect("builder-inited", write_filter_css)
    app.add_css_file(FILTER_CSS)
    app.add_node(library_placeholder)
    app.add_directive(DIRECTIVE, KitLibrary)
    app.add_directive(OLD_NAME, KitLibrary)
    app.connect("doctree-resolved", resolve_placeholders)
