"""Which characters the handouts can print: those the vendored fonts have.

PDFs are rendered with the kit's fonts only (see printing.render.kit_fonts_only),
so a character outside them would print as an empty box. Checking the text
first gives one message that names the file and line, before any rendering.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from fontTools.ttLib import TTFont

from compassion_kit.about import FONT_DIR
from compassion_kit.problems import Problem


@cache
def covered() -> frozenset[int]:
    """Code points every vendored face (regular, bold, italic) can draw."""
    faces = [set(TTFont(path).getBestCmap()) for path in sorted(FONT_DIR.glob("*.woff2"))]
    return frozenset(set.intersection(*faces)) if faces else frozenset()


def missing(text: str) -> list[str]:
    """Characters of ``text`` the fonts lack, in order of appearance, once each.

    Text is compared composed (NFC), as the shaper draws it; spaces and
    invisible format characters draw no glyph and are not counted.
    """
    have = covered()
    found: dict[str, None] = {}
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        if ord(char) not in have:
            found[char] = None
    return list(found)


def describe(chars: list[str]) -> str:
    """The message for characters the fonts lack (the first five named)."""
    names = ", ".join(f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})"
                      for char in chars[:5])
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    return (f"cannot be printed: the handout fonts have no {names}{more}; "
            "use another character or leave it out")


SILENT = ("style", "script", "title")  # elements whose text is never drawn


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SILENT:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SILENT and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def printed_text(html: str) -> str:
    """The text of a print page that is drawn (not its styles or head)."""
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def problems(html: str, sources: list[Path], what: str) -> list[Problem]:
    """One located problem per file for the characters of ``html`` the fonts
    lack: at the first line of ``sources`` holding one, else at the first source."""
    chars = missing(printed_text(html))
    if not chars:
        return []
    found: dict[tuple[str, int], list[str]] = {}
    for char in chars:
        found.setdefault(_locate(char, sources), []).append(char)
    return [Problem(path, line, what, describe(group), "glyph")
            for (path, line), group in found.items()]


def _locate(char: str, sources: list[Path]) -> tuple[str, int]:
    for source in sources:
        try:
            text = unicodedata.normalize("NFC", source.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeError):
            continue
        index = text.find(char)
        if index >= 0:
            return str(source), text.count("\n", 0, index) + 1
    return str(sources[0]), 1
