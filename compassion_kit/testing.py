"""What the tests and the benchmark share: real Sphinx builds of the kit or of
fixture projects, run as a user would, the fixture overlays, and the papers.

Not part of a build: nothing in the kit imports this module. It expects the
repository checkout around the package (the fixture projects in tests/roots)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from compassion_kit.about import KIT_DIR
from compassion_kit.model import PAPER_LABELS

REPO = KIT_DIR.resolve().parent
ROOTS = REPO / "tests" / "roots"
GUARD = REPO / "tests" / "guard"
# Every paper a handout is printed on, in the order the site lists them.
PAPERS = tuple(PAPER_LABELS)
# The large-print papers (US Letter and A4 sheets).
LARGE_PRINT = tuple(paper for paper in PAPERS if paper.startswith("large-print"))
# One paper of each layout: regular print on both sheets, large print on one
# (what the slower tests that render or fill every handout run on).
EACH_LAYOUT = ("letter", "a4", "large-print")
# Files every fixture shares with the real kit, so fixtures test the real schema.
SHARED = ("exercises/schema.json", "docs/info-sheets/schema.json",
          "docs/workshops/schema.json", "docs/pathways/schema.json", "references.bib",
          "docs/_data/crisis-lines.yaml",
          "docs/_data/crisis-lines.schema.json", "docs/_data/group-agreement.yaml")
# The data files' Spanish catalogues, for fixtures with a Spanish edition.
SHARED_SPANISH = ("locales/es/LC_MESSAGES/docs/_data/crisis-lines.po",
                  "locales/es/LC_MESSAGES/docs/_data/group-agreement.po")
STRICT = ("-n", "-W", "--keep-going")
# What a copy of the kit needs to build its English edition (the tests that
# break a real build and the benchmark work on such copies).
KIT_SOURCES = ("conf.py", "index.md", "docs", "exercises", "references.bib", "compassion_kit")


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


def translations(srcdir: Path) -> list[str]:
    """The languages a project has catalogues for (locales/<lang>/LC_MESSAGES)."""
    folder = Path(srcdir, "locales")
    return sorted(child.name for child in folder.iterdir()
                  if (child / "LC_MESSAGES").is_dir()) if folder.is_dir() else []


def sphinx_build(srcdir: Path, outdir: Path, *extra: str, guard: Path | None = None,
                 allow: Sequence[Path] = (), wrap: Sequence[str] = (),
                 language: str = "", environment: Mapping[str, str] | None = None) -> Build:
    """``sphinx-build -n -W --keep-going -b html`` in a fresh process.

    ``outdir`` is the (English) site; with ``language`` the build makes that
    edition as ``nox -s build`` does: into ``outdir/<language>`` with its own
    doctrees beside ``outdir`` (``Build.outdir`` is then the edition's folder).

    ``guard``: a log file; the build (and its render workers) then record
    every network attempt (refused) and every file opened outside the
    project, the output folder's parent, ``allow`` and the kit itself.
    ``wrap``: a command to run the build under (e.g. ``unshare -m ...``).
    ``environment``: variables to set for this build only (``SOURCE_DATE_EPOCH``).
    """
    env = {**os.environ, **(environment or {}), "PYTHONPATH": str(REPO)}
    if guard is not None:
        guard.unlink(missing_ok=True)
        env["PYTHONPATH"] = os.pathsep.join([str(GUARD), str(REPO)])
        env["KIT_GUARD_LOG"] = str(guard)
        # The kit itself, and its install metadata: an editable install writes
        # *.egg-info beside the package, which importlib.metadata reads because
        # REPO is on the path (Sphinx looks up entry points at start-up).
        kit = (REPO / "compassion_kit", *REPO.glob("*.egg-info"))
        env["KIT_GUARD_ALLOW"] = os.pathsep.join(
            str(path) for path in (srcdir, outdir.parent, *kit, *allow))
    doctrees = outdir.parent / (f"doctrees-{language}" if language else "doctrees")
    if language:
        extra, outdir = ("-D", f"language={language}", *extra), outdir / language
    command = [*wrap, sys.executable, "-m", "sphinx", *STRICT, "-b", "html", *extra,
               str(srcdir), str(outdir), "-d", str(doctrees)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=srcdir)
    build = Build(done.returncode, done.stdout + done.stderr, outdir)
    if guard is not None and guard.exists():
        for line in guard.read_text(encoding="utf-8").splitlines():
            kind, _, what = line.partition(" ")
            (build.network if kind == "NET" else build.outside_reads).append(what)
    return build


def build_all(srcdir: Path, outdir: Path, *extra: str,
              environment: Mapping[str, str] | None = None) -> list[Build]:
    """Every edition, as ``nox -s build``: English into ``outdir``, then each
    translation into ``outdir/<lang>`` (stops at the first that fails)."""
    builds = [sphinx_build(srcdir, outdir, *extra, environment=environment)]
    for language in translations(srcdir):
        if builds[-1].returncode != 0:
            break
        builds.append(sphinx_build(srcdir, outdir, *extra, language=language,
                                   environment=environment))
    return builds


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
    if (destination / "locales" / "es").is_dir():
        for shared in SHARED_SPANISH:
            (destination / shared).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / shared, destination / shared)
    return destination


def overlay(name: str, project: Path) -> None:
    """Lay ``roots/<name>`` over an existing project (to break a good build).

    Plain copies get a fresh mtime, so Sphinx sees the files as changed.
    """
    shutil.copytree(ROOTS / name, project, dirs_exist_ok=True, copy_function=shutil.copy)


def copy_kit(destination: Path, names: Sequence[str] = KIT_SOURCES) -> Path:
    """A copy of the kit's sources (``names``, relative to the repository) in
    ``destination``, without Python caches."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def published(outdir: Path) -> dict[str, bytes]:
    """What a build of ``outdir`` publishes, by path from it: catalog.json (and
    each edition's, ``es/catalog.json``) and every handout PDF. A failed build
    must leave all of it as it was."""
    return {path.relative_to(outdir).as_posix(): path.read_bytes()
            for pattern in ("catalog.json", "*/catalog.json", "handouts/**/*.pdf")
            for path in sorted(outdir.glob(pattern))}


def load_catalog(site: Path, language: str = "") -> list[dict]:
    """The items of a built site's catalog.json (``language``: that edition's)."""
    path = Path(site, language, "catalog.json") if language else Path(site, "catalog.json")
    return json.loads(path.read_text(encoding="utf-8"))["items"]
