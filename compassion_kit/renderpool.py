"""Render many PDFs on every core: HTML in, PDF bytes out.

WeasyPrint documents do not pickle, but HTML strings and bytes do, so each
worker gets (html, base url, paper) and sends the PDF back. Workers are
forked where the platform allows it: measured here, fork starts in a
fraction of the time spawn or forkserver need. Output is identical to the
serial path (rendering is deterministic), which the tests check.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import pdf

# Below this many jobs the cost of starting workers outweighs the gain.
MIN_PARALLEL_JOBS = 4


@dataclass(frozen=True)
class Job:
    html: str
    base_url: str
    paper: str
    roots: tuple[str, ...]


def _render(job: Job) -> tuple[bytes | None, str | None]:
    try:
        return pdf.render(job.html, job.base_url, job.paper, tuple(map(Path, job.roots))), None
    except pdf.RenderError as error:
        return None, str(error)


def workers_for(setting: int) -> int:
    """0 means every core."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def render_all(jobs: list[Job], workers: int) -> Iterator[tuple[bytes | None, str | None]]:
    """(pdf bytes, error) for each job, in the order of ``jobs``."""
    if workers <= 1 or len(jobs) < MIN_PARALLEL_JOBS:
        yield from map(_render, jobs)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        yield from pool.map(_render, jobs, chunksize=1)
