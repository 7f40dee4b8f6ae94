"""Benchmark of the Beyond Empathy build: `nox -s bench`, or
`python benchmarks/bench.py [--runs N] [--quick] [--json FILE]`.

Every build runs as `sys.executable -m sphinx` on a fresh temporary copy of the
sources, into temporary output folders; nothing is written into the repository
except the JSON result. See benchmarks/README.md for what each row means, and
benchmarks/kitbench/ for the parts (kitbench/__init__.py lists them).

It is a benchmark, not a test: it prints medians of several runs and says which
targets hold, and it exits non-zero only when a build it needs fails.
"""

from __future__ import annotations

import sys

# Set before the import below: importing kitbench and compassion_kit must leave
# no __pycache__ in the repository.
sys.dont_write_bytecode = True

# This script's folder is first on sys.path, so kitbench (benchmarks/kitbench) imports.
from kitbench.cli import main  # noqa: E402  (after dont_write_bytecode, on purpose)

if __name__ == "__main__":
    sys.exit(main())
