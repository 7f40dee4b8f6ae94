"""Render a PDF again only when something it depends on changed.

A PDF's key hashes everything that shapes it: its print HTML (which already
holds the content, the clinician details and, for workbooks and packs, every
handout they gather), the paper, every print asset (CSS, template, fonts) and
the versions of the renderer. The cache also records a hash of the PDF it
wrote, so a PDF that was deleted or changed on disk is never taken as fresh.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .pdf import ASSETS_DIR, PRINT_DIR, write_atomic

FONT_DIR = ASSETS_DIR / "static" / "fonts"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def renderer_fingerprint() -> str:
    """Versions of the renderer and the bytes of every print asset."""
    digest = hashlib.sha256()
    for package in ("weasyprint", "pydyf", "fonttools", "tinycss2"):
        digest.update(f"{package}={metadata.version(package)}\n".encode())
    digest.update(f"compassion_kit={__version__}\n".encode())
    for folder in (PRINT_DIR, FONT_DIR):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(ASSETS_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def job_key(html: str, paper: str) -> str:
    return _sha256(f"{renderer_fingerprint()}\n{paper}\n{html}".encode())


class PdfCache:
    def __init__(self, path: Path, outdir: Path):
        self.path, self.outdir = path, outdir
        try:
            self.entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def _name(self, target: Path) -> str:
        return target.relative_to(self.outdir).as_posix()

    def is_fresh(self, target: Path, key: str) -> bool:
        entry = self.entries.get(self._name(target))
        if not entry or entry["input"] != key or not target.is_file():
            return False
        return entry["output"] == _sha256(target.read_bytes())

    def record(self, target: Path, key: str, data: bytes) -> None:
        self.entries[self._name(target)] = {"input": key, "output": _sha256(data)}

    def save(self) -> None:
        text = json.dumps(self.entries, indent=1, sort_keys=True)
        write_atomic(self.path, text.encode("utf-8"))
