"""The one real build of the whole kit, shared by every test process of a run.

The build takes minutes, and most tests do not need it. So as soon as a test
process has collected its tests and found one that needs the ``site`` fixture,
it starts the build in the background (a thread waiting on ``sphinx-build``
subprocesses) and goes on with the tests that do not need it. The tests that
need it run last (``conftest.py`` orders them) and wait for the build's record.

With ``pytest -n 2`` (xdist) both workers share one build: the first to claim
the folder (an exclusive create of a file, which only one process can win)
builds it, the other only waits for the record. Without xdist the same process
builds and waits.
"""

from __future__ import annotations

import json
import os
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from compassion_kit.testing import REPO, build_all

# Every date in the site's PDFs, book, EPUB and zips comes from this moment,
# so a second clean build (fixtures/test_second_build.py) can be compared with
# this one byte for byte.
SOURCE_DATE_EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)}  # a build's extra environment
RECORD = "record.json"
CLAIM = "claimed"
# A build that has not recorded anything after this long has gone wrong (the
# full kit builds in about five minutes on two busy cores): say so, do not hang.
GIVE_UP_AFTER = 3 * 3600


@dataclass
class SiteRecord:
    """What the shared build reports: where the site is and how the build went."""
    outdir: Path
    returncodes: list[int]
    output_tail: str
    warnings: list[str]


def start(folder: Path) -> threading.Thread | None:
    """Build the site into ``folder/html`` in a background thread, unless
    another process has claimed the folder already (then return None)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(folder / CLAIM, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return None
    thread = threading.Thread(target=_build, args=(folder,), name="kit-site-build", daemon=True)
    thread.start()
    return thread


def _build(folder: Path) -> None:
    record: dict = {"outdir": str(folder / "html"), "returncodes": [], "output_tail": "",
                    "warnings": []}
    try:
        builds = build_all(REPO, folder / "html", environment=REPRODUCIBLE)
        record["returncodes"] = [build.returncode for build in builds]
        record["output_tail"] = "\n".join(build.output[-4000:] for build in builds)
        record["warnings"] = [line for build in builds for line in build.warnings]
    except Exception:  # noqa: BLE001 - whatever broke, the waiting tests must hear of it
        record["returncodes"] = [-1]
        record["output_tail"] = traceback.format_exc()
    partial = folder / (RECORD + ".part")
    partial.write_text(json.dumps(record), encoding="utf-8")
    partial.replace(folder / RECORD)  # atomic: a waiting process never reads half a record


def wait(folder: Path) -> SiteRecord:
    """The record of the build in ``folder``, once it has finished."""
    started = time.monotonic()
    while not (folder / RECORD).exists():
        if time.monotonic() - started > GIVE_UP_AFTER:
            raise TimeoutError(f"the shared site build in {folder} recorded nothing "
                               f"after {GIVE_UP_AFTER} s")
        time.sleep(0.5)
    record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    return SiteRecord(Path(record["outdir"]), record["returncodes"], record["output_tail"],
                      record["warnings"])
