"""What a session pathway says to the client: the words printed on its pack
(title, summary, session titles, homework) read at US grade 8 or below, and
the page says that the order of sessions is practice wisdom."""

from __future__ import annotations

import pytest
import textstat

from compassion_kit.rules import frontmatter
from compassion_kit.testing import REPO

PATHWAY_DIR = REPO / "docs" / "pathways"
SOURCES = sorted(path for path in PATHWAY_DIR.glob("*.md") if path.stem != "index")
MAX_GRADE = 8


def pack_words(data: dict) -> list[str]:
    """Everything of the pathway's front matter that its pack prints."""
    return [data["pack_title"], data["pack_summary"],
            *(f"{session['title']}. {session['homework']}" for session in data["sessions"])]


@pytest.mark.parametrize("path", SOURCES, ids=[path.stem for path in SOURCES])
def test_the_pack_speaks_at_grade_8_or_below(path):
    data = frontmatter.load(path).data
    words = pack_words(data)
    assert textstat.flesch_kincaid_grade(" ".join(words)) <= MAX_GRADE
    for text in words[1:]:
        assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, text


@pytest.mark.parametrize("path", SOURCES, ids=[path.stem for path in SOURCES])
def test_the_order_is_labelled_practice_wisdom(path):
    data = frontmatter.load(path).data
    assert data["evidence"] == "practice-wisdom"
    assert "The order is **practice wisdom**" in path.read_text(encoding="utf-8")
