"""One printable item from its source: the item itself, its facts line, and
the web furniture under its title (summary, badges, caution, print links).

The collector (read/collector.py) validates each source and calls these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from compassion_kit.model import FactsLine, Item, paper_label
from compassion_kit.rules import safety, sections
from compassion_kit.rules.taxonomy import (
    INTENSITY_WORDS,
    audience_list,
    facts_words,
    minutes_words,
    plan_words,
)
from compassion_kit.words import N_, _, ngettext


def single_item(kind_name: str) -> Callable[[str, dict[str, Any]], list[Item]]:
    """Exercises and info sheets yield one item each (of item kind ``kind_name``)."""

    def make(docname: str, data: dict[str, Any]) -> list[Item]:
        return [Item(
            id=data["id"], kind=kind_name, docname=docname, title=data["title"],
            summary=data["summary"], audiences=tuple(data["audiences"]),
            duration_minutes=data.get("duration_minutes") or data.get("reading_minutes"),
            meta=data,
        )]

    return make


# The schema's formats as a handout's masthead prints them (in English, the keys).
FORMAT_FACTS = {"written": N_("written"), "guided": N_("guided"),
                "conversation": N_("conversation"), "group": N_("group"),
                "reflection": N_("reflection")}


def facts(item: Item, evidence: bool = True) -> str:
    """'10 minutes · written · gentle' — the line under the title."""
    meta, shape = item.meta, item.kind_info.facts
    if shape is FactsLine.PRACTICE:
        parts = [minutes_words(meta["duration_minutes"]),
                 str(_(FORMAT_FACTS.get(meta["format"], meta["format"]))),
                 str(INTENSITY_WORDS.get(meta["intensity"], meta["intensity"]))]
        if evidence and meta.get("evidence"):
            parts.append(_("Evidence: {label}").format(
                label=str(safety.EVIDENCE[meta["evidence"]]).lower()))
        return " · ".join(parts)
    if shape is FactsLine.SET:
        return _("{count} handouts").format(count=len(meta["parts"]))
    if shape is FactsLine.PATHWAY:
        return plan_words(len(meta["sessions"]), len(meta["parts"]))
    if shape is FactsLine.LOG:
        # (read.practicelog makes the log items: 'days' is its length.)
        return str(_("{days} days · {count} minutes each time")).format(
            days=meta["days"], count=meta["duration_minutes"])
    if shape is FactsLine.SESSION:
        size = meta["group_size"]
        return _("{minutes} minutes · {min} to {max} people").format(
            minutes=meta["duration_minutes"], min=size["min"], max=size["max"])
    if item.duration_minutes:
        return ngettext("Info sheet · {count} minute to read",
                        "Info sheet · {count} minutes to read",
                        item.duration_minutes).format(count=item.duration_minutes)
    return str(_("Info sheet"))


def audience_words(item: Item) -> str:
    """'clients and readers' rather than the schema's keys."""
    return audience_list(item.audiences)


def evidence_badge(item: Item) -> nodes.paragraph | None:
    """'Evidence: Practice wisdom', with what that label means (web page and card)."""
    label = item.meta.get("evidence")
    if label not in safety.EVIDENCE:
        return None
    # The handout prints the label in its masthead, so the badge is web-only.
    # no-search: the same words on every practice page would swamp the search.
    badge = nodes.paragraph(classes=["kit-evidence", f"kit-evidence-{label}", "kit-web-only",
                                     "no-search"])
    badge += nodes.inline("", _("Evidence: {label}").format(label=safety.EVIDENCE[label]),
                          classes=["kit-badge"])
    badge += nodes.Text(f" ({safety.EVIDENCE_HELP[label]})")
    return badge


def decorate(app: Sphinx, doctree: nodes.document, items: list[Item], docname: str) -> None:
    """Add the summary, facts, caution and print links under the title."""
    [item] = items
    top = sections.top_section(doctree)
    if top is None:  # no title: the body checks have reported it
        return
    furniture: list[nodes.Element] = [
        nodes.paragraph("", item.summary, classes=["kit-summary"]),
        # Words, not schema keys; web only (the handout prints facts() in its masthead).
        nodes.paragraph("", facts_words(item, intensity=False),
                        classes=["kit-facts", "kit-web-only", "no-search"]),
    ]
    intensity = item.meta.get("intensity")
    if item.kind_info.practice and intensity in safety.INTENSITY_HELP:
        furniture.append(nodes.paragraph(
            "", "", nodes.inline("", _("Intensity: {level}").format(
                level=INTENSITY_WORDS.get(intensity, intensity)), classes=["kit-badge"]),
            nodes.Text(f" ({safety.INTENSITY_HELP[intensity]})"),
            classes=["kit-intensity", f"kit-intensity-{intensity}", "kit-web-only", "no-search"]))
    badge = evidence_badge(item)
    if badge is not None:
        furniture.append(badge)
    if item.meta.get("caution"):
        caution = nodes.container(classes=["kit-caution"])
        caution += nodes.paragraph("", "", nodes.strong("", f"{_('Before you start:')} "),
                                   nodes.Text(item.meta["caution"]))
        furniture.append(caution)
    box = print_links(item, docname)
    box["classes"].append("no-search")  # the same words on every item page
    furniture.append(box)
    title_index = top.first_child_matching_class(nodes.title) or 0
    for offset, node in enumerate(furniture, start=1):
        top.insert(title_index + offset, node)


def print_links(item: Item, docname: str, label: str | None = None) -> nodes.container:
    """'Print or save as PDF: US Letter · A4 · Large print' (web only).

    The hrefs are filled in when the page is written (see pdflinks), from
    the builder's own URL of the page: under ``-b dirhtml`` a page sits one
    folder deeper than its docname says.
    """
    label = label if label is not None else str(_("Print or save as PDF"))
    box = nodes.container(classes=["kit-print", "kit-web-only"])
    box += nodes.paragraph("", "", nodes.strong("", f"{label}: "), *pdf_links(item))
    return box


def pdf_links(item: Item, href: Callable[[str], str] | None = None) -> list[nodes.Node]:
    """'US Letter · A4 · Large print' (or the item's own sheet: 'Slides 16:9'),
    each linking ``href(path of that PDF)``; without ``href``, linking the PDF
    from the page it ends up on (filled in at write time from ``kit_pdf``)."""
    links: list[nodes.Node] = []
    for paper in item.papers:
        if links:
            links.append(nodes.Text(" · "))
        path = item.pdf_path(paper)
        link = nodes.reference("", paper_label(paper), refuri=href(path) if href else path,
                               classes=["kit-pdf-link"])
        if href is None:
            link["kit_pdf"] = path
        links.append(link)
    return links
