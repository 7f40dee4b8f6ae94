"""The handbook as an EPUB 3 for e-readers, from the same pages as the book.

Each page of the book (printing.book: its chapters, glossary and references)
and, as an appendix, each practice (its steps and reflection questions, no
write-in boxes, no facilitator notes) is rendered by the HTML builder's
translator, as on the web, and written as one XHTML file: the kit's
directives (crisis lines, glossary terms, citations) come out as they do on
the site, web-only parts and download buttons left out. Links between the
book's pages stay inside the EPUB; links to other pages lead to the
published site (or are plain text without one).

The package is reproducible: files in a fixed order with a fixed time
(SOURCE_DATE_EPOCH when set), and ``dcterms:modified`` from the same time.
EPUBCheck validates it in the tests (tests/site/test_epub.py).
"""

from __future__ import annotations

import html as htmllib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree

import tinyhtml5
from markupsafe import escape
from sphinx.application import Sphinx

from compassion_kit.about import FONT_DIR, PRINT_DIR
from compassion_kit.model import Item
from compassion_kit.printing import book, linksback
from compassion_kit.printing.addresses import footer_safety
from compassion_kit.web.bookdownloads import archive_time
from compassion_kit.web.crisisline import regions_by_paper, safety_lines
from compassion_kit.words import _

# The kit's vendored font (OFL; its licence is in the font files' metadata).
FONTS = tuple(f"atkinson-hyperlegible-next-latin-{weight}-{style}.woff2"
              for weight in (400, 700) for style in ("normal", "italic"))
XHTML = "http://www.w3.org/1999/xhtml"
_ANCHOR = re.compile(r'href="#([^"]*)"')
# The pilcrow link after each heading is the web's (paper hides it with CSS).
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class Chapter:
    """One XHTML file of the EPUB: its name, its title, its body (XHTML)."""

    name: str
    title: str
    body: str


def practices(items: list[Item]) -> list[Item]:
    """The practices of the appendix, in the order of their titles."""
    return sorted((item for item in items if item.kind_info.practice),
                  key=lambda item: item.title.casefold())


def xhtml(fragment: str) -> str:
    """An HTML fragment as well-formed XHTML (parsed as a browser would)."""
    fragment = _HEADERLINK.sub("", fragment)
    tree = tinyhtml5.parse(f"<body>{fragment}</body>", namespace_html_elements=False)
    body = tree.find("body")
    text = htmllib.escape(body.text or "", quote=False)
    return text + "".join(ElementTree.tostring(child, encoding="unicode", method="xml")
                          for child in body)


def _page(lang: str, title: str, body: str, nav: bool = False) -> str:
    epub_ns = ' xmlns:epub="http://www.idpf.org/2007/ops"' if nav else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML}"{epub_ns} lang="{lang}" xml:lang="{lang}">\n'
            f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
            f'<link rel="stylesheet" type="text/css" href="css/book.css"/></head>\n'
            f'<body class="kind-book-epub">\n{body}\n</body>\n</html>\n')


def chapters(app: Sphinx, items: list[Item]) -> list[Chapter]:
    """Every file of the EPUB's text, in reading order: the title page, the
    book's pages, then each practice."""
    parts = book.parts(app)
    extra = [book.Part(item.docname, f"practice-{item.id}") for item in practices(items)]
    everything = parts + extra
    by_uri = {app.builder.get_target_uri(part.docname): part for part in everything}
    names = {part.anchor: f"text/{part.anchor}.xhtml" for part in everything}
    rendered: list[tuple[book.Part, str, str]] = []
    for part in everything:
        tree = book.part_tree(app, part, by_uri, items, reading=True)
        rendered.append((part, book.part_title(tree, part),
                         book.render_part(app, part, tree, by_uri, None)))

    def relink(match: re.Match[str]) -> str:
        anchor = match[1]
        owner = anchor.split("--", 1)[0]
        target = names.get(owner)
        if target is None:
            return match[0]
        return f'href="{target.removeprefix("text/")}#{anchor}"'

    safety = safety_html(app)
    found = [Chapter(names[part.anchor], title, xhtml(_ANCHOR.sub(relink, html) + safety))
             for part, title, html in rendered]
    if extra:  # the appendix opens with a page of its own
        first = next(index for index, chapter in enumerate(found)
                     if chapter.name == names[extra[0].anchor])
        heading = escape(_("Appendix: the practices"))
        lead = escape(_("Each practice in this book, with its steps and questions. The "
                        "printable handouts, with space to write, are on the website."))
        intro = f'<section id="appendix"><h1>{heading}</h1><p>{lead}</p></section>'
        found.insert(first, Chapter("text/appendix.xhtml", str(heading), intro))
    return found


def safety_html(app: Sphinx) -> str:
    """The book's safety line with the crisis lines of the site's region (from
    the crisis-line data, as the web pages show them), for the end of every file."""
    by_paper = regions_by_paper(app.config, "")
    lines = safety_lines(app.env, book.BOOK_SAFETY_LINE, by_paper)
    text = next((text for classes, text in lines if "kit-for-letter" in classes.split()),
                lines[0][1] if lines else "")
    return (f'<aside class="book-safety" aria-label="{escape(_("Need help now?"))}">'
            f'<p>{footer_safety(text)}</p></aside>')


def _title_page(app: Sphinx) -> Chapter:
    address = linksback.base_url(app)
    online = (f'<p>{escape(_("Read it online, with every practice and handout:"))} '
              f'<a href="{escape(address)}">{escape(linksback.short(address))}</a></p>'
              if address else "")
    summary = escape(_("A handbook about moving from empathy to compassion."))
    edition = f"{escape(_('Version'))} {escape(linksback.version(app))}"
    body = (f'<section class="book-cover" id="cover"><h1 class="book-title">'
            f'{escape(app.config.kit_site_name)}</h1><p class="book-summary">{summary}</p>'
            f'<p class="book-edition">{edition} · {escape(app.config.kit_licence)}</p>'
            f'{online}</section>{safety_html(app)}')
    return Chapter("text/cover.xhtml", str(app.config.kit_site_name), xhtml(body))


def _nav(lang: str, title: str, files: list[Chapter]) -> str:
    entries = "".join(f'<li><a href="{escape(chapter.name.removeprefix("text/"))}">'
                      f'{escape(chapter.title)}</a></li>' for chapter in files)
    body = (f'<nav epub:type="toc" id="toc" role="doc-toc"><h1>{escape(_("Contents"))}</h1>'
            f'<ol>{entries}</ol></nav>')
    return _page(lang, title, body, nav=True)


def _opf(app: Sphinx, lang: str, files: list[Chapter], modified: str) -> str:
    title = escape(app.config.kit_site_name)
    identifier = uuid.uuid5(uuid.NAMESPACE_URL,
                            linksback.base_url(app) or f"urn:kit:{app.config.kit_site_name}")
    manifest = [('<item id="nav" href="text/nav.xhtml" media-type="application/xhtml+xml" '
                 'properties="nav"/>'),
                '<item id="css" href="text/css/book.css" media-type="text/css"/>']
    manifest += [f'<item id="font{index}" href="text/fonts/{name}" media-type="font/woff2"/>'
                 for index, name in enumerate(FONTS)]
    manifest += [f'<item id="f{index}" href="{chapter.name}" '
                 f'media-type="application/xhtml+xml"/>' for index, chapter in enumerate(files)]
    spine = "".join(f'<itemref idref="f{index}"/>' for index in range(len(files)))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
            f'unique-identifier="book-id" xml:lang="{lang}">\n'
            f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:identifier id="book-id">urn:uuid:{identifier}</dc:identifier>'
            f'<dc:title>{title}</dc:title><dc:language>{lang}</dc:language>'
            f'<dc:creator>{escape(app.config.kit_author)}</dc:creator>'
            f'<dc:rights>{escape(app.config.kit_licence)}</dc:rights>'
            f'<meta property="dcterms:modified">{modified}</meta>'
            f'<meta property="schema:accessMode">textual</meta>'
            f'<meta property="schema:accessModeSufficient">textual</meta>'
            f'<meta property="schema:accessibilityFeature">structuralNavigation</meta>'
            f'<meta property="schema:accessibilityFeature">tableOfContents</meta>'
            f'<meta property="schema:accessibilityHazard">none</meta>'
            f'<meta property="schema:accessibilitySummary">'
            f'{escape(_("Text with headings, a table of contents and links."))}</meta>'
            f'</metadata>\n<manifest>{"".join(manifest)}</manifest>\n'
            f'<spine>{spine}</spine>\n</package>\n')


CONTAINER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
             '<rootfiles><rootfile full-path="OEBPS/content.opf" '
             'media-type="application/oebps-package+xml"/></rootfiles></container>\n')


def epub_bytes(app: Sphinx, items: list[Item]) -> bytes | None:
    """The EPUB, or None when the project has no book."""
    if not book.parts(app):
        return None
    lang = app.config.language or "en"
    files = [_title_page(app), *chapters(app, items)]
    when = datetime.fromtimestamp(archive_time(), UTC)
    stamp = when.timetuple()[:6]
    css = (PRINT_DIR / "epub.css").read_text(encoding="utf-8")
    entries: list[tuple[str, bytes]] = [
        ("META-INF/container.xml", CONTAINER.encode()),
        ("OEBPS/content.opf", _opf(app, lang, files, when.strftime("%Y-%m-%dT%H:%M:%SZ"))
         .encode()),
        ("OEBPS/text/nav.xhtml", _nav(lang, str(_("Contents")), files).encode()),
        ("OEBPS/text/css/book.css", css.encode()),
        *((f"OEBPS/text/fonts/{name}", (FONT_DIR / name).read_bytes()) for name in FONTS),
        *((f"OEBPS/{chapter.name}",
           _page(lang, chapter.title, chapter.body).encode()) for chapter in files),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype first and stored, as the EPUB container requires.
        info = zipfile.ZipInfo("mimetype", stamp)
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, b"application/epub+zip")
        for name, data in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
