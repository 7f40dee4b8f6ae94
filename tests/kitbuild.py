"""Run real Sphinx builds of the kit or of fixture projects, as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
GUARD = Path(__file__).resolve().parent / "guard"
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
    # With a guard: files read outside the allowed folders, network attempts.
    outside_reads: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if "WARNING" in line or "ERROR" in line]


def sphinx_build(srcdir: Path, outdir: Path, *extra: str, guard: Path | None = None,
                 allow: Sequence[Path] = (), wrap: Sequence[str] = ()) -> Build:
    """``sphinx-build -n -W --keep-going -b html`` in a fresh process.

    ``guard``: a log file; the build (and its render workers) then record
    every network attempt (refused) and every file opened outside the
    project, the output folder's parent, ``allow`` and the kit itself.
    ``wrap``: a command to run the build under (e.g. ``unshare -m ...``).
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if guard is not None:
        guard.unlink(missing_ok=True)
        env["PYTHONPATH"] = os.pathsep.join([str(GUARD), str(REPO)])
        env["KIT_GUARD_LOG"] = str(guard)
        env["KIT_GUARD_ALLOW"] = os.pathsep.join(
            str(path) for path in (srcdir, outdir.parent, REPO / "compassion_kit", *allow))
    command = [*wrap, sys.executable, "-m", "sphinx", *STRICT, "-b", "html", *extra,
               str(srcdir), str(outdir), "-d", str(outdir.parent / "doctrees")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=srcdir)
    build = Build(done.returncode, done.stdout + done.stderr, outdir)
    if guard is not None and guard.exists():
        for line in guard.read_text(encoding="utf-8").splitlines():
            kind, _, what = line.partition(" ")
            (build.network if kind == "NET" else build.outside_reads).append(what)
    return build


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
