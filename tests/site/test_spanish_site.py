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
- the search page's words come in Spanish without code the pages' policy forbids.

The checks' own tests and the catalogues' completeness: unit/test_translations.py;
the checks themselves: helpers/spanish.py.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.spanish import (
    LANG,
    WORD_LIST,
    english_words,
    kept_names,
    kept_words,
    misspelled,
    page_words,
    reader_text,
    spanish_words,
    without_citations,
)


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


# -- No English ---------------------------------------------------------------------------


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
        problems.extend(f"{here}: alternate {path} is no file of the site"
                        for path in alternates.values() if not (site / path).is_file())
        checked += 1
    print(f"\n{checked} pages: language link and alternates checked")
    assert checked > 40
    assert not problems, "\n".join(problems[:40])


# -- Spelling ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flagged(spanish_pages) -> dict[str, set[str]]:
    """Word -> the pages where hunspell flags it (before the word list)."""
    names, kept = kept_names(), kept_words()
    by_page = {name: page_words(reader_text(without_citations(soup), names)) - kept
               for name, soup in spanish_pages.items()}
    unknown = misspelled(set().union(*by_page.values()))
    found: dict[str, set[str]] = {}
    for name, words in by_page.items():
        for word in words & unknown:
            found.setdefault(word, set()).add(name)
    return found


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
    assert not unneeded, (f"no longer flagged on any page, remove from {WORD_LIST.name}: "
                          f"{unneeded}")


# -- The search page ---------------------------------------------------------------------------


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
