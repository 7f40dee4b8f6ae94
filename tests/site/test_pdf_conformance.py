"""Every handout PDF listed in catalog.json, read by two independent readers.

pypdf (pure Python) and poppler (pdfinfo, pdffonts, pdftotext) with qpdf
(--check, --json) must each find: PDF/UA-1 identification, a structure tree,
/Lang, the title shown as the window title (DisplayDocTitle), every font
embedded, the title and the safety line in the extracted text in reading
order, and nothing drawn outside the page box.

Each check runs over all the PDFs and reports every one that fails.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.pdfcheck import (
    fonts,
    form_fonts,
    painted_points,
    poppler_words,
    qpdf_root,
    struct_types,
    tool,
    xmp_facts,
)
from pypdf import PdfReader

from compassion_kit.config import SAFETY_LINE

TOOLS = ("pdfinfo", "pdffonts", "pdftotext", "qpdf")
INSTALL_HINT = ("needs poppler's pdfinfo/pdffonts/pdftotext and qpdf: "
                "`sudo apt-get install -y poppler-utils qpdf` (macOS: `brew install poppler qpdf`)")
LANG = "en"
SLACK = 0.5  # pt: rounding in the writers
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def words(text: str) -> str:
    return " ".join(text.split())


def plain(text: str) -> str:
    """Words with plain quotes: the heading is typeset with curly ones, metadata is not."""
    return words(text).translate(QUOTES)


# -- What each reader finds (helpers/pdfcheck reads; this says what is asked of it) -----------


def read_with_pypdf(path: Path) -> dict:
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    mark = root.get("/MarkInfo", {})
    prefs = root.get("/ViewerPreferences", {})
    tree = root.get("/StructTreeRoot")
    xmp = root.get("/Metadata")
    found_fonts = fonts(reader)
    found_fonts.update({f"AcroForm {name}": ok for name, ok in form_fonts(reader).items()})
    pages, outside = [], []
    for number, page in enumerate(reader.pages, 1):
        media = [float(v) for v in page.mediabox]
        low = (media[0] - SLACK, media[1] - SLACK)
        high = (media[2] + SLACK, media[3] + SLACK)

        def out(x, y, low=low, high=high):
            return not (low[0] <= x <= high[0] and low[1] <= y <= high[1])

        for box in ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            if box in page:
                x0, y0, x1, y1 = (float(v) for v in page[box])
                if out(x0, y0) or out(x1, y1):
                    outside.append(f"page {number}: {box} {page[box]} outside {media}")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            if out(x0, y0) or out(x1, y1):
                outside.append(f"page {number}: {annotation['/Subtype']} at {annotation['/Rect']}")
        marks = [point for point in painted_points(page) if out(*point)]
        if marks:
            outside.append(f"page {number}: {len(marks)} marks outside, e.g. {marks[:2]}")
        pages.append({
            "text": page.extract_text(),
            "tabs": page.get("/Tabs"),
            "annotations": [{"subtype": str(a["/Subtype"]), "tagged": "/StructParent" in a,
                             "name": str(a.get("/TU") or ""),
                             "contents": str(a.get("/Contents") or "")}
                            for a in (x.get_object() for x in page.get("/Annots") or [])],
        })
    return {
        "title": reader.metadata.title if reader.metadata else None,
        "lang": str(root.get("/Lang", "")),
        "marked": bool(mark.get("/Marked")),
        "display_doc_title": bool(prefs.get("/DisplayDocTitle")),
        "struct_kids": len(tree["/K"]) if tree and isinstance(tree["/K"], list) else int(
            bool(tree and tree.get("/K"))),
        "parent_tree": bool(tree and "/ParentTree" in tree),
        "struct_types": struct_types(reader),
        "xmp": xmp_facts(xmp.get_object().get_data().decode("utf-8")) if xmp else {},
        "fonts": found_fonts,
        "pages": pages,
        "outside": outside,
    }


def read_with_poppler_and_qpdf(path: Path) -> dict:
    info = dict(re.findall(r"^([^:\n]+):\s*(.*)$", tool("pdfinfo", str(path)), re.M))
    meta = tool("pdfinfo", "-meta", str(path))
    font_rows = tool("pdffonts", str(path)).splitlines()[2:]
    # The columns after the name: type (1-2 words), encoding, emb, sub, uni, object id.
    found_fonts = {row.split()[0]: row.split()[-5] for row in font_rows if row.strip()}
    text = tool("pdftotext", "-enc", "UTF-8", str(path), "-")
    outside = []
    for word in poppler_words(path):
        (x0, y0, x1, y1), (width, height) = word.box, word.page_size
        if x0 < -SLACK or y0 < -SLACK or x1 > width + SLACK or y1 > height + SLACK:
            outside.append(f"page {word.page + 1}: '{word.text}' at {x0},{y0}-{x1},{y1}")
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True,
                           check=False)
    return {
        "info": info,
        "xmp": xmp_facts(meta) if "<x:xmpmeta" in meta else {},
        "fonts": found_fonts,
        "pages": text.split("\f")[:-1] if text.endswith("\f") else text.split("\f"),
        "outside": outside,
        "qpdf_check": (check.returncode, check.stdout + check.stderr),
        "root": qpdf_root(path),
    }


@dataclass
class Handout:
    name: str  # handouts/<paper>/<id>.pdf
    entry: dict  # its catalog.json entry
    paper: str
    pypdf: dict
    poppler: dict


@pytest.fixture(scope="module")
def handouts(site, catalogue) -> list[Handout]:
    missing = [name for name in TOOLS if not shutil.which(name)]
    if missing:
        message = f"{', '.join(missing)} not found: {INSTALL_HINT}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: a missing tool is a failure, not a skip)")
        pytest.skip(message)
    jobs = [(entry, paper, relative) for entry in catalogue
            for paper, relative in sorted(entry["pdfs"].items())]
    assert len(jobs) >= 3 * 20, f"only {len(jobs)} PDFs in catalog.json"
    paths = [site / relative for _, _, relative in jobs]
    # Both cores: pypdf (pure Python) in two processes, poppler and qpdf meanwhile.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as processes, \
            ThreadPoolExecutor(2) as threads:
        first = processes.map(read_with_pypdf, paths, chunksize=4)
        second = list(threads.map(read_with_poppler_and_qpdf, paths))
        first = list(first)
    return [Handout(relative, entry, paper, one, two)
            for (entry, paper, relative), one, two in zip(jobs, first, second, strict=True)]


def report(problems: list[str]) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(problems[:40])


# -- The checks -------------------------------------------------------------------------------


def test_every_pdf_identifies_as_tagged_pdf_ua_1(handouts):
    problems = []
    for pdf in handouts:
        one, two = pdf.pypdf, pdf.poppler
        if one["xmp"].get("pdfua_part") != "1" or two["xmp"].get("pdfua_part") != "1":
            problems.append(f"{pdf.name}: XMP pdfuaid:part is {one['xmp'].get('pdfua_part')} "
                            f"(pypdf) / {two['xmp'].get('pdfua_part')} (poppler), not 1")
        if two["info"].get("PDF version", "0") < "1.7":
            problems.append(f"{pdf.name}: PDF version {two['info'].get('PDF version')}")
        if not (one["marked"] and two["root"].get("/MarkInfo", {}).get("/Marked") is True):
            problems.append(f"{pdf.name}: not marked as tagged (MarkInfo/Marked)")
        if two["info"].get("Tagged") != "yes":
            problems.append(f"{pdf.name}: pdfinfo says Tagged: {two['info'].get('Tagged')}")
        if not (one["struct_kids"] and one["parent_tree"] and "/StructTreeRoot" in two["root"]):
            problems.append(f"{pdf.name}: no structure tree (StructTreeRoot with kids, "
                            "ParentTree)")
        if not {"/H1", "/P"} <= one["struct_types"]:
            problems.append(f"{pdf.name}: structure has no H1 or P: {one['struct_types']}")
        for number, page in enumerate(one["pages"], 1):
            if page["annotations"] and page["tabs"] != "/S":
                problems.append(f"{pdf.name} page {number}: annotations but /Tabs is not /S")
            for annotation in page["annotations"]:
                if not annotation["tagged"]:
                    problems.append(f"{pdf.name} page {number}: untagged {annotation['subtype']}")
                if annotation["subtype"] == "/Widget" and not annotation["name"]:
                    problems.append(f"{pdf.name} page {number}: form field without a name (/TU)")
                if annotation["subtype"] == "/Link" and not annotation["contents"]:
                    problems.append(f"{pdf.name} page {number}: link without /Contents")
    assert not problems, report(problems)


def test_every_pdf_has_its_language_and_shows_its_title(handouts):
    problems = []
    for pdf in handouts:
        one, two, title = pdf.pypdf, pdf.poppler, pdf.entry["title"]
        if one["lang"] != LANG or two["root"].get("/Lang") != f"u:{LANG}":
            problems.append(f"{pdf.name}: /Lang {one['lang']!r} (pypdf) / "
                            f"{two['root'].get('/Lang')!r} (qpdf), not {LANG!r}")
        titles = {"Info (pypdf)": one["title"], "XMP dc:title (pypdf)": one["xmp"].get("title"),
                  "Info (pdfinfo)": two["info"].get("Title"),
                  "XMP dc:title (poppler)": two["xmp"].get("title")}
        wrong = {where: found for where, found in titles.items() if found != title}
        if wrong:
            problems.append(f"{pdf.name}: title is not {title!r}: {wrong}")
        shown = two["root"].get("/ViewerPreferences", {}).get("/DisplayDocTitle")
        if not (one["display_doc_title"] and shown is True):
            problems.append(f"{pdf.name}: ViewerPreferences/DisplayDocTitle is not true")
    assert not problems, report(problems)


def test_every_font_in_every_pdf_is_embedded(handouts):
    problems = []
    for pdf in handouts:
        one, two = pdf.pypdf["fonts"], pdf.poppler["fonts"]
        if not one or not two:
            problems.append(f"{pdf.name}: no fonts found")
        problems += [f"{pdf.name}: {font} not embedded (pypdf)" for font, ok in one.items()
                     if not ok]
        problems += [f"{pdf.name}: {font} not embedded (pdffonts)" for font, emb in two.items()
                     if emb != "yes"]
    assert not problems, report(problems)


def test_text_in_reading_order_has_the_title_and_the_safety_line(handouts):
    """Title before the summary, the safety line on every page, steps numbered 1., 2., 3."""
    safety = words(SAFETY_LINE)
    problems = []
    for pdf in handouts:
        if "slides" in pdf.entry["pdfs"]:  # no footer; site/test_workshop_package.py
            continue
        title, summary = plain(pdf.entry["title"]), plain(pdf.entry["summary"])[:40]
        heading = title.split(": ")[0]  # a guide's heading may leave out ": Facilitator Guide"
        for reader, pages in (("poppler", pdf.poppler["pages"]),
                              ("pypdf", [page["text"] for page in pdf.pypdf["pages"]])):
            if len(pages) != len(pdf.pypdf["pages"]):
                problems.append(f"{pdf.name}: {reader} read {len(pages)} pages")
            first = plain(pages[0]) if pages else ""
            if title not in first:
                problems.append(f"{pdf.name}: {reader}: the title is not on page 1")
            # A workshop's package sheets open with words for their readers (the
            # plan's summary, a thank-you), not the catalogue's summary for facilitators.
            opens_with_summary = pdf.entry["kind"] not in ("invitation", "support-sheet",
                                                           "feedback-form")
            if opens_with_summary and (summary not in first or
                                       not 0 <= first.find(heading) < first.find(summary)):
                problems.append(f"{pdf.name}: {reader}: the heading {heading!r} does not come "
                                f"before the summary")
            missing = [n for n, page in enumerate(pages, 1) if safety not in words(page)]
            if missing:
                problems.append(f"{pdf.name}: {reader}: no safety line on page(s) {missing}")
            junk = sorted({ch for page in pages for ch in page
                           if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff"})
            if junk:
                problems.append(f"{pdf.name}: {reader}: unreadable characters {junk}")
        if pdf.entry["kind"] == "exercise":  # "How to do it" is a numbered list
            text = "\n".join(pdf.poppler["pages"])
            steps = [int(n) for n in re.findall(r"^\s*(\d+)\.\s+\S", text, re.M)]
            if steps[:3] != [1, 2, 3]:
                problems.append(f"{pdf.name}: poppler: steps not numbered 1., 2., 3. "
                                f"in reading order: {steps[:6]}")
    assert not problems, report(problems)


def test_nothing_is_drawn_outside_the_page(handouts):
    problems = [f"{pdf.name}: {where} ({reader})" for pdf in handouts
                for reader, found in (("pypdf", pdf.pypdf["outside"]),
                                      ("poppler", pdf.poppler["outside"])) for where in found]
    assert not problems, report(problems)


def test_qpdf_finds_no_structural_errors(handouts):
    problems = [f"{pdf.name}: qpdf --check exit {code}: {output.strip()[-300:]}"
                for pdf in handouts for code, output in [pdf.poppler["qpdf_check"]]
                if code != 0 or "No syntax or stream encoding errors" not in output]
    print(f"\n{len(handouts)} PDFs checked with pypdf, poppler and qpdf")
    assert not problems, report(problems)
