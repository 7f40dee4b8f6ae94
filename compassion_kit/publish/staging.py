"""Publish the kit's outputs all together, or not at all.

catalog.json, the handout PDFs and a pack are written to a staging folder
first (beside the doctrees, never inside the site). Only when every one of
them was made without a problem are they moved into place, catalogue last,
and the outputs of items that no longer exist deleted. A failed build
therefore leaves the last good outputs byte for byte as they were.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote

from compassion_kit.printing.atomic import write_atomic

HANDOUTS = "handouts"


class Stage:
    """Files waiting to be published: name (relative to the site, or an
    absolute path for a pack) -> staged copy."""

    def __init__(self, workdir: Path, outdir: Path):
        workdir.mkdir(parents=True, exist_ok=True)
        self.outdir = Path(outdir)
        self.root = Path(tempfile.mkdtemp(prefix="kit-stage-", dir=workdir))
        self.files: dict[Path, Path] = {}

    def put(self, target: Path, data: bytes) -> None:
        staged = self.root / f"{len(self.files)}{target.suffix}"
        staged.write_bytes(data)
        self.files[Path(target)] = staged

    def publish(self) -> None:
        """Move every staged file into place, the catalogue last (so it never
        lists a PDF that is not there yet)."""
        for target in sorted(self.files, key=lambda path: path.name == "catalog.json"):
            _move(self.files[target], target)
        self.files.clear()

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _move(staged: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(staged, 0o644)
    try:
        os.replace(staged, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        write_atomic(target, staged.read_bytes())  # staging is on another file system


def stale_pdfs(root: Path, keep: set[Path], lang: str = "", others: tuple[str, ...] = ()
               ) -> list[Path]:
    """PDFs of this edition that no current item makes (removed or renamed items):
    under handouts/ of the site's ``root`` (English), or handouts/<lang>/ (a
    translation). The English build never touches the folders of ``others``,
    the translations' (handouts/es/ is the Spanish build's)."""
    folder = Path(root, HANDOUTS, lang) if lang else Path(root, HANDOUTS)
    if not folder.is_dir():
        return []
    theirs = [folder / other for other in others if other]
    return sorted(path for path in folder.rglob("*.pdf")
                  if path not in keep and not any(path.is_relative_to(their)
                                                  for their in theirs))


def page_file(outdir: Path, url: str) -> Path:
    """The file a page URL of the site (as in catalog.json) is served from."""
    page = Path(outdir, unquote(url))
    if url.endswith("/") or not url:
        page = page / "index.html"
    return page.resolve()


def stale_pages(outdir: Path, catalog_path: Path, current_ids: set[str],
                current_pages: set[Path], within: Path | None = None) -> list[Path]:
    """Pages of the items in the last published catalogue that no longer exist
    (Sphinx keeps the page of a removed document; a withdrawn handout's page
    must go too). A page some current document still has is kept. URLs are
    relative to ``outdir`` (the site's root); only pages inside ``within`` (this
    edition's folder, by default the root) are ever stale."""
    try:
        old = json.loads(catalog_path.read_text(encoding="utf-8"))
        urls = {entry["url"] for entry in old["items"]
                if entry.get("id") not in current_ids and isinstance(entry.get("url"), str)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    site = Path(within if within is not None else outdir).resolve()
    pages = {page_file(outdir, url) for url in urls}
    return sorted(page for page in pages
                  if page.is_relative_to(site) and page != site and page not in current_pages
                  and page.is_file())


def delete(paths: list[Path], outdir: Path) -> None:
    """Delete ``paths`` and the folders they leave empty (never ``outdir`` itself)."""
    site = Path(outdir).resolve()
    for path in paths:
        path.unlink(missing_ok=True)
        # Leave no empty folders behind (e.g. the folder of a dirhtml page).
        parent = path.resolve().parent
        while parent != site and parent.is_relative_to(site) and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
