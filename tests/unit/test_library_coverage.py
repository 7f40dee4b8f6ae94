"""The library as a whole, from the practices' front matter: the coverage of
chapters, audiences and formats the library issue promised."""

from __future__ import annotations

from collections import Counter

from helpers.kit import EXERCISES, exercise


def test_library_covers_every_chapter_audience_and_format():
    """The distribution promised in the library issue cannot silently regress."""
    fronts = [exercise(item_id) for item_id in EXERCISES]
    chapters = Counter(front["chapter"] for front in fronts)
    audiences = Counter(audience for front in fronts for audience in front["audiences"])
    formats = Counter(front["format"] for front in fronts)
    assert len(fronts) >= 24
    for chapter in ["empathy-and-compassion", "therapy", "work-and-home", "self-compassion"]:
        assert chapters[chapter] >= 4, chapters
    assert chapters["staying-present"] >= 2, chapters
    assert audiences["client"] >= 12 and audiences["team"] >= 8, audiences
    assert audiences["reader"] >= 6 and audiences["clinician"] >= 3, audiences
    for kind in ["written", "guided", "conversation", "group"]:
        assert formats[kind] >= 1, formats
    guided = [front for front in fronts if front["format"] == "guided"]
    assert all(1 <= front["duration_minutes"] <= 10 for front in guided)
