"""Links from a translated edition to the English pages it does not have.

An edition holds only its translated documents (i18n.scope); a link or
toctree entry naming any other document of the kit leads to its English page,
one folder up (the edition of ``<lang>`` is published in ``<lang>/`` of the
English site), shows the English title, and says "(in English)"; the link
carries ``hreflang="en"``. Nothing is reported broken:

- ``{doc}`` links: through Sphinx's missing-reference event (``missing_page``);
- Markdown links to a page (``[words](../page.md)``): turned into ``{doc}``
  references first (``EnglishMarkdownLinks``);
- toctree entries: a placeholder URL (``kit-english://docname``), made a real
  link when the page is written (``english_links_in_page``), as the theme's
  navigation is HTML by then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.directives.other import TocTree
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, url_re
from sphinx.util.nodes import explicit_title_re
from sphinx.util.osutil import relative_uri

from compassion_kit.i18n.catalogues import SOURCE_LANGUAGE, is_translation
from compassion_kit.i18n.scope import SOURCE_SUFFIXES, source_docs
from compassion_kit.rules import frontmatter
from compassion_kit.words import _

# A toctree entry that leads to the English page: rewritten into a real link
# when the page is written (see english_links_in_page). Matches Sphinx's url_re.
ENGLISH_SCHEME = "kit-english://"
IN_ENGLISH = "kit-in-english"  # class of every link to an English page


def english_title(srcdir: str | PathLike[str], docname: str) -> str:
    """The English title of a page the edition does not have (its front-matter
    title, or its first heading), for a link to it."""
    for suffix in SOURCE_SUFFIXES:
        path = Path(srcdir, docname + suffix)
        if not path.is_file():
            continue
        try:
            title = frontmatter.load(path).data.get("title")
        except frontmatter.FrontMatterError:
            title = None
        if isinstance(title, str) and title.strip():
            return title.strip()
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return docname


def is_english_only(env: BuildEnvironment, docname: str) -> bool:
    """A document of the English kit that this (translated) edition does not have."""
    return (is_translation(env.config) and docname not in env.found_docs
            and docname in source_docs(env.srcdir))


def english_href(builder: Builder, fromdoc: str, docname: str, anchor: str = "") -> str:
    """URL of the English page of ``docname`` from the page of ``fromdoc`` in
    this edition (which is published one folder below the English site)."""
    target = "../" + builder.get_target_uri(docname)
    href = relative_uri(builder.get_target_uri(fromdoc), target)
    return f"{href}#{anchor}" if anchor else href


def page_href(app: Sphinx, fromdoc: str, docname: str) -> tuple[str, bool]:
    """(URL of ``docname`` from ``fromdoc``'s page, whether that is the English
    page because this edition lacks it). For links the kit writes itself."""
    if is_english_only(app.env, docname):
        return english_href(app.builder, fromdoc, docname), True
    return app.builder.get_relative_uri(fromdoc, docname), False


def marker_text() -> str:
    """What follows a link to an English page: '(in English)' in the build's language."""
    return str(_("(in English)"))


def english_reference(href: str, content: list[nodes.Node]) -> nodes.reference:
    """A link to an English page: ``content``, then the '(in English)' marker."""
    link = nodes.reference("", "", *content, refuri=href, internal=False,
                           classes=[IN_ENGLISH])
    link += nodes.Text(" ")
    link += nodes.inline("", marker_text(), classes=[f"{IN_ENGLISH}-marker"])
    return link


def _target_doc(node: addnodes.pending_xref) -> str:
    target = node["reftarget"]
    for suffix in SOURCE_SUFFIXES:
        target = target.removesuffix(suffix)
    return docname_join(node.get("refdoc", ""), target) if not target.startswith("/") \
        else target.lstrip("/")


def _link_content(env: BuildEnvironment, docname: str, content: nodes.Node,
                  explicit: bool) -> list[nodes.Node]:
    if explicit and content.astext().strip():
        return [content]
    # (docutils writes a "language-en" class as lang="en")
    return [nodes.inline("", english_title(env.srcdir, docname),
                         classes=[f"language-{SOURCE_LANGUAGE}"])]


def missing_page(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref,
                 contnode: nodes.Element) -> nodes.reference | None:
    """``{doc}`` links to a page the edition lacks lead to the English page."""
    if node.get("refdomain") != "std" or node.get("reftype") != "doc":
        return None
    docname = _target_doc(node)
    if not is_english_only(env, docname):
        return None
    href = english_href(app.builder, node["refdoc"], docname, node.get("kit_anchor", ""))
    return english_reference(href, _link_content(env, docname, contnode,
                                                 node.get("refexplicit", False)))


class EnglishMarkdownLinks(SphinxPostTransform):
    """Markdown links (``[words](../page.md)``) to a page the edition lacks
    become ``{doc}`` references, so they reach the English page through the
    missing-reference event like any other (MyST, at priority 9, would call
    them broken and emits no event for them)."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        if not is_translation(self.config):
            return
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("reftype") != "myst" or node.get("refdomain") != "doc":
                continue
            if not is_english_only(self.env, node["reftarget"]):
                continue
            node["kit_anchor"] = node.get("reftargetid") or ""
            node["reftarget"] = "/" + node["reftarget"]
            node["refdomain"], node["reftype"], node["refexplicit"] = "std", "doc", True


class KitTocTree(TocTree):
    """Sphinx's toctree; in a translated edition an entry naming a page the
    edition lacks becomes a link to the English page (never a warning)."""

    def parse_content(self, toctree: addnodes.toctree) -> None:
        if is_translation(self.config):
            current = self.env.current_document.docname
            # (the same lines, each rewritten; their sources and line numbers kept)
            self.content = StringList([self._entry(current, entry, toctree.get("glob"))
                                       for entry in self.content], items=self.content.items)
        super().parse_content(toctree)

    def _entry(self, current: str, entry: str, glob: bool) -> str:
        entry = entry.strip()
        if not entry or url_re.match(entry) or entry == "self":
            return entry
        explicit = explicit_title_re.match(entry)
        title, ref = (explicit.group(1), explicit.group(2)) if explicit else (None, entry)
        if glob and not explicit and re.search(r"[*?\[]", ref):
            return entry
        docname = ref
        for suffix in SOURCE_SUFFIXES:
            docname = docname.removesuffix(suffix)
        docname = docname_join(current, docname)
        if not is_english_only(self.env, docname):
            return entry
        return f"{title or english_title(self.env.srcdir, docname)} <{ENGLISH_SCHEME}{docname}>"


_TOCTREE_LINK = re.compile(r'<a class="reference external" href="' + re.escape(ENGLISH_SCHEME)
                           + r'([^"#]*)(#[^"]*)?">(.*?)</a>', re.S)
_IN_ENGLISH_LINK = re.compile(r'<a (class="[^"]*\b' + IN_ENGLISH + r'\b[^"]*")(?![^>]*hreflang)')


def english_links_html(html: str, builder: Builder, pagename: str) -> str:
    """Toctree entries to English pages as real links (relative to this page),
    and ``hreflang`` on every link to an English page."""

    def link(match: re.Match[str]) -> str:
        href = english_href(builder, pagename, match[1], (match[2] or "").lstrip("#"))
        return (f'<a class="reference external {IN_ENGLISH}" href="{href}" '
                f'hreflang="{SOURCE_LANGUAGE}"><span lang="{SOURCE_LANGUAGE}">{match[3]}</span> '
                f'<span class="{IN_ENGLISH}-marker">{marker_text()}</span></a>')

    html = _TOCTREE_LINK.sub(link, html)
    return _IN_ENGLISH_LINK.sub(rf'<a \1 hreflang="{SOURCE_LANGUAGE}"', html)


def english_links_in_page(app: Sphinx, pagename: str, templatename: str,
                          context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Runs before the theme reads the navigation (priority 400 < Furo's 500)."""
    if not is_translation(app.config):
        return
    if isinstance(context.get("body"), str):
        context["body"] = english_links_html(context["body"], app.builder, pagename)
    toctree: Callable[..., str] | None = context.get("toctree")
    if callable(toctree):
        def english_toctree(**kwargs: Any) -> str:
            return english_links_html(toctree(**kwargs), app.builder, pagename)
        context["toctree"] = english_toctree
