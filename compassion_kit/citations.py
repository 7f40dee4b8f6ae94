"""Citations as readers expect them in plain-language text: (Neff, 2003).

sphinxcontrib-bibtex's author-year style uses square brackets; this registers
the same style with round ones as ``author_year_round``.
"""

from __future__ import annotations

import dataclasses

ROUND_STYLE = "author_year_round"


def register_round_style() -> None:
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
