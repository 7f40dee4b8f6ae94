"""The handbook as one printed book: a cover, the contents with page numbers,
every chapter, the glossary and the references, in one PDF per book paper.

The book is printed like the handouts, not like the web theme: each page's
doctree (the same one its web page comes from) goes through the HTML builder's
translator as the print HTML does (printing.html), into the print template
``book.html``, then through the same renderer (printing.render: tagged
PDF/UA-1, vendored fonts only, local files only), the same pool and the same
PDF cache (publish.outputs), so a build that changed nothing renders nothing.

On paper:

- every page of the book gets its own id prefix, so anchors of different
  chapters never clash, and every link between pages of the book becomes a
  link inside the PDF (a glossary term, a citation to its reference); a link
  to a page outside the book leads to the published site (``html_baseurl``),
  or is plain text without one;
- web-only parts go, and a chapter's library of practices (cards with
  download buttons) becomes a plain list of the practices' titles and
  summaries;
- the footer of every page is the handouts' footer (printing.footer sizes
  the margin): the paper's safety line, page x of y, the title and licence;
- headings give the PDF its bookmarks: a chapter at the first level, its
  sections below it (book.css).
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from posixpath import normpath
from urllib.parse import urldefrag, urljoin, urlparse

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from compassion_kit.model import Item
from compassion_kit.printing import linksback
from compassion_kit.printing.addresses import footer_safety, link_addresses_in_html
from compassion_kit.printing.html import footer_margins, print_templates
from compassion_kit.problems import Problem, ProblemError
from compassion_kit.rules import sections
from compassion_kit.web.bookdownloads import BOOK_FILES
from compassion_kit.web.crisisline import PRINT_FLAG, regions_by_paper, safety_lines
from compassion_kit.words import N_, _

# The footer's first sentence in the book (the crisis lines of the paper's region follow).
BOOK_SAFETY_LINE = N_("This book is not a substitute for professional care. If you are "
                      "struggling or in crisis, reach out now.")
_CARD_TITLE = re.compile(r'class="kit-card-title"><a href="[^"]*">(.*?)</a>', re.S)
_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]+)(")')
# Links written as raw HTML by the kit's directives (a crisis line's "other
# countries" link), which the doctree's references do not cover.
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"#][^"]*)(")')


@dataclass(frozen=True)
class Part:
    """One page of the source that the book prints, and the id its anchors get."""

    docname: str
    anchor: str  # the id of its top section in the book; its other ids start "<anchor>--"


def chapters(app: Sphinx) -> list[str]:
    """The chapters, in the order of the contents page's toctree (Sphinx's own)."""
    root = app.config.kit_book_contents
    return list(app.env.toctree_includes.get(root, [])) if root in app.env.found_docs else []


def parts(app: Sphinx) -> list[Part]:
    """Every page the book prints, in order: its chapters, then its back matter
    (a project without the contents page has no book)."""
    found = chapters(app)
    if not found:
        return []
    found += [doc for doc in app.config.kit_book_back_matter if doc in app.env.found_docs]
    return [Part(doc, "book-" + re.sub(r"[^a-z0-9]+", "-", doc.lower()).strip("-"))
            for doc in found]


def _prefix_ids(tree: nodes.Element, part: Part) -> None:
    for node in tree.findall(nodes.Element):
        node["ids"] = [f"{part.anchor}--{node_id}" for node_id in node["ids"]]
        if node.get("refid"):
            node["refid"] = f"{part.anchor}--{node['refid']}"
        if isinstance(node, nodes.reference) and node.get("refuri", "").startswith("#"):
            node["refuri"] = f"#{part.anchor}--{node['refuri'][1:]}"


def _new_href(app: Sphinx, here: str, uri: str, by_uri: dict[str, Part]) -> str | None:
    """Where a link of the page at ``here`` leads in the book: inside it for a
    page of the book, to the published site for another page, None (no link)
    without a site address. A same-page or external link is returned as is."""
    if not uri or uri.startswith("#") or urlparse(uri).scheme:
        return uri
    path, fragment = urldefrag(normpath(urljoin(here, uri)))
    target = by_uri.get(path)
    if target is not None:
        return f"#{target.anchor}--{fragment}" if fragment else f"#{target.anchor}"
    return linksback.absolute(app, path + (f"#{fragment}" if fragment else "")) or None


def _relink(app: Sphinx, tree: nodes.Element, part: Part, by_uri: dict[str, Part]) -> None:
    """Links to pages of the book lead inside it; links to other pages of the
    site lead to the published site, or become plain text without one."""
    here = app.builder.get_target_uri(part.docname)
    for ref in list(tree.findall(nodes.reference)):
        href = _new_href(app, here, ref.get("refuri", ""), by_uri)
        if href is None:
            ref.replace_self(nodes.inline("", "", *ref.children))
        elif "refuri" in ref:
            ref["refuri"] = href


def _practice_lists(tree: nodes.Element, items: list[Item]) -> None:
    """A library of practice cards (with download buttons) prints as a list
    of the practices' titles and what each one is."""
    by_title = {item.title: item for item in items}
    for library in list(tree.findall(nodes.container)):
        if "kit-library" not in library["classes"]:
            continue
        titles = [htmllib.unescape(re.sub(r"<[^>]+>", "", found))
                  for raw in library.findall(nodes.raw)
                  for found in _CARD_TITLE.findall(raw.astext())]
        listing = nodes.bullet_list(classes=["book-practices"])
        for title in titles:
            entry = nodes.paragraph()
            entry += nodes.strong("", title)
            if (item := by_title.get(title)) is not None and item.summary:
                entry += nodes.Text(f": {item.summary}")
            listing += nodes.list_item("", entry)
        library.replace_self(listing if titles else [])


def _one_text_per_citation(top: nodes.section) -> None:
    """sphinxcontrib-bibtex keeps each reference's citation node in its domain
    data and appends its label and text to it each time the references page
    is resolved: after the web page, the book's copy would list every
    reference twice or more. Keep the last label and what follows it."""
    for citation in top.findall(nodes.citation):
        labels = [index for index, child in enumerate(citation.children)
                  if isinstance(child, nodes.label)]
        if len(labels) > 1:
            del citation.children[:labels[-1]]


def _reading_only(top: nodes.section) -> None:
    """A practice read in the book: its steps and questions, without the
    facilitator notes (its box of download buttons is web-only already)."""
    for section in [child for child in top if isinstance(child, nodes.section)]:
        if sections.section_key(section) == sections.NOTES[0]:
            top.remove(section)


def part_tree(app: Sphinx, part: Part, by_uri: dict[str, Part], items: list[Item],
              reading: bool = False) -> nodes.section:
    """One page of the book, as printed (``reading``: a practice in the
    EPUB's appendix, without its print box and notes)."""
    doctree = app.env.get_and_resolve_doctree(part.docname, app.builder)
    top = sections.top_section(doctree)
    if top is None:
        raise ProblemError(Problem(str(app.env.doc2path(part.docname)), 1, "title",
                                   "the page has no title to print in the book", "pdf"))
    # A copy: some resolved nodes (the bibliography's entries) are shared
    # between calls, and the ids below are rewritten in place.
    top = top.deepcopy()
    _one_text_per_citation(top)
    for node in list(top.findall(nodes.Element)):
        if "kit-web-only" in node.get("classes", ()) and node.parent is not None:
            node.parent.remove(node)
    if reading:
        _reading_only(top)
    for art in list(top.findall(nodes.raw)):
        # Decorative chapter art (pageparts.art_html): alt="" would be an
        # untagged figure in a PDF/UA file, and paper has no room to spare.
        if 'class="kit-art' in art.astext():
            art.parent.remove(art)
    _practice_lists(top, items)
    _prefix_ids(top, part)  # this page's own anchors first, then links to other pages
    _relink(app, top, part, by_uri)
    top["ids"].insert(0, part.anchor)
    top["classes"].append("book-part")
    return top


def part_title(tree: nodes.section, part: Part) -> str:
    """The heading of a page of the book, as text."""
    title = tree.next_node(nodes.title)
    return title.astext() if title is not None else part.docname


def render_part(app: Sphinx, part: Part, tree: nodes.section, by_uri: dict[str, Part],
                by_paper: dict[str, str] | None) -> str:
    """The part's HTML, rendered by the HTML builder's translator as its page
    is (the state it reads is set as StandaloneHTMLBuilder.write_doc sets it),
    its images then addressed from the site's root, the book's base URL.
    ``by_paper``: the crisis lines of each paper (None: the site's, as on the web)."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        raise TypeError(f"the book needs an HTML builder, not {builder.name!r}")
    builder.secnumbers = app.env.toc_secnumbers.get(part.docname, {})
    builder.fignumbers = app.env.toc_fignumbers.get(part.docname, {})
    here = builder.get_target_uri(part.docname)
    builder.imgpath = relative_uri(here, "_images")
    builder.dlpath = relative_uri(here, "_downloads")
    builder.current_docname = part.docname
    setattr(builder, PRINT_FLAG, by_paper)
    try:
        fragment = builder.render_partial(tree)["fragment"]
    finally:
        setattr(builder, PRINT_FLAG, None)

    def from_root(match: re.Match[str]) -> str:
        src = match[2]
        if urlparse(src).scheme or src.startswith("/"):
            return match[0]
        return match[1] + normpath(urljoin(here, src)) + match[3]

    def relink(match: re.Match[str]) -> str:
        href = _new_href(app, here, htmllib.unescape(match[2]), by_uri)
        # Without a site address the link keeps its text and loses its target.
        if href is None:
            return re.sub(r'\s+href="$', "", match[1])
        return f"{match[1]}{escape(href)}{match[3]}"

    fragment = _HREF.sub(relink, _SRC.sub(from_root, fragment))
    return link_addresses_in_html(fragment)


def book_html(app: Sphinx, items: list[Item], region: str = "") -> str | None:
    """The book's print HTML (every paper's safety line in it; each paper's CSS
    shows its own), or None when the project has no book. Raises ProblemError."""
    found = parts(app)
    if not found:
        return None
    by_uri = {app.builder.get_target_uri(part.docname): part for part in found}
    by_paper = regions_by_paper(app.config, region)
    bodies, contents = [], []
    for part in found:
        tree = part_tree(app, part, by_uri, items)
        contents.append((part.anchor, part_title(tree, part)))
        bodies.append(Markup(render_part(app, part, tree, by_uri, by_paper)))
    title = str(app.config.kit_site_name)
    safety = [(classes, footer_safety(text)) for classes, text in
              safety_lines(app.env, BOOK_SAFETY_LINE, by_paper)]
    address = linksback.base_url(app)
    return print_templates().get_template("book.html").render(
        lang=app.config.language or "en",
        title=title,
        summary=_("A handbook about moving from empathy to compassion."),
        keywords="handbook",
        author=app.config.kit_author,
        licence=app.config.kit_licence,
        version=linksback.version(app),
        address=linksback.short(address) if address else "",
        address_href=address,
        safety_lines=safety,
        footer_margins={paper: margin for paper, margin in
                        footer_margins(safety, title, app.config.kit_licence).items()
                        if paper in BOOK_FILES},
        contents=contents,
        parts=bodies,
    )


def setup_book(app: Sphinx) -> None:
    app.add_config_value("kit_book_contents", "docs/chapters/index", "", types=(str,),
                         description="The page whose toctree lists the book's chapters.")
    app.add_config_value("kit_book_back_matter", ("docs/glossary", "docs/references"), "",
                         types=(list, tuple),
                         description="Pages printed after the chapters (glossary, references).")
