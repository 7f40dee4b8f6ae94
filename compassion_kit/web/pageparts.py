"""Parts a page may place in its content: a search box, "I'm looking for…"
routes, links to the handout zips, a decorative illustration, and tap links
for the crisis line (the landing page uses them all).

The content may not contain raw HTML (see read.untrusted), so these directives
leave placeholders that become HTML once reading is over. A route's title
and description are paragraphs inside its placeholder, so the gettext build
extracts them into the page's catalogue and a translated build shows them
translated, like any other paragraph of the page.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.util.typing import OptionSpec

from compassion_kit.about import STATIC_DIR
from compassion_kit.i18n import english_links
from compassion_kit.i18n.catalogues import SOURCE_LANGUAGE
from compassion_kit.model import PAPER_LABELS, paper_label
from compassion_kit.problems import report
from compassion_kit.web import supportlines
from compassion_kit.web.downloads import ZIP_DIR, _zip_html
from compassion_kit.words import _

logger = logging.getLogger(__name__)

STATIC = STATIC_DIR
ART_DIR = "art"
ART_SIZE = (320, 120)


# -- Placeholders the content may use -----------------------------------------------------

class web_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Becomes HTML in doctree-resolved; never reaches a writer."""


class _Placeholder(SphinxDirective):
    what = ""

    def placeholder(self) -> web_placeholder:
        node = web_placeholder(what=self.what, **self.options)
        node["lines"] = list(self.content) if self.what != "routes" else []
        node["argument"] = self.arguments[0] if self.arguments else ""
        self.set_source_info(node)
        return node

    def run(self) -> list[nodes.Node]:
        return [self.placeholder()]


class SiteSearch(_Placeholder):
    """A search box in the page (Furo keeps its own in the phone's menu)."""
    what = "search"


class route(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """One route: its target (``docname[?filters]``); a title and a description
    paragraph inside. Becomes HTML with its placeholder."""


class Routes(_Placeholder):
    """``Title | docname[?filters] | what you find there``, one a line."""
    what = "routes"
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = self.placeholder()
        source, line = self.get_source_info()
        for offset, text in enumerate(self.content):
            if not text.strip():
                continue
            parts = [part.strip() for part in text.split("|")]
            if len(parts) != 3:
                logger.warning("routes: write 'Title | page | what is there', not %r", text,
                               location=(source, line + 1 + offset), type="kit",
                               subtype="routes")
                continue
            title, target, what = parts
            entry = route(target=target)
            entry.source, entry.line = source, line + 1 + offset
            for words, part in ((title, "title"), (what, "what")):
                para = nodes.paragraph(words, words, classes=[f"kit-route-{part}"])
                para.source, para.line = source, line + 1 + offset
                entry += para
            node += entry
        return [node]


class HandoutZips(_Placeholder):
    """Links to downloads/handouts-<paper>.zip."""
    what = "zips"


class Illustration(_Placeholder):
    """A decorative illustration from _static/art (no alt text: it adds no information)."""
    what = "art"
    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {"class": directives.class_option}


class HelpLinks(SphinxDirective):
    """Tap to call or text the region's first crisis line, and the support page."""

    def run(self) -> list[nodes.Node]:
        supportlines.note_dependencies(self.env)  # the data file and its catalogue
        try:
            data = supportlines.localized(self.env)  # the line's name in the page's language
        except supportlines.SupportDataError as error:
            report(error.problem)
            return []
        first = supportlines.first_crisis_line(data, self.config.kit_region)
        bar = nodes.paragraph(classes=["kit-help-links"])
        for index, link in enumerate(supportlines.action_links(first) if first else []):
            if index:
                bar += nodes.Text(" ")
            bar += link
        return [bar]


def _search_html(app: Sphinx, docname: str) -> str:
    action = app.builder.get_relative_uri(docname, "search")
    label, button = escape(_("Search the handbook and handouts")), escape(_("Search"))
    return (f'<form class="kit-search" method="get" action="{escape(action)}" role="search">'
            f'<label for="kit-search-q">{label}</label>'
            '<span class="kit-search-row"><input id="kit-search-q" type="search" name="q" '
            'autocomplete="off" enterkeyhint="search">'
            f'<button type="submit">{button}</button></span></form>')


def _routes_html(app: Sphinx, docname: str, node: nodes.Node) -> str:
    """The routes as links; one to a page this (translated) edition lacks goes
    to the English page and says so (english_links.page_href)."""
    items = []
    for entry in node.findall(route):
        doc, _mark, query = entry["target"].strip().partition("?")
        doc = doc.strip().strip("/")
        title, what = (part.astext() for part in entry.findall(nodes.paragraph))
        if doc not in app.env.found_docs and not english_links.is_english_only(app.env, doc):
            logger.warning("routes: no page '%s'", doc, location=entry, type="kit",
                           subtype="routes")
            continue
        href, in_english = english_links.page_href(app, docname, doc)
        href = escape(f"{href}?{query}" if query else href)
        if in_english:
            link = (f'<a class="{english_links.IN_ENGLISH}" href="{href}" '
                    f'hreflang="{SOURCE_LANGUAGE}">{escape(title)} '
                    f'<span class="{english_links.IN_ENGLISH}-marker">'
                    f"{escape(english_links.marker_text())}</span></a>")
        else:
            link = f'<a href="{href}">{escape(title)}</a>'
        items.append(f'<li class="kit-route">{link}'
                     f'<span class="kit-route-what">{escape(what)}</span></li>')
    return f'<ul class="kit-routes">{"".join(items)}</ul>'


def _zips_html(app: Sphinx, docname: str) -> str:
    here = app.builder.get_target_uri(docname)
    links = " ".join(_zip_html(relative_uri(here, f"{ZIP_DIR}/handouts-{paper}.zip"),
                               f"{ZIP_DIR}/handouts-{paper}.zip", paper_label(paper), None)
                     for paper in PAPER_LABELS)
    label = escape(_("All handouts in one zip:"))
    return f'<p class="kit-zips"><span class="kit-zips-label">{label}</span> {links}</p>'


def art_html(app: Sphinx, docname: str, name: str, classes: list[str]) -> str:
    src = relative_uri(app.builder.get_target_uri(docname), f"_static/{ART_DIR}/{name}")
    width, height = ART_SIZE
    return (f'<img class="kit-art {" ".join(classes)}" src="{escape(src)}" alt="" '
            f'width="{width}" height="{height}" decoding="async">')


def resolve_web_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == "gettext":
        return  # the routes' paragraphs are messages of the page's catalogue
    for node in list(doctree.findall(web_placeholder)):
        what = node["what"]
        if what == "search":
            out = _search_html(app, docname)
        elif what == "routes":
            out = _routes_html(app, docname, node)
        elif what == "zips":
            out = _zips_html(app, docname)
        else:
            if not (STATIC / ART_DIR / node["argument"]).is_file():
                logger.warning("illustration: no file '%s' in the kit's art", node["argument"],
                               location=node, type="kit", subtype="art")
                node.parent.remove(node)
                continue
            out = art_html(app, docname, node["argument"], node.get("class", []))
        node.replace_self(nodes.raw("", out, format="html", classes=["no-search"]))


def setup_page_parts(app: Sphinx) -> None:
    app.add_node(web_placeholder)
    app.add_node(route)
    app.add_directive("site-search", SiteSearch)
    app.add_directive("routes", Routes)
    app.add_directive("handout-zips", HandoutZips)
    app.add_directive("illustration", Illustration)
    app.add_directive("help-links", HelpLinks)
    app.connect("doctree-resolved", resolve_web_placeholders)
