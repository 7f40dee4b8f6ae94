"""The Downloads page and catalog.json's downloads: a reader finds the book,
the EPUB and the offline site with their sizes, and a program finds them in
the catalogue."""

from __future__ import annotations

import json
import re


def test_catalog_lists_the_three_downloads(site):
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    downloads = {entry["id"]: entry for entry in data["downloads"]}
    assert set(downloads) == {"beyond-empathy-book", "beyond-empathy-epub", "beyond-empathy-site"}
    for entry in downloads.values():
        assert entry["kind"] == "download" and entry["lang"] == "en"
        assert entry["url"] == "docs/guides/downloads.html"
        for path in entry["files"].values():
            assert (site / path).is_file(), path
    assert set(downloads["beyond-empathy-book"]["files"]) == {"letter", "a4", "large-print"}
    assert downloads["beyond-empathy-epub"]["format"] == "epub"
    # Items stay items: no download among them.
    assert all(item["kind"] != "download" for item in data["items"])


def test_downloads_page_links_every_download_with_its_size(site):
    page = (site / "docs/guides/downloads.html").read_text(encoding="utf-8")
    for name in ("beyond-empathy.pdf", "beyond-empathy-a4.pdf", "beyond-empathy-large-print.pdf",
                 "beyond-empathy.epub", "beyond-empathy-site.zip", "handouts-letter.zip"):
        assert f'href="../../downloads/{name}"' in page, name
    facts = re.findall(r'<span class="kit-file-facts" data-kit-file="([^"]+)">([^<]*)</span>',
                       page)
    assert len(facts) == 5
    for path, words in facts:
        assert re.fullmatch(r"(PDF|EPUB|zip) · \d+(\.\d)? (KB|MB)", words), (path, words)
