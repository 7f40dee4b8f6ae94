"""Parallel PDF rendering gives the serial output, and the bytes the build wrote."""

from __future__ import annotations

from compassion_kit.printing import pool as renderpool
from compassion_kit.testing import REPO


def test_parallel_rendering_gives_the_serial_bytes(site, catalogue):
    entries = catalogue[:4]
    jobs = [renderpool.Job((site.parent / "doctrees/kit-print" / f"{e['id']}.html").read_text(),
                           (site / e["url"]).as_uri(), paper, (str(REPO), str(site)))
            for e in entries for paper in ("letter", "large-print")]
    serial = list(renderpool.render_all(jobs, workers=1))
    parallel = list(renderpool.render_all(jobs, workers=2))
    assert all(result.error is None for result in serial)
    assert serial == parallel
    # ... and the same bytes the build itself wrote.
    built = [(site / e["pdfs"][paper]).read_bytes()
             for e in entries for paper in ("letter", "large-print")]
    assert [result.data for result in serial] == built
