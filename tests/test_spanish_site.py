"""The Spanish site, as a Spanish-speaking reader meets it (issue 13), checked
on the built HTML (the browser tests run the same pages in Chromium):

- no English word of the kit's or the theme's on any Spanish page: what is
  read (text) and what is spoken (aria-label, title, placeholder, alt, the
  words kit.js shows), the page's title and description. English is allowed
  where the page says so (``lang="en"``: the title of a page that exists only
  in English) and for what the translators kept of the crisis lines (names
  such as "Crisis Text Line", words to text such as START: the data file's
  catalogue says which);
- a language switcher on every page of both sites that leads to the same
  page in the other language when it exists (else to the Spanish home), and
  ``<link rel="alternate" hreflang>`` in the head of each;
- Spanish spelling: Debian's hunspell with the es_MX dictionary over the text
  of every Spanish page, with a small word list (tests/spelling-words-es.txt);
- the kit's own catalogue and the templates' catalogue are complete, and the
  search page's words come in Spanish without code the pages' policy forbids.
"""

from __future__ import annotations

import copy
import os
import posixpath
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


def _read(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def es_site(site) -> Path:
    found = site / LANG
    assert (found / "index.html").is_file(), (
        f"no Spanish site in {found}: `nox -s build` builds it after the English one")
    return found


@pytest.fixture(scope="module")
def spanish_pages(es_site) -> dict[str, BeautifulSoup]:
    pages = {path.relative_to(es_site).as_posix(): _read(path)
             for path in sorted(es_site.rglob("*.html"))}
    assert {"index.html", "exercises/index.html", "search.html"} <= set(pages)
    return pages


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
    found = []
    for match in WORD.finditer(text):
        if match[0].lower() in ENGLISH and match[0] not in kept:
            found.append((match[0], text[max(0, match.start() - 40): match.end() + 40]))
    return found


# -- No English ---------------------------------------------------------------------------


def test_the_english_check_finds_english_and_lets_marked_english_be():
    soup = BeautifulSoup(
        '<html lang="es"><head><title>Práctica</title></head><body>'
        '<p>Descarga la hoja. <button aria-label="Download the PDF">PDF</button></p>'
        '<a hreflang="en"><span lang="en">The handbook</span> (en inglés)</a>'
        '<p>Llama a Crisis Text Line. Date una pausa.</p></body></html>', "html.parser")
    text = reader_text(soup, names=["Crisis Text Line"])
    assert sorted(word for word, _ in english_words(text)) == ["Download", "the"]
    assert [word for word, _ in english_words("Envía START al 88788. Start here.",
                                              frozenset({"START"}))] == ["Start", "here"]


def test_no_english_on_any_spanish_page(spanish_pages):
    names, kept = kept_names(), kept_words()
    problems = []
    for name, soup in spanish_pages.items():
        assert soup.html.get("lang") == LANG, f"{name}: <html lang={soup.html.get('lang')!r}>"
        for word, context in english_words(reader_text(soup, names), kept):
            problems.append(f"{name}: '{word}' in …{context}…")
    print(f"\n{len(spanish_pages)} Spanish pages read")
    assert not problems, f"{len(problems)} English words:\n" + "\n".join(problems[:60])


def test_spanish_pages_name_the_site_in_spanish(spanish_pages):
    home = spanish_pages["index.html"]
    assert home.title.get_text(strip=True) == "Más allá de la empatía"
    for name, soup in spanish_pages.items():
        brand = soup.select_one(".sidebar-brand-text")
        assert brand is not None and brand.get_text(strip=True) == "Más allá de la empatía", name


# -- The language switcher and hreflang -----------------------------------------------------


def _alternates(soup: BeautifulSoup, here: str) -> dict[str, str]:
    """hreflang -> path from the site root, for this page's alternate links
    (absolute ones are read against this page's own alternate)."""
    links = {tag["hreflang"]: tag["href"] for tag in soup.find_all(
        "link", rel="alternate", hreflang=True)}
    own = next((href for href in links.values() if href.endswith("/" + here)
                or href == here), None)
    found = {}
    for lang, href in links.items():
        if "://" in href and own is not None and "://" in own:
            base = own[: -len(here)]
            found[lang] = href.removeprefix(base) if href.startswith(base) else href
        elif "://" not in href:  # relative to this page
            found[lang] = posixpath.normpath(posixpath.join(posixpath.dirname(here), href))
        else:
            found[lang] = href
    return found


def test_every_page_of_both_sites_switches_language_to_the_same_page(site, es_site):
    problems, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        here = page.relative_to(site).as_posix()
        spanish = here.startswith(f"{LANG}/")
        soup = _read(page)
        links = soup.select("nav.kit-lang a[hreflang]")
        if len(links) != 1:
            problems.append(f"{here}: {len(links)} language links")
            continue
        link = links[0]
        target = (page.parent / link["href"]).resolve()
        if spanish:
            want = site / here.removeprefix(f"{LANG}/")
            lang, label = "en", "English"
        else:
            counterpart = es_site / here
            want = counterpart if counterpart.is_file() else es_site / "index.html"
            lang, label = LANG, "Español" if counterpart.is_file() else "Inicio en español"
        if not target.is_file():
            problems.append(f"{here}: the language link {link['href']} leads nowhere")
        elif target != want.resolve():
            problems.append(f"{here}: the language link leads to {target.relative_to(site)}, "
                            f"not {want.relative_to(site)}")
        if (link["hreflang"], link.get("lang"), link.get_text(strip=True)) != (lang, lang, label):
            problems.append(f"{here}: language link {link}")
        # hreflang alternates: this page and its translation, each a file of the site.
        alternates = _alternates(soup, here)
        english = here.removeprefix(f"{LANG}/")
        expected = {"en": english, "x-default": english}
        if spanish or (es_site / here).is_file():
            expected[LANG] = f"{LANG}/{english}"
        if alternates != expected:
            problems.append(f"{here}: alternates {alternates}, expected {expected}")
        for path in alternates.values():
            if not (site / path).is_file():
                problems.append(f"{here}: alternate {path} is no file of the site")
        checked += 1
    print(f"\n{checked} pages: language link and alternates checked")
    assert checked > 40
    assert not problems, "\n".join(problems[:40])


# -- Spelling ---------------------------------------------------------------------------------


def spanish_words() -> set[str]:
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


def _page_words(text: str) -> set[str]:
    return {word for match in WORD.finditer(text) for word in re.split(r"['’]", match[0])
            if len(word) > 1}


def _without_citations(soup: BeautifulSoup) -> BeautifulSoup:
    """Cited authors' names (Neff, 2003) are no words of the language."""
    soup = copy.copy(soup)
    for tag in soup.select(".bibtex-citation, .citation"):
        tag.decompose()
    return soup


@pytest.fixture(scope="module")
def flagged(spanish_pages) -> dict[str, set[str]]:
    """Word -> the pages where hunspell flags it (before the word list)."""
    names, kept = kept_names(), kept_words()
    by_page = {name: _page_words(reader_text(_without_citations(soup), names)) - kept
               for name, soup in spanish_pages.items()}
    unknown = misspelled(set().union(*by_page.values()))
    found: dict[str, set[str]] = {}
    for name, words in by_page.items():
        for word in words & unknown:
            found.setdefault(word, set()).add(name)
    return found


def test_hunspell_finds_a_planted_misspelling():
    assert misspelled({"compasión", "práctica", "escríbelo", "recuérdales", "conpasion",
                       "praktica", "escríbelu"}) == {"conpasion", "praktica", "escríbelu"}


def test_spanish_pages_are_spelled_right(flagged):
    allowed = spanish_words()
    wrong = {word: pages for word, pages in flagged.items()
             if word not in allowed and word.lower() not in allowed}
    assert not wrong, (f"hunspell (es_MX) does not know these words; fix them, or add names "
                       f"and terms to {WORD_LIST.name}:\n" + "\n".join(
                           f"  {word}: {', '.join(sorted(pages)[:3])}"
                           for word, pages in sorted(wrong.items())))


def test_the_spanish_word_list_is_small_and_every_word_is_needed(flagged):
    lines = [line.strip() for line in WORD_LIST.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) <= 80, "the Spanish word list is meant to stay small"
    assert len(set(lines)) == len(lines), "each word once"
    assert lines == sorted(lines, key=str.casefold), "keep it sorted"
    seen = set(flagged) | {word.lower() for word in flagged}
    unneeded = [word for word in lines if word not in seen]
    assert not unneeded, f"no longer flagged on any page, remove from {WORD_LIST.name}: " \
                         f"{unneeded}"


# -- The catalogues of the kit and of the templates -----------------------------------------


def test_the_kit_catalogue_is_complete():
    """Every string the kit marks (Python, print templates) is in
    compassion_kit.po and translated (not fuzzy); none is left over.
    Fix: `python -m compassion_kit.i18n.translation update`, then translate."""
    from compassion_kit.i18n import translation

    assert translation.problems(LANG) == []


def _template_messages() -> set[str]:
    from jinja2 import Environment

    environment = Environment(extensions=["jinja2.ext.i18n"])
    found = set()
    for path in sorted((REPO / "docs" / "_templates").rglob("*.html")):
        for _line, _function, message in environment.extract_translations(
                path.read_text(encoding="utf-8")):
            found.add(message)
    return found


def test_the_templates_catalogue_is_complete():
    """Every _() of docs/_templates (and conf.py's reader-facing strings) is in
    locales/es/LC_MESSAGES/sphinx.po, translated and not fuzzy."""
    from babel.messages.pofile import read_po

    from compassion_kit.i18n.translation import SITE_WORDS

    with (REPO / "locales" / LANG / "LC_MESSAGES" / "sphinx.po").open("rb") as handle:
        catalog = read_po(handle)
    conf: dict = {}
    exec(compile((REPO / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"),  # noqa: S102
         {"__file__": str(REPO / "conf.py")}, conf)
    wanted = _template_messages() | {conf[name] for name in SITE_WORDS if conf.get(name)}
    problems = []
    for message in sorted(wanted):
        entry = catalog.get(message)
        if entry is None:
            problems.append(f"missing: {message!r}")
        elif entry.fuzzy or not entry.string:
            problems.append(f"untranslated or fuzzy: {message!r}")
    assert not problems, "\n".join(problems)


def test_the_search_page_speaks_spanish_within_the_policy(es_site):
    """Sphinx's Spanish search words leave the result count empty; the kit's
    translations.js gives them all, without compiling code at run time (the
    pages' Content-Security-Policy forbids eval)."""
    script = (es_site / "_static" / "translations.js").read_text(encoding="utf-8")
    assert "new Function" not in script and "addTranslations(" not in script
    assert "Resultados de la búsqueda" in script and "encontramos ${resultCount}" in script
    search = _read(es_site / "search.html")
    scripts = [tag["src"].split("?")[0] for tag in search.find_all("script", src=True)]
    assert any(src.endswith("translations.js") for src in scripts), scripts
    home = _read(es_site / "index.html")
    assert not [tag for tag in home.find_all("script", src=True)
                if tag["src"].split("?")[0].endswith("translations.js")], \
        "only the search page needs it"
