"""The session for young people, as its facilitator prepares it: the plan
leads to its note for parents and guardians, and the note prints in every
paper with a "From / Phone" box to fill in, how to say no, and why safety
comes before privacy."""

from __future__ import annotations

from bs4 import BeautifulSoup
from helpers.pdfcheck import flat_text, open_pdf

PLAN = "self-compassion-for-teens-and-young-adults"
NOTE = "self-compassion-for-teens-parent-note"


def test_the_plan_page_links_the_note_and_the_printed_guide_names_it(site, catalogue_by_id):
    note = catalogue_by_id[NOTE]
    assert note["kind"] == "info-sheet"
    guide = catalogue_by_id[f"{PLAN}-guide"]
    page = BeautifulSoup((site / guide["url"]).read_text(encoding="utf-8"), "html.parser")
    targets = [link["href"].partition("#")[0].rsplit("/", 1)[-1]
               for link in page.select("article a[href]")]
    assert f"{NOTE}.html" in targets
    printed = " ".join(flat_text(site / guide["pdfs"]["letter"]).split())
    assert note["title"] in printed
    assert "safeguarding lead" in printed


def test_the_note_prints_a_from_box_how_to_say_no_and_safety_first(site, catalogue_by_id):
    note = catalogue_by_id[NOTE]
    assert set(note["pdfs"]) == {"letter", "a4", "large-print", "large-print-a4"}
    for paper, relative in note["pdfs"].items():
        fields = set(open_pdf(site / relative).get_fields() or {})
        assert {"clinician", "clinician_phone"} <= fields, (paper, sorted(fields))
    # Read where a sentence is not cut by a page break (large print may cut one).
    for paper in ("letter", "a4"):
        printed = " ".join(flat_text(site / note["pdfs"][paper]).split())
        for words in ("To say no", "You do not have to give a reason",
                      "Safety comes before privacy", "Where to get help"):
            assert words in printed, (paper, words)
