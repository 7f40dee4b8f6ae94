"""Workshop plans: agenda checks on fixtures, and the guide and workbook PDFs."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from pdfcheck import open_pdf, text

from compassion_kit.testing import fixture_project, sphinx_build

PAPERS = ("letter", "a4", "large-print", "large-print-a4")
PLAN = "docs/workshops/team-hour.md"

AGENDA_FAILURES = [
    ("agenda-sum", 7, ["workshop 'team-hour'", "add up to 30 minutes",
                       "duration_minutes is 35 (5 short)"]),
    ("agenda-unknown-exercise", 10, ["workshop 'team-hour'", "exercise 'breathe-deep'",
                                     "does not exist"]),
    ("agenda-no-break", 12, ["workshop 'team-hour' runs 90 minutes (over 75)", "no segment of "
                             "kind 'break'"]),
    ("agenda-no-debrief", 12, ["workshop 'team-hour'", "needs a debrief"]),
    ("agenda-no-opening", 12, ["workshop 'team-hour'", "needs an opening"]),
    ("agenda-no-close", 12, ["workshop 'team-hour'", "needs a close"]),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("workshop")
    project = fixture_project("workshop", root / "src")
    build = sphinx_build(project, root / "out" / "html")
    assert build.returncode == 0, build.output
    return build.outdir


@pytest.mark.parametrize(("fixture", "line", "words"), AGENDA_FAILURES,
                         ids=[case[0] for case in AGENDA_FAILURES])
def test_agenda_failure_stops_the_build_with_its_numbers(tmp_path, fixture, line, words):
    project = fixture_project(f"workshop+{fixture}", tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html")
    assert build.returncode != 0
    located = f"{project / PLAN}:{line}:"
    matching = [warning for warning in build.warnings if located in warning]
    assert any(all(word in warning for word in words) for warning in matching), build.output


def test_agenda_renders_as_a_table_with_running_start_times(built):
    soup = BeautifulSoup((built / "docs/workshops/team-hour.html").read_text(), "html.parser")
    rows = soup.select("table.kit-agenda tbody tr")
    assert [row.find("td").get_text(strip=True) for row in rows] == \
        ["0:00", "0:05", "0:20", "0:25"]
    assert "Open your workbook" in rows[1].get_text()
    assert rows[1].select_one("a[href$='exercises/calm.html']")


def test_guide_and_workbook_are_catalogued_in_every_size(built):
    entries = {e["id"]: e for e in json.loads((built / "catalog.json").read_text())["items"]}
    assert entries["team-hour-guide"]["kind"] == "workshop-guide"
    assert entries["team-hour-workbook"]["kind"] == "workbook"
    for item_id in ("team-hour-guide", "team-hour-workbook"):
        for paper in PAPERS:
            assert (built / entries[item_id]["pdfs"][paper]).is_file()


@pytest.mark.parametrize("paper", PAPERS)
def test_guide_has_the_whole_plan_and_the_workbook_only_what_participants_need(built, paper):
    guide = " ".join(text(open_pdf(built / f"handouts/{paper}/team-hour-guide.pdf")).split())
    workbook = " ".join(text(open_pdf(built / f"handouts/{paper}/team-hour-workbook.pdf"))
                        .split())
    assert "FACILITATOR-ONLY" in guide and "Tell your partner one thing you noticed." in guide
    assert "A Calm Minute" in workbook and "What I noticed" in workbook
    assert "FACILITATOR-ONLY" not in workbook
    assert "Tell your partner" not in workbook
    # The crisis line of the paper's region: US on Letter papers, international on A4.
    assert ("findahelpline.com" if paper.endswith("a4") else "988") in workbook
