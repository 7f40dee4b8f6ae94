"""The pure checks behind the hostile-build suite, each on its own (no build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compassion_kit.printing import clinician as practice
from compassion_kit.printing import pack
from compassion_kit.rules import bibliography, frontmatter
from compassion_kit.testing import REPO

VALID = REPO / "tests" / "roots" / "base" / "exercises" / "calm.md"


def write(tmp_path: Path, text: str | bytes, name: str = "calm.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def with_front(extra: str) -> str:
    return VALID.read_text(encoding="utf-8").replace("reviewed:", extra + "reviewed:", 1)


def test_yaml_aliases_are_refused_at_their_line(tmp_path):
    path = write(tmp_path, with_front("x: &x [a, b]\ny: [*x, *x]\n"))
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.load(path)
    problem = caught.value.problem
    assert "YAML alias '*x' refused" in problem.message
    assert problem.line == VALID.read_text().splitlines().index("reviewed: 2026-11-27") + 2


def test_deep_nesting_is_refused_without_recursing(tmp_path):
    path = write(tmp_path, with_front("deep: " + "[" * 5000 + "]" * 5000 + "\n"))
    with pytest.raises(frontmatter.FrontMatterError, match="nested more than 20"):
        frontmatter.load(path)


def test_a_byte_order_mark_and_whole_floats_are_harmless(tmp_path):
    text = VALID.read_text().replace("duration_minutes: 1", "duration_minutes: 5.0")
    front = frontmatter.load(write(tmp_path, b"\xef\xbb\xbf" + text.encode()))
    assert front.data["duration_minutes"] == 5 and isinstance(front.data["duration_minutes"], int)


def test_bibliography_errors_name_file_and_line(tmp_path):
    bib = write(tmp_path, "@article{a,\n  title = {A},\n  year = 2020\n\n@article{b,\n",
                "refs.bib")
    with pytest.raises(bibliography.BibliographyError) as caught:
        bibliography.load(bib)
    assert (caught.value.problem.path, caught.value.problem.line) == (str(bib), 5)
    assert bibliography.short_reference(bib, "a") is None  # fails soft, reported once


def test_percent_signs_print_in_titles_and_addresses(tmp_path):
    bib = write(tmp_path, "@misc{a,\n  author = {Smith, Ann},\n  title = {Half 50% of {People}},"
                "\n  year = {2020},\n  url = {https://example.org/a%20b~c},\n}\n", "refs.bib")
    assert bibliography.short_reference(bib, "a") == \
        "Smith (2020). Half 50% of People. https://example.org/a%20b~c"
    assert bibliography.short_reference(bib, "missing") is None


@pytest.mark.parametrize(("text", "line", "words"), [
    ('[clinician]\nname = "Zo\xeb"\n'.encode("latin-1"), 2, "not UTF-8"),
    ('clinician = "Dr Ana"\n', 1, "must be one table"),
    ('# mine\n[[clinician]]\nname = "Ana"\n', 2, "must be one table"),
    ('[clinician]\nphone = "555 0100"\nemail = "ana@\u202eelpmaxe.com"\n', 3,
     "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ('[clinician]\nname = "Ana \U0001f60a"\n', 2, "cannot be printed"),
])
def test_practice_details_problems_are_located(tmp_path, text, line, words):
    details, problems = practice.load(write(tmp_path, text, "handouts.toml"))
    assert not details
    assert [(problem.line, words in problem.message) for problem in problems] == [(line, True)]


def test_practice_details_with_a_byte_order_mark_load(tmp_path):
    details, problems = practice.load(write(tmp_path, b'\xef\xbb\xbf[clinician]\nname = "Ana"\n',
                                            "handouts.toml"))
    assert problems == [] and details.name == "Ana"


class _App:
    """Just what pack.target_problem reads."""

    def __init__(self, root: Path, out: str):
        self.srcdir, self.outdir, self.doctreedir = root / "src", root / "out/html", \
            root / "out/doctrees"
        self.config = type("Config", (), {"kit_pack_out": out})()
        for folder in (self.srcdir / "_build", self.outdir, self.doctreedir):
            folder.mkdir(parents=True, exist_ok=True)


@pytest.mark.parametrize(("out", "words"), [
    ("_build/pack.pdf", None),
    ("../elsewhere/new/pack.pdf", None),
    ("README.md", "a pack is a PDF"),
    ("notes.pdf", "among the project's sources"),
    ("../out/html/pack.pdf", "inside the build output"),
    ("../fake.pdf", "exists and is not a PDF"),
    ("../real.pdf", None),
    ("_build", "a pack is a PDF"),
])
def test_pack_targets(tmp_path, out, words):
    app = _App(tmp_path, out)
    (tmp_path / "fake.pdf").write_text("not a pdf")
    (tmp_path / "real.pdf").write_bytes(b"%PDF-1.7\n")
    problem = pack.target_problem(app)
    assert (problem is None) if words is None else (words in problem.message)
