"""Practice logs (issue 12, point 8): a one-page, 14-day log for every practice
meant to be repeated, as its own printable item, linked from the practice's
page and printed in the workbooks of the plans that use the practice.
(Which practices have one, and its columns: unit/test_practice_log_columns.py.)"""

from __future__ import annotations

import re

import pytest
from helpers.kit import WITH_LOGS, workshop
from pypdf import PdfReader

from compassion_kit.read import practicelog
from compassion_kit.testing import EACH_LAYOUT

PAPERS = EACH_LAYOUT
LIMITS = {"letter": 1, "a4": 1, "large-print": 2}
COLUMNS = 5


def test_a_log_is_an_item_of_its_own_in_the_catalogue(catalogue_by_id):
    logs = {item_id for item_id, entry in catalogue_by_id.items()
            if entry["kind"] == "practice-log"}
    assert logs == {practicelog.log_id(practice) for practice in WITH_LOGS}
    for practice in WITH_LOGS:
        log, own = catalogue_by_id[practicelog.log_id(practice)], catalogue_by_id[practice]
        assert log["url"] == own["url"]  # its way back is the practice's page
        assert log["title"].startswith(own["title"])
        assert set(log["pdfs"]) >= set(PAPERS)


@pytest.mark.parametrize("paper", PAPERS)
def test_each_log_fits_its_page_with_fourteen_named_rows(site, catalogue_by_id, paper):
    for practice in WITH_LOGS:
        entry = catalogue_by_id[practicelog.log_id(practice)]
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


def test_the_log_is_not_printed_on_the_practice_handout(site, catalogue_by_id):
    for practice in WITH_LOGS:
        fields = PdfReader(site / catalogue_by_id[practice]["pdfs"]["letter"]).get_fields()
        assert not any(name.startswith("log.") for name in fields), practice


def test_the_practice_page_links_its_log_in_every_paper(site, catalogue_by_id):
    for practice in WITH_LOGS:
        page = (site / catalogue_by_id[practice]["url"]).read_text(encoding="utf-8")
        box = page[page.index("kit-print-log"):]
        for paper in PAPERS:
            pdf = catalogue_by_id[practicelog.log_id(practice)]["pdfs"][paper]
            assert f'data-kit-pdf="{pdf}"' in box, (practice, paper)
            assert (site / pdf).is_file()


def _workbooks(catalogue_by_id) -> list[tuple[str, list[str]]]:
    found = []
    for entry in catalogue_by_id.values():
        if entry["kind"] != "workbook":
            continue
        plan = workshop(entry["id"].removesuffix("-workbook"))
        found.append((entry["id"], [practice for practice in plan["exercises"]
                                    if practice in WITH_LOGS]))
    return found


def test_workbooks_print_the_logs_of_their_practices_after_them(site, catalogue_by_id):
    """Every workshop plan asks for two weeks of practice after the session."""
    checked = 0
    for workbook, practices in _workbooks(catalogue_by_id):
        reader = PdfReader(site / catalogue_by_id[workbook]["pdfs"]["letter"])
        fields = reader.get_fields()
        cover = " ".join(reader.pages[0].extract_text().split())
        last = " ".join(" ".join(page.extract_text() for page in reader.pages[-3:]).split())
        for practice in practices:
            log = practicelog.log_id(practice)
            assert f"{log}_log.14.5" in fields, (workbook, log)
            title = catalogue_by_id[log]["title"]
            assert title in cover, (workbook, title)  # listed with its page
            assert title in last
            checked += 1
    assert checked >= 2
