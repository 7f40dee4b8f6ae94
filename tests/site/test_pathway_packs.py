"""The kit's session pathways as built: each one's pack in every paper with
its practices in session order, its catalogue entry, and its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.pathwaycheck import cover_text, handout_titles, same_words

from compassion_kit.rules import frontmatter
from compassion_kit.testing import EACH_LAYOUT, REPO

PATHWAY_DIR = REPO / "docs" / "pathways"
PATHWAYS = sorted(path.stem for path in PATHWAY_DIR.glob("*.md") if path.stem != "index")


def pathway(name: str) -> dict:
    return frontmatter.load(PATHWAY_DIR / f"{name}.md").data


def practice_titles(data: dict, catalogue_by_id: dict[str, dict]) -> list[str]:
    """The titles of the pathway's practices in session order, each once."""
    order = [practice for session in data["sessions"] for practice in session["practices"]]
    return [catalogue_by_id[practice]["title"] for practice in dict.fromkeys(order)]


def test_the_five_pathways_of_the_issue_are_there():
    assert set(PATHWAYS) == {"harsh-self-criticism", "carer-and-helper-fatigue",
                             "shame-after-a-mistake", "feeling-too-much",
                             "team-after-conflict"}
    assert len(pathway("harsh-self-criticism")["sessions"]) == 5
    assert pathway("team-after-conflict")["audience"] == "team"


@pytest.mark.parametrize("name", PATHWAYS)
def test_each_pathway_pack_is_catalogued_with_its_page(catalogue_by_id, name):
    entry = catalogue_by_id[f"{name}-pack"]
    assert entry["kind"] == "pathway-pack"
    assert entry["url"] == f"docs/pathways/{name}.html"
    assert entry["title"] == pathway(name)["pack_title"]


@pytest.mark.parametrize("paper", EACH_LAYOUT)
@pytest.mark.parametrize("name", PATHWAYS)
def test_each_pack_holds_its_practices_in_session_order(site, catalogue_by_id, name, paper):
    pdf = site / catalogue_by_id[f"{name}-pack"]["pdfs"][paper]
    assert pdf.is_file()
    data = pathway(name)
    assert [same_words(title) for title in handout_titles(pdf)] == \
        [same_words(title) for title in practice_titles(data, catalogue_by_id)]
    cover = same_words(cover_text(pdf))
    for number, session in enumerate(data["sessions"], start=1):
        assert same_words(f"Session {number}: {session['title']}") in cover
        assert same_words(session["homework"]) in cover


@pytest.mark.parametrize("name", PATHWAYS)
def test_each_page_shows_its_sessions_the_stop_box_and_its_pack(site, name):
    page = Path(site, "docs", "pathways", f"{name}.html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    data = pathway(name)
    sessions = soup.select("section.kit-session")
    assert len(sessions) == len(data["sessions"])
    for section, session in zip(sessions, data["sessions"], strict=True):
        links = section.select(".kit-session-practices a")
        assert [a["href"].rsplit("/", 1)[-1] for a in links] == \
            [f"{practice}.html" for practice in session["practices"]]
        for key in ("homework", "review", "if_not_done"):
            assert " ".join(session[key].split()) in \
                " ".join(section.select_one(f".kit-session-{key}").get_text().split())
    box = soup.select_one(".kit-stop-box")
    assert box.select_one("a[href$='guides/before-you-assign.html']")
    assert len(box.select("li")) == len(data["slow_down"]) + len(data["stop"])
    assert soup.select_one(f".kit-print a[href$='handouts/letter/{name}-pack.pdf']")


def test_the_index_lists_every_pathway(site):
    page = Path(site, "docs", "pathways", "index.html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    listed = {a["href"] for a in soup.select("article .toctree-wrapper a")}
    assert listed == {f"{name}.html" for name in PATHWAYS}
