"""The page "Choose by situation": each situation with its practices, gentlest first.

``{situation-guide}`` writes one section per situation of the taxonomy
(``rules.taxonomy.SITUATIONS``, in its order) while the page is read, so each
situation is a real heading: in the page's contents, with the situation's id
as its anchor (the same in every language). Each section holds a placeholder
that becomes the list of the practices whose front matter names that
situation once every item is known (``doctree-resolved``), as the library's
cards do; nothing is typed by hand. ``:library:`` names the library page each
section links to, with its Situation filter chosen. The page is read again
whenever any item changes, as the library pages are.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import docname_join, logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from compassion_kit.model import Item
from compassion_kit.problems import Subtype
from compassion_kit.read import collector
from compassion_kit.rules.safety import INTENSITIES
from compassion_kit.rules.taxonomy import SITUATIONS, facts_words, sort_key
from compassion_kit.words import _

logger = logging.getLogger(__name__)
DIRECTIVE = "situation-guide"
FILTER_GROUP = "sit"  # the library's filter group of situations (taxonomy.FILTER_GROUPS)


class situation_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Replaced by a situation's list of practices before writing; never reaches a writer."""


def gentlest_first(item: Item) -> tuple[int, int, str]:
    """Lowest intensity first, then the shortest, then by title."""
    intensity = item.meta.get("intensity")
    rank = INTENSITIES.index(intensity) if intensity in INTENSITIES else len(INTENSITIES)
    return rank, item.duration_minutes or 0, sort_key(item.title)


def practices_for(items: list[Item], situation: str) -> list[Item]:
    """The practices whose front matter names ``situation``, gentlest first."""
    return sorted((item for item in items if item.kind_info.practice
                   and situation in item.meta.get("situations", ())), key=gentlest_first)


class SituationGuide(SphinxDirective):
    option_spec: ClassVar[OptionSpec] = {"library": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        collector.note_item_listing(self.env, self.env.docname)  # re-read when any item changes
        library = self.options.get("library")
        if library:
            library = docname_join(self.env.docname, library.removesuffix(".md"))
            if library not in self.env.found_docs:
                logger.warning("%s: option 'library': no page '%s'", DIRECTIVE, library,
                               location=self.get_location(), type="kit",
                               subtype=Subtype.LIBRARY)
                library = None
        sections: list[nodes.Node] = [self.jump_list()]
        for situation, words in SITUATIONS.items():
            section = nodes.section(ids=[situation], classes=["kit-situation"])
            # In the build's language already (the kit's catalogue): not the page's to translate.
            section += nodes.title("", str(words), translatable=False)
            placeholder = situation_placeholder(situation=situation, library=library)
            self.set_source_info(placeholder)
            section += placeholder
            sections.append(section)
        return sections

    @staticmethod
    def jump_list() -> nodes.container:
        """A link to each situation's heading: on a phone the page's contents are
        behind a button, and the situation a person came for may be far down."""
        links = nodes.bullet_list(classes=["kit-situation-jump"])
        for situation, words in SITUATIONS.items():
            para = nodes.paragraph()
            para += nodes.reference("", str(words), internal=True, refid=situation)
            links += nodes.list_item("", para)
        block = nodes.container(classes=["kit-situation-index"])
        block += nodes.paragraph("", _("Go straight to what fits:"),
                                 classes=["kit-situation-lead"])
        block += links
        return block


def _practice_line(app: Sphinx, fromdoc: str, item: Item) -> nodes.list_item:
    line = nodes.paragraph()
    line += nodes.reference("", item.title, internal=True,
                            refuri=app.builder.get_relative_uri(fromdoc, item.docname))
    # Minutes, format and intensity: who it is for is on the practice's page.
    facts = facts_words(replace(item, audiences=()))
    line += nodes.Text(" ")  # the facts go on a line of their own (kit-items.css)
    line += nodes.inline("", facts, classes=["kit-situation-facts"])
    return nodes.list_item("", line)


def _library_link(app: Sphinx, fromdoc: str, library: str, situation: str) -> nodes.paragraph:
    uri = app.builder.get_relative_uri(fromdoc, library) + f"?{FILTER_GROUP}={situation}"
    para = nodes.paragraph(classes=["kit-situation-more"])
    para += nodes.reference("", _("See these in the library, with handouts to print"),
                            internal=True, refuri=uri)
    return para


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(situation_placeholder))
    if not placeholders:
        return
    items = collector.items(app.env)
    for placeholder in placeholders:
        situation = placeholder["situation"]
        practices = practices_for(items, situation)
        if not practices:
            placeholder.replace_self(nodes.paragraph("", _("No practices here yet.")))
            continue
        listing = nodes.bullet_list(classes=["kit-situation-practices"])
        listing += [_practice_line(app, docname, item) for item in practices]
        found: list[nodes.Node] = [listing]
        if placeholder.get("library"):
            found.append(_library_link(app, docname, placeholder["library"], situation))
        placeholder.replace_self(found)


def setup_situations(app: Sphinx) -> None:
    app.add_node(situation_placeholder)
    app.add_directive(DIRECTIVE, SituationGuide)
    app.connect("doctree-resolved", resolve_placeholders)
