"""Run real Sphinx builds of the kit or of fixture projects, as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
# Files every fixture shares with the real kit, so fixtures test the real schema.
SHARED = ("exercises/schema.json", "docs/info-sheets/schema.json",
          "docs/workshops/schema.json", "references.bib", "docs/_data/crisis-lines.yaml",
          "docs/_data/crisis-lines.schema.json", "docs/_data/group-agreement.yaml")
STRICT = ("-n", "-W", "--keep-going")


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr together, as a person sees them
    outdir: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if "WARNING" in line or "ERROR" in line]


def sphinx_build(srcdir: Path, outdir: Path, *extra: str) -> Build:
    """``sphinx-build -n -W --keep-going -b html`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "sphinx", *STRICT, "-b", "html", *extra,
               str(srcdir), str(outdir), "-d", str(outdir.parent / "doctrees")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=srcdir)
    return Build(done.returncode, done.stdout + done.stderr, outdir)


def fixture_project(name: str, destination: Path) -> Path:
    """The base fixture with ``roots/<name>`` laid over it, in ``destination``.

    ``name`` may stack overlays with '+': ``workshop+agenda-sum``.
    """
    shutil.copytree(ROOTS / "base", destination, dirs_exist_ok=True)
    for shared in SHARED:
        target = destination / shared
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / shared, target)
    for layer in name.split("+"):
        if layer != "base":
            shutil.copytree(ROOTS / layer, destination, dirs_exist_ok=True)
    return destination


def overlay(name: str, project: Path) -> None:
    """Lay ``roots/<name>`` over an existing project (to break a good build).

    Plain copies get a fresh mtime, so Sphinx sees the files as changed.
    """
    shutil.copytree(ROOTS / name, project, dirs_exist_ok=True, copy_function=shutil.copy)
