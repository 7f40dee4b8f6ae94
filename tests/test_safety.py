"""Clinical safety by construction: the metadata rules fail the build, and the
built site shows what a person in distress or a careful clinician needs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_site import EXERCISES, WORKSHOPS

from compassion_kit import review
from compassion_kit.rules import frontmatter, safety
from compassion_kit.testing import REPO, fixture_project, sphinx_build
from compassion_kit.web import supportlines

FAST = ("-D", "kit_pdfs=0")  # these rules act before any PDF is rendered
CALM = "exercises/calm.md"


def _edit(project: Path, old: str, new: str) -> None:
    path = project / CALM
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (case, old text, new text, line named, words the message must contain)
METADATA_RULES = [
    ("tag-without-caution", "asks: []", "asks: [breath-focus]", 17,
     ["field 'caution'", "required because the practice asks 'breath-focus'"]),
    ("intensity-below-floor", "asks: []", "asks: [memory-recall]", 9,
     ["field 'intensity'", "'gentle' is below 'moderate'", "memory-recall"]),
    ("missing-evidence-label", "evidence: practice-wisdom\n", "", 2,
     ["field 'evidence'", "missing required field"]),
    ("unknown-evidence-label", "evidence: practice-wisdom", "evidence: strong", 16,
     ["field 'evidence'", "'strong' is not one of"]),
    ("unknown-ask", "asks: []", "asks: [hypnosis]", 17, ["field 'asks[0]'", "'hypnosis'"]),
    ("unknown-condition", "asks: []",
     "asks: []\ncontraindications:\n  insomnia: {level: avoid, how: Choose another practice.}",
     19, ["field 'contraindications'", "insomnia"]),
    ("adapt-without-how", "asks: []",
     "asks: []\ncontraindications:\n  psychosis: {level: adapt}", 19,
     ["field 'contraindications.psychosis.how'", "missing required field"]),
    ("missing-next-review", "next_review: 2027-06-01\n", "", 2,
     ["field 'next_review'", "missing required field"]),
]


@pytest.mark.parametrize(("case", "old", "new", "line", "words"), METADATA_RULES,
                         ids=[case[0] for case in METADATA_RULES])
def test_metadata_rule_fails_the_build_with_a_located_message(tmp_path, case, old, new, line,
                                                              words):
    project = fixture_project("base", tmp_path / "src")
    _edit(project, old, new)
    build = sphinx_build(project, tmp_path / "out" / "html", *FAST)
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output
    located = f"{project / CALM}:{line}:"
    matching = [warning for warning in build.warnings if located in warning]
    assert matching, f"no warning at {located}:\n" + "\n".join(build.warnings)
    assert any(all(word in warning for word in words) for warning in matching), matching


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


# -- The built site ----------------------------------------------------------------------------

def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.site
def test_before_you_assign_places_every_practice_under_every_condition(site):
    soup = _soup(site / "docs/guides/before-you-assign.html")
    blocks = soup.select(".kit-contra")
    assert len(blocks) == len(safety.CONDITIONS)
    for block in blocks:
        targets = [a["href"].split("#")[0].rsplit("/", 1)[-1].removesuffix(".html")
                   for a in block.select("a[href]")]
        assert sorted(targets) == sorted(EXERCISES), block.select_one(".rubric").text
    text = soup.get_text(" ")
    assert "Avoid for now" in text and "Adapt" in text and "Fine as written" in text


@pytest.mark.site
def test_every_page_offers_help_now_with_tap_to_call(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        bar = _soup(page).select_one(".announcement .kit-help-bar")
        assert bar is not None, page
        hrefs = [a["href"] for a in bar.select("a[href]")]
        assert "tel:988" in hrefs and "sms:988" in hrefs, (page, hrefs)
        assert any(h.endswith("finding-support.html") or h == "#" for h in hrefs), (page, hrefs)


@pytest.mark.site
def test_finding_support_lists_every_region_and_the_us_extras_from_the_data(site):
    data = supportlines.load(REPO / "docs/_data/crisis-lines.yaml")
    soup = _soup(site / "docs/guides/finding-support.html")
    text = " ".join(soup.get_text(" ").split())
    for region in supportlines.REGIONS:
        assert soup.select_one(f".kit-region-{region}"), region
        for line in supportlines.lines_of(data, region):
            assert " ".join(line.reach.split()) in text, (region, line.id)
    for extra in ("domestic-violence", "sexual-assault", "trevor", "crisis-text", "veterans",
                  "988-spanish", "childhelp"):
        [line] = [x for x in supportlines.lines_of(data, "us") if x.id == extra]
        assert line.name in text
    assert "What happens when you reach out" in text
    assert "press 3" not in text.lower()  # ended in July 2025; never print it


PROMISES = re.compile(r"stays? (here|in (this|the) room)|what(’|')?s said here|"
                      r"(is|are|will be|stays?) (kept )?(strictly )?confidential", re.I)


def _group_sources() -> list[Path]:
    group = [REPO / "exercises" / f"{item}.md" for item in EXERCISES
             if frontmatter.load(REPO / "exercises" / f"{item}.md").data["format"] == "group"
             or "disclosure-in-group" in frontmatter.load(
                 REPO / "exercises" / f"{item}.md").data.get("asks", [])]
    return group + [REPO / "docs/workshops" / f"{plan}.md" for plan in WORKSHOPS] + [
        REPO / "docs/guides/running-a-workshop.md"]


def test_no_group_text_promises_confidentiality():
    for path in _group_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not PROMISES.search(line), f"{path.relative_to(REPO)}:{number}: {line.strip()}"


@pytest.mark.site
def test_every_workshop_and_group_page_shows_the_shared_agreement(site):
    agreement = supportlines.safe_yaml(REPO / "docs/_data/group-agreement.yaml")
    for path in _group_sources():
        page = site / path.relative_to(REPO).with_suffix(".html")
        box = _soup(page).select_one(".kit-group-agreement")
        assert box is not None, f"{page.name} has no group agreement"
        assert "cannot promise" in box.get_text(" "), page.name
        assert agreement["title"] in box.get_text(" ")


def test_review_lists_every_item_and_the_crisis_data(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert review.main(["--today", "2027-06-02"]) == 0
    out = capsys.readouterr().out
    assert "docs/_data/crisis-lines.yaml" in out
    for item_id in EXERCISES:
        assert f"exercises/{item_id}.md" in out
    assert "NO DATE" not in out
    assert re.search(r"^DUE ", out, re.M)  # a date in the past is listed, never a failure
