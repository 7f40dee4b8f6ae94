"""A handout prints the crisis lines of its reader's region, from the data file.

Done as a clinician would: build the handouts, optionally with a region in
handouts.toml, and read what each printed PDF says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdfcheck import open_pdf, text

from compassion_kit.testing import fixture_project, sphinx_build

CALM = "exercises/calm.md"


def _pdf_text(outdir: Path, paper: str, item: str = "calm") -> str:
    return " ".join(text(open_pdf(outdir / "handouts" / paper / f"{item}.pdf")).split())


def _has_us_numbers(printed: str) -> bool:
    return bool(re.search(r"(?<![\d.])(988|911)(?!\d)", printed))


def _with_support_line(project: Path) -> None:
    """A {support-line} in the body, as the abuse caveats of the real kit use it."""
    path = project / CALM
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace(
        "Stop and look around the room.",
        "If someone at home hurts you: {support-line}`domestic-violence`. Stop and look around "
        "the room.", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def default_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("regions")
    project = fixture_project("base", root / "src")
    _with_support_line(project)
    build = sphinx_build(project, root / "out" / "html")
    assert build.returncode == 0, build.output[-3000:]
    return build.outdir


def test_us_letter_and_large_print_print_the_us_lines(default_build):
    for paper in ("letter", "large-print"):
        printed = _pdf_text(default_build, paper)
        assert "call or text 988" in printed and "call 911" in printed, paper
        assert "National Domestic Violence Hotline" in printed, paper
        assert "findahelpline.com" not in printed, paper


@pytest.mark.parametrize("paper", ["a4", "large-print-a4"])
def test_a4_prints_international_lines_by_default(default_build, paper):
    printed = _pdf_text(default_build, paper)
    assert "findahelpline.com" in printed
    assert "your local emergency number" in printed
    assert not _has_us_numbers(printed)
    # A region without that service prints its crisis line instead of a US number.
    assert "Domestic Violence Hotline" not in printed


def test_a_region_in_handouts_toml_reaches_every_paper(tmp_path):
    project = fixture_project("base", tmp_path / "src")
    _with_support_line(project)
    (project / "handouts.toml").write_text('[handouts]\nregion = "uk"\n', encoding="utf-8")
    build = sphinx_build(project, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output[-3000:]
    for paper in ("letter", "a4", "large-print", "large-print-a4"):
        printed = _pdf_text(build.outdir, paper)
        assert "Samaritans" in printed and "116 123" in printed, paper
        assert "call 999" in printed, paper
        assert not _has_us_numbers(printed), paper


def test_a_region_can_be_chosen_at_build_time(tmp_path):
    project = fixture_project("base", tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html", "-D", "kit_handout_region=au")
    assert build.returncode == 0, build.output[-3000:]
    printed = _pdf_text(build.outdir, "a4")
    assert "13 11 14" in printed and "call 000" in printed


def test_an_unknown_region_is_a_located_error_listing_the_valid_ones(tmp_path):
    project = fixture_project("base", tmp_path / "src")
    settings = project / "handouts.toml"
    settings.write_text('[clinician]\nname = "Dr. Ana Ruiz"\n\n[handouts]\nregion = "fr"\n',
                        encoding="utf-8")
    build = sphinx_build(project, tmp_path / "out" / "html", "-D", "kit_pdfs=0")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    located = [w for w in build.warnings if f"{settings}:5:" in w]
    assert located, build.output[-3000:]
    assert "us, ca, uk, ie, au, nz, intl" in located[0]


def test_the_web_page_shows_the_site_region_and_a_route_to_the_others(default_build):
    page = (default_build / "exercises" / "calm.html").read_text(encoding="utf-8")
    assert "In the US: call or text 988" in page
    assert "kit-region-intl" not in page  # web pages carry one region only
    assert "crisis-and-support-lines-by-country" in page
