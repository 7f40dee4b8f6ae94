"""catalog.json: one entry per printable item, the data the library shows."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from .items import PAPER_LABELS, Item
from .pdf import write_atomic

CATALOG_NAME = "catalog.json"


def entry(app: Sphinx, item: Item) -> dict:
    meta = item.meta
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "audiences": list(item.audiences),
        "duration_minutes": item.duration_minutes,
        "chapter": meta.get("chapter"),
        "format": meta.get("format"),
        "intensity": meta.get("intensity"),
        "url": app.builder.get_target_uri(item.docname),
        "pdfs": {paper: item.pdf_path(paper) for paper in PAPER_LABELS},
    }


def write(app: Sphinx, items: list[Item]) -> Path:
    """Write the catalogue: sorted, no timestamps, so builds are reproducible."""
    data = {"name": app.config.kit_site_name, "items": [entry(app, item) for item in items]}
    path = Path(app.outdir, CATALOG_NAME)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return path
