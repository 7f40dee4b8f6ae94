"""Clinical safety by construction, the rules themselves: intensity floors,
cautions and evidence labels of every practice, one vocabulary in the schema,
CONTRIBUTING.md and the code, no promise of confidentiality in group text, the
review list. (The rules failing a build: fixtures/test_safety_metadata.py; what
the built site shows: site/test_safety_pages.py.)"""

from __future__ import annotations

import json
import re

from helpers.kit import EXERCISES, group_sources

from compassion_kit import review
from compassion_kit.rules import frontmatter, safety
from compassion_kit.testing import REPO


def test_a_deep_practice_is_not_offered_to_readers_alone():
    front = frontmatter.FrontMatter("x.md", {"intensity": "deep", "audiences": ["client", "reader"],
                                             "asks": [], "caution": "c" * 30})
    [problem] = safety.check_exercise(front)
    assert problem.where == "field 'audiences'"
    assert "only for use with a clinician" in problem.message


def test_every_real_practice_meets_its_floor_and_cautions():
    for item_id in EXERCISES:
        front = frontmatter.load(REPO / "exercises" / f"{item_id}.md")
        assert safety.check_exercise(front) == [], item_id
        assert front.data["evidence"] in safety.EVIDENCE, item_id


def test_schema_contributing_and_code_agree_on_the_vocabulary():
    schema = json.loads((REPO / "exercises/schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    assert props["asks"]["items"]["enum"] == list(safety.ASKS)
    assert props["evidence"]["enum"] == list(safety.EVIDENCE)
    assert props["contraindications"]["propertyNames"]["enum"] == list(safety.CONDITIONS)
    rubric = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for tag, ask in safety.ASKS.items():
        row = re.search(rf"^\| `{tag}` \|[^|]*\| (\w+) \| (yes|no) \|$", rubric, re.M)
        assert row, f"CONTRIBUTING.md has no rubric row for {tag}"
        assert row.groups() == (ask.floor, "yes" if ask.needs_caution else "no"), tag


def test_advice_comes_from_asks_and_overrides():
    derived = safety.advice({"asks": ["breath-focus"]})
    assert derived["panic-or-breathing-problems"].level == "adapt"
    assert derived["psychosis"].level == "fine"
    overridden = safety.advice({"asks": ["breath-focus"], "contraindications": {
        "psychosis": {"level": "avoid", "how": "Not during an acute episode."}}})
    assert overridden["psychosis"] == safety.Advice("avoid", ("Not during an acute episode.",))


PROMISES = re.compile(r"stays? (here|in (this|the) room)|what(’|')?s said here|"
                      r"(is|are|will be|stays?) (kept )?(strictly )?confidential", re.I)


def test_no_group_text_promises_confidentiality():
    for path in group_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not PROMISES.search(line), f"{path.relative_to(REPO)}:{number}: {line.strip()}"


def test_review_lists_every_item_and_the_crisis_data(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert review.main(["--today", "2027-06-02"]) == 0
    out = capsys.readouterr().out
    assert "docs/_data/crisis-lines.yaml" in out
    for item_id in EXERCISES:
        assert f"exercises/{item_id}.md" in out
    assert "NO DATE" not in out
    assert re.search(r"^DUE ", out, re.M)  # a date in the past is listed, never a failure
