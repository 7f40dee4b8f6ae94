"""Fast builds that stay fast: parallel PDF rendering with the serial output,
and incremental rendering that never serves a stale PDF."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from compassion_kit.printing import cache as pdfcache
from compassion_kit.printing import pool as renderpool
from compassion_kit.testing import REPO, fixture_project, sphinx_build

RENDERED = re.compile(r"kit: (\d+) PDFs rendered, (\d+) unchanged")
PAPERS = 4  # letter, a4, large-print, large-print-a4: each item is rendered once per paper


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
    assert rendered(first) == 4 * PAPERS  # calm, steady, guide, workbook on each paper
    return source, outdir


def test_no_change_rebuild_renders_nothing(project):
    source, outdir = project
    assert rendered(sphinx_build(source, outdir)) == 0


def test_editing_one_exercise_renders_it_and_the_workbooks_that_hold_it(project):
    source, outdir = project
    edit(source / "exercises/steady.md", "A short pause can help.", "A short pause helps.")
    assert rendered(sphinx_build(source, outdir)) == PAPERS  # steady only
    edit(source / "exercises/calm.md", "A short pause can help.", "A pause can help.")
    assert rendered(sphinx_build(source, outdir)) == 2 * PAPERS  # calm and the workbook


def test_practice_details_re_render_every_client_handout(project):
    source, outdir = project
    (source / "handouts.toml").write_text('[clinician]\nname = "Sam Lee"\n')
    # calm and steady; a workshop's guide and workbook carry no clinician line.
    assert rendered(sphinx_build(source, outdir)) == 2 * PAPERS


def test_a_deleted_or_altered_pdf_is_rendered_again(project):
    source, outdir = project
    (outdir / "handouts/a4/calm.pdf").unlink()
    (outdir / "handouts/letter/steady.pdf").write_bytes(b"%PDF-tampered")
    assert rendered(sphinx_build(source, outdir)) == 2
    assert (outdir / "handouts/letter/steady.pdf").read_bytes() != b"%PDF-tampered"


def test_every_dependency_changes_the_key(monkeypatch, tmp_path):
    image = tmp_path / "site" / "_images" / "dot.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"one")
    html, page, site = '<img src="../_images/dot.png">', (tmp_path / "site/x/p.html").as_uri(), \
        (tmp_path / "site").as_uri()
    base = pdfcache.job_key(html, "letter", page, site)
    assert pdfcache.job_key(html + "y", "letter", page, site) != base  # content, details
    assert pdfcache.job_key(html, "a4", page, site) != base  # paper
    image.write_bytes(b"two")  # a file the page shows
    assert pdfcache.job_key(html, "letter", page, site) != base
    image.write_bytes(b"one")
    assert pdfcache.job_key(html, "letter", page, site) == base
    # Moving the whole build elsewhere keeps the key; moving the page does not.
    moved = tmp_path / "elsewhere"
    shutil.copytree(tmp_path / "site", moved)
    assert pdfcache.job_key(html, "letter", (moved / "x/p.html").as_uri(), moved.as_uri()) == base
    monkeypatch.setattr(pdfcache, "RENDER_OPTIONS", {**pdfcache.RENDER_OPTIONS, "pdf_forms": 0})
    assert pdfcache.job_key(html, "letter", page, site) != base  # any render option
    monkeypatch.undo()
    monkeypatch.setattr(pdfcache, "renderer_fingerprint", lambda: "other css, fonts or versions")
    assert pdfcache.job_key(html, "letter", page, site) != base


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
    assert all(result.error is None for result in serial)
    assert serial == parallel
    # ... and the same bytes the build itself wrote.
    built = [(site / e["pdfs"][paper]).read_bytes()
             for e in entries for paper in ("letter", "large-print")]
    assert [result.data for result in serial] == built


# Incremental = clean: after each kind of change, a build that reuses the
# last one must say and make exactly what a fresh build of the same sources does.
def _say(relative: str, old: str, new: str):
    return lambda project: edit(project / relative, old, new)


SUPPORT = "Stop and look around the room."
INCREMENTAL_CHANGES = [
    ("schema-tightened", _say("exercises/schema.json", '"minLength": 3, "maxLength": 70',
                              '"minLength": 3, "maxLength": 5'), False),
    ("bib-key-removed", _say("references.bib", "@article{neff2003self,",
                             "@article{neff2003gone,"), False),
    ("bib-title-changed", _say("references.bib", "title   = {Self-Compassion:",
                               "title   = {Self-Kindness:"), True),
    ("support-line-data-changed", _say("docs/_data/crisis-lines.yaml", "988 Suicide & Crisis",
                                       "988 Suicide and Crisis"), False),
    ("settings-changed", lambda project: (project / "handouts.toml").write_text(
        '[clinician]\nname = "Sam Lee"\n'), True),
    ("included-part-changed", _say("exercises/part.md", "Shared words.", "Other words."), False),
    ("exercise-removed", lambda project: (project / "exercises/steady.md").unlink(), False),
]


def _outcome(build, project, pdfs: bool) -> dict:
    out = build.outdir
    said = sorted(line.replace(str(project), "<src>") for line in build.warnings)
    made = {path.relative_to(out).as_posix(): path.read_bytes()
            for pattern in ("catalog.json", "exercises/*.html", "handouts/*/*.pdf")
            for path in out.glob(pattern)}
    if pdfs:
        made |= {path.name: path.read_bytes()
                 for path in (out.parent / "doctrees/kit-print").glob("*.html")}
    return {"code": build.returncode, "said": said, "made": made}


@pytest.mark.parametrize(("name", "change", "pdfs"), INCREMENTAL_CHANGES,
                         ids=[case[0] for case in INCREMENTAL_CHANGES])
def test_incremental_build_agrees_with_a_clean_one(tmp_path, name, change, pdfs):
    project = fixture_project("pack", tmp_path / "inc" / "src")
    # Pages that use the kit's data file and an included part.
    edit(project / "exercises/calm.md", SUPPORT, SUPPORT + " You can reach the "
         "{support-line}`988`.\n\n```{kit-include} part.md\n```\n")
    (project / "exercises/part.md").write_text("Shared words.\n")
    extra = ("-D", "exclude_patterns=_build,exercises/part.md",
             *(() if pdfs else ("-D", "kit_pdfs=0")))
    first = sphinx_build(project, tmp_path / "inc" / "out" / "html", *extra)
    assert first.returncode == 0, first.output[-3000:]

    change(project)
    incremental = sphinx_build(project, tmp_path / "inc" / "out" / "html", *extra)
    clean_project = tmp_path / "clean" / "src"
    shutil.copytree(project, clean_project)
    clean = sphinx_build(clean_project, tmp_path / "clean" / "out" / "html", *extra)

    assert "Traceback" not in incremental.output, incremental.output[-3000:]
    got, want = _outcome(incremental, project, pdfs), _outcome(clean, clean_project, pdfs)
    assert (got["code"], got["said"]) == (want["code"], want["said"])
    if want["code"] != 0:
        return  # a failed build publishes nothing: the incremental one keeps its earlier outputs
    assert sorted(got["made"]) == sorted(want["made"])
    for name_of_output, data in want["made"].items():
        assert got["made"][name_of_output] == data, f"{name_of_output} differs"


def test_pdf_links_resolve_under_dirhtml(tmp_path):
    """Under -b dirhtml a page is one folder deeper than its docname says."""
    project = fixture_project("base", tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html", "-b", "dirhtml")
    assert build.returncode == 0, build.output[-3000:]
    page = build.outdir / "exercises/calm/index.html"
    hrefs = re.findall(r'class="[^"]*kit-pdf-link[^"]*" href="([^"]+)"|'
                       r'href="([^"]+)"[^>]*class="[^"]*kit-pdf-link', page.read_text())
    links = [first or second for first, second in hrefs]
    assert len(links) == PAPERS, links
    for href in links:
        assert (page.parent / href).resolve().is_file(), href
