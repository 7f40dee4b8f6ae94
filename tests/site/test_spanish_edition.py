"""The kit's Spanish edition (issue 13), as a reader and a clinician meet it,
on the kit's own build (the ``site`` fixture builds English, then Spanish, as
``nox -s build`` does): Spanish pages for exactly the documents that have a
catalogue, Spanish PDFs for each of their handouts with the Spanish safety
line, catalogues that link each item to its translation, links to pages the
edition lacks that lead to the English page, plain Spanish.

(A fixture project with a small Spanish edition: fixtures/test_spanish_fixture.py.)
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import textstat
from bs4 import BeautifulSoup
from helpers.pdfcheck import flat_text, lang, open_pdf
from helpers.readability import client_text

from compassion_kit.i18n import languages
from compassion_kit.testing import REPO, load_catalog

SPANISH = "es"
CONFIG = SimpleNamespace(locale_dirs=["locales"], language=SPANISH, gettext_compact=False)
NOT_PAGES = ("genindex", "search")
MIN_READING_EASE = 70  # Fernández-Huerta: 70 and up is "fairly easy" in Spanish


def test_the_spanish_site_has_exactly_the_documents_with_a_catalogue(site):
    spanish = site / SPANISH
    pages = {path.relative_to(spanish).with_suffix("").as_posix()
             for path in spanish.rglob("*.html")
             if not path.relative_to(spanish).parts[0].startswith("_")}
    scope = languages.scope(REPO, CONFIG)
    assert {"index", "docs/glossary", "docs/guides/finding-support"} <= scope
    assert pages - set(NOT_PAGES) == scope
    for docname in sorted(scope):
        head = (spanish / f"{docname}.html").read_text(encoding="utf-8")[:400]
        assert re.search(r'<html[^>]* lang="es"', head), docname


def test_every_spanish_item_has_its_pdfs_with_lang_es(site):
    english = {entry["id"]: entry for entry in load_catalog(site)}
    spanish = {entry["id"]: entry for entry in load_catalog(site, SPANISH)}
    translated = {item_id for item_id, entry in english.items() if entry["translation"]}
    assert translated and set(spanish) == translated
    for item_id, entry in sorted(spanish.items()):
        assert entry["lang"] == SPANISH
        for paper, pdf in entry["pdfs"].items():
            assert pdf == f"handouts/es/{paper}/{item_id}.pdf"
            assert lang(open_pdf(site / pdf)) == SPANISH, pdf


def test_both_catalogues_link_each_item_to_its_translation(site):
    english = {entry["id"]: entry for entry in load_catalog(site)}
    spanish = {entry["id"]: entry for entry in load_catalog(site, SPANISH)}
    for entry in english.values():
        assert entry["lang"] == "en" and "translation" in entry
        twin = entry["translation"]
        if twin is None:
            assert entry["id"] not in spanish
            continue
        other = spanish[entry["id"]]
        assert twin == {"lang": SPANISH, "url": other["url"], "pdfs": other["pdfs"]}
        assert other["translation"] == {"lang": "en", "url": entry["url"],
                                        "pdfs": entry["pdfs"]}
        for path in (twin["url"], *twin["pdfs"].values(), other["translation"]["url"]):
            assert (site / path).is_file(), path


def test_spanish_handouts_print_the_spanish_safety_line(site):
    """US Letter and large print: 988, its Spanish option and 911, in Spanish;
    A4: the international lines, no US number."""
    items = [entry for entry in load_catalog(site, SPANISH)
             if entry["kind"] in ("exercise", "info-sheet")]
    assert items
    for entry in items:
        for paper in ("letter", "large-print"):
            printed = flat_text(site / entry["pdfs"][paper])
            for words in ("En Estados Unidos", "988", "marca 2", "AYUDA", "llama al 911"):
                assert words in printed, (entry["id"], paper, words)
        printed = flat_text(site / entry["pdfs"]["a4"])
        assert "Estés donde estés" in printed and "findahelpline.com" in printed, entry["id"]
        assert not re.search(r"(?<![\d.])(988|911)(?!\d)", printed), entry["id"]


def test_links_to_pages_the_edition_lacks_lead_to_the_english_page(site):
    spanish = site / SPANISH
    found = 0
    for page in sorted(spanish.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "kit-english://" not in html, page
        for link in BeautifulSoup(html, "html.parser").select("a.kit-in-english"):
            found += 1
            assert link.get("hreflang") == "en", (page, link)
            assert link.select(".kit-in-english-marker"), (page, link)
            target = (page.parent / link["href"].partition("#")[0]).resolve()
            assert target.is_file() and not target.is_relative_to(spanish.resolve()), \
                (page, link["href"])
    assert found, "no link to an English page: the navigation should have some"


def test_every_spanish_client_page_reads_easily(site):
    """Fernández-Huerta of the rendered client text, as the English grade test reads it."""
    scores = {}
    textstat.set_lang(SPANISH)
    try:
        for entry in load_catalog(site, SPANISH):
            if "client" in entry["audiences"] and entry["kind"] in ("exercise", "info-sheet"):
                scores[entry["id"]] = textstat.fernandez_huerta(client_text(site / entry["url"]))
    finally:
        textstat.set_lang("en_US")
    assert len(scores) >= 20
    hard = {item_id: score for item_id, score in scores.items() if score < MIN_READING_EASE}
    assert not hard, hard
