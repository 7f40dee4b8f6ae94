"""A workshop's slides as a 16:9 PDF: the deck web.slidedeck plans, one page
per slide, every word at least 28 pt, dark on white.

Slides have a sheet of their own (model.SLIDES.sheet): their own template
(slides.html) and stylesheet (slides.css), no running footer; the closing
slide prints the crisis lines of the deck's region (the one chosen for
handouts, else the site's).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from sphinx.application import Sphinx

from compassion_kit.model import Item
from compassion_kit.printing.addresses import link_addresses_in_html
from compassion_kit.printing.clinician import ClinicianDetails
from compassion_kit.printing.html import print_templates
from compassion_kit.web.crisisline import sentence
from compassion_kit.web.slidedeck import Slide, plan_deck
from compassion_kit.web.supportlines import localized
from compassion_kit.words import _


def marked(text: str) -> Markup:
    """Escaped text with its **bold** parts in <strong>."""
    parts = re.split(r"\*\*(.+?)\*\*", " ".join(text.split()))
    return Markup("").join(Markup("<strong>{}</strong>").format(part) if index % 2
                           else escape(part) for index, part in enumerate(parts))


def print_html(app: Sphinx, item: Item, details: ClinicianDetails) -> str:
    """The slides' print HTML (every value escaped)."""
    slides: list[Slide] = plan_deck(app, item.meta, app.env.get_doctree(item.docname))
    region = details.region or app.config.kit_handout_region or app.config.kit_region
    # Its web addresses as links, as on every handout (printing.addresses).
    crisis = Markup(link_addresses_in_html(str(escape(
        sentence(localized(app.env), region, app.config.language or "")))))
    return print_templates().get_template("slides.html").render(
        lang=app.config.language or "en",
        title=item.title,
        summary=item.summary,
        author=app.config.kit_author,
        keywords=", ".join([item.kind, *item.audiences]),
        slides=slides,
        marked=marked,
        crisis_label=str(_("Crisis and emergency help.")),
        crisis=crisis,
        licence=app.config.kit_licence,
        site_name=app.config.kit_site_name,
    )
