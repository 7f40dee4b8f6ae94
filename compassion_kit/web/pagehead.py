"""Around every page's content: a unique <title>, a description and share
tags (no remote images), stylesheets and scripts only where the page uses
them, and tables that stack as labelled cards on a phone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx

from compassion_kit.model import Item
from compassion_kit.read import collector
from compassion_kit.words import _

# After a title that another page shares: "Self-compassion (chapter)"; an
# item's page says its kind's page_word ("practice").
CHAPTER_WORD = _("chapter")
DESCRIPTION_CHARS = 160
FILTER_CSS = "kit-filters.css"
LIBRARY_JS = "kit.js"


def items_by_doc(app: Sphinx) -> dict[str, list[Item]]:
    found: dict[str, list[Item]] = {}
    for item in collector.items(app.env):
        found.setdefault(item.docname, []).append(item)
    return found


def _duplicate_titles(app: Sphinx) -> set[str]:
    seen: dict[str, int] = {}
    for title in app.env.titles.values():
        seen[title.astext()] = seen.get(title.astext(), 0) + 1
    return {title for title, count in seen.items() if count > 1}


def unique_title(app: Sphinx, pagename: str, context: dict) -> None:
    title = context.get("title")
    if not title or pagename not in app.env.titles:
        return
    text = app.env.titles[pagename].astext()
    if text not in _duplicate_titles(app):
        return
    items = items_by_doc(app).get(pagename, [])
    kind = str(items[0].kind_info.page_word) if items else ""
    if not kind and pagename.startswith("docs/chapters/"):
        kind = str(CHAPTER_WORD)
    if kind:
        context["title"] = f"{title} ({kind})"


def _first_paragraph(doctree: nodes.Node) -> str:
    for para in doctree.findall(nodes.paragraph):
        classes: set[str] = set(para.get("classes", []))
        if classes & {"kit-facts", "kit-help-links", "kit-tap-bar"}:
            continue
        if any(isinstance(parent, nodes.admonition | nodes.container | nodes.table)
               for parent in _ancestors(para)):
            continue
        text = " ".join(para.astext().split())
        if len(text) > 40:
            return text
    return ""


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def description(app: Sphinx, pagename: str, doctree: nodes.Node | None) -> str:
    items = items_by_doc(app).get(pagename, [])
    given = app.env.metadata.get(pagename, {}).get("description")
    if isinstance(given, str) and given.strip():
        text = " ".join(given.split())
    elif items:
        text = " ".join(items[0].summary.split())
    else:
        text = _first_paragraph(doctree) if doctree is not None else ""
    if len(text) > DESCRIPTION_CHARS:
        text = text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def meta_tags(app: Sphinx, pagename: str, context: dict, doctree: nodes.Node | None) -> None:
    text = description(app, pagename, doctree)
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))
    tags = [("name", "description", text), ("property", "og:title", title),
            ("property", "og:description", text), ("property", "og:type", "website"),
            ("property", "og:site_name", app.config.project),
            ("name", "twitter:card", "summary")]
    if app.config.html_baseurl:
        url = app.config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
        tags.append(("property", "og:url", url))
    out = "".join(f'\n    <meta {key}="{escape(name)}" content="{escape(value)}">'
                  for key, name, value in tags if value)
    context["metatags"] = (context.get("metatags") or "") + out


# Assets Sphinx or an extension adds to every page, and what in a page needs them.
ITEMS_CSS = "kit-items.css"
ONLY_WHERE = {
    "sphinx-design.min.css": ('class="sd-',),
    "furo-extensions.css": ('class="sd-',),
    "design-tabs.js": ("sd-tab",),
    "pygments.css": ('class="highlight',),
    FILTER_CSS: ("kit-library-filtered",),
    LIBRARY_JS: ("kit-library-filtered",),
    ITEMS_CSS: ("kit-card", "kit-print", "kit-summary", "kit-glance", "kit-stack", "kit-agenda",
                "kit-related", "kit-zip", "kit-group-agreement", "kit-crisis-region",
                "kit-contra", "kit-situation", "kit-tap-bar", "kit-caution", "kit-badge",
                "kit-checked"),
}
# translations.js: the search page's words in a translated build (i18n.translation).
SEARCH_ONLY = ("documentation_options.js", "doctools.js", "sphinx_highlight.js",
               "translations.js")


def trim_assets(app: Sphinx, pagename: str, context: dict) -> None:
    body = context.get("body") or ""
    search = pagename == "search"

    def needed(asset: object) -> bool:
        name = Path(str(getattr(asset, "filename", asset)).split("?")[0]).name
        if name in SEARCH_ONLY:
            return search
        markers = ONLY_WHERE.get(name)
        return markers is None or any(marker in body for marker in markers)

    for key in ("css_files", "script_files"):
        files = context.get(key)
        if isinstance(files, list):
            files[:] = [asset for asset in files if needed(asset)]


# A first-level entry of the theme's navigation with its fold-out list of pages.
_FOLDED = re.compile(r'(<li class="toctree-l1) has-children(">.*?</a>)'
                     r'<input [^>]*class="toctree-checkbox"[^>]*/><label [^>]*>.*?</label>'
                     r"<ul>.*?</ul>", re.S)


def landing_navigation(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree: nodes.Node | None) -> None:
    """The home page's navigation lists the sections, not every page in them:
    the first view stays light (the page-weight test holds it under 120 KB) as
    the kit grows, and each section's own page lists its pages. Other pages
    keep the whole tree. Left as it is if the tree is deeper than two levels."""
    tree = context.get("furo_navigation_tree")
    if pagename != app.config.root_doc or not isinstance(tree, str) or "toctree-l3" in tree:
        return
    context["furo_navigation_tree"] = _FOLDED.sub(r"\1\2", tree)


_TABLE = re.compile(r'<table class="([^"]*\b(?:kit-stack|kit-agenda)\b[^"]*)">(.*?)</table>',
                    re.S)


def stack_labels(body: str) -> str:
    """Each cell of a stacking table gets its column's name (data-label), which the
    phone layout shows before the cell's text."""
    def label(match: re.Match) -> str:
        inner = match[2]
        head = re.search(r"<thead>(.*?)</thead>", inner, re.S)
        if not head:
            return match[0]
        names = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", cell)).split())
                 for cell in re.findall(r"<th[^>]*>(.*?)</th>", head[1], re.S)]

        def row(row_match: re.Match) -> str:
            cells = iter(names)
            return re.sub(r"<td(?=[\s>])",
                          lambda _cell: f'<td data-label="{escape(next(cells, ""))}"',
                          row_match[0])

        body_part = re.sub(r"<tr[^>]*>.*?</tr>", row, inner[head.end():], flags=re.S)
        return f'<table class="{match[1]}">{inner[:head.end()]}{body_part}</table>'

    return _TABLE.sub(label, body)
