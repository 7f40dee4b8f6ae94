"""poppler and qpdf (command-line tools): words and lines with their boxes,
and the document catalog, as readers independent of pypdf, PDFium and pikepdf
see them."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .document import Box
from .memo import once_per_run


def tool(*command: str) -> str:
    """What a command-line PDF tool prints (it must succeed)."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(command)}: {done.stderr.strip()}"
    return done.stdout


@dataclass(frozen=True)
class Word:
    page: int  # 0-based
    box: Box  # x0, top, x1, bottom in pt, from the page's top left corner
    text: str
    page_size: tuple[float, float]  # width, height in pt


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">'
                   r"(.*?)</word>")


@once_per_run
def poppler_words(path: Path) -> list[Word]:
    """Every word poppler's text layer finds (pdftotext -bbox), with its box."""
    found = []
    for number, (width, height, body) in enumerate(_PAGE.findall(
            tool("pdftotext", "-bbox", str(path), "-"))):
        found += [Word(number, (float(x0), float(y0), float(x1), float(y1)), unescape(word),
                       (float(width), float(height)))
                  for x0, y0, x1, y1, word in _WORD.findall(body)]
    return found


@once_per_run
def poppler_lines(path: Path) -> list[list[str]]:
    """Per page, the text of each line (poppler's words grouped by line)."""
    out = tool("pdftotext", "-bbox-layout", str(path), "-")
    return [[unescape(" ".join(re.findall(r"<word [^>]*>(.*?)</word>", line)))
             for line in re.findall(r"<line[^>]*>(.*?)</line>", body, re.S)]
            for body in re.findall(r"<page .*?</page>", out, re.S)]


@once_per_run
def qpdf_root(path: Path) -> dict:
    """The document catalog as qpdf reads it (qpdf's JSON: strings "u:...", refs "N 0 R")."""
    found = tool("qpdf", "--json=2", "--json-key=qpdf", str(path))
    # qpdf 11.3 copies PDF reals such as "279." (valid PDF) into its JSON as they are.
    found = re.sub(r"(^\s*|:\s)(-?\d+)\.(,?)$", r"\1\2.0\3", found, flags=re.M)
    objects = json.loads(found)["qpdf"][1]

    def resolve(value):
        if isinstance(value, str) and value.endswith(" R"):
            entry = objects[f"obj:{value}"]
            value = entry["value"] if "value" in entry else entry["stream"]["dict"]
        return value

    root = resolve(objects["trailer"]["value"]["/Root"])
    return {key: ({k: resolve(v) for k, v in resolve(value).items()}
                  if isinstance(resolve(value), dict) else resolve(value))
            for key, value in root.items()}
