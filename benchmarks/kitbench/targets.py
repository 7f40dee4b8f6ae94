"""The medians of the runs, judged against the targets of the README's
"Development: performance" section: the rows of the table, in print order."""

from __future__ import annotations

import os
from typing import Any, TypedDict

from compassion_kit.testing import REPO

from .peer import PEER
from .samples import Samples
from .sources import exercise_files

TARGETS = {
    "cold_ratio": 2.0,  # full cold build / plain HTML build
    "nochange_ratio": 1.1,  # our no-change rebuild / Sphinx's own no-change rebuild
    "parallel_speedup": 1.7,  # serial / parallel PDF stage, on 2 cores
    "floor_ratio": 1.15,  # CPU of our PDF stage / CPU of WeasyPrint's floor
    "growth_slack": 1.1,  # time(kx) / time(1x) <= k * 1.1
    "page_weight_kb": 120.0,  # first view of the landing page, every byte uncompressed
    "page_weight_gzip_kb": 60.0,  # the same with text files gzipped, as a server sends them
}


class Row(TypedDict):
    name: str
    value: float | None
    unit: str
    runs: int  # runs that gave the measure a value
    target: str
    holds: bool | None  # None: no target, or it does not apply here
    key: str | None  # the row's stable name in the JSON


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


class Table:
    """The rows so far, each counting the runs of the sample it is based on."""

    def __init__(self, samples: Samples) -> None:
        self.samples = samples
        self.rows: list[Row] = []

    def row(self, name: str, value: float | None, unit: str, runs_of: str = "",
            target: str = "", holds: bool | None = None, key: str | None = None) -> None:
        # A row without samples of its own (measured once) counts as one run.
        runs = self.samples.runs(runs_of) if runs_of in self.samples.values else 1
        self.rows.append({"name": name, "value": value, "unit": unit, "runs": runs,
                          "target": target, "holds": holds, "key": key})


def judge(samples: Samples, results: dict[str, Any], growth: list[int]) -> list[Row]:
    """The table: name, median, unit, runs, target, holds (True, False or None for n/a)."""
    table = Table(samples)
    _builds(table, samples, results)
    _stage(table, samples, results)
    if growth:
        _growth(table, samples, results, growth)
    _peer(table, samples, results)
    _sizes(table, results)
    return table.rows


def _builds(table: Table, samples: Samples, results: dict[str, Any]) -> None:
    m, row = samples.median, table.row
    plain, cold = m("plain"), m("cold")
    cold_ratio = ratio(cold, plain)
    row("plain sphinx-build -b html (baseline)", plain, "s", "plain", key="plain")
    row("full build, cold (site + all PDFs)", cold, "s", "cold", key="cold")
    row("  cold / plain", cold_ratio, "x", "cold", f"<= {TARGETS['cold_ratio']}",
        cold_ratio is not None and cold_ratio <= TARGETS["cold_ratio"], key="cold_ratio")
    row("  cold / plain, in CPU seconds (info)", ratio(m("cold_cpu"), m("plain_cpu")), "x",
        "cold_cpu", key="cold_ratio_cpu")

    sphinx_nc, nochange = m("sphinx_nochange"), m("nochange")
    nc_ratio = ratio(nochange, sphinx_nc)
    rendered = [v for v in samples.values.get("nochange_rendered", []) if v is not None]
    row("Sphinx's own no-change rebuild", sphinx_nc, "s", "sphinx_nochange", key="sphinx_nochange")
    row("no-change rebuild", nochange, "s", "nochange", key="nochange")
    row("  no-change / Sphinx no-change", nc_ratio, "x", "nochange",
        f"<= {TARGETS['nochange_ratio']}",
        nc_ratio is not None and nc_ratio <= TARGETS["nochange_ratio"], key="nochange_ratio")
    row("  the same in CPU seconds (info)", ratio(m("nochange_cpu"), m("sphinx_nochange_cpu")),
        "x", "nochange_cpu", key="nochange_ratio_cpu")
    row("  PDFs rendered on no-change rebuild", max(rendered) if rendered else None, "PDFs",
        "nochange_rendered", "0", bool(rendered) and max(rendered) == 0, key="nochange_rendered")
    touched = results.get("touched")
    row(f"rebuild after a space in {touched}", m("touch"), "s", "touch", key="touch")
    row("  PDFs rendered", m("touch_rendered"), "PDFs", "touch_rendered", key="touch_rendered")
    row(f"rebuild after new words in {touched}", m("edit"), "s", "edit", key="edit")
    row("  PDFs rendered", m("edit_rendered"), "PDFs", "edit_rendered", key="edit_rendered")


def _stage_pages(samples: Samples, results: dict[str, Any]) -> float | None:
    """Pages of the PDF stage: the same every run, unless the layout varies."""
    return samples.median("stage_pages") or results.get("stage", {}).get("pages")


def _stage(table: Table, samples: Samples, results: dict[str, Any]) -> None:
    m, row = samples.median, table.row
    stage = results.get("stage", {})
    pages = _stage_pages(samples, results)
    serial, parallel = m("stage_serial"), m("stage_parallel")
    speedup = ratio(serial, parallel)
    workers = stage.get("workers", 1)
    row(f"PDF stage, serial ({stage.get('jobs')} PDFs, {pages:g} pages)", serial, "s",
        "stage_serial", key="stage_serial")
    row(f"PDF stage, {workers} workers", parallel, "s", "stage_parallel", key="stage_parallel")
    row("  serial throughput", ratio(pages, serial), "pages/s", "stage_serial",
        key="pps_serial")
    row(f"  {workers}-worker throughput", ratio(pages, parallel), "pages/s", "stage_parallel",
        key="pps_parallel")
    on_two = (os.cpu_count() or 1) >= 2
    row("  parallel speedup", speedup, "x", "stage_parallel",
        f">= {TARGETS['parallel_speedup']} (2 cores)",
        (speedup is not None and speedup >= TARGETS["parallel_speedup"]) if on_two else None,
        key="parallel_speedup")
    row(f"  machine: cores {workers} busy Python processes get (info)", m("effective_cores"),
        "", "effective_cores", key="effective_cores")
    floor = m("stage_floor_cpu")
    row("  WeasyPrint's floor: one warm process, shared fonts and CSS (CPU)", floor, "s",
        "stage_floor_cpu", key="stage_floor_cpu")
    to_floor = ratio(m("stage_parallel_cpu"), floor)
    row(f"  PDF stage CPU ({workers} workers) / floor", to_floor, "x", "stage_floor_cpu",
        f"<= {TARGETS['floor_ratio']}",
        to_floor <= TARGETS["floor_ratio"] if to_floor is not None else None, key="floor_ratio")
    row(f"  CPU seconds, {workers} workers / serial (info)",
        ratio(m("stage_parallel_cpu"), m("stage_serial_cpu")), "x", "stage_parallel_cpu",
        key="parallel_cpu_ratio")


def _growth(table: Table, samples: Samples, results: dict[str, Any], growth: list[int]) -> None:
    m, row = samples.median, table.row
    cold = m("cold")
    base_count = len(exercise_files(REPO))
    row(f"growth 1x ({base_count} exercises) = full cold build", cold, "s", "cold", key="grow1")
    row("  per exercise", ratio(cold, base_count), "s", "cold", key="grow1_per")
    for factor in growth:
        time_k = m(f"grow{factor}")
        count = results.get("growth_exercises", {}).get(str(factor))
        limit = factor * TARGETS["growth_slack"]
        ratio_k = ratio(time_k, cold)
        row(f"growth {factor}x ({count} exercises)", time_k, "s", f"grow{factor}",
            key=f"grow{factor}")
        row("  per exercise", ratio(time_k, count), "s", f"grow{factor}", key=f"grow{factor}_per")
        row(f"  time {factor}x / time 1x", ratio_k, "x", f"grow{factor}", f"<= {limit:.1f}",
            ratio_k is not None and ratio_k <= limit, key=f"grow{factor}_ratio")


def _peer(table: Table, samples: Samples, results: dict[str, Any]) -> None:
    peer = results.get("peer")
    if peer is None:
        return
    m, row = samples.median, table.row
    if peer.get("unavailable"):
        row(f"{PEER}: unavailable (reason below the table)", None, "", key="peer")
        row("  ours serial / theirs (per page)", None, "x", target="> 1", key="peer_vs_ours")
        return
    plain, peer_wall, peer_render = m("plain"), m("peer_wall"), m("peer_render")
    pdf_part = peer_wall - plain if peer_wall is not None and plain else None
    ours = ratio(_stage_pages(samples, results), m("stage_serial"))
    theirs = ratio(peer.get("render_pages"), peer_render)
    row(f"{PEER} {peer.get('version')} build ({peer.get('pages')} pages, one PDF)",
        peer_wall, "s", "peer_wall", key="peer_wall")
    row("  its build minus the plain HTML build", ratio(peer.get("pages"), pdf_part),
        "pages/s", "peer_wall", key="peer_pps_build")
    row("  WeasyPrint alone on its HTML (serial)", theirs, "pages/s", "peer_render",
        key="peer_pps_render")
    row("  ours serial / theirs (per page)", ratio(ours, theirs), "x", "peer_render",
        "> 1", ours is not None and theirs is not None and ours > theirs, key="peer_vs_ours")


def _sizes(table: Table, results: dict[str, Any]) -> None:
    raw, gzipped = TARGETS["page_weight_kb"], TARGETS["page_weight_gzip_kb"]
    view, files = results.get("first_view") or {}, results.get("page_weight")
    if view and "unavailable" not in view:
        table.row("first page view in Chromium (phone, empty cache)", view["kb"], "KB",
                  target=f"< {raw:.0f}", holds=view["kb"] < raw, key="first_view")
        table.row("  the same, each response gzipped", view["gzip_kb"], "KB",
                  target=f"< {gzipped:.0f}", holds=view["gzip_kb"] < gzipped,
                  key="first_view_gzip")
    elif view:
        table.row(f"first page view in Chromium: not measured ({view['unavailable'][:60]})",
                  None, "KB", target=f"< {raw:.0f}", key="first_view")
    if files:
        # Without a browser, the file count is the only measure and is judged.
        judged = not view or "unavailable" in view
        table.row("first page view by files: every font its CSS names"
                  + ("" if judged else " (info)"), files["kb"], "KB",
                  target=f"< {raw:.0f}" if judged else "",
                  holds=files["kb"] < raw if judged else None, key="page_weight")
        table.row("  the same, text files gzipped", files["gzip_kb"], "KB",
                  target=f"< {gzipped:.0f}" if judged else "",
                  holds=files["gzip_kb"] < gzipped if judged else None, key="page_weight_gzip")
    largest = results.get("largest_handout")
    if largest:
        one = largest["pages"] == 1
        label = "largest one-page handout" if one else "largest handout per page"
        table.row(f"{label} ({largest['paper']}: {largest['id']}, {largest['pages']} p.)",
                  largest["kb"] if one else largest["kb_per_page"], "KB", key="largest_handout")
