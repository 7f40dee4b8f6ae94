"""Pages for the people who use them (issue 14, point 6), checked on the built
HTML (no browser): unique titles and descriptions, words instead of schema
keys, related practices, Previous/Next within a chapter, no developer or
curator notes where readers and clinicians look, download names, search that
skips boilerplate, tables that can stack on a phone.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from compassion_kit.rules import frontmatter
from compassion_kit.testing import PAPERS, REPO, translations

# The sites: English at the root, each translation in its folder (es/).
EDITIONS = ("", *(f"{lang}/" for lang in translations(REPO)))
SCHEMA_KEYS = re.compile(r"\b(client|reader|clinician|tested-program|related-research|"
                         r"practice-wisdom|work-and-home|self-compassion-break)\b")


def site_pages(site, edition: str) -> dict[str, BeautifulSoup]:
    """The pages of one language's site ('' for English, 'es/'), by path from the
    site's root; the English site leaves out the translations' folders."""
    others = [site / folder for folder in EDITIONS if folder and folder != edition]
    return {path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"),
                                                             "html.parser")
            for path in sorted((site / edition).rglob("*.html"))
            if not any(path.is_relative_to(other) for other in others)}


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    """The English site (the Spanish one in es/ is checked where it says so)."""
    return site_pages(site, "")


@pytest.fixture(scope="module")
def exercises(catalogue) -> list[dict]:
    return [entry for entry in catalogue if entry["kind"] == "exercise"]


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda folder: folder.rstrip("/") or "en")
def test_every_page_has_a_unique_title_and_a_description(site, pages, edition):
    """In each language's site (Sphinx's index and search pages have no description)."""
    pages = site_pages(site, edition) if edition else pages
    assert f"{edition}index.html" in pages, f"no site in {edition!r}"
    titles = Counter(soup.title.get_text(strip=True) for soup in pages.values())
    assert not [title for title, count in titles.items() if count > 1], titles.most_common(3)
    missing = [name for name, soup in pages.items()
               if name.removeprefix(edition) not in ("genindex.html", "search.html")
               and not (soup.find("meta", attrs={"name": "description"}) or {}).get("content")]
    assert not missing, missing
    for name in (f"{edition}index.html", f"{edition}exercises/self-compassion-break.html"):
        meta = {tag["property"]: tag["content"] for tag in pages[name].find_all(
            "meta", attrs={"property": re.compile("^og:")})}
        assert {"og:title", "og:description", "og:type"} <= set(meta), name
        assert not any("://" in value and "image" in key for key, value in meta.items())


def test_facts_lines_are_words_not_schema_keys(pages, exercises):
    for entry in exercises:
        soup = pages[entry["url"]]
        facts = soup.select_one(".kit-facts").get_text(" ", strip=True)
        assert not SCHEMA_KEYS.search(facts), (entry["id"], facts)
        intensity = soup.select_one(".kit-intensity").get_text(" ", strip=True)
        assert "(" in intensity, f"{entry['id']}: intensity not explained: {intensity}"
    library = pages["exercises/index.html"]
    for facts in library.select(".kit-card-facts"):
        assert not SCHEMA_KEYS.search(facts.get_text(" ", strip=True)), facts


def test_card_titles_are_headings_and_downloads_are_named_for_the_practice(pages):
    library = pages["exercises/index.html"]
    cards = library.select("li.kit-card-col")
    assert len(cards) >= 29
    for card in cards:
        heading = card.select_one(".kit-card-title")
        assert heading.name == "h2", heading
        title = heading.get_text(strip=True)
        names = [link["aria-label"] for link in card.select("a.kit-pdf-link")]
        assert len(names) == len(PAPERS) and all(name.startswith(f"{title}, ")
                                                 for name in names), names
    all_names = [link["aria-label"] for link in library.select("a.kit-pdf-link")]
    assert len(all_names) == len(set(all_names))
    for soup in pages.values():  # a chapter's cards sit under its h2 "Practices for …"
        for heading in soup.select(".kit-card-title"):
            assert heading.name in ("h2", "h3"), heading


def test_practice_pages_have_related_practices_and_stay_in_their_chapter(pages, exercises):
    chapters: dict[str, list[str]] = {}
    for entry in exercises:
        chapter = frontmatter.load(REPO / re.sub(r"\.html$", ".md", entry["url"])).data["chapter"]
        chapters.setdefault(chapter, []).append(entry["url"])
    chapter_of = {url: chapter for chapter, urls in chapters.items() for url in urls}
    for entry in exercises:
        soup = pages[entry["url"]]
        related = soup.select("section#related-practices li a")
        assert 1 <= len(related) <= 3, entry["id"]
        assert entry["title"] not in [link.get_text(strip=True) for link in related]
        for kind in ("next-page", "prev-page"):
            link = soup.select_one(f"a.{kind}")
            if link is None:
                continue
            target = (REPO / entry["url"]).parent.joinpath(link["href"]).resolve()
            target = target.relative_to(REPO).as_posix()
            if target in chapter_of:
                assert chapter_of[target] == chapter_of[entry["url"]], (entry["id"], kind,
                                                                        target)
            else:  # the first practice's Previous is its chapter
                assert kind == "prev-page" and target.startswith("docs/chapters/"), target


def test_user_pages_hold_no_developer_or_curator_notes(pages):
    guide = pages["docs/guides/using-handouts.html"].select_one("article").get_text(" ")
    for word in ("nox", "handouts.toml", "_build", "catalog.json", "Pango", "terminal",
                 "Python"):
        assert word not in guide, word
    assert pages["docs/guides/for-developers.html"].select_one("article")
    references = pages["docs/references.html"].select_one("article").get_text(" ")
    for note in ("legacy DOI", "No DOI", "PMCID", "Advance Access"):
        assert note not in references, note


def test_search_skips_the_boilerplate(site):
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])

    def pages_with(term: str) -> int:
        found = index["terms"].get(term, [])
        return 1 if isinstance(found, int) else len(found)

    total = len(index["docnames"])
    # Every item page used to carry "Print or save as PDF", the evidence badge and
    # the facts line: these words must not match (nearly) every page any more.
    for term in ("print", "pdf", "evid", "letter"):
        assert pages_with(term) < total / 3, (term, pages_with(term), total)


def test_comparison_and_agenda_tables_can_stack_on_a_phone(pages):
    for name in ("docs/workshops/index.html", "docs/workshops/from-empathy-to-compassion.html"):
        tables = pages[name].select("table.kit-stack, table.kit-agenda")
        assert tables, name
        for table in tables:
            heads = [th.get_text(" ", strip=True) for th in table.select("thead th")]
            for row in table.select("tbody tr"):
                labels = [td.get("data-label") for td in row.find_all("td")]
                assert labels == heads[:len(labels)], (name, labels, heads)


def test_all_handouts_zips_hold_every_handout(site, catalogue):
    import zipfile

    handouts = sorted(entry["id"] for entry in catalogue if entry["kind"] in ("exercise",
                                                                              "info-sheet"))
    for paper in PAPERS:
        with zipfile.ZipFile(site / "downloads" / f"handouts-{paper}.zip") as archive:
            names = sorted(name.rsplit("/", 1)[-1].removesuffix(".pdf")
                           for name in archive.namelist())
            assert names == handouts, paper
            for name in archive.namelist():
                data = archive.read(name)
                assert data == (site / "handouts" / paper / name.rsplit("/", 1)[-1]).read_bytes()


def test_practice_pages_show_a_small_preview_of_page_one(site, pages, exercises):
    from compassion_kit.web.downloads import render_preview

    for entry in exercises:
        image = pages[entry["url"]].select_one(".kit-print img.kit-preview")
        assert image is not None, entry["id"]
        assert image["alt"] == "" and image["width"] and image["height"]
        path = (site / entry["url"]).parent.joinpath(image["src"]).resolve()
        data = path.read_bytes()
        assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", entry["id"]
        assert len(data) < 30_000, (entry["id"], len(data))
    # The same PDF gives the same preview (reproducible builds).
    letter = site / exercises[0]["pdfs"]["letter"]
    assert render_preview(letter) == render_preview(letter)


def test_download_names_give_the_real_page_count_and_size(site, pages, exercises, catalogue):
    from pypdf import PdfReader

    # A practice's page also offers its practice log's PDFs, named for the log.
    title_of = {path: item["title"] for item in catalogue for path in item["pdfs"].values()}
    for entry in exercises[:6]:
        links = pages[entry["url"]].select(".kit-print a.kit-pdf-link")
        assert {link["data-kit-pdf"] for link in links} >= set(entry["pdfs"].values())
        for link in links:
            pdf = site / link["data-kit-pdf"]
            pages_count, size = re.search(r", (\d+) pages?, (\d+) KB$",
                                          link["aria-label"]).groups()
            assert int(pages_count) == len(PdfReader(pdf).pages), link["aria-label"]
            assert int(size) == max(1, round(pdf.stat().st_size / 1024))
            title = title_of[link["data-kit-pdf"]]
            assert link["aria-label"].startswith(f"{title}, {link['data-kit-paper']} PDF")
