"""The crisis line of "If this feels hard" and "Where to get help", by region.

``{crisis-line}`` puts a placeholder node in the doctree; writers fill it from
the crisis-line data file. A web page shows the site's region (with a link to
the other regions on the support page). A print page carries every region's
sentence, each marked with its region, and the paper's stylesheet shows the
one its edition prints, so one print HTML serves US Letter (the US lines) and
A4 (international lines) alike. No number is ever typed into a content file.
"""

from __future__ import annotations

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .problems import report
from .supportlines import (
    REGIONS,
    SupportDataError,
    data_path,
    fallback_line,
    lines_of,
    load,
    support_line,
)

# Set on the builder while the print body is rendered (printhtml): every region.
PRINT_FLAG = "kit_print_all_regions"
# The support page's section that lists every region (its MyST heading anchor).
OTHER_REGIONS = "crisis-and-support-lines-by-country"


class crisis_line(nodes.General, nodes.Element):
    """Filled by the writer with the region's crisis sentence."""


def sentence(data: dict, region: str) -> str:
    """'<where>: <how to reach> (<name>). In immediate danger: <emergency>.',
    from the region's crisis lines in the data file."""
    info = data["regions"][region]
    crisis = [line for line in lines_of(data, region) if line.crisis]
    reach = "; ".join(f"{line.reach} ({line.name})" for line in crisis)
    where = info.get("where", info["name"])
    return f"{where}: {reach}. In immediate danger: {info['emergency']}."


class CrisisLine(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        path = data_path(self.env)
        self.env.note_dependency(str(path))
        try:
            load(path)
        except SupportDataError as error:
            report(error.problem)
        node = crisis_line()
        self.set_source_info(node)
        return [node]


def _regions(translator, config) -> list[str]:
    if getattr(translator.builder, PRINT_FLAG, False):
        return list(REGIONS)
    return [config.kit_region]


def visit_html(translator, node: crisis_line) -> None:
    builder = translator.builder
    data = load(data_path(builder.env))
    printing = getattr(builder, PRINT_FLAG, False)
    for region in _regions(translator, builder.config):
        classes = f"kit-crisis-line kit-region-variant kit-region-{region}"
        elsewhere = ""
        if not printing:
            href = builder.get_relative_uri(builder.current_docname,
                                            builder.config.kit_support_page)
            elsewhere = (f' <a class="kit-other-regions" href="{escape(href)}#{OTHER_REGIONS}">'
                         "Lines in other countries</a>")
        translator.body.append(f'<p class="{classes}"><strong>Crisis and emergency help.'
                               f"</strong> {escape(sentence(data, region))}{elsewhere}</p>\n")
    raise nodes.SkipNode


def visit_support_line_html(translator, node: support_line) -> None:
    """On a print page, each region's version of the line; on the web, the
    site's (the node's own children)."""
    builder = translator.builder
    if not getattr(builder, PRINT_FLAG, False):
        translator.visit_inline(node)
        return
    data = load(data_path(builder.env))
    for region in REGIONS:
        line = fallback_line(data, region, node["line_id"])
        translator.body.append(f'<span class="kit-support-line kit-region-variant '
                               f'kit-region-{region}"><strong>{escape(line.name)}</strong>: '
                               f"{escape(line.reach)}</span>")
    raise nodes.SkipNode


def depart_support_line_html(translator, node: support_line) -> None:
    translator.depart_inline(node)


def visit_text(translator, node: crisis_line) -> None:
    data = load(data_path(translator.builder.env))
    translator.add_text(sentence(data, translator.builder.config.kit_region))
    raise nodes.SkipNode


def has_crisis_line(section: nodes.Element) -> bool:
    return any(True for _ in section.findall(crisis_line))


def setup_crisisline(app: Sphinx) -> None:
    app.add_node(crisis_line, html=(visit_html, None), epub=(visit_html, None),
                 text=(visit_text, None))
    app.add_node(support_line, html=(visit_support_line_html, depart_support_line_html),
                 epub=(visit_support_line_html, depart_support_line_html))
    app.add_directive("crisis-line", CrisisLine)
