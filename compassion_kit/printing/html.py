"""The minimal print page of an item, built from the same doctree as its web page.

Client handouts leave out web-only parts and the facilitator notes, gain the
write-in spaces of the front matter, and list their sources in full.

A practice reads top-down as read -> do -> write: its intro, caution and steps,
then its write-in spaces together, then a compact "If this feels hard" strip
(with its crisis-line block) and a short band with "Why it works" and the
sources (handout.css gives each part its look; the web page keeps the same
text at full size).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from compassion_kit.model import PAPER_LABELS, Item
from compassion_kit.printing import footer as printfooter
from compassion_kit.printing import linksback
from compassion_kit.printing.clinician import PracticeDetails
from compassion_kit.printing.render import PRINT_DIR
from compassion_kit.problems import Problem, ProblemError
from compassion_kit.read import workshops
from compassion_kit.read.items import facts
from compassion_kit.rules import bibliography, frontmatter, sections
from compassion_kit.web.crisisline import PAPERS as REGION_PAPERS
from compassion_kit.web.crisisline import PRINT_FLAG, regions_by_paper, safety_lines
from compassion_kit.words import _

RULED_LINES = {"line": 1, "small": 3, "medium": 5, "large": 8}
# Handouts for clients (and packs of them) carry a name and date line and,
# when the kind allows, the clinician's "From / Phone" block.
CLIENT = "client"
CLIENT_KINDS = ("exercise", "info-sheet", "pack", "practice-log")
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


def write_in(field: dict, prefix: str = "") -> str:
    """An answer space of any type (answers.py): its label, a shape to write on
    by hand, and the form fields a client types into (accessible name = the
    visible label)."""
    from compassion_kit.printing.answers import render

    return render(field, prefix)


def _flatten_internal_links(tree: nodes.Node) -> None:
    """Links to other pages mean nothing on paper: keep their text only."""
    for ref in list(tree.findall(nodes.reference)):
        if not urlparse(ref.get("refuri", "")).scheme:
            ref.replace_self(nodes.inline("", "", *ref.children))


def _keep_short_lists(tree: nodes.Node) -> None:
    """Short lists stay on one page (a split three-item list reads as two)."""
    for listing in list(tree.findall(nodes.Sequential)):
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
    para += nodes.strong("", f"{_('Participant workbook')}: ")
    for index, (paper, label) in enumerate(PAPER_LABELS.items()):
        if index:
            para += nodes.Text(" · ")
        para += nodes.reference("", str(label),
                                refuri=linksback.absolute(app, workbook.pdf_path(paper)))
    return para


def _mark_sections(item: Item, doctree: nodes.document, top: nodes.section) -> None:
    """Give each part of the page its printed role; leave out the notes."""
    if item.kind == "info-sheet":
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
    top = sections.top_section(doctree)
    if item.kind == "workshop-guide":
        links = _workbook_links(app, workbook) if workbook is not None else None
        if links is not None:  # after the summary and the "at a glance" box
            glance = next((index for index, child in enumerate(top)
                           if "kit-glance" in child.get("classes", ())), None)
            top.insert(glance + 1 if glance is not None else len(top), links)
        title = top.next_node(nodes.title)
        # On its own line under the workshop's title (a space keeps the words
        # apart for a reader that ignores the line break).
        title += [nodes.Text(" "), nodes.inline("", str(_("Facilitator guide")),
                                                classes=["kit-title-kind"])]
    for node in list(top.findall(nodes.Element)):
        if "kit-web-only" in node.get("classes", ()):
            node.parent.remove(node)
    _mark_sections(item, doctree, top)
    if item.kind == "exercise":
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
            evidence.insert(evidence.first_child_matching_class(nodes.title),
                            nodes.raw("", qr, format="html"))
            evidence += nodes.raw("", tail, format="html")
    _flatten_internal_links(top)
    _keep_short_lists(top)
    return top


def _prefix_ids(tree: nodes.Element, prefix: str) -> None:
    """Several handouts in one document must not repeat an anchor id."""
    for node in tree.findall(nodes.Element):
        node["ids"] = [f"{prefix}-{node_id}" for node_id in node.get("ids", [])]


COLLECTIONS = ("workbook", "pack")


def collection_parts(item: Item) -> list[str]:
    """Ids of the handouts a workbook or pack gathers, in order."""
    if item.kind == "workbook":
        return workshops.workbook_exercises(item.meta)
    return list(item.meta["parts"])


def _cover(item: Item, parts: list[Item]) -> list[nodes.Node]:
    cover = [nodes.paragraph("", item.summary, classes=["kit-summary"])]
    if item.kind == "workbook":
        cover.append(nodes.raw("", write_in({"name": "participant_name",
                                             "label": str(_("Your name")), "size": "line"})
                               + write_in({"name": "date", "label": str(_("Date")),
                                           "size": "line"}),
                               format="html"))
    label = _("In this workbook") if item.kind == "workbook" else _("In this set")
    # Page numbers come from WeasyPrint's target-counter() (see handout.css).
    page = escape(_("page"))
    entries = "".join(f'<li><a class="kit-toc-entry" href="#part-{escape(part.id)}" '
                      f'data-page="{page}">{escape(part.title)}</a></li>' for part in parts)
    cover.append(nodes.raw("", f'<p class="kit-contents-label">{escape(label)}:</p>'
                               f'<ol class="kit-contents">{entries}</ol>', format="html"))
    cover.append(nodes.paragraph("", str(_("These pages are yours. Write as much or as little "
                                           "as you like, and share only what you want to "
                                           "share."))))
    return cover


def collection_tree(app: Sphinx, item: Item, by_id: dict[str, Item]) -> nodes.section:
    """A cover listing the parts with their page numbers, then each part as its
    own handout, starting on a new page, numbered on from the cover."""
    parts = [by_id[part_id] for part_id in collection_parts(item)]
    root = nodes.section(ids=[item.kind])
    root += nodes.title("", item.title)
    root.extend(_cover(item, parts))
    for part in parts:
        # One document, many handouts: prefix field names so fields stay apart.
        # Each handout of the set keeps its own sources and way back to its page.
        band = end_band(linksback.links_back(app, part), _references(app, part, by_id))
        section = print_tree(app, part, field_prefix=f"{part.id}_", band=band)
        _prefix_ids(section, part.id)
        section["ids"].insert(0, f"part-{part.id}")
        section["classes"].append("kit-collection-part")
        root += section
    return root


def _cited(item: Item, by_id: dict[str, Item]) -> list[tuple[Item, int, str]]:
    """(item whose front matter names it, index in its sources, key), each key once."""
    owners = [by_id[part_id] for part_id in collection_parts(item)] \
        if item.kind in COLLECTIONS else [item]
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


# -- Addresses on paper are links -------------------------------------------------------------

# A web address as printed: with a scheme (https://doi.org/...), or a bare
# domain with an optional path (988lifeline.org, nami.org/help). Not an email
# address, not part of a longer word.
_TLDS = "org|com|net|gov|edu|info|int|io|uk|au|nz|ie|ca|us|mx|es|example"
URL_PATTERN = re.compile(
    r"(?<![\w@/.-])(?:https?://[^\s<>\"']+"
    rf"|(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?![@-])"
    r"(?:/[^\s<>\"']*)?)", re.IGNORECASE)
_TRAILING = ".,;:!?'\""


def _url_end(text: str) -> str:
    """A matched address without the sentence's punctuation after it, nor a
    closing parenthesis that belongs to the sentence."""
    while text and (text[-1] in _TRAILING or (text[-1] == ")"
                                              and text.count("(") < text.count(")"))):
        text = text[:-1]
    return text


def _inline(before: str, tag: str, inner: str, attributes: str = "") -> tuple[str, Markup]:
    """(``before`` without its last space, ``inner`` in ``tag`` with that space
    inside). WeasyPrint 70 breaks a line badly when an inline element that
    follows a space does not fit: it moves words of the text before it to a
    line of their own ("reach" alone). With the space inside the element the
    line breaks at that space, as it should."""
    space = ""
    if before.endswith(" "):
        before, space = before[:-1], " "
    return before, Markup("<{0}{1}>{2}{3}</{0}>").format(Markup(tag), Markup(attributes),
                                                         space, inner)


def _link_attributes(address: str) -> Markup:
    href = address if re.match(r"https?://", address, re.I) else f"https://{address}"
    return Markup(' class="kit-url" href="{}"').format(href)


def link_addresses(text: str) -> Markup:
    """``text`` escaped, with every web address in it a link."""
    out, last = [], 0
    for match in URL_PATTERN.finditer(text):
        address = _url_end(match.group())
        start, end = match.start(), match.start() + len(address)
        before, link = _inline(text[last:start], "a", address, _link_attributes(address))
        out += [escape(before), link]
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


_TAG = re.compile(r"(<[^>]*>)")


def link_addresses_in_html(html: str) -> str:
    """Every web address in the text of ``html`` (outside links, which already
    lead somewhere) becomes a link, so a reader of the PDF can follow it."""
    out, in_link = [], 0
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            tag = piece[1:].split(None, 1)[0].lower().rstrip(">") if len(piece) > 2 else ""
            if tag == "a":
                in_link += 1
            elif tag == "/a":
                in_link = max(0, in_link - 1)
            out.append(piece)
        elif in_link or not URL_PATTERN.search(piece):
            out.append(piece)
        else:
            # The text is already escaped HTML: undo only what escape() redoes.
            plain = (piece.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                     .replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&"))
            out.append(str(link_addresses(plain)))
    return "".join(out)


_NUMBER = re.compile(r"(?<![\w.-])\+?\d[\d-]*(?: \d[\d-]*)*\d(?![\w-])|(?<![\w.-])\d(?![\w.-])")


def footer_safety(text: str) -> Markup:
    """The footer's safety line: numbers to call or text in bold, addresses as links."""
    out, last = [], 0
    for match in URL_PATTERN.finditer(text):
        address = _url_end(match.group())
        before, link = _inline(text[last:match.start()], "a", address,
                               _link_attributes(address))
        out += [_bold_numbers(before), link]
        last = match.start() + len(address)
    out.append(_bold_numbers(text[last:]))
    return Markup("").join(out)


def _bold_numbers(text: str) -> Markup:
    out, last = [], 0
    for match in _NUMBER.finditer(text):
        before, number = _inline(text[last:match.start()], "strong", match.group())
        out += [escape(before), number]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def source_html(reference: str) -> Markup:
    """A short reference as printed: authors and year, then title and venue
    (which large print leaves to the web page), the whole a link to its DOI
    or address (the address itself is on the web page)."""
    text, _sep, last = reference.rpartition(" ")
    if not (text and re.match(r"https?://", last)):
        text, last = reference, ""
    who, sep, rest = text.partition("). ")
    inner = (Markup('{}<span class="kit-source-more"> {}</span>').format(who + sep.strip(), rest)
             if sep else escape(text))
    if last:
        return Markup('<a class="kit-source" href="{}">{}</a>').format(last, inner)
    return inner


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


def _render_body(app: Sphinx, item: Item, by_id: dict[str, Item],
                 by_paper: dict[str, str], band: tuple[str, str] | None) -> str:
    builder = app.builder
    # The HTML translator reads per-page state that the builder only sets while
    # writing a page (and not at all on a build with nothing to write): set it
    # as StandaloneHTMLBuilder.write_doc does, for this item's page.
    builder.secnumbers = app.env.toc_secnumbers.get(item.docname, {})
    builder.fignumbers = app.env.toc_fignumbers.get(item.docname, {})
    builder.imgpath = relative_uri(builder.get_target_uri(item.docname), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(item.docname), "_downloads")
    builder.current_docname = item.docname
    workbook = by_id.get(f"{item.id.removesuffix('-guide')}-workbook")
    tree = (collection_tree(app, item, by_id) if item.kind in COLLECTIONS
            else print_tree(app, item, band=band,
                            workbook=workbook if item.kind == "workshop-guide" else None))
    # Translators that print differently on paper (the crisis lines of each
    # paper's region) look for this mapping of paper -> region on the builder.
    setattr(builder, PRINT_FLAG, by_paper)
    try:
        return link_addresses_in_html(builder.render_partial(tree)["fragment"])
    finally:
        setattr(builder, PRINT_FLAG, None)


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
    return item.kind in CLIENT_KINDS and CLIENT in item.audiences


def handout_html(app: Sphinx, item: Item, by_id: dict[str, Item],
                 details: PracticeDetails) -> str:
    """The complete print HTML of ``item``, every value escaped. ``by_id`` holds
    every item, for workbooks that collate exercises. Raises ProblemError."""
    by_paper = regions_by_paper(app.config, details.region)
    # The end of the handout: a QR code to its web page, its sources, its
    # address, version and review date. A practice ends with them inside its
    # "Why it works" band; each handout of a workbook or pack with its own
    # (a pack has no web page of its own); other items after their text.
    band = None
    if item.kind not in COLLECTIONS:
        band = end_band(linksback.links_back(app, item), _references(app, item, by_id))
    body = _render_body(app, item, by_id, by_paper, band if item.kind == "exercise" else None)
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
        band=[Markup(part) for part in band] if band and item.kind != "exercise" else None,
        for_clients=for_clients(item),
        contact=details.contact_items(),
    )
