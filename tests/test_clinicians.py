"""For clinicians: fillable fields, practice details, handout packs."""

from __future__ import annotations

import io

import pytest
from pdfcheck import open_pdf, text
from pypdf import PdfReader, PdfWriter

from compassion_kit.testing import fixture_project, sphinx_build

PAPERS = ("letter", "a4", "large-print", "large-print-a4")
MULTILINE = 1 << 12  # PDF text field flag
# calm's answer (`size: small`: three ruled lines) is one one-line field per rule,
# so typed text stays on its line in every viewer (answers.py).
LINES = ("noticed.1", "noticed.2", "noticed.3")


@pytest.fixture(scope="module")
def base_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("base")
    build = sphinx_build(fixture_project("base", root / "src"), root / "out" / "html")
    assert build.returncode == 0, build.output
    return build.outdir


@pytest.mark.parametrize("paper", PAPERS)
def test_write_in_spaces_are_fillable_fields_named_and_labelled(base_build, paper):
    reader = open_pdf(base_build / f"handouts/{paper}/calm.pdf")
    fields = reader.get_fields()
    assert {name for name in fields if name.split(".")[0] == "noticed"} == set(LINES)
    for number, name in enumerate(LINES, start=1):
        assert fields[name]["/FT"] == "/Tx"
        assert not int(fields[name].get("/Ff", 0)) & MULTILINE, name
        assert fields[name]["/TU"] == ("What I noticed" if number == 1 else
                                       f"What I noticed (line {number} of {len(LINES)})")
    # With no practice details, a fillable "From" and "Phone" block instead.
    assert fields["clinician"]["/FT"] == fields["clinician_phone"]["/FT"] == "/Tx"
    assert fields["clinician"]["/TU"] == "From: your clinician or counselor"
    assert {"From", "Phone"} <= set(text(reader).split())
    assert (base_build / f"handouts/{paper}/calm.pdf").stat().st_size < 150_000


def test_typed_text_survives_save_and_reopen(base_build):
    writer = PdfWriter(clone_from=base_build / "handouts/letter/calm.pdf")
    typed = {"noticed.1": "I noticed my shoulders drop.", "noticed.2": "Then my breath slowed.",
             "clinician": "Sam Lee"}
    for page in writer.pages:
        writer.update_page_form_field_values(page, typed, auto_regenerate=False)
    saved = io.BytesIO()
    writer.write(saved)
    reopened = PdfReader(io.BytesIO(saved.getvalue())).get_fields()
    assert {name: reopened[name].get("/V") for name in typed} == typed


def test_practice_details_print_literally_on_every_paper(tmp_path):
    project = fixture_project("practice", tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    for paper in PAPERS:
        reader = open_pdf(build.outdir / f"handouts/{paper}/calm.pdf")
        words = " ".join(text(reader).split())
        # The boxed "From" block (issue 12), one contact item per line.
        assert 'From Dr. <b>Ana</b> "Ruiz" & Co, PsyD' in words
        assert "Harbor <script>alert(1)</script> Counseling" in words
        assert "(555) 010-0199" in words and "harbor.example" in words
        assert "clinician" not in reader.get_fields()


def test_bad_practice_details_stop_the_build_naming_file_line_and_field(tmp_path):
    project = fixture_project("practice-bad", tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html")
    assert build.returncode != 0
    located = f"{project / 'handouts.toml'}:3:"
    assert any(located in warning and "field 'phone'" in warning
               and "does not look like a phone number" in warning
               for warning in build.warnings), build.output
    assert not (build.outdir / "handouts").exists()


def test_pack_collects_handouts_in_order_with_a_cover_and_continuous_pages(tmp_path):
    project = fixture_project("pack", tmp_path / "src")
    out = tmp_path / "packet.pdf"
    build = sphinx_build(project, tmp_path / "out" / "html", "-D", "kit_pack=steady,calm",
                         "-D", "kit_pack_paper=a4", "-D", f"kit_pack_out={out}")
    assert build.returncode == 0, build.output
    reader = open_pdf(out)
    singles = sum(len(open_pdf(build.outdir / f"handouts/a4/{name}.pdf").pages)
                  for name in ("steady", "calm"))
    assert len(reader.pages) == singles + 1  # the cover
    assert float(reader.pages[0].mediabox.height) == pytest.approx(841.9, abs=0.5)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert cover.index("Steady Feet") < cover.index("A Calm Minute")
    assert "page 2" in cover
    last = " ".join(reader.pages[-1].extract_text().split())
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last
    fields = reader.get_fields()
    assert {"steady_noticed.1", "calm_noticed.1"} <= set(fields)
    assert fields["calm_noticed.1"]["/TU"] == "What I noticed"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_pack_with_an_unknown_id_suggests_near_matches(tmp_path):
    project = fixture_project("pack", tmp_path / "src")
    out = tmp_path / "packet.pdf"
    build = sphinx_build(project, tmp_path / "out" / "html", "-D", "kit_pack=calmm,steady",
                         "-D", f"kit_pack_out={out}")
    assert build.returncode != 0
    assert any("'calmm' is not a handout id; did you mean calm?" in warning
               for warning in build.warnings), build.output
    assert not out.exists()
