"""Practice logs (issue 12, point 8): a one-page, 14-day log for every practice
meant to be repeated, as its own printable item, linked from the practice's
page and printed in the workbooks of the plans that use the practice."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from compassion_kit.printing import answers
from compassion_kit.read import practicelog
from compassion_kit.rules import frontmatter
from compassion_kit.testing import REPO

PAPERS = ("letter", "a4", "large-print")
LIMITS = {"letter": 1, "a4": 1, "large-print": 2}
COLUMNS = 5


def _practices_with_logs() -> dict[str, dict]:
    found = {}
    for path in sorted((REPO / "exercises").glob("*.md")):
        if path.name == "index.md":
            continue
        data = frontmatter.load(path).data
        if practicelog.log_field(data) is not None:
            found[data["id"]] = data
    return found


WITH_LOGS = _practices_with_logs()


@pytest.fixture(scope="module")
def catalog(site) -> dict[str, dict]:
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in data["items"]}


def test_the_kit_has_logs_for_its_repeated_practices():
    assert {"self-compassion-break", "soothing-breathing-rhythm",
            "the-pause-before-reacting"} <= set(WITH_LOGS)


def test_a_log_is_an_item_of_its_own_in_the_catalogue(catalog):
    logs = {item_id for item_id, entry in catalog.items() if entry["kind"] == "practice-log"}
    assert logs == {practicelog.log_id(practice) for practice in WITH_LOGS}
    for practice in WITH_LOGS:
        log, own = catalog[practicelog.log_id(practice)], catalog[practice]
        assert log["url"] == own["url"]  # its way back is the practice's page
        assert log["title"].startswith(own["title"])
        assert set(log["pdfs"]) >= set(PAPERS)


@pytest.mark.parametrize("paper", PAPERS)
def test_each_log_fits_its_page_with_fourteen_named_rows(site, catalog, paper):
    for practice in WITH_LOGS:
        entry = catalog[practicelog.log_id(practice)]
        reader = PdfReader(site / entry["pdfs"][paper])
        assert len(reader.pages) <= LIMITS[paper], (practice, len(reader.pages))
        fields = reader.get_fields()
        cells = sorted(name for name in fields if re.fullmatch(r"log\.\d+\.\d+", name))
        assert len(cells) == practicelog.DAYS * COLUMNS
        assert fields["log.14.5"]["/FT"] == "/Tx"
        assert fields["log.1.1"]["/TU"] == "Day 1: Date"
        assert fields["log.3.3"]["/TU"] == "Day 3: Distress before (0–10)"
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "What helped" in " ".join(text.split())


def test_the_log_is_not_printed_on_the_practice_handout(site, catalog):
    for practice in WITH_LOGS:
        fields = PdfReader(site / catalog[practice]["pdfs"]["letter"]).get_fields()
        assert not any(name.startswith("log.") for name in fields), practice


def test_the_practice_page_links_its_log_in_every_paper(site, catalog):
    for practice in WITH_LOGS:
        page = (site / catalog[practice]["url"]).read_text(encoding="utf-8")
        box = page[page.index("kit-print-log"):]
        for paper in PAPERS:
            pdf = catalog[practicelog.log_id(practice)]["pdfs"][paper]
            assert f'data-kit-pdf="{pdf}"' in box, (practice, paper)
            assert (site / pdf).is_file()


def _workbooks(catalog) -> list[tuple[str, list[str]]]:
    found = []
    for entry in catalog.values():
        if entry["kind"] != "workbook":
            continue
        plan = frontmatter.load(REPO / "docs" / "workshops" /
                                f"{entry['id'].removesuffix('-workbook')}.md").data
        found.append((entry["id"], [practice for practice in plan["exercises"]
                                    if practice in WITH_LOGS]))
    return found


def test_workbooks_print_the_logs_of_their_practices_after_them(site, catalog):
    """Every workshop plan asks for two weeks of practice after the session."""
    checked = 0
    for workbook, practices in _workbooks(catalog):
        reader = PdfReader(site / catalog[workbook]["pdfs"]["letter"])
        fields = reader.get_fields()
        cover = " ".join(reader.pages[0].extract_text().split())
        last = " ".join(" ".join(page.extract_text() for page in reader.pages[-3:]).split())
        for practice in practices:
            log = practicelog.log_id(practice)
            assert f"{log}_log.14.5" in fields, (workbook, log)
            title = catalog[log]["title"]
            assert title in cover, (workbook, title)  # listed with its page
            assert title in last
            checked += 1
    assert checked >= 2


def test_log_columns_are_the_ones_the_issue_asks_for():
    assert [column.split(" (")[0] for column in practicelog.columns()] == [
        "Date", "Minutes", "Distress before", "Distress after", "What helped"]
    field = {"name": "log", "label": "Note it here.", "type": "log"}
    assert answers.render(field) == ""
