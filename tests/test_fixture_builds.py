"""Each bad input fails the build with its own message naming file, line and field."""

from __future__ import annotations

import json

import pytest

from compassion_kit.testing import fixture_project, overlay, sphinx_build

PAPERS = ("letter", "a4", "large-print", "large-print-a4")

# (fixture, file named, line named or None, words the message must contain)
BAD_INPUTS = [
    ("malformed-yaml", "exercises/calm.md", 4,
     ["front matter", "malformed YAML", "flow sequence that starts on line 3"]),
    ("missing-field", "exercises/calm.md", 2, ["field 'summary'", "missing required field"]),
    ("wrong-type", "exercises/calm.md", 8,
     ["field 'duration_minutes'", "expected integer, got string 'one'"]),
    ("bad-enum", "exercises/calm.md", 7, ["field 'format'", "'worksheet' is not one of"]),
    ("id-mismatch", "exercises/calm.md", 2,
     ["field 'id'", "'calm-minute' must equal the file name 'calm'"]),
    ("duplicate-id", "exercises/more/calm.md", 2, ["field 'id'", "duplicate id 'calm'"]),
    ("missing-section", "exercises/calm.md", None,
     ["section 'Reflect'", "missing required section (after 'How to do it')"]),
    ("section-order", "exercises/calm.md", 25,
     ["section 'Reflect'", "out of order: expected 'How to do it' here"]),
    ("steps-not-numbered", "exercises/calm.md", 27,
     ["section 'How to do it'", "numbered list", "found a bullet list"]),
    ("unknown-source", "exercises/calm.md", 10,
     ["field 'sources[1]'", "'nobody2099' is not a key in references.bib"]),
    ("broken-link", "exercises/calm.md", None, ["missing-page"]),
]


def test_base_fixture_builds_cleanly(tmp_path):
    project = fixture_project("base", tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert build.warnings == []
    catalog = json.loads((build.outdir / "catalog.json").read_text())
    assert [item["id"] for item in catalog["items"]] == ["calm"]
    for paper in PAPERS:
        assert (build.outdir / "handouts" / paper / "calm.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(("fixture", "filename", "line", "words"), BAD_INPUTS,
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_fails_with_a_clear_message(tmp_path, fixture, filename, line, words):
    project = fixture_project(fixture, tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html")
    assert build.returncode != 0, build.output
    located = f"{project / filename}:{line}:" if line else str(project / filename)
    matching = [warning for warning in build.warnings if located in warning]
    assert matching, f"no warning located at {located}:\n{build.output}"
    assert any(all(word in warning for word in words) for warning in matching), matching


def test_failed_build_leaves_earlier_outputs_intact(tmp_path):
    project = fixture_project("base", tmp_path / "src")
    outdir = tmp_path / "out" / "html"
    assert sphinx_build(project, outdir).returncode == 0
    earlier = {path: path.read_bytes() for path in outdir.joinpath("handouts").rglob("*.pdf")}
    earlier[outdir / "catalog.json"] = (outdir / "catalog.json").read_bytes()
    assert len(earlier) == len(PAPERS) + 1  # calm on each paper, and catalog.json

    overlay("wrong-type", project)
    build = sphinx_build(project, outdir)

    assert build.returncode != 0
    assert "not writing catalog.json or PDFs" in build.output
    for path, content in earlier.items():
        assert path.read_bytes() == content, f"{path} changed after a failed build"
    assert not list(outdir.rglob("*.part")), "a temporary file was left behind"


def test_problems_are_reported_again_on_an_unchanged_rebuild(tmp_path):
    """Sphinx re-reads only changed files; a bad exercise must still fail the next build."""
    project = fixture_project("wrong-type", tmp_path / "src")
    outdir = tmp_path / "out" / "html"
    first = sphinx_build(project, outdir)
    second = sphinx_build(project, outdir)
    assert first.returncode != 0
    assert second.returncode != 0
    assert any("field 'duration_minutes'" in warning for warning in second.warnings)
