"""Choose by situation (issue 15, part 2), from the sources: the controlled
vocabulary of situations, the words people see for it, enough practices for
each, and a located message for a situation the vocabulary lacks."""

from __future__ import annotations

import json
from collections import Counter

from helpers.kit import EXERCISES, exercise

from compassion_kit.rules import frontmatter, schema
from compassion_kit.rules.taxonomy import FILTER_GROUPS, SITUATIONS, filter_values
from compassion_kit.testing import REPO

SCHEMA = REPO / "exercises" / "schema.json"
PRACTICE = REPO / "exercises" / "self-compassion-break.md"


def _vocabulary() -> list[str]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["situations"][
        "items"]["enum"]


def test_every_situation_of_the_schema_has_words_and_nothing_else_does():
    """The ids live in the schema (editors check them); the words in the taxonomy."""
    assert sorted(SITUATIONS) == sorted(_vocabulary())
    for situation, words in SITUATIONS.items():
        assert str(words).strip() and str(words) != situation, situation


def test_every_situation_maps_to_at_least_two_practices():
    tagged = Counter(situation for item_id in EXERCISES
                     for situation in exercise(item_id).get("situations", []))
    assert set(tagged) == set(SITUATIONS), set(SITUATIONS) - set(tagged)
    few = {situation: count for situation, count in tagged.items() if count < 2}
    assert not few, f"situations with fewer than two practices: {few}"


def test_most_practices_say_which_situations_they_help_with():
    """Tagging is by fit, not for every practice; but an untagged practice is the
    exception (a new practice should say what it helps with, where it fits)."""
    untagged = [item_id for item_id in EXERCISES if not exercise(item_id).get("situations")]
    assert len(untagged) <= len(EXERCISES) // 4, untagged


def test_the_library_filters_by_situation_from_the_front_matter():
    groups = {group: values for group, _legend, values in FILTER_GROUPS}
    assert groups["sit"] is SITUATIONS
    front = exercise("self-compassion-break")
    values = filter_values("exercise", front, front["duration_minutes"])
    assert values["sit"] == front["situations"]
    assert "sit" not in filter_values("info-sheet", {"audiences": ["client"]}, 5)


def test_an_unknown_situation_is_refused_with_file_line_and_field(tmp_path):
    text = PRACTICE.read_text(encoding="utf-8")
    line = next(number for number, words in enumerate(text.splitlines(), 1)
                if words.startswith("situations:"))
    broken = text.replace("situations: [hard-on-myself,",
                          "situations: [hard-on-myself, lonely-at-night,", 1)
    assert broken != text
    path = tmp_path / "self-compassion-break.md"
    path.write_text(broken, encoding="utf-8")
    problems = schema.validate(frontmatter.load(path), str(SCHEMA))
    assert [(problem.line, problem.where) for problem in problems] == \
        [(line, "field 'situations[1]'")], [str(problem) for problem in problems]
    message = str(problems[0])
    assert message.startswith(f"{path}:{line}: field 'situations[1]': 'lonely-at-night' "
                              "is not one of: hard-on-myself,"), message
