"""The Spanish edition (issue 13), as a reader and a clinician meet it.

The kit's own build (the ``site`` fixture builds English, then Spanish, as
``nox -s build`` does): Spanish pages for exactly the documents that have a
catalogue, Spanish PDFs for each of their handouts with the Spanish safety
line, catalogues that link each item to its translation, links to pages the
edition lacks that lead to the English page, plain Spanish.

A fixture project with a small Spanish edition (tests/roots/spanish: calm is
translated, steady is not): untranslated words fail the build with the file,
the line and the English words; a failed Spanish build and an English build
leave the Spanish outputs as they were; an incremental build agrees with a
clean one.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import textstat
from bs4 import BeautifulSoup
from pdfcheck import open_pdf, text
from readability import client_text

from compassion_kit.i18n import languages
from compassion_kit.testing import REPO, build_all, fixture_project, sphinx_build

SPANISH = "es"
CONFIG = SimpleNamespace(locale_dirs=["locales"], language=SPANISH, gettext_compact=False)
NOT_PAGES = ("genindex", "search")
MIN_READING_EASE = 70  # Fernández-Huerta: 70 and up is "fairly easy" in Spanish


def _catalog(site: Path, lang: str = "") -> list[dict]:
    path = site / (f"{lang}/" if lang else "") / "catalog.json"
    return json.loads(path.read_text(encoding="utf-8"))["items"]


def _pdf_text(path: Path) -> str:
    return " ".join(text(open_pdf(path)).split())


def _pdf_lang(path: Path) -> str | None:
    from pypdf import PdfReader

    lang = PdfReader(path).trailer["/Root"].get("/Lang")
    return str(lang) if lang is not None else None


# -- The kit's Spanish edition ------------------------------------------------------------


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
    english = {entry["id"]: entry for entry in _catalog(site)}
    spanish = {entry["id"]: entry for entry in _catalog(site, SPANISH)}
    translated = {item_id for item_id, entry in english.items() if entry["translation"]}
    assert translated and set(spanish) == translated
    for item_id, entry in sorted(spanish.items()):
        assert entry["lang"] == SPANISH
        for paper, pdf in entry["pdfs"].items():
            assert pdf == f"handouts/es/{paper}/{item_id}.pdf"
            assert _pdf_lang(site / pdf) == SPANISH, pdf


def test_both_catalogues_link_each_item_to_its_translation(site):
    english = {entry["id"]: entry for entry in _catalog(site)}
    spanish = {entry["id"]: entry for entry in _catalog(site, SPANISH)}
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
    items = [entry for entry in _catalog(site, SPANISH)
             if entry["kind"] in ("exercise", "info-sheet")]
    assert items
    for entry in items:
        for paper in ("letter", "large-print"):
            printed = _pdf_text(site / entry["pdfs"][paper])
            for words in ("En Estados Unidos", "988", "marca 2", "AYUDA", "llama al 911"):
                assert words in printed, (entry["id"], paper, words)
        printed = _pdf_text(site / entry["pdfs"]["a4"])
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
        for entry in _catalog(site, SPANISH):
            if "client" in entry["audiences"] and entry["kind"] in ("exercise", "info-sheet"):
                scores[entry["id"]] = textstat.fernandez_huerta(client_text(site / entry["url"]))
    finally:
        textstat.set_lang("en_US")
    assert len(scores) >= 20
    hard = {item_id: score for item_id, score in scores.items() if score < MIN_READING_EASE}
    assert not hard, hard


# -- A fixture with a small Spanish edition -----------------------------------------------

CALM_PO = "locales/es/LC_MESSAGES/exercises/calm.po"
CALM = "exercises/calm.md"


def edit(path: Path, old: str, new: str) -> None:
    text_now = path.read_text(encoding="utf-8")
    assert old in text_now, (path, old)
    path.write_text(text_now.replace(old, new, 1), encoding="utf-8")


def _project(root: Path) -> Path:
    return fixture_project("base+pack+spanish", root / "src")


# (case, change to the catalogue, line of calm.md named, the English words named, why)
UNTRANSLATED = [
    ("empty-msgstr", ('msgstr "Una pausa corta puede ayudar."', 'msgstr ""'), 23,
     "A short pause can help.", "empty in"),
    ("fuzzy-entry", ('msgid "Feel your feet on the floor."',
                     '#, fuzzy\nmsgid "Feel your feet on the floor."'), 28,
     "Feel your feet on the floor.", "marked fuzzy in"),
    ("front-matter-value", ('msgstr "Lo que noté"', 'msgstr ""'), 13, "What I noticed",
     "empty in"),
]


@pytest.mark.parametrize(("case", "change", "line", "english", "why"), UNTRANSLATED,
                         ids=[case[0] for case in UNTRANSLATED])
def test_an_untranslated_string_fails_the_spanish_build(tmp_path, case, change, line, english,
                                                       why):
    project = _project(tmp_path)
    edit(project / CALM_PO, *change)
    build = sphinx_build(project, tmp_path / "out" / "html", "-D", "kit_pdfs=0",
                         language=SPANISH)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    named = [warning for warning in build.warnings if english in warning]
    assert len(named) == 1, build.output[-3000:]
    assert f"{project / CALM}:{line}:" in named[0], named
    assert why in named[0] and "untranslated" in named[0], named
    assert build.warnings == named, build.warnings  # nothing else is wrong


def test_the_fixture_edition_builds_cleanly_and_links_steady_in_english(tmp_path):
    project = _project(tmp_path)
    english, spanish = build_all(project, tmp_path / "out" / "html")
    for build in (english, spanish):
        assert build.returncode == 0 and build.warnings == [], build.output[-3000:]
    assert sorted(path.name for path in (spanish.outdir / "exercises").glob("*.html")) == \
        ["calm.html", "index.html"]
    library = (spanish.outdir / "exercises/index.html").read_text(encoding="utf-8")
    assert "Un minuto de calma" in library and "Steady Feet" not in library
    assert (spanish.outdir.parent / "handouts/es/letter/calm.pdf").is_file()
    assert not (spanish.outdir.parent / "handouts/es/letter/steady.pdf").exists()


def _outputs(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for pattern in ("catalog.json", "es/catalog.json", "handouts/**/*.pdf")
            for path in site.glob(pattern)}


@pytest.fixture
def both_built(tmp_path):
    project = _project(tmp_path)
    site = tmp_path / "out" / "html"
    for build in build_all(project, site):
        assert build.returncode == 0, build.output[-3000:]
    outputs = _outputs(site)
    assert {"handouts/es/letter/calm.pdf", "handouts/letter/steady.pdf",
            "es/catalog.json"} <= set(outputs)
    return project, site, outputs


def test_a_failed_spanish_build_keeps_every_earlier_output(both_built):
    project, site, outputs = both_built
    edit(project / CALM, "A short pause can help.", "A short pause may help.")  # untranslated
    build = sphinx_build(project, site, language=SPANISH)
    assert build.returncode != 0
    assert any("'A short pause may help.'" in warning for warning in build.warnings)
    assert _outputs(site) == outputs


def test_an_english_build_leaves_the_spanish_handouts_alone(both_built):
    project, site, outputs = both_built
    (project / "exercises/steady.md").unlink()  # the English build cleans up its own PDFs
    build = sphinx_build(project, site)
    assert build.returncode == 0, build.output[-3000:]
    now = _outputs(site)
    assert not any("steady" in name for name in now)
    spanish = {name: data for name, data in outputs.items()
               if name.startswith(("es/", "handouts/es/"))}
    assert spanish and all(now.get(name) == data for name, data in spanish.items())


def _say(relative: str, old: str, new: str):
    return lambda project: edit(project / relative, old, new)


DATA_PO = "locales/es/LC_MESSAGES/docs/_data/crisis-lines.po"
SPANISH_CHANGES = [
    ("translation-changed", _say(CALM_PO, 'msgstr "Deja lo que estás haciendo."',
                                 'msgstr "Para lo que estás haciendo."'), True),
    ("data-translation-changed", _say(DATA_PO, 'msgstr "En Estados Unidos"',
                                      'msgstr "En los Estados Unidos"'), True),
    ("front-matter-translation-changed", _say(CALM_PO, 'msgstr "Lo que noté"',
                                              'msgstr "Lo que sentí"'), False),
    ("source-changed", _say(CALM, "Take three slow breaths.", "Take four slow breaths."),
     False),
]


def _spanish_outcome(build, project: Path, pdfs: bool) -> dict:
    site = build.outdir.parent
    said = sorted(line.replace(str(project), "<src>") for line in build.warnings)
    made = {path.relative_to(site).as_posix(): path.read_bytes()
            for pattern in ("es/catalog.json", "es/exercises/*.html", "es/index.html",
                            *(("handouts/es/*/*.pdf",) if pdfs else ()))
            for path in site.glob(pattern)}
    return {"code": build.returncode, "said": said, "made": made}


@pytest.mark.parametrize(("name", "change", "pdfs"), SPANISH_CHANGES,
                         ids=[case[0] for case in SPANISH_CHANGES])
def test_an_incremental_spanish_build_agrees_with_a_clean_one(tmp_path, name, change, pdfs):
    project = _project(tmp_path / "inc")
    extra = () if pdfs else ("-D", "kit_pdfs=0")
    first = sphinx_build(project, tmp_path / "inc" / "out" / "html", *extra, language=SPANISH)
    assert first.returncode == 0, first.output[-3000:]

    change(project)
    incremental = sphinx_build(project, tmp_path / "inc" / "out" / "html", *extra,
                               language=SPANISH)
    clean_project = tmp_path / "clean" / "src"
    shutil.copytree(project, clean_project)
    clean = sphinx_build(clean_project, tmp_path / "clean" / "out" / "html", *extra,
                         language=SPANISH)

    assert "Traceback" not in incremental.output, incremental.output[-3000:]
    got = _spanish_outcome(incremental, project, pdfs)
    want = _spanish_outcome(clean, clean_project, pdfs)
    assert (got["code"], got["said"]) == (want["code"], want["said"])
    if want["code"] != 0:
        # A failed build publishes nothing; building again without a change
        # must fail again (the untranslated page is read again every time).
        again = sphinx_build(project, tmp_path / "inc" / "out" / "html", *extra,
                             language=SPANISH)
        assert (again.returncode, _spanish_outcome(again, project, pdfs)["said"]) == \
            (want["code"], want["said"])
        return
    assert sorted(got["made"]) == sorted(want["made"])
    for output, data in want["made"].items():
        assert got["made"][output] == data, f"{output} differs"
