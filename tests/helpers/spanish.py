"""The Spanish site's text as its checks read it: what a reader reads or
hears, the English words in it (but the names and the words to type that the
translators kept), and the words hunspell's Mexican Spanish dictionary does
not know."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from compassion_kit.testing import REPO

LANG = "es"
WORD_LIST = REPO / "tests" / "spelling-words-es.txt"
DATA_CATALOGUE = REPO / "locales" / LANG / "LC_MESSAGES" / "docs" / "_data" / "crisis-lines.po"
HUNSPELL_HINT = ("No Spanish spell checker. Install hunspell with its Spanish dictionaries "
                 "(Debian/Ubuntu: `sudo apt-get install -y hunspell hunspell-es`).")

# Common English words that are not also Spanish words (no "a", "no", "me", "notes",
# "son", "date", "crisis", "total", "error", "plan"...): any of them in a
# Spanish page means a string the kit, the templates or the theme left in English.
_ENGLISH_WORDS = """
    the and your you with for of to from this that these what when how why where is are be
    it on or at by an all more help need now call text minute minutes page pages download
    print save filter filters clear show showing shown search results practice practices
    sheet sheets kind length intensity evidence chapter format gentle moderate deep clients
    readers teams clinicians helpers written guided conversation group reflection letter
    large next previous home skip content back top contents menu toggle light dark mode made
    related include checked last updated people only read about here nothing matches
    try fewer them handout handouts handbook workshop workshops guide workbook beyond empathy
    compassion lines other countries emergency immediate danger lifeline suicide before start
    works reflect hard feels facilitators reviewed version sources phone online step steps day
    days log share yours january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
# Text that is spoken but not shown.
SPOKEN = ("aria-label", "title", "placeholder", "alt", "data-kit-all", "data-kit-some",
          "data-kit-shown")
META = ("description", "og:title", "og:description", "og:site_name")
# Names that stay as they are in every language.
KEPT = ("CC BY-SA", "Mindful Self-Compassion")
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:org|com|net|gov|uk|ie|au|nz|ca)\b\S*")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _data_catalogue():
    from babel.messages.pofile import read_po

    if not DATA_CATALOGUE.is_file():
        return []
    with DATA_CATALOGUE.open("rb") as handle:
        return [message for message in read_po(handle) if message.id and message.string]


def kept_names() -> list[str]:
    """Names of crisis lines the Spanish catalogue keeps as they are
    (msgstr == msgid: 'Crisis Text Line', 'Samaritans'), longest first."""
    names = {message.id for message in _data_catalogue() if message.string == message.id
             and any(comment.rstrip().endswith(".name") for comment in message.auto_comments)}
    return sorted(names, key=len, reverse=True)


def kept_words() -> frozenset[str]:
    """Words a crisis line's Spanish text keeps from the English one: what a
    person must type or choose there ("envía START al 88788", "“ASL Now”")."""
    kept = set()
    for message in _data_catalogue():
        kept |= {match[0] for match in WORD.finditer(message.id)} & {
            match[0] for match in WORD.finditer(message.string)}
    return frozenset(kept)


def reader_text(soup: BeautifulSoup, names: list[str] = ()) -> str:
    """What a reader of the page reads or hears, without what is marked as
    another language, bibliographic data (the works cited keep their own
    language) and the names the translators kept."""
    soup = copy.copy(soup)
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    for tag in soup.find_all(lang=True):
        if tag.name != "html" and not tag["lang"].lower().startswith(LANG):
            tag.decompose()
    for tag in soup.select(".bibtex-citation a[title], .citation"):
        if tag.has_attr("title"):
            del tag["title"]
        else:
            tag.decompose()
    parts = [soup.get_text(" ")]
    for attribute in SPOKEN:
        parts += [tag[attribute] for tag in soup.find_all(attrs={attribute: True})
                  if tag.name != "link"]
    for name in META:
        parts += [tag.get("content", "") for tag in soup.find_all(
            "meta", attrs={"name": name}) + soup.find_all("meta", attrs={"property": name})]
    text = ADDRESS.sub(" ", " ".join(" ".join(parts).split()))
    text = re.sub(r"\{\w+\}", " ", text)  # {total} in the words kit.js fills in
    for name in (*names, *KEPT):
        text = text.replace(name, " ")
    return text


def english_words(text: str, kept: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(word, the words around it) for each English word of ``text`` (but the
    ``kept`` ones)."""
    return [(match[0], text[max(0, match.start() - 40): match.end() + 40])
            for match in WORD.finditer(text)
            if match[0].lower() in ENGLISH and match[0] not in kept]


def spanish_words() -> set[str]:
    """The word list's words."""
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _hunspell() -> list[str]:
    command = shutil.which("hunspell")
    dictionaries = [Path(folder, "es_MX.dic") for folder in
                    ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")]
    if command is None or not any(path.is_file() for path in dictionaries):
        if os.environ.get("CI"):
            pytest.fail(f"{HUNSPELL_HINT} CI is set: a missing spell checker is a failure.")
        pytest.skip(HUNSPELL_HINT)
    return [command, "-d", "es_MX", "-i", "utf-8", "-l"]


def _unknown(words: set[str]) -> set[str]:
    done = subprocess.run(_hunspell(), input="\n".join(sorted(words)) + "\n",
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return set(done.stdout.split())


# Pronouns joined to a verb ("escríbelo", "ayúdala", "recuérdales", "dite"), longest
# first: hunspell's Spanish dictionaries know the verb, not every such form.
ENCLITICS = ("selos", "selas", "selo", "sela", "melo", "mela", "telo", "tela", "noslo",
             "nosla", "los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se")
_PLAIN = str.maketrans("áéíóú", "aeiou")


def _verb_of(word: str) -> str | None:
    """The verb of a verb with pronouns joined to it, without the accent the
    pronouns added ("escríbelo" -> "escribe"), or None."""
    for pronouns in ENCLITICS:
        if word.lower().endswith(pronouns) and len(word) > len(pronouns) + 1:
            return word[: -len(pronouns)].translate(_PLAIN)
    return None


def misspelled(words: set[str]) -> set[str]:
    """The words hunspell's Mexican Spanish dictionary does not know (a verb
    with pronouns joined to it counts as known when the verb is)."""
    unknown = _unknown(words)
    verbs = {word: _verb_of(word) for word in unknown}
    known_verbs = {verb for verb in verbs.values() if verb}
    unknown_verbs = _unknown(known_verbs) if known_verbs else set()
    return {word for word in unknown if not verbs[word] or verbs[word] in unknown_verbs}


def page_words(text: str) -> set[str]:
    return {word for match in WORD.finditer(text) for word in re.split(r"['’]", match[0])
            if len(word) > 1}


def without_citations(soup: BeautifulSoup) -> BeautifulSoup:
    """Cited authors' names (Neff, 2003) are no words of the language."""
    soup = copy.copy(soup)
    for tag in soup.select(".bibtex-citation, .citation"):
        tag.decompose()
    return soup
