"""Values from front matter reach HTML and PDF as text, never as markup."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from kitbuild import fixture_project, sphinx_build
from pdfcheck import open_pdf, text

TITLE = 'A <b>Calm</b> "Minute" & <script>x</script>'
CURLY = str.maketrans("\u201c\u201d", '""')
SUMMARY = "Quotes \" and <i>tags</i> & ampersands must print as text."


def test_markup_and_quotes_in_a_title_print_literally(tmp_path):
    project = fixture_project("markup-title", tmp_path / "src")
    build = sphinx_build(project, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    site = build.outdir

    page = BeautifulSoup((site / "exercises/calm.html").read_text(), "html.parser")
    heading = page.find("h1")
    # Sphinx's smart quotes may curl the quotes; everything else is the exact text.
    assert heading.get_text().rstrip("#¶ ").translate(CURLY) == TITLE
    assert not heading.find_parent("section").select("b, script, i")
    library = BeautifulSoup((site / "exercises/index.html").read_text(), "html.parser")
    assert library.select_one(".kit-card-title").get_text(strip=True) == TITLE
    assert not library.select(".kit-card script, .kit-card b")

    entry = json.loads((site / "catalog.json").read_text())["items"][0]
    assert (entry["title"], entry["summary"]) == (TITLE, SUMMARY)

    reader = open_pdf(site / "handouts/letter/calm.pdf")
    assert reader.metadata.title == TITLE
    words = " ".join(text(reader).split())
    assert TITLE in words and SUMMARY in words

    printed = (site.parent / "doctrees/kit-print/calm.html").read_text()
    assert "<script>" not in printed and "&lt;script&gt;" in printed
