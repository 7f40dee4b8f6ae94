"""The way back from paper: each handout prints its web page's address, a QR
code to it, its version and its review date.

The address comes from Sphinx's ``html_baseurl`` (set in conf.py) and the
page's own URL in the build (``-b html`` and ``-b dirhtml`` differ). Without a
base URL a handout prints no address and no code (there is nowhere to lead).
The code is drawn by segno as an inline SVG, so WeasyPrint draws it as
vector paths (sharp at any size, no image file, no network).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import segno
from markupsafe import Markup, escape
from sphinx.application import Sphinx

from compassion_kit.about import __version__
from compassion_kit.i18n.translation import language, site_prefix
from compassion_kit.model import Item
from compassion_kit.words import _

# Error correction M: a crumpled or smudged sheet still scans.
QR_ERROR = "m"


@dataclass(frozen=True)
class LinksBack:
    url: str  # absolute address of the web page ("" without html_baseurl)
    short: str  # the address as printed: no scheme, no "www."
    version: str
    reviewed: str
    next_review: str

    def qr_svg(self) -> Markup:
        """The QR code to ``url`` as inline SVG; its title is its accessible name."""
        if not self.url:
            return Markup("")
        code = segno.make(self.url, error=QR_ERROR, micro=False)
        svg = code.svg_inline(border=0, omitsize=True, title=str(_("QR code: this handout's "
                                                                     "web page")),
                              svgclass="kit-qr", lineclass="kit-qr-line", dark="#000")
        return Markup(svg)


def base_url(app: Sphinx) -> str:
    """The published site's root address (``html_baseurl``; a translation's
    build may name its own folder, ``.../es/``), with one trailing slash, or ''."""
    base = (app.config.html_baseurl or "").strip().rstrip("/")
    folder = site_prefix(language(app)).rstrip("/")
    if folder and base.endswith("/" + folder):
        base = base.removesuffix("/" + folder)
    return base + "/" if base else ""


def absolute(app: Sphinx, path: str) -> str:
    """The published address of ``path`` (from the site's root: the PDFs of
    every language live there), or ''."""
    base = base_url(app)
    return f"{base}{path.lstrip('/')}" if base else ""


def page_address(app: Sphinx, docname: str) -> str:
    """The published address of a page of this build (in its language's folder)."""
    return absolute(app, site_prefix(language(app)) + app.builder.get_target_uri(docname))


def short(url: str) -> str:
    """'https://www.example.org/a/b.html' -> 'example.org/a/b.html'."""
    return re.sub(r"^https?://(www\.)?", "", url)


def version(app: Sphinx) -> str:
    """The kit's release (conf.py ``release``), else the kit's package version."""
    return str(app.config.release or app.config.version or __version__)


def links_back(app: Sphinx, item: Item, docname: str | None = None) -> LinksBack:
    url = page_address(app, docname or item.docname)
    return LinksBack(url=url, short=short(url), version=version(app),
                     reviewed=str(item.meta.get("reviewed") or ""),
                     next_review=str(item.meta.get("next_review") or ""))


def reviewed_words(reviewed: str) -> str:
    """'Reviewed 2026-12-01' (the masthead prints it), or ''."""
    return str(_("Reviewed {date}").format(date=reviewed)) if reviewed else ""


def line_html(links: LinksBack) -> Markup:
    """'Online: example.org/x.html · Version 0.1.0', the address a link (so a
    reader of the PDF can follow it too). The review date is in the masthead."""
    parts = []
    if links.url:
        parts.append(Markup('{}: <a class="kit-url" href="{}">{}</a>').format(
            _("Online"), links.url, links.short))
    parts.append(escape(_("Version {version}").format(version=links.version)))
    return Markup(" · ").join(parts)
