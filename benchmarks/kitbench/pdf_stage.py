"""The PDF stage alone: every handout of a built copy rendered again in the bench
process, first serially, then with one worker per core, through the kit's own
pool (compassion_kit.printing.pool), from the print HTML the build saved.

Also how many cores this machine really gives busy Python processes, since the
parallel speedup cannot beat that, and WeasyPrint's floor here: the same PDFs
made by WeasyPrint alone in one warm process (``floor_cpu``)."""

from __future__ import annotations

import io
import multiprocessing
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader  # pinned by the project

from compassion_kit.printing import pool as renderpool
from compassion_kit.testing import load_catalog

from .builds import BuildFailedError, child_cpu

SPIN_STEPS = 10_000_000  # a pure-Python loop of about a second


@dataclass
class Stage:
    """One measure of the PDF stage: serial, then with ``workers`` processes."""

    jobs: int
    workers: int
    effective_cores: float
    serial: float  # wall seconds
    serial_cpu: float
    parallel: float
    parallel_cpu: float
    pages: int  # of every PDF, counted by pypdf
    identical: bool  # the parallel PDFs are byte for byte the serial ones
    floor_cpu: float  # WeasyPrint alone, one warm process (floor_cpu)


def print_jobs(src: Path, out: Path, doctrees: Path) -> list[renderpool.Job]:
    """Every job of the build's PDF stage, from the saved print HTML and catalog.json."""
    roots = (str(src), str(out))
    jobs = []
    for entry in load_catalog(out):
        html = (doctrees / "kit-print" / f"{entry['id']}.html").read_text(encoding="utf-8")
        base_url = (out / entry["url"].split("#")[0]).as_uri()
        jobs.extend(renderpool.Job(html, base_url, paper, roots)
                    for paper in sorted(entry["pdfs"]))
    return jobs


def _spin(_job: int) -> float:
    start, total = time.perf_counter(), 0
    for number in range(SPIN_STEPS):
        total += number
    return time.perf_counter() - start


def effective_cores(workers: int) -> float:
    """How many cores ``workers`` CPU-bound Python processes really get here: the same loop
    once alone, then once in each of ``workers`` forked processes at the same time."""
    if workers < 2:
        return 1.0
    alone = _spin(0)
    context = multiprocessing.get_context("fork" if "fork" in
                                          multiprocessing.get_all_start_methods() else None)
    with context.Pool(workers) as pool:
        start = time.perf_counter()
        pool.map(_spin, range(workers), chunksize=1)
        together = time.perf_counter() - start
    return workers * alone / together


def floor_cpu(jobs: list[renderpool.Job]) -> float:
    """CPU seconds of WeasyPrint's floor on this machine: every job's HTML laid out
    and written in this one warm process, with one font configuration and the print
    CSS parsed once per paper (set-up not counted), and none of the kit's own steps
    (the fetch checks, the warnings check, the footer's tags, the link filter)."""
    from weasyprint import CSS, HTML  # only the process that renders imports it

    from compassion_kit.printing import render as pdf

    setups = {}
    for paper in sorted({job.paper for job in jobs}):
        fonts = pdf.kit_fonts_only()
        sheets = [*(CSS(filename=pdf.PRINT_DIR / name, font_config=fonts)
                    for name in pdf.stylesheet_names(paper)),
                  CSS(string=pdf.FONT_SAFE_CSS, font_config=fonts)]
        setups[paper] = (fonts, sheets)

    def write(job: renderpool.Job) -> bytes:
        fonts, sheets = setups[job.paper]
        document = HTML(string=job.html, base_url=job.base_url).render(
            stylesheets=sheets, font_config=fonts, pdf_variant=pdf.PDF_VARIANT, pdf_forms=True)
        return document.write_pdf(pdf_variant=pdf.PDF_VARIANT, pdf_forms=True)

    write(jobs[0])  # warm: the first layout loads what every later one reuses
    start = time.process_time()
    for job in jobs:
        write(job)
    return time.process_time() - start


def pages_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def render_stage(jobs: list[renderpool.Job], workers: int) -> tuple[float, float, list[bytes]]:
    """Wall and CPU seconds (this process and its reaped workers) of one PDF stage, and
    its PDFs; raise BuildFailedError if a handout fails to render."""
    cpu, start = time.process_time() + child_cpu(), time.perf_counter()
    results = list(renderpool.render_all(jobs, workers))  # the pool is shut down and reaped
    elapsed, cpu = time.perf_counter() - start, time.process_time() + child_cpu() - cpu
    errors = [result.error for result in results if result.error is not None]
    if errors:
        raise BuildFailedError(f"{len(errors)} handouts failed to render, first: {errors[0]}")
    return elapsed, cpu, [result.data for result in results if result.data is not None]


def measure_stage(src: Path, out: Path, doctrees: Path) -> Stage:
    """The machine's effective cores, then the stage serially, then on every core."""
    jobs = print_jobs(src, out, doctrees)
    workers = renderpool.workers_for(0)
    cores = effective_cores(workers)
    serial, serial_cpu, serial_pdfs = render_stage(jobs, 1)
    parallel, parallel_cpu, parallel_pdfs = render_stage(jobs, workers)
    return Stage(jobs=len(jobs), workers=workers, effective_cores=cores, serial=serial,
                 serial_cpu=serial_cpu, parallel=parallel, parallel_cpu=parallel_cpu,
                 pages=sum(map(pages_of, serial_pdfs)), identical=serial_pdfs == parallel_pdfs,
                 floor_cpu=floor_cpu(jobs))
