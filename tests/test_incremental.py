"""Fast builds that stay fast: parallel PDF rendering with the serial output,
and incremental rendering that never serves a stale PDF."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from kitbuild import REPO, fixture_project, sphinx_build

from compassion_kit import pdfcache, renderpool

RENDERED = re.compile(r"kit: (\d+) PDFs rendered, (\d+) unchanged")


def rendered(build) -> int:
    match = RENDERED.search(build.output)
    assert match, build.output[-2000:]
    return int(match[1])


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    """Two exercises and a workshop whose workbook holds one of them."""
    source = fixture_project("workshop+pack", tmp_path / "src")
    outdir = tmp_path / "out" / "html"
    first = sphinx_build(source, outdir)
    assert first.returncode == 0, first.output
    assert rendered(first) == 4 * 3  # calm, steady, guide, workbook x 3 papers
    return source, outdir


def test_no_change_rebuild_renders_nothing(project):
    source, outdir = project
    assert rendered(sphinx_build(source, outdir)) == 0


def test_editing_one_exercise_renders_it_and_the_workbooks_that_hold_it(project):
    source, outdir = project
    edit(source / "exercises/steady.md", "A short pause can help.", "A short pause helps.")
    assert rendered(sphinx_build(source, outdir)) == 3  # steady only
    edit(source / "exercises/calm.md", "A short pause can help.", "A pause can help.")
    assert rendered(sphinx_build(source, outdir)) == 6  # calm and the workbook


def test_practice_details_re_render_every_client_handout(project):
    source, outdir = project
    (source / "handouts.toml").write_text('[clinician]\nname = "Sam Lee"\n')
    # calm and steady; a workshop's guide and workbook carry no clinician line.
    assert rendered(sphinx_build(source, outdir)) == 6


def test_a_deleted_or_altered_pdf_is_rendered_again(project):
    source, outdir = project
    (outdir / "handouts/a4/calm.pdf").unlink()
    (outdir / "handouts/letter/steady.pdf").write_bytes(b"%PDF-tampered")
    assert rendered(sphinx_build(source, outdir)) == 2
    assert (outdir / "handouts/letter/steady.pdf").read_bytes() != b"%PDF-tampered"


def test_every_dependency_changes_the_key(monkeypatch):
    base = pdfcache.job_key("<p>x</p>", "letter")
    assert pdfcache.job_key("<p>y</p>", "letter") != base  # content, details, workbooks
    assert pdfcache.job_key("<p>x</p>", "a4") != base  # paper
    monkeypatch.setattr(pdfcache, "renderer_fingerprint", lambda: "other css, fonts or versions")
    assert pdfcache.job_key("<p>x</p>", "letter") != base


def test_fingerprint_covers_print_css_and_fonts(tmp_path, monkeypatch):
    assets = tmp_path / "assets"
    shutil.copytree(pdfcache.ASSETS_DIR, assets)
    monkeypatch.setattr(pdfcache, "ASSETS_DIR", assets)
    monkeypatch.setattr(pdfcache, "PRINT_DIR", assets / "print")
    monkeypatch.setattr(pdfcache, "FONT_DIR", assets / "static" / "fonts")
    fingerprints = []
    for change in (None, "print/handout.css", "static/fonts/fonts.css"):
        if change:
            with (assets / change).open("a") as stream:
                stream.write("\n/* changed */\n")
        pdfcache.renderer_fingerprint.cache_clear()
        fingerprints.append(pdfcache.renderer_fingerprint())
    pdfcache.renderer_fingerprint.cache_clear()
    assert len(set(fingerprints)) == 3


def test_parallel_rendering_gives_the_serial_bytes(site):
    catalog = json.loads((site / "catalog.json").read_text())
    entries = catalog["items"][:4]
    jobs = [renderpool.Job((site.parent / "doctrees/kit-print" / f"{e['id']}.html").read_text(),
                           (site / e["url"]).as_uri(), paper, (str(REPO), str(site)))
            for e in entries for paper in ("letter", "large-print")]
    serial = list(renderpool.render_all(jobs, workers=1))
    parallel = list(renderpool.render_all(jobs, workers=2))
    assert all(error is None for _data, error in serial)
    assert serial == parallel
    # ... and the same bytes the build itself wrote.
    built = [(site / e["pdfs"][paper]).read_bytes()
             for e in entries for paper in ("letter", "large-print")]
    assert [data for data, _error in serial] == built
