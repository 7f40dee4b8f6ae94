"""Two clean builds of the same sources give byte-identical handouts and catalogue.

The builds run side by side (one per core) in different temporary folders, so a
path, a time, a random hash order (each Python process gets its own seed) or
the order in which files are found would show up as a difference. Both have
SOURCE_DATE_EPOCH set, and any date in a PDF must be that one.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from compassion_kit.testing import REPO, sphinx_build

SOURCE_DATE_EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
PDF_DATE = re.compile(rb"/(?:CreationDate|ModDate)\s*\((D:[^)]*)\)")
XMP_DATE = re.compile(rb"<xmp:(?:CreateDate|ModifyDate|MetadataDate)>([^<]*)<")


def first_difference(one: bytes, two: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(one, two, strict=False)) if a != b),
              min(len(one), len(two)))
    return (f"{len(one)} vs {len(two)} bytes, first difference at byte {at}: "
            f"{one[max(0, at - 40):at + 40]!r} vs {two[max(0, at - 40):at + 40]!r}")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))
    monkeypatch_module.delenv("PYTHONHASHSEED", raising=False)  # a different seed per build
    outdirs = [tmp_path_factory.mktemp(f"build-{n}") / "html" for n in (1, 2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        builds = list(pool.map(lambda outdir: sphinx_build(REPO, outdir), outdirs))
    for build in builds:
        assert build.returncode == 0, build.output[-4000:]
        assert not build.warnings, "\n".join(build.warnings)
    return outdirs


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _outputs(html) -> dict[str, bytes]:
    files = {"catalog.json": (html / "catalog.json").read_bytes()}
    files.update({path.relative_to(html).as_posix(): path.read_bytes()
                  for path in sorted((html / "handouts").rglob("*.pdf"))})
    return files


def test_two_clean_builds_give_identical_pdfs_and_catalog(two_builds):
    one, two = (_outputs(html) for html in two_builds)
    assert sorted(one) == sorted(two), "the builds wrote different files"
    catalog = json.loads(one["catalog.json"])
    listed = {path for entry in catalog["items"] for path in entry["pdfs"].values()}
    assert listed == set(one) - {"catalog.json"}, "catalog.json and handouts/ disagree"
    assert len(listed) >= 3 * 20
    different = [f"{name}: {first_difference(one[name], two[name])}"
                 for name in sorted(one) if one[name] != two[name]]
    print(f"\n{len(one)} files compared byte for byte: {len(listed)} PDFs and catalog.json")
    assert not different, f"{len(different)} files differ:\n" + "\n".join(different[:10])


def test_pdfs_carry_no_date_but_source_date_epoch(two_builds):
    """WeasyPrint writes no dates today; if one ever appears it must be SOURCE_DATE_EPOCH's."""
    when = datetime.fromtimestamp(SOURCE_DATE_EPOCH, UTC)
    allowed_pdf = when.strftime("D:%Y%m%d%H%M%S")
    allowed_xmp = when.strftime("%Y-%m-%dT%H:%M:%S")
    wrong = []
    for path in sorted((two_builds[0] / "handouts").rglob("*.pdf")):
        data = path.read_bytes()
        reader = PdfReader(path)
        metadata = reader.trailer["/Root"].get("/Metadata")
        xmp = metadata.get_object().get_data() if metadata else b""
        dates = [d.decode() for d in PDF_DATE.findall(data)]
        dates += [str(reader.metadata.get(key)) for key in ("/CreationDate", "/ModDate")
                  if reader.metadata and key in reader.metadata]
        wrong += [f"{path.name}: {date}" for date in dates if not date.startswith(allowed_pdf)]
        wrong += [f"{path.name}: XMP {date.decode()}" for date in XMP_DATE.findall(xmp)
                  if not date.decode().startswith(allowed_xmp)]
    assert not wrong, wrong
