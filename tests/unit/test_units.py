"""Unit tests of the pure parts of the extension (no Sphinx build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compassion_kit.printing import render as pdf
from compassion_kit.rules import frontmatter, schema
from compassion_kit.testing import REPO

SCHEMA = str(REPO / "exercises" / "schema.json")
VALID = REPO / "tests" / "roots" / "base" / "exercises" / "calm.md"


def write(tmp_path: Path, text: str, name: str = "calm.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_front_matter_has_no_problems():
    assert schema.validate(frontmatter.load(VALID), SCHEMA) == []


def test_yaml_dates_are_checked_as_iso_dates(tmp_path):
    text = VALID.read_text().replace("reviewed: 2026-11-27", 'reviewed: "27/11/2026"')
    problems = schema.validate(frontmatter.load(write(tmp_path, text)), SCHEMA)
    assert [(p.where, p.line) for p in problems] == [("field 'reviewed'", 15)]
    assert "is not a 'date'" in problems[0].message


def test_nested_field_errors_point_at_their_own_line(tmp_path):
    text = VALID.read_text().replace("    size: small", "    size: huge")
    [problem] = schema.validate(frontmatter.load(write(tmp_path, text)), SCHEMA)
    assert problem.where == "field 'fields[0].size'"
    assert problem.line == 14
    assert "'huge' is not one of: line, small, medium, large" in problem.message


def test_caution_is_required_for_practices_that_may_stir_up_pain(tmp_path):
    text = VALID.read_text().replace("intensity: gentle", "intensity: deep")
    [problem] = schema.validate(frontmatter.load(write(tmp_path, text)), SCHEMA)
    assert problem.where == "field 'caution'"
    assert problem.message == "missing required field"


def test_unknown_fields_are_named(tmp_path):
    text = VALID.read_text().replace("intensity: gentle", "intensity: gentle\nintesity: deep")
    [problem] = schema.validate(frontmatter.load(write(tmp_path, text)), SCHEMA)
    assert problem.where == "field 'intesity'"
    assert problem.line == 10


@pytest.mark.parametrize(("field", "where", "line", "message"), [
    ("    type: line\n    low: calm", "fields[0].low", 15,
     "'low' is not used by type 'line': remove it, or use type 'scale'"),
    ("    type: scale\n    low: calm\n    high: swamped\n    items: [one, two]",
     "fields[0].items", 17,
     "'items' is not used by type 'scale': remove it, or use type 'checklist'"),
    ("    size: small\n    columns: [Day]", "fields[0].columns", 15,
     "'columns' is not used by a field without a 'type': remove it, or use type 'table'"),
    ("    type: table\n    columns: [Day]\n    size: small", "fields[0].size", 16,
     "'size' is not used by type 'table': remove it, or use one of the types 'lines', 'line'"),
], ids=["low-on-line", "items-on-scale", "columns-without-type", "size-on-table"])
def test_a_key_the_answer_type_does_not_use_is_named_with_the_type(tmp_path, field, where,
                                                                   line, message):
    """Not jsonschema's "... should not be valid under {}": the key, the type,
    and the type that would use it, at the key's line."""
    text = VALID.read_text().replace("    size: small", field)
    [problem] = schema.validate(frontmatter.load(write(tmp_path, text)), SCHEMA)
    assert (problem.where, problem.line, problem.message) == (f"field '{where}'", line, message)
    assert "should not be valid" not in str(problem)


@pytest.mark.parametrize(("target", "here", "href"), [
    ("exercises/calm.html", "es/exercises/calm.html", "../../exercises/calm.html"),
    ("es/index.html", "index.html", "es/index.html"),
    # dirhtml: the root page is '' and a page is a folder ('x/'), kept as one.
    ("", "", "./"),
    ("", "es/", "../"),
    ("es/", "", "es/"),
    ("exercises/calm/", "es/exercises/calm/", "../../../exercises/calm/"),
    ("handouts/es/letter/calm.pdf", "es/", "../handouts/es/letter/calm.pdf"),
])
def test_links_between_the_sites_pages_under_html_and_dirhtml(target, here, href):
    from compassion_kit.i18n.translation import _relative

    assert _relative(target, here) == href


def test_a_file_without_front_matter_is_rejected(tmp_path):
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.load(write(tmp_path, "## Why try this\n"))
    assert caught.value.problem.where == "front matter"
    assert "must start with a '---' block" in caught.value.problem.message


def test_front_matter_that_is_not_a_mapping_is_rejected(tmp_path):
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.load(write(tmp_path, "---\n- just\n- a list\n---\n"))
    assert "mapping" in caught.value.problem.message


HTML = '<html lang="en"><head><title>T</title></head><body><p>Hi</p>{extra}</body></html>'


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "https://example.org/tracker.png",
    "../../../../../../etc/hostname",
])
def test_rendering_never_fetches_outside_the_kit(tmp_path, url):
    html = HTML.format(extra=f'<img src="{url}" alt="x">')
    with pytest.raises(pdf.RenderError, match="blocked"):
        pdf.render(html, (tmp_path / "page.html").as_uri(), "letter", roots=(tmp_path,))


def test_rendering_reads_files_inside_the_build(tmp_path):
    (tmp_path / "style.css").write_text("p { color: #333 }")
    html = HTML.format(extra='<link rel="stylesheet" href="style.css">')
    data = pdf.render(html, (tmp_path / "page.html").as_uri(), "a4", roots=(tmp_path,))
    assert data.startswith(b"%PDF")


def test_unknown_paper_is_an_error():
    with pytest.raises(pdf.RenderError, match="unknown paper 'legal'"):
        pdf.render(HTML.format(extra=""), "file:///", "legal")


def test_write_atomic_leaves_no_partial_file_when_writing_fails(tmp_path):
    target = tmp_path / "out" / "handout.pdf"
    pdf.write_atomic(target, b"%PDF-old")
    with pytest.raises(TypeError):
        pdf.write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"%PDF-old"
    assert [path.name for path in target.parent.iterdir()] == ["handout.pdf"]


def readme_module_map() -> set[str]:
    """Module paths the README's map names: ``  name.py`` at the top of the
    package, ``    name.py`` under the ``  folder/`` line before it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("\ncompassion_kit/ "):]
    block = block[:block.index("\n  assets/")]
    named, folder = set(), ""
    for line in block.splitlines()[1:]:
        if line.startswith("    ") and line.strip().split()[0].endswith(".py"):
            named.add(f"{folder}{line.split()[0]}")
        elif line.startswith("  ") and not line.startswith("   "):
            word = line.split()[0]
            folder = word if word.endswith("/") else ""
            if word.endswith(".py"):
                named.add(word)
    return named


def test_readme_module_map_names_every_module():
    """The map in the README cannot drift from the package: every module is
    named under its own folder, and nothing else is."""
    package = REPO / "compassion_kit"
    modules = {path.relative_to(package).as_posix() for path in package.rglob("*.py")
               if path.name != "__init__.py" or path.parent == package}
    assert readme_module_map() == modules
