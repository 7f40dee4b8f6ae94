"""The render cache's key: every input of a PDF changes it (content, paper,
the files the page shows, render options, the print CSS and fonts), and
moving the whole build does not."""

from __future__ import annotations

import shutil

from compassion_kit.printing import cache as pdfcache


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
