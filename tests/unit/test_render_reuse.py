"""Each render process reads the fonts and print CSS once per paper and reuses
them (printing.render.paper_setup): the PDFs must be the very bytes a fresh
set-up gives, subset fonts included, in any order of handouts and papers."""

from __future__ import annotations

import pytest

from compassion_kit.printing import render as pdf

PAGE = ('<!doctype html><html lang="{lang}"><head><title>{title}</title></head>'
        "<body><h1>{title}</h1>{body}</body></html>")
# Different text (so different glyph subsets), fields, a table, bold and italic.
HANDOUTS = {
    "calm": PAGE.format(lang="en", title="A calm minute", body=(
        "<p>Breathe out slowly. <b>Notice</b> your feet on the floor.</p>"
        '<p><input type="text" name="answer" title="What I noticed"></p>')),
    "spanish": PAGE.format(lang="es", title="Un minuto de calma", body=(
        "<p>¿Qué necesitas hoy? <i>Acompañarte</i> con cariño: ñandú, pingüino.</p>"
        "<table><tr><th scope='col'>Día</th><th scope='col'>Minutos</th></tr>"
        "<tr><td>lunes</td><td>5</td></tr></table>")),
    "numbers": PAGE.format(lang="en", title="Plan 2026", body=(
        "<ol><li>Call 988 — any time.</li><li>Write 3 kind words.</li></ol>"
        '<p><textarea name="plan" title="My plan"></textarea></p>')),
}


def _fresh(html: str, base_url: str, paper: str) -> bytes:
    pdf.paper_setup.cache_clear()
    try:
        return pdf.render(html, base_url, paper)
    finally:
        pdf.paper_setup.cache_clear()


@pytest.mark.parametrize("paper", ["letter", "large-print-a4"])
def test_reused_set_up_gives_the_bytes_of_a_fresh_one(tmp_path, paper):
    base_url = tmp_path.as_uri() + "/"
    fresh = {name: _fresh(html, base_url, paper) for name, html in HANDOUTS.items()}
    # One warm process: every handout, twice, on this paper after another paper.
    pdf.render(HANDOUTS["calm"], base_url, "a4")
    for _round in range(2):
        for name in reversed(list(HANDOUTS)):
            assert pdf.render(HANDOUTS[name], base_url, paper) == fresh[name], name
    assert pdf.paper_setup.cache_info().hits >= 5  # the set-up was indeed reused


def test_an_unknown_paper_is_refused_and_nothing_is_kept(tmp_path):
    pdf.paper_setup.cache_clear()
    with pytest.raises(pdf.RenderError, match="unknown paper 'legal'"):
        pdf.render(HANDOUTS["calm"], tmp_path.as_uri() + "/", "legal")
    assert pdf.paper_setup.cache_info().currsize == 0
