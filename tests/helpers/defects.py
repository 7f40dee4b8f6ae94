"""Defects to plant in a built project, and the check that a build of the
broken project fails clearly and publishes nothing (fixtures/test_bad_inputs.py
on a small project, fixtures/test_second_build.py on the whole kit)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from compassion_kit.testing import published, sphinx_build


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
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
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


def break_and_build(project: Path, outdir: Path, outputs: dict[str, bytes], backup: Path,
                    defect: Defect) -> None:
    """Apply the defect, build, check the message and that nothing published
    changed, and put the project back as it was."""
    shutil.copytree(project, backup)
    try:
        defect.change(project)
        build = sphinx_build(project, outdir)
        assert build.returncode != 0
        lines = [line for line in build.output.splitlines()
                 if defect.path in line and all(word in line for word in defect.words)]
        assert lines, f"no message naming {defect.path} with {defect.words}:\n" \
                      + build.output[-3000:]
        assert published(outdir).keys() == outputs.keys()
        for name, content in outputs.items():
            assert (outdir / name).read_bytes() == content, f"{name} changed"
        assert not list(outdir.rglob("*.part"))
    finally:
        restore(project, backup)
