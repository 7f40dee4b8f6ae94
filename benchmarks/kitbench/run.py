"""One run of every measure, in the order benchmarks/README.md lists them, on a
fresh copy of the sources in a temporary folder."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compassion_kit.testing import copy_kit

from .builds import PLAIN, sphinx
from .pdf_stage import measure_stage
from .peer import PEER, peer_version, try_peer
from .samples import Samples, say
from .sources import change_exercise, multiply_exercises
from .weight import browser_first_view, largest_one_page, page_weight


@dataclass(frozen=True)
class Options:
    runs: int
    growth: list[int]  # corpus multiples, each at least 2
    growth_runs: int  # at most ``runs``
    peer: bool = True
    json: Path | None = None  # where the results go


def one_run(run: int, work: Path, samples: Samples, results: dict[str, Any],
            options: Options) -> None:
    """Run ``run`` (1, 2, ...) in ``work``: its samples go to ``samples``; what is measured
    once (page weight, largest handout, the peer's facts) to ``results``."""
    src = copy_kit(work / "src")
    plain = (src, work / "plain" / "html", work / "plain" / "doctrees")
    full_out, full_dt = work / "full" / "html", work / "full" / "doctrees"
    full = (src, full_out, full_dt)

    build = samples.add_build("plain", sphinx(*plain, *PLAIN), "cpu")
    say(f"run {run}: plain HTML build {build.wall:.1f} s")
    build = samples.add_build("sphinx_nochange", sphinx(*plain, *PLAIN), "cpu")
    say(f"run {run}: Sphinx no-change rebuild {build.wall:.1f} s")
    build = samples.add_build("cold", sphinx(*full), "cpu", "rendered")
    say(f"run {run}: full cold build {build.wall:.1f} s, {build.rendered} PDFs rendered "
        f"({build.workers} workers)")
    build = samples.add_build("nochange", sphinx(*full), "cpu", "rendered", "docs")
    say(f"run {run}: no-change rebuild {build.wall:.1f} s, {build.rendered} PDFs rendered")

    if run == 1:
        results["page_weight"] = page_weight(full_out)
        results["first_view"] = browser_first_view(full_out)
        results["largest_handout"] = largest_one_page(full_out)

    stage = measure_stage(*full)
    samples.add("effective_cores", stage.effective_cores)
    samples.add("stage_serial", stage.serial)
    samples.add("stage_serial_cpu", stage.serial_cpu)
    samples.add("stage_parallel", stage.parallel)
    samples.add("stage_parallel_cpu", stage.parallel_cpu)
    samples.add("stage_pages", stage.pages)
    samples.add("stage_parallel_identical", stage.identical)
    samples.add("stage_floor_cpu", stage.floor_cpu)
    results["stage"] = {"jobs": stage.jobs, "pages": stage.pages, "workers": stage.workers,
                        "parallel_output_identical": stage.identical}
    say(f"run {run}: PDF stage {stage.jobs} PDFs, {stage.pages} pages: serial "
        f"{stage.serial:.1f} s, {stage.workers} workers {stage.parallel:.1f} s")

    if options.peer:
        peer = results.setdefault("peer", {"name": PEER, "version": peer_version()})
        measured, reason = try_peer(src, work, peer.get("unavailable"))
        if measured is not None:
            for key in ("wall", "render"):
                samples.add(f"peer_{key}", measured[key])
            peer.update(pages=measured["pages"], bytes=measured["bytes"],
                        render_pages=measured["render_pages"])
            say(f"run {run}: {PEER} build {measured['wall']:.1f} s, {measured['pages']} "
                f"pages; WeasyPrint alone on its HTML {measured['render']:.1f} s")
        if reason is not None:
            peer["unavailable"] = reason
            say(f"run {run}: {PEER} unavailable: {reason.splitlines()[0]}")

    changed = change_exercise(src, " ")
    build = samples.add_build("touch", sphinx(*full), "rendered", "docs")
    say(f"run {run}: touched {changed.name} (a space): {build.wall:.1f} s, "
        f"{build.rendered} PDFs rendered")
    change_exercise(src, " Take your time.")
    build = samples.add_build("edit", sphinx(*full), "rendered")
    say(f"run {run}: edited {changed.name} (new words): {build.wall:.1f} s, "
        f"{build.rendered} PDFs rendered")
    results["touched"] = changed.stem

    if run <= options.growth_runs:
        for factor in options.growth:
            grow(run, factor, work / f"grow{factor}", samples, results)


def grow(run: int, factor: int, work: Path, samples: Samples, results: dict[str, Any]) -> None:
    """A cold full build of a new copy with ``factor`` times the exercises."""
    grown = copy_kit(work / "src")
    count = multiply_exercises(grown, factor)
    build = samples.add_build(f"grow{factor}", sphinx(grown, work / "html", work / "doctrees"),
                              "rendered")
    results.setdefault("growth_exercises", {})[str(factor)] = count
    say(f"run {run}: growth {factor}x ({count} exercises): {build.wall:.1f} s, "
        f"{build.rendered} PDFs rendered")
    shutil.rmtree(work)
