"""Beyond Empathy kit: exercises, catalogue and print handouts for Sphinx."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from compassion_kit.about import STATIC_DIR, __version__


def _add_static(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> dict[str, Any]:
    from compassion_kit.config import setup_config
    from compassion_kit.i18n.languages import setup_languages
    from compassion_kit.i18n.translation import setup_translation
    from compassion_kit.printing.book import setup_book
    from compassion_kit.printing.package import setup_package
    from compassion_kit.publish.downloads import setup_downloads
    from compassion_kit.publish.outputs import setup_handouts
    from compassion_kit.read.collector import setup_collector
    from compassion_kit.read.pathway_practices import setup_pathway_practices
    from compassion_kit.read.pathways import setup_pathways
    from compassion_kit.read.source_checks import setup_source_checks
    from compassion_kit.read.titles import setup_titles
    from compassion_kit.read.workshops import setup_workshops
    from compassion_kit.web.agreement import setup_agreement
    from compassion_kit.web.citations import setup_citations
    from compassion_kit.web.contraindications import setup_contraindications
    from compassion_kit.web.crisisline import setup_crisisline
    from compassion_kit.web.library import setup_library
    from compassion_kit.web.situations import setup_situations
    from compassion_kit.web.slidedeck import setup_slidedeck
    from compassion_kit.web.supportlines import setup_supportlines
    from compassion_kit.web.webpage import setup_webpage

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    setup_citations(app)
    setup_translation(app)
    setup_config(app)
    setup_collector(app)
    setup_languages(app)
    setup_supportlines(app)
    setup_crisisline(app)
    setup_agreement(app)
    setup_contraindications(app)
    setup_source_checks(app)
    setup_titles(app)
    setup_library(app)
    setup_situations(app)
    setup_webpage(app)
    setup_workshops(app)
    setup_pathways(app)
    setup_pathway_practices(app)
    setup_book(app)
    setup_handouts(app)
    setup_downloads(app)
    setup_package(app)
    setup_slidedeck(app)
    app.connect("config-inited", _add_static)
    app.add_css_file("fonts/fonts.css")
    app.add_css_file("kit.css")
    app.add_js_file("kit.js", loading_method="defer")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
