"""What a person reads and what a script keeps: the table of medians with the
notes under it (peer unavailable, a busy machine), and the JSON document with
the table, every sample and the details."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .peer import PEER
from .run import Options
from .samples import Samples, say
from .targets import TARGETS, Row

HOLDS = {True: "yes", False: "NO", None: ""}
BUSY_PER_CORE = 1.5  # load average per core above which times are called noisy
VERSIONS_OF = ("sphinx", "myst-parser", "furo", "weasyprint", "pydyf", "fonttools", "pypdf",
               PEER, "libsass")


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "PDFs":
        return f"{value:g}"
    return f"{value:.2f} {unit}" if unit else f"{value:.2f}"


def print_table(rows: Sequence[Row]) -> None:
    header = ("measure", "median", "runs", "target", "holds")
    lines = [(r["name"], format_value(r["value"], r["unit"]), str(r["runs"]), r["target"],
              HOLDS[r["holds"]]) for r in rows]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    print()
    for i, line in enumerate([header, *lines]):
        print("  ".join(cell.ljust(widths[j]) if j == 0 else cell.rjust(widths[j])
                        for j, cell in enumerate(line)).rstrip())
        if i == 0:
            print("  ".join("-" * width for width in widths))
    print()


def print_notes(results: dict[str, Any], loads: list[float]) -> None:
    """Why the peer is missing, and whether other processes made the times noisy."""
    if results.get("peer", {}).get("unavailable"):
        print(f"{PEER} unavailable: {results['peer']['unavailable']}\n")
    if loads and max(loads) > (os.cpu_count() or 1) * BUSY_PER_CORE:
        print(f"note: load average reached {max(loads):.1f} on {os.cpu_count()} cores during "
              "the runs; other processes shared the machine, so times are noisy.\n")


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for package in VERSIONS_OF:
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def write_json(path: Path, options: Options, started: float, loads: list[float],
               rows: Sequence[Row], samples: Samples, results: dict[str, Any]) -> None:
    """The whole result: how it ran (meta), the table, every sample, the details."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "meta": {"started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
                 "seconds": round(time.time() - started, 1), "runs": options.runs,
                 "growth": options.growth, "growth_runs": options.growth_runs,
                 "python": platform.python_version(), "platform": platform.platform(),
                 "cores": os.cpu_count(), "load_averages_1min": loads,
                 "versions": versions(), "targets": TARGETS},
        "table": rows,
        "samples": samples.values,
        "details": results,
    }
    path.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
    say(f"wrote {path}")
