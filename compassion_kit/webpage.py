"""Page-level web concerns: what a reader meets around the content.

- on item pages: the print box's links become download buttons with a page-1
  preview (the files themselves: downloads.py);
- on practice pages: related practices, Previous/Next within the chapter's
  practices, and a choice to print the facilitator notes;
- on every page: a unique <title>, a description and share preview (no
  remote images), stylesheets and scripts only where the page uses them, and
  tables that stack as cards on a phone (``kit-stack`` and agenda tables);
- the landing page's parts: a search box, "I'm looking for…" routes, tap
  links for the crisis line, and decorative illustrations.

The content may not contain raw HTML (see untrusted.py), so directives here
leave placeholders that become HTML once reading is over.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from . import collector, supportlines
from .downloads import (
    PREVIEW_SIZE,
    ZIP_DIR,
    ZIP_KINDS,
    _zip_html,
    download_link,
    drop_missing_previews,
    fill_download_facts,
    fill_zip_facts,
    preview_path,
    write_previews,
    write_zips,
)
from .items import PAPER_LABELS, Item
from .taxonomy import sort_key

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "assets" / "static"
ART_DIR = "art"
FAVICON = "kit-favicon.svg"
FILTER_CSS = "kit-filters.css"
LIBRARY_JS = "kit.js"
CHAPTER_ORDER = ("why-compassion", "empathy-and-compassion", "therapy", "work-and-home",
                 "self-compassion", "staying-present")
TITLE_KIND = {"exercise": "practice", "info-sheet": "info sheet",
              "workshop-guide": "workshop plan"}
# Illustrations (original, decorative, made for this kit): chapter -> file.
CHAPTER_ART = {chapter: f"chapter-{chapter}.svg" for chapter in CHAPTER_ORDER}
ART_SIZE = (320, 120)
DESCRIPTION_CHARS = 160


MINIFIED_CSS = ("kit.css", "kit-items.css", "site-a11y.css")


def minify_css(path: Path) -> None:
    """Comments and indentation out of one of the kit's own stylesheets, as
    published (the sources keep them): every page loads kit.css, and the
    landing page has a weight budget."""
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    path.write_text(text + "\n", encoding="utf-8")


def _preview_html(app: Sphinx, docname: str, item: Item) -> str:
    src = relative_uri(app.builder.get_target_uri(docname), preview_path(item))
    width, height = PREVIEW_SIZE
    # Decorative: it shows the look of the page; the buttons beside it name the file.
    return (f'<img class="kit-preview" data-kit-preview="{escape(preview_path(item))}" '
            f'src="{escape(src)}" alt="" width="{width}" height="{height}" loading="lazy">')


def finish(app: Sphinx, exception: Exception | None) -> None:
    """After the handouts (build-finished, priority 500): zips, then sizes in links."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for name in MINIFIED_CSS:
        minify_css(outdir / "_static" / name)
    if app.config.kit_pdfs:
        write_zips(app, outdir)
        write_previews(app, outdir)
    drop_missing_previews(outdir)
    fill_download_facts(outdir)
    fill_zip_facts(outdir)


# -- Placeholders the content may use -----------------------------------------------------

class web_placeholder(nodes.General, nodes.Element):
    """Becomes HTML in doctree-resolved; never reaches a writer."""


class _Placeholder(SphinxDirective):
    what = ""

    def run(self) -> list[nodes.Node]:
        node = web_placeholder(what=self.what, **self.options)
        node["lines"] = list(self.content)
        node["argument"] = self.arguments[0] if self.arguments else ""
        self.set_source_info(node)
        return [node]


class SiteSearch(_Placeholder):
    """A search box in the page (Furo keeps its own in the phone's menu)."""
    what = "search"


class Routes(_Placeholder):
    """``Title | docname[?filters] | what you find there``, one a line."""
    what = "routes"
    has_content = True


class HandoutZips(_Placeholder):
    """Links to downloads/handouts-<paper>.zip."""
    what = "zips"


class Illustration(_Placeholder):
    """A decorative illustration from _static/art (no alt text: it adds no information)."""
    what = "art"
    required_arguments = 1
    option_spec = {"class": directives.class_option}


class HelpLinks(SphinxDirective):
    """Tap to call or text the region's first crisis line, and the support page."""

    def run(self) -> list[nodes.Node]:
        path = supportlines.data_path(self.env)
        self.env.note_dependency(str(path))
        try:
            data = supportlines.load(path)
        except supportlines.SupportDataError as error:
            from .problems import report

            report(error.problem)
            return []
        crisis = [line for line in supportlines.lines_of(data, self.config.kit_region)
                  if line.crisis]
        bar = nodes.paragraph(classes=["kit-help-links"])
        for index, link in enumerate(supportlines.action_links(crisis[0]) if crisis else []):
            if index:
                bar += nodes.Text(" ")
            bar += link
        return [bar]


def _search_html(app: Sphinx, docname: str) -> str:
    action = app.builder.get_relative_uri(docname, "search")
    return (f'<form class="kit-search" method="get" action="{escape(action)}" role="search">'
            '<label for="kit-search-q">Search the handbook and handouts</label>'
            '<span class="kit-search-row"><input id="kit-search-q" type="search" name="q" '
            'autocomplete="off" enterkeyhint="search">'
            '<button type="submit">Search</button></span></form>')


def _route_href(app: Sphinx, docname: str, target: str) -> str:
    doc, _, query = target.strip().partition("?")
    href = app.builder.get_relative_uri(docname, doc.strip().strip("/"))
    return f"{href}?{query}" if query else href


def _routes_html(app: Sphinx, docname: str, lines: list[str], node: nodes.Node) -> str:
    items = []
    for line in lines:
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3:
            logger.warning("routes: write 'Title | page | what is there', not %r", line,
                           location=node, type="kit", subtype="routes")
            continue
        title, target, what = parts
        doc = target.partition("?")[0].strip().strip("/")
        if doc not in app.env.found_docs:
            logger.warning("routes: no page '%s'", doc, location=node, type="kit",
                           subtype="routes")
            continue
        items.append(f'<li class="kit-route"><a href="{escape(_route_href(app, docname, target))}">'
                     f'{escape(title)}</a><span class="kit-route-what">{escape(what)}</span></li>')
    return f'<ul class="kit-routes">{"".join(items)}</ul>'


def _zips_html(app: Sphinx, docname: str) -> str:
    here = app.builder.get_target_uri(docname)
    links = " ".join(_zip_html(relative_uri(here, f"{ZIP_DIR}/handouts-{paper}.zip"),
                               f"{ZIP_DIR}/handouts-{paper}.zip", label, None)
                     for paper, label in PAPER_LABELS.items())
    return (f'<p class="kit-zips"><span class="kit-zips-label">All handouts in one zip:</span> '
            f"{links}</p>")


def _art_html(app: Sphinx, docname: str, name: str, classes: list[str]) -> str:
    src = relative_uri(app.builder.get_target_uri(docname), f"_static/{ART_DIR}/{name}")
    width, height = ART_SIZE
    return (f'<img class="kit-art {" ".join(classes)}" src="{escape(src)}" alt="" '
            f'width="{width}" height="{height}" decoding="async">')


def resolve_web_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(web_placeholder)):
        what = node["what"]
        if what == "search":
            out = _search_html(app, docname)
        elif what == "routes":
            out = _routes_html(app, docname, node["lines"], node)
        elif what == "zips":
            out = _zips_html(app, docname)
        else:
            if not (STATIC / ART_DIR / node["argument"]).is_file():
                logger.warning("illustration: no file '%s' in the kit's art", node["argument"],
                               location=node, type="kit", subtype="art")
                node.parent.remove(node)
                continue
            out = _art_html(app, docname, node["argument"], node.get("class", []))
        node.replace_self(nodes.raw("", out, format="html", classes=["no-search"]))


# -- Item pages: buttons, related practices, notes in print, chapter art ------------------

def _items_by_doc(app: Sphinx) -> dict[str, list[Item]]:
    found: dict[str, list[Item]] = {}
    for item in collector.items(app.env):
        found.setdefault(item.docname, []).append(item)
    return found


def _buttons(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each print box's links become download buttons (same hrefs)."""
    by_pdf = {item.pdf_path(paper): item for item in collector.items(app.env)
              for paper in PAPER_LABELS}
    for box in list(doctree.findall(nodes.container)):
        if "kit-print" not in box["classes"]:
            continue
        for link in list(box.findall(nodes.reference)):
            if "kit-pdf-link" not in link["classes"]:
                continue
            pdf = link.get("kit_pdf") or _pdf_of(link.get("refuri", ""))
            item = by_pdf.get(pdf)
            if item is None:
                continue
            paper = next(key for key in PAPER_LABELS if item.pdf_path(key) == pdf)
            href = link.get("refuri") or relative_uri(app.builder.get_target_uri(docname), pdf)
            button = nodes.raw("", download_link(item, paper, href), format="html")
            link.replace_self(button)
            button["classes"] = []  # replace_self copied the link's classes
        # The " · " separators between the old text links.
        for text in list(box.findall(nodes.Text)):
            if text.astext().strip() == "·":
                text.parent.remove(text)
        box["classes"].append("no-search")


def _pdf_of(href: str) -> str:
    match = re.search(r"handouts/[\w-]+/[\w.-]+\.pdf$", href)
    return match.group(0) if match else ""


def related(item: Item, items: list[Item], count: int = 3) -> list[Item]:
    """Practices a reader of ``item`` may want next: same chapter first, then
    shared audiences and format."""
    def score(other: Item) -> tuple:
        meta, mine = other.meta, item.meta
        shared = len(set(other.audiences) & set(item.audiences))
        return (-(3 * (meta.get("chapter") == mine.get("chapter")) + shared
                  + (meta.get("format") == mine.get("format"))), sort_key(other.title))
    others = [other for other in items if other.kind == "exercise" and other.id != item.id
              and set(other.audiences) & set(item.audiences)]
    return sorted(others, key=score)[:count]


def _related_section(app: Sphinx, docname: str, item: Item) -> nodes.Node | None:
    from .library import card_facts

    chosen = related(item, collector.items(app.env))
    if not chosen:
        return None
    entries = "".join(
        f'<li class="kit-related-item">'
        f'<a href="{escape(app.builder.get_relative_uri(docname, other.docname))}">'
        f"{escape(other.title)}</a>"
        f'<span class="kit-related-facts">{escape(card_facts(other))}</span></li>'
        for other in chosen)
    section = nodes.section(ids=["related-practices"], names=["related practices"],
                            classes=["kit-related", "kit-web-only", "no-search"])
    section += nodes.title("", "Related practices")
    section += nodes.raw("", f'<ul class="kit-related-list">{entries}</ul>', format="html")
    return section


def _notes_in_print(doctree: nodes.document) -> None:
    """The facilitator notes print only when the reader asks (web print CSS)."""
    for section in doctree.findall(nodes.section):
        if "notes-for-facilitators-and-clinicians" in section["ids"]:
            section["classes"].append("kit-notes")
            title_index = section.first_child_matching_class(nodes.title) or 0
            section.insert(title_index + 1, nodes.raw(
                "", '<p class="kit-notes-print kit-web-only"><label>'
                '<input type="checkbox" class="kit-notes-toggle"> '
                "Include these notes when I print this page</label></p>", format="html",
                classes=["no-search"]))
            return


def _add_preview(app: Sphinx, doctree: nodes.document, docname: str, item: Item) -> None:
    for box in doctree.findall(nodes.container):
        if "kit-print" in box["classes"] and "kit-has-preview" not in box["classes"]:
            box.insert(0, nodes.raw("", _preview_html(app, docname, item), format="html"))
            box["classes"].append("kit-has-preview")
            return


def decorate_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    items = _items_by_doc(app).get(docname, [])
    _buttons(app, doctree, docname)
    if len(items) == 1 and items[0].kind in ZIP_KINDS:
        _add_preview(app, doctree, docname, items[0])
    from . import sections

    top = sections.top_section(doctree)
    if top is None:
        return
    if items and items[0].kind == "exercise" and not any(
            "kit-related" in section["classes"] for section in top.findall(nodes.section)):
        related_section = _related_section(app, docname, items[0])
        if related_section is not None:
            top += related_section
        _notes_in_print(doctree)
    chapter_folder = "docs/chapters/"
    chapter = docname.removeprefix(chapter_folder)
    if docname.startswith(chapter_folder) and chapter in CHAPTER_ART:
        title_index = top.first_child_matching_class(nodes.title)
        if title_index is not None and (STATIC / ART_DIR / CHAPTER_ART[chapter]).is_file():
            top.insert(title_index + 1, nodes.raw(
                "", _art_html(app, docname, CHAPTER_ART[chapter], ["kit-art-chapter"]),
                format="html", classes=["no-search"]))


# -- Every page: title, description, neighbours, assets, tables ---------------------------

def _chapter_neighbours(app: Sphinx, docname: str) -> tuple[Item | None, Item | None] | None:
    """Previous and next practice of the same chapter (None at either end)."""
    items = [item for item in collector.items(app.env) if item.kind == "exercise"]
    mine = next((item for item in items if item.docname == docname), None)
    if mine is None:
        return None
    same = sorted((item for item in items if item.meta.get("chapter") == mine.meta.get("chapter")),
                  key=lambda item: sort_key(item.title))
    index = same.index(mine)
    return (same[index - 1] if index > 0 else None,
            same[index + 1] if index + 1 < len(same) else None)


def _neighbours(app: Sphinx, pagename: str, context: dict) -> None:
    found = _chapter_neighbours(app, pagename)
    if found is None:
        return
    before, after = found
    chapter_doc = None
    item = next(item for item in collector.items(app.env) if item.docname == pagename)
    candidate = f"docs/chapters/{item.meta.get('chapter')}"
    if candidate in app.env.found_docs:
        chapter_doc = candidate

    def link(doc: str, title: str) -> dict:
        return {"link": app.builder.get_relative_uri(pagename, doc), "title": escape(title)}

    if before is not None:
        context["prev"] = link(before.docname, before.title)
    elif chapter_doc:
        context["prev"] = link(chapter_doc, f"Chapter: {app.env.titles[chapter_doc].astext()}")
    else:
        context["prev"] = None
    context["next"] = link(after.docname, after.title) if after is not None else None


def _duplicate_titles(app: Sphinx) -> set[str]:
    seen: dict[str, int] = {}
    for title in app.env.titles.values():
        seen[title.astext()] = seen.get(title.astext(), 0) + 1
    return {title for title, count in seen.items() if count > 1}


def _unique_title(app: Sphinx, pagename: str, context: dict) -> None:
    title = context.get("title")
    if not title or pagename not in app.env.titles:
        return
    text = app.env.titles[pagename].astext()
    if text not in _duplicate_titles(app):
        return
    items = _items_by_doc(app).get(pagename, [])
    kind = TITLE_KIND.get(items[0].kind) if items else None
    if kind is None and pagename.startswith("docs/chapters/"):
        kind = "chapter"
    if kind:
        context["title"] = f"{title} ({kind})"


def _first_paragraph(doctree: nodes.Node) -> str:
    for para in doctree.findall(nodes.paragraph):
        classes = set(para.get("classes", []))
        if classes & {"kit-facts", "kit-help-links", "kit-tap-bar"}:
            continue
        if any(isinstance(parent, nodes.admonition | nodes.container | nodes.table)
               for parent in _ancestors(para)):
            continue
        text = " ".join(para.astext().split())
        if len(text) > 40:
            return text
    return ""


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def description(app: Sphinx, pagename: str, doctree: nodes.Node | None) -> str:
    items = _items_by_doc(app).get(pagename, [])
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


def _meta(app: Sphinx, pagename: str, context: dict, doctree: nodes.Node | None) -> None:
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
                "kit-contra", "kit-tap-bar", "kit-caution", "kit-badge", "kit-checked"),
}
SEARCH_ONLY = ("documentation_options.js", "doctools.js", "sphinx_highlight.js")


def _trim_assets(app: Sphinx, pagename: str, context: dict) -> None:
    body = context.get("body") or ""
    search = pagename == "search"

    def needed(asset) -> bool:
        name = Path(str(getattr(asset, "filename", asset)).split("?")[0]).name
        if name in SEARCH_ONLY:
            return search
        markers = ONLY_WHERE.get(name)
        return markers is None or any(marker in body for marker in markers)

    for key in ("css_files", "script_files"):
        files = context.get(key)
        if isinstance(files, list):
            files[:] = [asset for asset in files if needed(asset)]


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


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree: nodes.Node | None) -> None:
    _neighbours(app, pagename, context)
    _unique_title(app, pagename, context)
    _meta(app, pagename, context, doctree)
    if context.get("body"):
        context["body"] = stack_labels(context["body"])
    _trim_assets(app, pagename, context)


READER_STYLE = "kit-readers"


def register_reader_style() -> None:
    """The references page for readers: the "plain" style without the
    bibliography's curator notes (the ``note`` field: "The printed PDF header
    shows the legacy DOI…", "No DOI (trade book)")."""
    try:
        from pybtex.database import Entry
        from pybtex.plugin import register_plugin
        from pybtex.style.formatting.plain import Style as Plain
    except ImportError:  # the project may run without pybtex
        return

    class ReaderStyle(Plain):
        def format_entry(self, label, entry, bib_data=None):
            if entry.type == "unpublished" or "note" not in entry.fields:
                return super().format_entry(label, entry, bib_data=bib_data)
            shown = Entry(entry.type, persons=entry.persons,
                          fields={key: value for key, value in entry.fields.items()
                                  if key.lower() != "note"})
            shown.key = entry.key
            return super().format_entry(label, shown, bib_data=bib_data)

    register_plugin("pybtex.style.formatting", READER_STYLE, ReaderStyle, force=True)


SCORER = Path(__file__).parent / "assets" / "search-scorer.js"


def _site_defaults(app: Sphinx, config) -> None:
    """The kit's favicon and search order, unless the project sets its own."""
    if not config.html_favicon:
        config.html_favicon = str(STATIC / FAVICON)
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def practice_pages_outdated(app: Sphinx, env, added: set[str], changed: set[str],
                            removed: set[str]) -> list[str]:
    """Every practice page lists related practices and links its neighbours in
    the chapter: when any item comes, changes or goes, write them all again, so
    an incremental build agrees with a clean one."""
    from .kinds import kind_of

    if not any(kind_of(app, name) for name in added | changed | removed):
        return []
    return sorted(name for name in env.found_docs - removed
                  if (kind := kind_of(app, name)) is not None and kind.name == "exercise")


def setup_webpage(app: Sphinx) -> None:
    register_reader_style()
    app.add_node(web_placeholder)
    app.add_directive("site-search", SiteSearch)
    app.add_directive("routes", Routes)
    app.add_directive("handout-zips", HandoutZips)
    app.add_directive("illustration", Illustration)
    app.add_directive("help-links", HelpLinks)
    app.connect("config-inited", _site_defaults)
    app.add_css_file(ITEMS_CSS, priority=600)  # after kit.css; trimmed per page
    app.connect("doctree-resolved", resolve_web_placeholders)
    # After the PDF links got their hrefs (pdflinks, priority 500).
    app.connect("doctree-resolved", decorate_pages, priority=800)
    app.connect("html-page-context", page_context)
    app.connect("env-get-outdated", practice_pages_outdated)
    # After the handouts are made and published (handouts, priority 500).
    app.connect("build-finished", finish, priority=900)
