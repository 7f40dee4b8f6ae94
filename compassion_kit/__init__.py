"""Beyond Empathy kit: exercises, catalogue and print handouts for Sphinx."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

__version__ = "0.1.0"
STATIC_DIR = Path(__file__).parent / "assets" / "static"


def _add_static(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> dict:
    from .agreement import setup_agreement
    from .assets_check import setup_assets_check
    from .citations import register_round_style
    from .collector import setup_collector
    from .config import setup_config
    from .contraindications import setup_contraindications
    from .crisisline import setup_crisisline
    from .handouts import setup_handouts
    from .languages import setup_languages
    from .library import setup_library
    from .supportlines import setup_supportlines
    from .titles import setup_titles
    from .translation import setup_translation
    from .webpage import setup_webpage
    from .workshops import setup_workshops

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    register_round_style()
    setup_translation(app)
    setup_config(app)
    setup_collector(app)
    setup_languages(app)
    setup_supportlines(app)
    setup_crisisline(app)
    setup_agreement(app)
    setup_contraindications(app)
    setup_assets_check(app)
    setup_titles(app)
    setup_library(app)
    setup_webpage(app)
    setup_workshops(app)
    setup_handouts(app)
    app.connect("config-inited", _add_static)
    app.add_css_file("fonts/fonts.css")
    app.add_css_file("kit.css")
    app.add_js_file("kit.js", loading_method="defer")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
