"""Keys and short printed references from the project's BibTeX file."""

from __future__ import annotations

import codecs
from functools import cache
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.database import BibliographyData, parse_file


@cache
def _load(path: str, mtime_ns: int) -> BibliographyData:
    return parse_file(path, bib_format="bibtex")


def load(path: str | Path) -> BibliographyData:
    """Parse ``path`` once per version of the file."""
    path = Path(path)
    return _load(str(path), path.stat().st_mtime_ns)


def keys(path: str | Path) -> set[str]:
    return set(load(path).entries)


def _authors(entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(person.last_names) for person in people]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " & ".join(names)


def short_reference(path: str | Path, key: str) -> str:
    """One line a reader can look up: authors (year). Title. Venue. DOI."""
    entry = load(path).entries[key]
    fields = entry.fields
    parts = [f"{_authors(entry)} ({fields.get('year', 'n.d.')}).", f"{fields.get('title', key)}."]
    venue = fields.get("journal") or fields.get("booktitle") or fields.get("publisher")
    if venue:
        parts.append(f"{venue}.")
    if fields.get("doi"):
        parts.append(f"https://doi.org/{fields['doi']}")
    elif fields.get("url"):
        parts.append(fields["url"])
    # BibTeX spells accents in LaTeX (Fl\"uckiger): print them as letters.
    return " ".join(codecs.decode(part, "ulatex").replace("{", "").replace("}", "")
                    for part in parts)
