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
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.text import TextTranslator

from compassion_kit.i18n.catalogues import language
from compassion_kit.kitnodes import crisis_line
from compassion_kit.problems import Problem, report
from compassion_kit.web.supportlines import (
    SupportDataError,
    data_path,
    fallback_line,
    lines_of,
    localized,
    note_dependencies,
    support_line,
)
from compassion_kit.words import _

# Set on the builder while the print body is rendered (printing.html): a mapping of
# paper -> region. Each region used is written once, marked with the papers
# that print it; paper-<paper>.css hides the rest.
PRINT_FLAG = "kit_print_regions"
PAPERS = ("letter", "a4", "large-print", "large-print-a4")
# With no region chosen, US Letter and large print carry the site's region and
# A4 (regular or large print), which mostly travels outside the US, the
# international lines.
A4_DEFAULT = "intl"
A4_PAPERS = ("a4", "large-print-a4")
# The support page's section that lists every region (its MyST heading anchor).
OTHER_REGIONS = "crisis-and-support-lines-by-country"


def sentence(data: dict, region: str, lang: str = "") -> str:
    """'<where>: <how to reach> (<name>). In immediate danger: <emergency>.',
    from the region's crisis lines in the data file; in an edition in ``lang``,
    also the lines that answer in that language (the US line's Spanish option)."""
    info = data["regions"][region]
    crisis = [line for line in lines_of(data, region)
              if line.crisis or (lang and line.language == lang)]
    reach = "; ".join(f"{line.reach} ({line.name})" for line in crisis)
    where = info.get("where", info["name"])
    return _("{where}: {reach}. In immediate danger: {emergency}.").format(
        where=where, reach=reach, emergency=info["emergency"])


class CrisisLine(SphinxDirective):
    """``{crisis-line}``: the region's crisis line, written when the page is."""

    def run(self) -> list[nodes.Node]:
        note_dependencies(self.env)
        try:
            localized(self.env)
        except SupportDataError as error:
            report(error.problem)
        node = crisis_line()
        self.set_source_info(node)
        return [node]


def regions_by_paper(config: Config, chosen: str = "") -> dict[str, str]:
    """The region each paper prints: the chosen one (handouts.toml or
    ``kit_handout_region``) for all, else the site's region and A4 international."""
    chosen = chosen or config.kit_handout_region
    if chosen:
        return dict.fromkeys(PAPERS, chosen)
    return {paper: (A4_DEFAULT if paper in A4_PAPERS else config.kit_region) for paper in PAPERS}


def variants(by_paper: dict[str, str] | None, site_region: str) -> list[tuple[str, str]]:
    """(region, extra classes) to write: on the web the site's region only; on
    paper each region in use, with a 'kit-for-<paper>' class per paper."""
    if not by_paper:
        return [(site_region, "")]
    regions = dict.fromkeys(by_paper.values())
    return [(region, " ".join(f"kit-for-{paper}" for paper, used in by_paper.items()
                              if used == region)) for region in regions]


def visit_html(translator: HTML5Translator, node: crisis_line) -> None:
    builder = translator.builder
    data = localized(builder.env)
    lang = language(builder.config)
    printing = getattr(builder, PRINT_FLAG, None)
    for region, papers in variants(printing, builder.config.kit_region):
        classes = f"kit-crisis-line kit-region-variant kit-region-{region} {papers}".strip()
        elsewhere = ""
        if not printing:
            href = builder.get_relative_uri(builder.current_docname,
                                            builder.config.kit_support_page)
            elsewhere = (f' <a class="kit-other-regions" href="{escape(href)}#{OTHER_REGIONS}">'
                         f"{escape(_('Lines in other countries'))}</a>")
        translator.body.append(f'<p class="{classes}"><strong>'
                               f"{escape(_('Crisis and emergency help.'))}"
                               f"</strong> {escape(sentence(data, region, lang))}{elsewhere}</p>\n")
    raise nodes.SkipNode


def visit_support_line_html(translator: HTML5Translator, node: support_line) -> None:
    """On a print page, each region's version of the line; on the web, the
    site's (the node's own children)."""
    builder = translator.builder
    printing = getattr(builder, PRINT_FLAG, None)
    if not printing:
        translator.visit_inline(node)
        return
    data = localized(builder.env)
    for region, papers in variants(printing, builder.config.kit_region):
        line = fallback_line(data, region, node["line_id"])
        if line is None:
            report(Problem(str(data_path(builder.env)), 1, "data",
                           f"region '{region}' has no line '{node['line_id']}' and no line "
                           "marked crisis to print instead"))
            continue
        translator.body.append(f'<span class="kit-support-line kit-region-variant '
                               f'kit-region-{region} {papers}"><strong>{escape(line.name)}'
                               f"</strong>: {escape(line.reach)}</span>")
    raise nodes.SkipNode


def depart_support_line_html(translator: HTML5Translator, node: support_line) -> None:
    translator.depart_inline(node)


def visit_text(translator: TextTranslator, node: crisis_line) -> None:
    config = translator.builder.config
    data = localized(translator.builder.env)
    translator.add_text(sentence(data, config.kit_region, language(config)))
    raise nodes.SkipNode


def safety_lines(env: BuildEnvironment, intro: str, by_paper: dict[str, str]
                 ) -> list[tuple[str, str]]:
    """The footer's safety line per region in use: (classes, text)."""
    data = localized(env)
    lang = language(env.config)
    intro = _(intro)  # the default (config.SAFETY_LINE) is in the kit's catalogue
    return [(f"kit-region-variant kit-region-{region} {papers}",
             f"{intro} {sentence(data, region, lang)}")
            for region, papers in variants(by_paper, "")]


def setup_crisisline(app: Sphinx) -> None:
    app.add_node(crisis_line, html=(visit_html, None), epub=(visit_html, None),
                 text=(visit_text, None))
    app.add_node(support_line, html=(visit_support_line_html, depart_support_line_html),
                 epub=(visit_support_line_html, depart_support_line_html))
    app.add_directive("crisis-line", CrisisLine)
