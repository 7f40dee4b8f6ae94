"""One Sphinx build of a copy of the kit, timed: wall seconds, CPU seconds and
what its log says (PDFs rendered, documents re-read).

Every build is ``sys.executable -m sphinx`` in a fresh process started in the
copy's folder. ``-m`` puts that folder first on the build's ``sys.path``, so the
build imports the copy's ``compassion_kit`` (the one a run changes), not the
repository's; no PYTHONPATH is set on purpose. The shared runner
``compassion_kit.testing.sphinx_build`` neither times a build nor lets the peer
build without the strict flags, hence this one.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from compassion_kit.testing import STRICT

PLAIN = ("-D", "kit_pdfs=0")  # the site and catalog.json only: a plain Sphinx HTML build
KIT_LINE = re.compile(r"kit: (\d+) PDFs rendered, (\d+) unchanged \((\d+) workers\)")
ENV_LINE = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
LOG_TAIL = 25  # lines of a failed build's log shown in the error


class BuildFailedError(RuntimeError):
    """A build (or render) the bench needs failed: the bench ends without a result."""


@dataclass
class TimedBuild:
    wall: float
    cpu: float  # user + system seconds of the build and every process it started
    log: str
    rendered: int | None = None  # from the log line KIT_LINE, when the build printed it
    unchanged: int | None = None
    workers: int | None = None
    changed_docs: int | None = None  # added + changed documents, from ENV_LINE


def child_cpu() -> float:
    """User + system seconds of every child process reaped so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    # sphinx-simplepdf runs the `weasyprint` command: find the one beside this Python.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def sphinx(src: Path, out: Path, doctrees: Path, *options: str, builder: str = "html",
           strict: bool = True) -> TimedBuild:
    """Run one build of ``src``; raise BuildFailedError (with the log's tail) if it fails."""
    command = [sys.executable, "-m", "sphinx", *(STRICT if strict else ()), "-b", builder,
               str(src), str(out), "-d", str(doctrees), *options]
    cpu, start = child_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=src, env=subprocess_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    wall, cpu = time.perf_counter() - start, child_cpu() - cpu
    if done.returncode != 0:
        tail = "\n".join(done.stdout.splitlines()[-LOG_TAIL:])
        raise BuildFailedError(f"{' '.join(command)} exited {done.returncode}:\n{tail}")
    build = TimedBuild(wall, cpu, done.stdout)
    if match := KIT_LINE.search(done.stdout):
        build.rendered, build.unchanged, build.workers = map(int, match.groups())
    if match := ENV_LINE.search(done.stdout):
        build.changed_docs = int(match.group(1)) + int(match.group(2))
    return build
