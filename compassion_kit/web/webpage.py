"""Page-level web concerns: what a reader meets around the content.

- on item pages: the print box's links become download buttons with a page-1
  preview (the files themselves: downloads.py);
- on practice pages: related practices, Previous/Next within the chapter's
  practices, and a choice to print the facilitator notes;
- on every page: a unique <title>, a description and share preview (no
  remote images), stylesheets and scripts only where the page uses them, and
  tables that stack as cards on a phone (``kit-stack`` and agenda tables);
- the parts a page may place in its content (pageparts.py), and what goes
  around every page's content (pagehead.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from compassion_kit.about import ASSETS_DIR
from compassion_kit.i18n.translation import own_pages, site_relative, site_root
from compassion_kit.model import Item
from compassion_kit.read import collector
from compassion_kit.read.kinds import EXERCISE_SOURCE, source_kind_of
from compassion_kit.rules import sections
from compassion_kit.rules.taxonomy import sort_key
from compassion_kit.web.downloads import (
    PREVIEW_SIZE,
    download_link,
    drop_missing_previews,
    fill_download_facts,
    fill_zip_facts,
    preview_path,
    write_previews,
    write_zips,
)
from compassion_kit.web.library import card_facts
from compassion_kit.web.pagehead import (
    ITEMS_CSS,
    items_by_doc,
    landing_navigation,
    meta_tags,
    stack_labels,
    trim_assets,
    unique_title,
)
from compassion_kit.web.pageparts import ART_DIR, STATIC, art_html, setup_page_parts
from compassion_kit.words import _

logger = logging.getLogger(__name__)

FAVICON = "kit-favicon.svg"
CHAPTER_ORDER = ("why-compassion", "empathy-and-compassion", "therapy", "work-and-home",
                 "self-compassion", "staying-present")
# Illustrations (original, decorative, made for this kit): chapter -> file.
CHAPTER_ART = {chapter: f"chapter-{chapter}.svg" for chapter in CHAPTER_ORDER}


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
    pages = list(own_pages(app))  # not the Spanish site inside the English one
    drop_missing_previews(pages, outdir)
    fill_download_facts(pages, site_root(app))
    fill_zip_facts(pages, outdir)


# -- Item pages: buttons, related practices, notes in print, chapter art ------------------



def _buttons(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each print box's links become download buttons (same hrefs)."""
    by_pdf = {item.pdf_path(paper): item for item in collector.items(app.env)
              for paper in item.papers}
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
            paper = next(key for key in item.papers if item.pdf_path(key) == pdf)
            href = link.get("refuri") or site_relative(app, docname, pdf)
            button = nodes.raw("", download_link(item, paper, href), format="html")
            link.replace_self(button)
            button["classes"] = []  # replace_self copied the link's classes
        # The " · " separators between the old text links.
        for text in list(box.findall(nodes.Text)):
            if text.astext().strip() == "·":
                text.parent.remove(text)
        box["classes"].append("no-search")


def _pdf_of(href: str) -> str:
    match = re.search(r"handouts/(?:[\w-]+/)+[\w.-]+\.pdf$", href)
    return match.group(0) if match else ""


def related(item: Item, items: list[Item], count: int = 3) -> list[Item]:
    """Practices a reader of ``item`` may want next: same chapter first, then
    shared audiences and format."""
    def score(other: Item) -> tuple:
        meta, mine = other.meta, item.meta
        shared = len(set(other.audiences) & set(item.audiences))
        return (-(3 * (meta.get("chapter") == mine.get("chapter")) + shared
                  + (meta.get("format") == mine.get("format"))), sort_key(other.title))
    others = [other for other in items if other.kind_info.practice and other.id != item.id
              and set(other.audiences) & set(item.audiences)]
    return sorted(others, key=score)[:count]


def _related_section(app: Sphinx, docname: str, item: Item) -> nodes.Node | None:
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
    section += nodes.title("", _("Related practices"))
    section += nodes.raw("", f'<ul class="kit-related-list">{entries}</ul>', format="html")
    return section


def _notes_in_print(doctree: nodes.document) -> None:
    """The facilitator notes print only when the reader asks (web print CSS)."""
    for section in sections.h2_sections(doctree):
        if sections.section_key(section) == "notes":
            section["classes"].append("kit-notes")
            title_index = section.first_child_matching_class(nodes.title) or 0
            label = escape(_("Include these notes when I print this page"))
            section.insert(title_index + 1, nodes.raw(
                "", '<p class="kit-notes-print kit-web-only"><label>'
                f'<input type="checkbox" class="kit-notes-toggle"> {label}</label></p>',
                format="html", classes=["no-search"]))
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
    items = items_by_doc(app).get(docname, [])
    _buttons(app, doctree, docname)
    # A practice's page may also list its practice log (an item of its own).
    if items and items[0].kind_info.previewed:
        _add_preview(app, doctree, docname, items[0])
    top = sections.top_section(doctree)
    if top is None:
        return
    if items and items[0].kind_info.practice and not any(
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
                "", art_html(app, docname, CHAPTER_ART[chapter], ["kit-art-chapter"]),
                format="html", classes=["no-search"]))


# -- Every page: title, description, neighbours, assets, tables ---------------------------

def _chapter_neighbours(app: Sphinx, docname: str) -> tuple[Item | None, Item | None] | None:
    """Previous and next practice of the same chapter (None at either end)."""
    items = [item for item in collector.items(app.env) if item.kind_info.practice]
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
        context["prev"] = link(chapter_doc, _("Chapter: {title}").format(
            title=app.env.titles[chapter_doc].astext()))
    else:
        context["prev"] = None
    context["next"] = link(after.docname, after.title) if after is not None else None


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree: nodes.Node | None) -> None:
    _neighbours(app, pagename, context)
    unique_title(app, pagename, context)
    meta_tags(app, pagename, context, doctree)
    if context.get("body"):
        context["body"] = stack_labels(context["body"])
    trim_assets(app, pagename, context)


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


SCORER = ASSETS_DIR / "search-scorer.js"


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
    if not any(source_kind_of(app, name) for name in added | changed | removed):
        return []
    return sorted(name for name in env.found_docs - removed
                  if source_kind_of(app, name) is EXERCISE_SOURCE)


def setup_webpage(app: Sphinx) -> None:
    register_reader_style()
    setup_page_parts(app)
    app.connect("config-inited", _site_defaults)
    app.add_css_file(ITEMS_CSS, priority=600)  # after kit.css; trimmed per page
    # After the PDF links got their hrefs (pdflinks, priority 500).
    app.connect("doctree-resolved", decorate_pages, priority=800)
    app.connect("html-page-context", page_context)
    # After the theme (Furo) has made its navigation tree.
    app.connect("html-page-context", landing_navigation, priority=900)
    app.connect("env-get-outdated", practice_pages_outdated)
    # After the handouts are made and published (handouts, priority 500).
    app.connect("build-finished", finish, priority=900)
