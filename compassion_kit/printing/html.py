"""The minimal print page of an item, built from the same doctree as its web page.

Client handouts leave out web-only parts and the facilitator notes, gain the
write-in spaces of the front matter, and list their sources in full. A
workbook or pack prints its parts after a cover (printing.collection); web
addresses become links and numbers to call bold (printing.addresses).

A practice reads top-down as read -> do -> write: its intro, caution and steps,
then its write-in spaces together, then a compact "If this feels hard" strip
(with its crisis-line block) and a short band with "Why it works" and the
sources (handout.css gives each part its look; the web page keeps the same
text at full size).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sphinx.application import Sphinx

from compassion_kit.about import PRINT_DIR
from compassion_kit.model import PAPER_LABELS, WORKBOOK, Item
from compassion_kit.printing import footer as printfooter
from compassion_kit.printing import linksback, package
from compassion_kit.printing.addresses import footer_safety, link_addresses_in_html, source_html
from compassion_kit.printing.answers import render as write_in
from compassion_kit.printing.builder import PrintingBuilder
from compassion_kit.printing.clinician import ClinicianDetails
from compassion_kit.printing.collection import collection_parts, collection_tree
from compassion_kit.problems import Problem, ProblemError
from compassion_kit.read.items import facts
from compassion_kit.rules import bibliography, frontmatter, sections
from compassion_kit.web.crisisline import PAPERS as REGION_PAPERS
from compassion_kit.web.crisisline import regions_by_paper, safety_lines
from compassion_kit.words import _

# Handouts of a client_handout kind for clients carry a name and date line and
# the clinician's "From / Phone" block.
CLIENT = "client"
# A list this short never breaks across pages (handout.css, .kit-keep); in
# large print, where each line holds fewer words, a shorter one (.kit-keep-large).
SHORT_LIST = (6, 480)
SHORT_LIST_LARGE = (4, 260)
# Each exercise section's role on the printed page (handout.css styles them).
SECTION_CLASSES = {"why": "kit-read", "how": "kit-do", "reflect": "kit-write",
                   "hard": "kit-hard", "evidence": "kit-evidence"}


@cache
def _templates() -> Environment:
    environment = Environment(loader=FileSystemLoader(PRINT_DIR),
                              autoescape=select_autoescape(default=True,
                                                           default_for_string=True))
    # Resolved when the template is rendered, in the build's language.
    environment.globals["_"] = lambda message: str(_(message))
    return environment


def print_templates() -> Environment:
    """The print templates (handout.html, book.html; printing.slides renders its
    own from them), in the build's language."""
    return _templates()


def _flatten_internal_links(tree: nodes.Node) -> None:
    """Links to other pages mean nothing on paper: keep their text only."""
    for ref in list(tree.findall(nodes.reference)):
        if not urlparse(ref.get("refuri", "")).scheme:
            ref.replace_self(nodes.inline("", "", *ref.children))


def _keep_short_lists(tree: nodes.Node) -> None:
    """Short lists stay on one page (a split three-item list reads as two)."""
    for listing in list(tree.findall(nodes.Element)):
        if not isinstance(listing, (nodes.bullet_list, nodes.enumerated_list)):
            continue
        for (items, chars), name in ((SHORT_LIST, "kit-keep"),
                                     (SHORT_LIST_LARGE, "kit-keep-large")):
            if len(listing) <= items and len(listing.astext()) <= chars:
                listing["classes"].append(name)


def _workbook_links(app: Sphinx, workbook: Item) -> nodes.paragraph | None:
    """A guide tells the facilitator to print the workbook from the links near
    its start: on paper they lead to the published PDFs (none without a site
    address, html_baseurl)."""
    if not linksback.base_url(app):
        return None
    para = nodes.paragraph(classes=["kit-print-links"])
    para += nodes.strong("", f"{WORKBOOK.label}: ")
    for index, (paper, label) in enumerate(PAPER_LABELS.items()):
        if index:
            para += nodes.Text(" · ")
        para += nodes.reference("", str(label),
                                refuri=linksback.absolute(app, workbook.pdf_path(paper)))
    return para


def _mark_sections(item: Item, doctree: nodes.document, top: nodes.section) -> None:
    """Give each part of the page its printed role; leave out the notes."""
    if item.kind_info.ends_with_help:
        found = sections.h2_sections(doctree)
        if found and sections.source_heading(found[-1]).casefold() == \
                sections.HELP_HEADING.casefold():
            found[-1]["classes"].append("kit-hard")
        return
    for section in sections.h2_sections(doctree):
        key = sections.section_key(section)
        if key == sections.NOTES[0]:
            top.remove(section)
        elif key in SECTION_CLASSES:
            section["classes"].append(SECTION_CLASSES[key])


def print_tree(app: Sphinx, item: Item, field_prefix: str = "",
               band: tuple[str, str] | None = None, workbook: Item | None = None
               ) -> nodes.section:
    """The item's page as printed: web-only parts out; for an exercise, the
    facilitator notes out and the write-in spaces in, and ``band`` (the QR
    code; sources and address) at the start and end of "Why it works"."""
    doctree = app.env.get_and_resolve_doctree(item.docname, app.builder)
    if item.kind_info.plan_sheet:  # a package sheet, written from its plan (printing.package)
        sheet = package.sheet_tree(app, item, doctree)
        _flatten_internal_links(sheet)
        _keep_short_lists(sheet)
        return sheet
    top = sections.top_section(doctree)
    if top is None:  # only valid items are printed, and each has its title
        raise ProblemError(Problem(str(app.env.doc2path(item.docname)), 1, "title",
                                   "the page has no title to print", "pdf"))
    kind = item.kind_info
    if kind.guide:
        links = _workbook_links(app, workbook) if workbook is not None else None
        if links is not None:  # after the summary and the "at a glance" box
            glance = next((index for index, child in enumerate(top.children)
                           if isinstance(child, nodes.Element)
                           and "kit-glance" in child.get("classes", ())), None)
            top.insert(glance + 1 if glance is not None else len(top), links)
        # On its own line under the workshop's title (a space keeps the words
        # apart for a reader that ignores the line break).
        title = top.next_node(nodes.title)
        if title is not None:
            title.extend([nodes.Text(" "),
                          nodes.inline("", str(kind.label), classes=["kit-title-kind"])])
    for node in list(top.findall(nodes.Element)):
        if "kit-web-only" in node.get("classes", ()):
            node.parent.remove(node)
    _mark_sections(item, doctree, top)
    if kind.practice:
        by_key = {sections.section_key(section): section
                  for section in sections.h2_sections(doctree)}
        # (answers.py sets labels with typographic quotes, as the body text.)
        for field in item.meta.get("fields", []):
            by_key[field.get("section", "reflect")] += nodes.raw(
                "", write_in(field, prefix=field_prefix), format="html")
        if band is not None and "evidence" in by_key:
            evidence = by_key["evidence"]
            qr, tail = band
            # Before the heading, so the heading stays next to its text: a float
            # between them would let a page break part them.
            evidence.insert(evidence.first_child_matching_class(nodes.title) or 0,
                            nodes.raw("", qr, format="html"))
            evidence += nodes.raw("", tail, format="html")
    _flatten_internal_links(top)
    _keep_short_lists(top)
    return top


def _cited(item: Item, by_id: dict[str, Item]) -> list[tuple[Item, int, str]]:
    """(item whose front matter names it, index in its sources, key), each key once."""
    owners = [by_id[part_id] for part_id in collection_parts(item)] \
        if item.kind_info.collection else [item]
    seen: dict[str, tuple[Item, int, str]] = {}
    for owner in owners:
        for index, key in enumerate(owner.meta.get("sources", [])):
            seen.setdefault(key, (owner, index, key))
    return list(seen.values())


def _references(app: Sphinx, item: Item, by_id: dict[str, Item]) -> list[str]:
    """The printed sources; a key the bibliography no longer has stops this
    handout with a message at the line that names it."""
    bib = Path(app.srcdir, app.config.kit_bibliography)
    printed = []
    for owner, index, key in _cited(item, by_id):
        reference = bibliography.short_reference(bib, key)
        if reference is None:
            path = str(app.env.doc2path(owner.docname))
            try:
                line = frontmatter.load(path).line_of(["sources", index])
            except frontmatter.FrontMatterError:
                line = 1
            raise ProblemError(Problem(path, line, f"field 'sources[{index}]'",
                                       f"'{key}' is not a key in {app.config.kit_bibliography}"))
        printed.append(reference)
    return printed


def end_band(links: linksback.LinksBack | None, references: list[str]) -> tuple[str, str]:
    """(the QR code to float beside the end of the handout, then its sources
    and its address, version and review date), as HTML."""
    qr = (Markup('<div class="kit-qr-box">{}</div>').format(links.qr_svg())
          if links is not None and links.url else Markup(""))
    tail = []
    if references:
        tail.append(Markup('<p class="kit-sources"><strong>{}:</strong> {}</p>').format(
            _("Sources"), Markup(" · ").join(source_html(ref) for ref in references)))
    if links is not None:
        tail.append(Markup('<p class="kit-online">{}</p>').format(linksback.line_html(links)))
    return str(qr), str(Markup("").join(tail))


def _part_tree(app: Sphinx, by_id: dict[str, Item]) -> Callable[[Item], nodes.section]:
    """How a collection prints each part: as its own handout, with its own
    sources and way back to its page, and its field names prefixed."""
    def part_tree(part: Item) -> nodes.section:
        band = end_band(linksback.links_back(app, part), _references(app, part, by_id))
        return print_tree(app, part, field_prefix=f"{part.id}_", band=band)

    return part_tree


def _render_body(app: Sphinx, item: Item, by_id: dict[str, Item],
                 by_paper: dict[str, str], band: tuple[str, str] | None) -> str:
    builder = app.builder
    if not isinstance(builder, PrintingBuilder):  # handouts come from the kit's HTML build only
        raise TypeError(f"print HTML needs the kit's html or dirhtml builder, not {builder.name!r}")
    if item.kind_info.collection:
        parts = [by_id[part_id] for part_id in collection_parts(item)]
        tree = collection_tree(item, parts, _part_tree(app, by_id))
    else:
        # A guide's workbook: the plan's other item (read.workshops names them).
        workbook = by_id.get(f"{item.id.removesuffix('-guide')}-workbook") \
            if item.kind_info.guide else None
        tree = print_tree(app, item, band=band, workbook=workbook)
    # Translators that print differently on paper (the crisis lines of each
    # paper's region) read this mapping of paper -> region from the builder.
    return link_addresses_in_html(builder.render_print_body(item.docname, tree, by_paper))


def footer_margins(safety: list[tuple[str, Markup]], title: str, licence: str
                   ) -> dict[str, float]:
    """Each paper's bottom margin (pt) for the footer it prints (printfooter.py)."""
    margins = {}
    for paper in REGION_PAPERS:
        text = next(html for classes, html in safety if f"kit-for-{paper}" in classes.split())
        page_count = f"{_('Page')} 88 {_('of')} 88"
        margins[paper] = printfooter.margin_bottom(paper, str(text), f"{title} · {licence}",
                                                   page_count)
    return margins


def _evidence_words(item: Item) -> str:
    """'Evidence: practice wisdom' (the end of the facts line), or ''."""
    full, short = facts(item), facts(item, evidence=False)
    return full[len(short):].lstrip(" ·") if full.startswith(short) else ""


def for_clients(item: Item) -> bool:
    """Whether the handout is given to clients (name and date line, "From" block)."""
    return item.kind_info.client_handout and CLIENT in item.audiences


def handout_html(app: Sphinx, item: Item, by_id: dict[str, Item],
                 details: ClinicianDetails) -> str:
    """The complete print HTML of ``item``, every value escaped. ``by_id`` holds
    every item, for workbooks that collate exercises. Raises ProblemError."""
    by_paper = regions_by_paper(app.config, details.region)
    # The end of the handout: a QR code to its web page, its sources, its
    # address, version and review date. A practice ends with them inside its
    # "Why it works" band; each handout of a workbook or pack with its own
    # (a pack has no web page of its own); other items after their text.
    kind = item.kind_info
    band = None
    if not kind.collection:
        band = end_band(linksback.links_back(app, item), _references(app, item, by_id))
    body = _render_body(app, item, by_id, by_paper, band if kind.practice else None)
    template = _templates().get_template("handout.html")
    safety = [(classes, footer_safety(text)) for classes, text in
              safety_lines(app.env, app.config.kit_safety_line, by_paper)]
    return template.render(
        lang=app.config.language or "en",
        title=item.title,
        summary=item.summary,
        author=app.config.kit_author,
        keywords=", ".join([item.kind, *item.audiences]),
        kind=item.kind,
        site_name=app.config.kit_site_name,
        facts=facts(item, evidence=False),
        evidence=_evidence_words(item),
        reviewed=linksback.reviewed_words(str(item.meta.get("reviewed") or "")),
        safety_lines=safety,
        footer_margins=footer_margins(safety, item.title, app.config.kit_licence),
        licence=app.config.kit_licence,
        body=Markup(body),
        band=[Markup(part) for part in band] if band and not kind.practice else None,
        for_clients=for_clients(item),
        contact=details.contact_items(),
    )
