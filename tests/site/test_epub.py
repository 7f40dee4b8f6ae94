"""The handbook as an EPUB (downloads/beyond-empathy.epub), as an e-reader gets
it: valid by EPUBCheck, every chapter in the spine in order, the language set,
the kit's font inside, the practices as an appendix without write-in boxes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from test_book import chapter_titles, words

INSTALL_HINT = ("needs EPUBCheck (and Java): `sudo apt-get install -y --no-install-recommends "
                "epubcheck` on Debian/Ubuntu")


def epubcheck_command() -> list[str] | None:
    """EPUBCheck as Debian installs it: /usr/bin/epubcheck is the jar itself,
    which runs only where binfmt knows jars; `java -jar` runs it everywhere."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    target = Path(found).resolve()
    if target.suffix == ".jar":
        java = shutil.which("java")
        return [java, "-jar", str(target)] if java else None
    return [found]


@pytest.fixture(scope="module")
def epub(site) -> Path:
    path = site / "downloads" / "beyond-empathy.epub"
    assert path.is_file(), f"no EPUB at {path}"
    return path


def spine_files(archive: zipfile.ZipFile) -> list[str]:
    opf = archive.read("OEBPS/content.opf").decode()
    manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    return [f"OEBPS/{manifest[ref]}" for ref in re.findall(r'<itemref idref="([^"]+)"', opf)]


def plain(xhtml: str) -> str:
    return words(re.sub(r"<[^>]+>", " ", xhtml))


def test_epubcheck_finds_no_error(epub):
    command = epubcheck_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    result = subprocess.run([*command, str(epub)], capture_output=True, text=True, timeout=600,
                            check=False)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert re.search(r"0 fatals / 0 errors", report), report[-4000:]


def test_every_chapter_is_in_the_spine_in_order(epub):
    with zipfile.ZipFile(epub) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/epub+zip"
        texts = [plain(archive.read(name).decode()) for name in spine_files(archive)]
    at = 0
    for title in [*chapter_titles(), "Glossary", "References", "Appendix: the practices"]:
        index = next((i for i in range(at, len(texts)) if words(title) in texts[i]), None)
        assert index is not None, f"{title!r} missing from the spine, or out of order"
        at = index + 1
    book = " ".join(texts)
    assert "Key points" in book and "Questions to reflect on" in book
    assert "988" in book  # the safety line, from the crisis-line data


def test_language_title_and_font_are_set(epub):
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("OEBPS/content.opf").decode()
        names = archive.namelist()
        pages = [archive.read(name).decode() for name in names if name.endswith(".xhtml")]
        css = archive.read("OEBPS/text/css/book.css").decode()
    assert "<dc:language>en</dc:language>" in opf and 'xml:lang="en"' in opf
    assert "<dc:title>Beyond Empathy</dc:title>" in opf
    assert all('lang="en"' in page for page in pages)
    assert any(name.endswith(".woff2") for name in names)
    assert "Atkinson Hyperlegible Next" in css


def test_practices_appendix_has_steps_and_no_web_furniture(epub):
    with zipfile.ZipFile(epub) as archive:
        practices = {name: archive.read(name).decode() for name in archive.namelist()
                     if name.startswith("OEBPS/text/practice-")}
        everything = " ".join(archive.read(name).decode() for name in archive.namelist()
                              if name.endswith(".xhtml"))
    assert len(practices) >= 10
    for name, page in practices.items():
        assert "<ol" in page, f"{name}: no numbered steps"
        assert "Reflect" in page, f"{name}: no reflection questions"
        assert "Notes for facilitators" not in page, name
    for furniture in ("<input", "<textarea", "<form", "<script", "kit-dl", "Need help now?</a>"):
        assert furniture not in everything, furniture
    for image in re.findall(r"<img\b[^>]*>", everything):
        assert re.search(r'\salt="[^"]+"', image), image
