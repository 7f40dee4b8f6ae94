"""The renderer on its own: local files only, no name lookups, the kit's fonts
only, long words and addresses kept inside the page, no build path in a PDF.
(Markup in front matter values, through a whole build: fixtures/test_markup_title.py.)"""

from __future__ import annotations

import socket

import pytest
from helpers.pdfcheck import open_pdf

from compassion_kit.printing import render as pdf
from compassion_kit.rules import glyphs

PAGE = '<html lang="en"><head><title>t</title></head><body>{}</body></html>'


@pytest.fixture
def no_lookups(monkeypatch):
    """Fail the test on any host name lookup or connection."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network attempt: {args!r}")
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)


@pytest.mark.parametrize("url", ["file://kit-beacon.invalid/etc/hostname",
                                 "file://localhost/etc/hostname", "file:///etc/hostname",
                                 "https://kit-beacon.invalid/x.png", "data:image/png;base64,AA"])
def test_fetcher_refuses_hosts_and_outside_files_without_a_lookup(no_lookups, tmp_path, url):
    fetcher = pdf.LocalOnlyFetcher((tmp_path,))
    with pytest.raises(pdf.BlockedResourceError):
        fetcher.fetch(url)


def test_fetcher_reads_project_files_itself(no_lookups, tmp_path):
    (tmp_path / "dot.png").write_bytes(b"\x89PNG")
    response = pdf.LocalOnlyFetcher((tmp_path,)).fetch((tmp_path / "dot.png").as_uri())
    assert response.read() == b"\x89PNG" and response.content_type == "image/png"


def test_a_host_in_an_image_url_stops_the_render_without_a_lookup(no_lookups, tmp_path):
    html = PAGE.format('<img alt="x" src="file://kit-beacon.invalid/etc/hostname">')
    with pytest.raises(pdf.RenderError, match="may not name a host"):
        pdf.render(html, tmp_path.as_uri() + "/", "letter", (tmp_path,))


def test_a_character_the_fonts_lack_fails_instead_of_using_a_system_font(tmp_path):
    with pytest.raises(pdf.RenderError, match="U\\+1F60A"):
        pdf.render(PAGE.format("<p>Smile \U0001f60a</p>"), tmp_path.as_uri() + "/", "letter")
    assert glyphs.missing("Smile \U0001f60a, \u2192") == ["\U0001f60a", "\u2192"]


def test_spanish_is_covered_by_the_vendored_fonts(tmp_path):
    spanish = "¿Qué tal? ¡Ánimo! Año, niño, corazón, pingüino, ÉÍÓÚÜÑ «comillas» — 10 €"
    assert glyphs.missing(spanish) == []
    data = pdf.render(PAGE.format(f"<p>{spanish}</p><p><b>{spanish}</b> <i>{spanish}</i></p>"
                                  "<ul><li>a<ul><li>nested</li></ul></li></ul><code>x</code>"),
                      tmp_path.as_uri() + "/", "a4")
    reader = open_pdf(data)
    fonts = {font.get_object()["/BaseFont"].split("+")[-1] for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all(name.startswith("Atkinson-Hyperlegible-Next") for name in fonts), fonts


def test_long_words_and_addresses_wrap_inside_the_page(tmp_path):
    long = "https://example.org/" + "a" * 400
    html = PAGE.format(f"<p>See {long} and {'x' * 300}.</p><table><tr><td>{long}</td></tr>"
                       "</table><ol><li>" + "y" * 300 + "</li></ol>")
    document = pdf.layout(html, tmp_path.as_uri() + "/", "letter")

    def boxes(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from boxes(child)

    for page in document.pages:
        root = page._page_box
        right = root.margin_width() - root.margin_right - root.padding_right
        for box in boxes(root):
            if getattr(box, "width", None) is not None and box is not root:
                assert box.position_x + box.width <= right + 0.5, type(box).__name__


def test_links_to_local_pages_leave_no_build_path_in_the_pdf(tmp_path):
    html = PAGE.format('<p><a href="other.html#x">a page</a>, <a href="https://example.org/">'
                       'the web</a>, <a href="#here">here</a></p><p id="here">.</p>')
    data = pdf.render(html, (tmp_path / "site" / "page.html").as_uri(), "letter")
    assert b"file:" not in data and str(tmp_path).encode() not in data
    uris = [annotation.get_object().get("/A", {}).get("/URI")
            for annotation in open_pdf(data).pages[0].get("/Annots", [])]
    assert "https://example.org/" in uris
