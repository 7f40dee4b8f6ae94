"""The tests' PDF readers read each file once per run (helpers/pdfcheck/memo.py),
and never answer for a file as it was before it was written again."""

from __future__ import annotations

import os

import pytest
from helpers.pdfcheck import glyphs
from helpers.pdfcheck.memo import FOLDER, once_per_run


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """A reader that counts the times it really reads, with a fresh run folder."""
    facts = tmp_path / "facts"
    facts.mkdir()
    monkeypatch.setenv(FOLDER, str(facts))
    reads: list[str] = []

    @once_per_run
    def first_bytes(source):
        reads.append(str(source))
        if isinstance(source, bytes):  # a PDF in memory, as helpers.pdfcheck.open_pdf takes
            return {"start": source[:4]}
        with open(source, "rb") as file:
            return {"start": file.read(4)}

    return first_bytes, reads


def test_the_second_ask_is_answered_without_reading(counted, tmp_path):
    reader, reads = counted
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7 one")
    first = reader(pdf)
    first["start"] = b"changed by a test"  # an answer a test changes is its own copy
    assert reader(pdf) == reader(str(pdf)) == {"start": b"%PDF"}
    assert reads == [str(pdf)]


def test_a_file_written_again_is_read_again(counted, tmp_path):
    reader, reads = counted
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7 one")
    reader(pdf)
    pdf.write_bytes(b"XPDF-1.7 two, longer")
    assert reader(pdf) == {"start": b"XPDF"}
    os.utime(pdf, ns=(1, 1))  # same size, another time: a new file as far as anyone knows
    reader(pdf)
    assert len(reads) == 3


def test_without_a_run_folder_or_with_an_open_document_it_just_reads(counted, monkeypatch,
                                                                     tmp_path):
    reader, reads = counted
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    assert reader(pdf.read_bytes()) == {"start": b"%PDF"}  # not a path: read every time
    monkeypatch.delenv(FOLDER)
    reader(pdf)
    reader(pdf)
    assert len(reads) == 3


def test_a_real_reader_gives_the_same_glyphs_from_the_store(monkeypatch, tmp_path):
    from weasyprint import HTML

    monkeypatch.setenv(FOLDER, str(tmp_path))
    pdf = tmp_path / "hello.pdf"
    HTML(string="<p>Hello, reader.</p>").write_pdf(pdf)
    read = glyphs(pdf)
    assert "".join(char["char"] for char in read[0]) == "Hello,reader."
    assert list(tmp_path.glob("*.pickle")), "the answer was not kept"
    assert glyphs(pdf) == read
