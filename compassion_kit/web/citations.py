"""Citations as readers expect them in plain-language text: (Neff, 2003).

sphinxcontrib-bibtex's author-year style uses square brackets; this registers
the same style with round ones as ``author_year_round``. In a translated
edition the style joins two authors with the language's word ('Breines y
Chen (2012)').
"""

from __future__ import annotations

import dataclasses

from sphinx.application import Sphinx
from sphinx.config import Config

from compassion_kit.i18n.catalogues import is_translation, language

ROUND_STYLE = "author_year_round"


def register_round_style() -> None:
    """Register ``author_year_round`` with sphinxcontrib-bibtex (when installed)."""
    try:
        from sphinxcontrib.bibtex.plugin import register_plugin
        from sphinxcontrib.bibtex.style.referencing import BracketStyle
        from sphinxcontrib.bibtex.style.referencing.author_year import (
            AuthorYearReferenceStyle,
        )
    except ImportError:  # the project may run without sphinxcontrib-bibtex
        return

    def round_brackets() -> BracketStyle:
        return BracketStyle(left="(", right=")")

    @dataclasses.dataclass
    class RoundAuthorYearStyle(AuthorYearReferenceStyle):
        bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_textual: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_author: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_label: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_year: BracketStyle = dataclasses.field(default_factory=round_brackets)

    register_plugin("sphinxcontrib.bibtex.style.referencing", ROUND_STYLE,
                    RoundAuthorYearStyle)


# -- Citations ----------------------------------------------------------------------------

# The word between two authors of a citation, by language: 'Breines y Chen (2012)'.
CITATION_AND = {"es": " y "}


def localize_citations(app: Sphinx, config: Config) -> None:
    """In a translated edition, citations join authors with the language's word
    (the kit's round author-year style, registered again under another name)."""
    word = CITATION_AND.get(language(config))
    if not is_translation(config) or word is None or \
            getattr(config, "bibtex_reference_style", None) != ROUND_STYLE:
        return
    from sphinxcontrib.bibtex.plugin import find_plugin, register_plugin
    from sphinxcontrib.bibtex.style.referencing import PersonStyle

    group = "sphinxcontrib.bibtex.style.referencing"
    # The round style with the language's word between authors (made here: the
    # base is the class registered under ROUND_STYLE, known only at run time).
    localized_style = dataclasses.make_dataclass(
        "LocalizedStyle",
        [("person", PersonStyle, dataclasses.field(
            default_factory=lambda: PersonStyle(sep2=word, last_sep=word)))],
        bases=(find_plugin(group, ROUND_STYLE),))
    name = f"{ROUND_STYLE}_{language(config)}"
    register_plugin(group, name, localized_style, force=True)
    config.bibtex_reference_style = name


def setup_citations(app: Sphinx) -> None:
    register_round_style()
    app.connect("config-inited", localize_citations, priority=900)  # after conf.py's values
