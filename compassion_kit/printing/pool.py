"""Render many PDFs on every core: HTML in, PDF bytes out.

WeasyPrint documents do not pickle, but HTML strings and bytes do, so each
worker gets (html, base url, paper) and sends the PDF back. Workers are
forked where the platform allows it: measured here, fork starts in a
fraction of the time spawn or forkserver need. Output is identical to the
serial path (rendering is deterministic), which the tests check.

Workers die with the build: a killed build must not leave 100 MB processes
behind (a pool's own clean-up only runs when the parent exits normally).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

# Below this many jobs the cost of starting workers outweighs the gain.
MIN_PARALLEL_JOBS = 4
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass(frozen=True)
class Job:
    """One PDF to render: print HTML, its base URL, the paper, the folders it may read."""

    html: str
    base_url: str
    paper: str
    roots: tuple[str, ...]


class Result(NamedTuple):
    """One job's PDF and its page count, or (data None) the error that stopped it."""

    data: bytes | None
    pages: int
    error: str | None


def _render(job: Job) -> Result:
    from compassion_kit.printing import render as pdf  # imported already where forked

    try:
        data, pages = pdf.render_counted(job.html, job.base_url, job.paper,
                                         tuple(map(Path, job.roots)))
    except pdf.RenderError as error:
        return Result(None, 0, str(error))
    except Exception as error:  # noqa: BLE001
        # WeasyPrint failing on odd content (say, nesting too deep to lay
        # out) is a problem of that one handout: report it with its file,
        # not as a traceback that stops every other handout.
        return Result(None, 0, f"the renderer failed: {type(error).__name__}: {error}")
    return Result(data, pages, None)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _die_with(parent: int) -> None:
    """Worker initializer: end this worker when the build process ends.

    On Linux the kernel sends SIGKILL the moment the parent dies (prctl
    PR_SET_PDEATHSIG); elsewhere a thread notices the new parent. Either way,
    a parent that died before this ran is caught by the getppid() check.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def workers_for(setting: int) -> int:
    """0 means every core."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def render_all(jobs: list[Job], workers: int, min_jobs: int = MIN_PARALLEL_JOBS
               ) -> Iterator[Result]:
    """(pdf bytes, pages, error) for each job, in the order of ``jobs``; in
    parallel from ``min_jobs`` jobs on (a few long ones, such as the book on
    three papers, are worth it)."""
    if not jobs:
        return
    # WeasyPrint (most of a second to import) only where something is rendered;
    # imported here, before any worker is forked, so the workers share it.
    from compassion_kit.printing import render as pdf

    pdf.prepare()  # shared state is made once, before any worker is forked
    if workers <= 1 or len(jobs) < min_jobs:
        yield from map(_render, jobs)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                             initializer=_die_with, initargs=(os.getpid(),)) as pool:
        yield from pool.map(_render, jobs, chunksize=1)
