"""Keys and short printed references from the project's BibTeX file.

A broken file is reported once with its own name and line (pybtex's message
alone names neither), and everything that reads it fails soft: the kit then
reports the sources it cannot find instead of stopping with a traceback.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import latexcodec  # noqa: F401  (registers the "latex+utf8" codec)
from pybtex.database import BibliographyData, Entry, parse_file
from pybtex.exceptions import PybtexError

from compassion_kit.problems import Problem, report, stop

if TYPE_CHECKING:  # the rules run without Sphinx; only check_files is handed its objects
    from sphinx.application import Sphinx
    from sphinx.config import Config


class BibliographyError(Exception):
    """A BibTeX file that cannot be read, with the located problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@cache
def _load(path: str, mtime_ns: int) -> BibliographyData | BibliographyError:
    try:
        return parse_file(path, bib_format="bibtex")
    except PybtexError as error:
        line = getattr(error, "lineno", None) or 1
        message = re.sub(r"^syntax error in line \d+: | in line \d+", "", str(error))
        return BibliographyError(Problem(path, line, "bibliography",
                                         f"cannot be read: {message}", "bibliography"))
    except (UnicodeDecodeError, ValueError) as error:
        return BibliographyError(Problem(path, 1, "bibliography", f"cannot be read: {error}",
                                         "bibliography"))


def load(path: str | Path) -> BibliographyData:
    """Parse ``path`` once per version of the file; raise BibliographyError if broken."""
    path = Path(path)
    found = _load(str(path), path.stat().st_mtime_ns)
    if isinstance(found, BibliographyError):
        raise found
    return found


_reported: set[tuple[str, int]] = set()


def keys(path: str | Path) -> set[str]:
    """The keys of ``path``; a broken file is reported (once) and has no keys."""
    try:
        return set(load(path).entries)
    except BibliographyError as error:
        _report_once(error)
        return set()


def _report_once(error: BibliographyError) -> None:
    seen = (error.problem.path, error.problem.line)
    if seen not in _reported:
        _reported.add(seen)
        report(error.problem)


def check_files(app: Sphinx, config: Config) -> None:
    """Stop at once, with file and line, on a bibliography that cannot be
    parsed: sphinxcontrib-bibtex would otherwise stop with a traceback that
    names neither."""
    names = [config.kit_bibliography, *getattr(config, "bibtex_bibfiles", [])]
    for name in dict.fromkeys(names):
        path = Path(app.srcdir, name)
        if path.is_file():
            try:
                load(path)
            except BibliographyError as error:
                stop(error.problem)


def _authors(entry: Entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(person.last_names) for person in people]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " & ".join(names)


def _text(value: str) -> str:
    """BibTeX spells accents in LaTeX (Fl\\"uckiger): print them as letters.
    A bare '%' is a LaTeX comment that would swallow the rest of the title,
    so it is read as the percent sign the author meant."""
    value = re.sub(r"(?<!\\)%", r"\\%", value)
    # (the codec reads UTF-8 bytes: what "ulatex" does to a str, in the types
    # bytes.decode promises)
    return value.encode("utf-8").decode("latex+utf8").replace("{", "").replace("}", "")


def short_reference(path: str | Path, key: str) -> str | None:
    """One line a reader can look up: authors (year). Title. Venue. DOI.
    None when the key (or the file) cannot be read."""
    try:
        entry = load(path).entries.get(key)
    except BibliographyError as error:
        _report_once(error)
        return None
    if entry is None:
        return None
    fields = entry.fields
    parts = [f"{_text(_authors(entry))} ({_text(fields.get('year', 'n.d.'))}).",
             f"{_text(fields.get('title', key))}."]
    venue = fields.get("journal") or fields.get("booktitle") or fields.get("publisher")
    if venue:
        parts.append(f"{_text(venue)}.")
    # Addresses are printed as written: decoding them as LaTeX would eat a
    # '%20' or turn '~' into a space.
    if fields.get("doi"):
        parts.append(f"https://doi.org/{fields['doi']}")
    elif fields.get("url"):
        parts.append(fields["url"])
    return " ".join(parts)
