"""The command: its options, the runs in temporary folders, then the table and
the JSON. ``benchmarks/bench.py`` calls ``main``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .builds import BuildFailedError
from .peer import PEER
from .report import print_notes, print_table, write_json
from .run import Options, one_run
from .samples import Samples, say
from .targets import judge


def parse_options(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        description="Benchmark the Beyond Empathy build (see benchmarks/README.md).")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure (median)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1 run, growth only 2x")
    parser.add_argument("--growth", default=None,
                        help="corpus multiples to build, comma-separated, empty for none "
                             "(default: 2,4,8; with --quick: 2)")
    parser.add_argument("--growth-runs", type=int, default=None,
                        help="runs of the growth builds (default: --runs)")
    parser.add_argument("--no-peer", action="store_true", help=f"skip {PEER}")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    growth_text = args.growth if args.growth is not None else "2" if args.quick else "2,4,8"
    growth = [int(part) for part in growth_text.split(",") if part.strip()]
    if runs < 1 or any(factor < 2 for factor in growth):
        parser.error("--runs must be at least 1 and growth factors at least 2")
    return Options(runs=runs, growth=growth, growth_runs=min(args.growth_runs or runs, runs),
                   peer=not args.no_peer, json=args.json)


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    samples = Samples()
    results: dict[str, Any] = {}
    loads: list[float] = []
    started = time.time()
    say(f"{options.runs} run(s), growth {options.growth or 'off'} ({options.growth_runs} "
        f"run(s)), {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    try:
        for run in range(1, options.runs + 1):
            loads.append(os.getloadavg()[0])
            with tempfile.TemporaryDirectory(prefix="kit-bench-") as work:
                one_run(run, Path(work), samples, results, options)
            loads.append(os.getloadavg()[0])
    except BuildFailedError as error:
        print(f"bench: a build failed, no result:\n{error}", file=sys.stderr)
        return 1

    rows = judge(samples, results, options.growth)
    print_table(rows)
    print_notes(results, loads)
    if options.json:
        write_json(options.json, options, started, loads, rows, samples, results)
    return 0

