"""The real kit, broken one way at a time: each defect fails the build with a
message naming the file and the problem, and leaves the last good PDFs and
catalogue byte-for-byte as they were."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from compassion_kit.testing import REPO, sphinx_build

COPIED = ("conf.py", "index.md", "docs", "exercises", "references.bib", "compassion_kit")
EXERCISE = "exercises/self-compassion-break.md"
FONT = "compassion_kit/assets/static/fonts/atkinson-hyperlegible-next-latin-700-normal.woff2"


@dataclass
class Defect:
    name: str
    path: str  # the file the message must name
    change: Callable[[Path], None]
    words: tuple[str, ...]  # the problem, in the message


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        target = project / relative
        text = target.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def write(relative: str, content: bytes) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        (project / relative).write_bytes(content)
    return change


def copy_as(source: str, relative: str, old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        shutil.copy(project / source, project / relative)
        replace(relative, old, new)(project)
    return change


def latin1(relative: str) -> Callable[[Path], None]:
    """Save the file with one accented letter in Latin-1 instead of UTF-8."""
    def change(project: Path) -> None:
        text = (project / relative).read_text(encoding="utf-8")
        (project / relative).write_bytes(text.replace("you", "y\xf6u", 1).encode("latin-1"))
    return change


def bullets(relative: str) -> Callable[[Path], None]:
    """Turn every numbered list of the file into a bullet list."""
    def change(project: Path) -> None:
        text = (project / relative).read_text(encoding="utf-8")
        (project / relative).write_text(re.sub(r"(?m)^\d+\. ", "- ", text), encoding="utf-8")
    return change


def restore(project: Path, backup: Path) -> None:
    """Put back only what a defect changed, with a fresh mtime so Sphinx re-reads it."""
    for path in list(project.rglob("*")):
        if path.is_file() and not (backup / path.relative_to(project)).exists():
            path.unlink()
    for saved in backup.rglob("*"):
        if saved.is_file():
            target = project / saved.relative_to(backup)
            if not target.exists() or target.read_bytes() != saved.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(saved, target)


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        for each in changes:
            each(project)
    return change


def delete(relative: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        (project / relative).unlink()
    return change


DEFECTS = [
    Defect("malformed-yaml", EXERCISE, replace(EXERCISE, "title: A Self", "title: [A Self"),
           ("malformed YAML",)),
    Defect("missing-field", EXERCISE, replace(EXERCISE, "chapter: self-compassion\n", ""),
           ("field 'chapter'", "missing required field")),
    Defect("wrong-type", EXERCISE,
           replace(EXERCISE, "duration_minutes: 5", "duration_minutes: five"),
           ("field 'duration_minutes'", "expected integer")),
    Defect("bad-enum", EXERCISE, replace(EXERCISE, "intensity: gentle", "intensity: mild"),
           ("field 'intensity'", "'mild' is not one of")),
    Defect("id-mismatch", EXERCISE, replace(EXERCISE, "id: self-compassion-break", "id: sc-break"),
           ("field 'id'", "must equal the file name")),
    Defect("duplicate-id", "docs/info-sheets/self-compassion-break.md",
           copy_as("docs/info-sheets/self-compassion-myths-and-facts.md",
                   "docs/info-sheets/self-compassion-break.md",
                   "id: self-compassion-myths-and-facts", "id: self-compassion-break"),
           ("duplicate id 'self-compassion-break'",)),
    Defect("missing-section", EXERCISE, replace(EXERCISE, "## Reflect\n", ""),
           ("section 'Reflect'", "missing required section")),
    Defect("steps-not-numbered", EXERCISE, bullets(EXERCISE),
           ("section 'How to do it'", "numbered list")),
    Defect("unknown-source", EXERCISE, replace(EXERCISE, "sources: [neff2003self",
                                               "sources: [smith2099made, neff2003self"),
           ("'smith2099made' is not a key in references.bib",)),
    Defect("broken-link", EXERCISE, replace(EXERCISE, "## Why try this\n",
                                            "## Why try this\n\nSee [this](no-such-page.md).\n"),
           ("no-such-page",)),
    Defect("missing-pdf-font", FONT.rsplit("/", 1)[-1], delete(FONT),
           ("not written", "No such file")),
    Defect("image-without-alt", EXERCISE, replace(EXERCISE, "## Why try this\n",
                                                  "## Why try this\n\n![](../references.bib)\n"),
           ("needs alt text",)),
    Defect("remote-image", EXERCISE, replace(EXERCISE, "## Why try this\n",
                                             "## Why try this\n\n![A dot](https://example.org/t.png)\n"),
           ("must be a file inside the project",)),
    Defect("file-url-image", EXERCISE,
           replace(EXERCISE, "## Why try this\n",
                   "## Why try this\n\n```{image} file:///etc/passwd\n:alt: Secrets\n```\n"),
           ("must be a file inside the project",)),
    Defect("image-outside-project", EXERCISE,
           replace(EXERCISE, "## Why try this\n",
                   "## Why try this\n\n![Host](../../../../../../etc/hostname)\n"),
           ("is outside the project folder",)),
    Defect("unreadable-encoding", EXERCISE, latin1(EXERCISE), ("not UTF-8", "byte 0xf6")),
    Defect("bad-practice-details", "handouts.toml",
           write("handouts.toml", b'[clinician]\nphone = "not a phone"\n'),
           ("field 'phone'", "does not look like a phone number")),
    # Hostile content (issue 16): refused with its file and line, nothing published.
    Defect("include-outside-project", EXERCISE,
           replace(EXERCISE, "## Why try this\n",
                   "## Why try this\n\n```{literalinclude} ../../../../../../etc/passwd\n```\n"),
           ("File insertion disabled",)),
    Defect("raw-html-redirect", EXERCISE,
           replace(EXERCISE, "## Why try this\n", "## Why try this\n\n<meta http-equiv="
                   '"refresh" content="0;url=https://example.invalid">\n'),
           ("raw HTML", "refused")),
    Defect("yaml-alias", EXERCISE,
           replace(EXERCISE, "chapter: self-compassion\n",
                   "chapter: self-compassion\nx: &x [a, b]\ny: [*x, *x]\n"),
           ("YAML alias '*x' refused",)),
    # A failure in the PDF stage, after every other client handout was rendered
    # again (new clinician details): nothing of it may be published.
    Defect("handout-too-long", EXERCISE,
           both(write("handouts.toml", b'[clinician]\nname = "Sam Lee"\n'),
                replace(EXERCISE, "Find a quiet spot if you can.", "Find a quiet spot if you "
                        "can. " + "Breathe in slowly and out slowly. " * 400)),
           ("handout self-compassion-break (letter)", "pages on US Letter; the limit is")),
    Defect("agenda-does-not-add-up", "docs/workshops/from-empathy-to-compassion.md",
           replace("docs/workshops/from-empathy-to-compassion.md", "duration_minutes: 60",
                   "duration_minutes: 65"),
           ("add up to 60 minutes", "duration_minutes is 65")),
]


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A built copy of the real kit and the bytes of its outputs."""
    root = tmp_path_factory.mktemp("kit-copy")
    project = root / "src"
    project.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    outdir = root / "out" / "html"
    build = sphinx_build(project, outdir)
    assert build.returncode == 0, build.output[-3000:]
    outputs = {path: path.read_bytes() for path in outdir.joinpath("handouts").rglob("*.pdf")}
    outputs[outdir / "catalog.json"] = (outdir / "catalog.json").read_bytes()
    return project, outdir, outputs


@pytest.mark.parametrize("defect", DEFECTS, ids=[defect.name for defect in DEFECTS])
def test_defect_fails_clearly_and_keeps_earlier_outputs(good, tmp_path, defect):
    project, outdir, outputs = good
    backup = tmp_path / "backup"
    shutil.copytree(project, backup)
    try:
        defect.change(project)
        build = sphinx_build(project, outdir)
        assert build.returncode != 0
        lines = [line for line in build.output.splitlines()
                 if defect.path in line and all(word in line for word in defect.words)]
        assert lines, f"no message naming {defect.path} with {defect.words}:\n" \
                      + build.output[-3000:]
        for path, content in outputs.items():
            assert path.read_bytes() == content, f"{path.name} changed"
        assert not list(outdir.rglob("*.part"))
    finally:
        restore(project, backup)
