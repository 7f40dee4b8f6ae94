"""The project's gettext catalogues, read by the kit (not only by Sphinx).

A translated edition is built from one catalogue per document in
``locales/<lang>/LC_MESSAGES/`` (``gettext_compact = False``). Sphinx
translates a page's own text from it; the kit reads the same .po files for
what Sphinx never sees (front matter, data files) and to say exactly what is
missing. A catalogue entry counts only when it is there, not empty and not
fuzzy; a message without letters (numbers, signs) needs no translation.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import docname_to_domain

SOURCE_LANGUAGE = "en"

# Where a value sits in front matter or a data file: keys and list indexes.
Where = tuple[str | int, ...]
# (where, a label for translators, the English text) of one value to translate.
Value = tuple[Where, str, str]
Data = TypeVar("Data")


def language(config: Config) -> str:
    """The build's language (the sources' when none is set)."""
    return config.language or SOURCE_LANGUAGE


def is_translation(config: Config) -> bool:
    """Whether this build makes an edition in another language than the sources'."""
    return language(config) != SOURCE_LANGUAGE


def has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


@dataclass(frozen=True)
class Catalogue:
    """One .po file: what it says for each English message."""

    path: Path
    entries: dict[str, tuple[str, bool]]  # msgid -> (msgstr, fuzzy)

    def get(self, message: str) -> str | None:
        """The translation, or None when the entry is missing, empty or fuzzy."""
        if not has_letters(message):
            return message
        found = self.entries.get(message)
        if found is None or found[1] or not found[0].strip():
            return None
        return found[0]

    def why_not(self, message: str) -> str:
        """Why ``get`` found nothing, in words."""
        found = self.entries.get(message)
        if found is None:
            return f"no entry in {self.path}"
        if found[1]:
            return f"marked fuzzy in {self.path}"
        return f"empty in {self.path}"


@lru_cache(maxsize=256)
def _read_po(path: str, _stamp: tuple[int, int]) -> dict[str, tuple[str, bool]]:
    with open(path, "rb") as stream:
        catalog = read_po(stream)
    entries = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.context:
            continue
        text = message.string if isinstance(message.string, str) else ""
        entries[message.id] = (text, message.fuzzy)
    return entries


def read_catalogue(path: Path) -> Catalogue:
    """The catalogue at ``path`` (read again only when the file changed)."""
    stat = path.stat()
    return Catalogue(path, _read_po(str(path), (stat.st_mtime_ns, stat.st_size)))


def catalogue_path(srcdir: str | PathLike[str], config: Config, domain: str,
                   lang: str | None = None) -> Path | None:
    """The .po file of ``domain`` (a docname or a data file's path without
    suffix) for ``lang`` (the build's language), or None."""
    lang = lang or language(config)
    for folder in config.locale_dirs:
        path = Path(srcdir, folder, lang, "LC_MESSAGES", f"{domain}.po")
        if path.is_file():
            return path
    return None


def catalogue(env: Sphinx | BuildEnvironment, domain: str) -> Catalogue | None:
    """The build language's catalogue of ``domain``, or None."""
    path = catalogue_path(env.srcdir, env.config, domain)
    return read_catalogue(path) if path is not None else None


def doc_domain(config: Config, docname: str) -> str:
    """The catalogue (domain) of a document, as Sphinx names it."""
    return docname_to_domain(docname, config.gettext_compact)


# -- Applying a catalogue to values ------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """A value a catalogue does not translate."""

    where: Where
    label: str
    english: str
    why: str


def _put(data: Any, where: Where, value: str) -> None:
    """Set the value at ``where`` in ``data`` (parsed YAML: dicts and lists)."""
    for step in where[:-1]:
        data = data[step]
    data[where[-1]] = value


def translate_values(values: Iterable[Value], data: Data, found: Catalogue | None,
                     catalogue_name: str) -> tuple[Data, list[Missing]]:
    """A copy of ``data`` with each of ``values`` translated (the English one
    where the catalogue has none), and what was missing."""
    translated = copy.deepcopy(data)
    missing = []
    for where, label, english in values:
        text = found.get(english) if found is not None else None
        if text is None:
            if has_letters(english):
                why = found.why_not(english) if found is not None else \
                    f"no catalogue {catalogue_name}"
                missing.append(Missing(where, label, english, why))
            continue
        _put(translated, where, text)
    return translated, missing
