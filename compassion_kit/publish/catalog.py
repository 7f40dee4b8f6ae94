"""catalog.json: one entry per printable item, the data the library shows.

Each edition writes its own: catalog.json (English) and <lang>/catalog.json.
Every path in either is relative to the published site's root (the English
site's folder, where handouts/ lives): ``url`` and ``pdfs`` of the entry's own
language, and ``translation``, the same item in the other language (its
``lang``, ``url`` and ``pdfs``), or null when it has none.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from compassion_kit.i18n.languages import SOURCE_LANGUAGE, translated_in
from compassion_kit.model import Item
from compassion_kit.printing.atomic import write_atomic

CATALOG_NAME = "catalog.json"


def _site_url(app: Sphinx, lang: str, docname: str) -> str:
    """A page's URL from the site's root: English at the root, others in <lang>/."""
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    return prefix + app.builder.get_target_uri(docname)


def translation(app: Sphinx, item: Item) -> dict[str, Any] | None:
    """The item in the other language: an English item's first translation
    (a document with a catalogue), a translated item's English original."""
    other = SOURCE_LANGUAGE if item.lang != SOURCE_LANGUAGE else \
        next(iter(translated_in(app.srcdir, app.config, item.docname)), None)
    if other is None:
        return None
    twin = replace(item, lang=other)
    return {"lang": other, "url": _site_url(app, other, item.docname),
            "pdfs": {paper: twin.pdf_path(paper) for paper in twin.papers}}


def entry(app: Sphinx, item: Item) -> dict[str, Any]:
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
        # The schema's situation ids (the words are in rules/taxonomy.py); a practice
        # log has its practice's.
        "situations": list(meta.get("situations", [])),
        "lang": item.lang,
        "url": _site_url(app, item.lang, item.docname),
        # Every paper, or the one sheet of a kind that has its own (slides: 16:9).
        "pdfs": {paper: item.pdf_path(paper) for paper in item.papers},
        "translation": translation(app, item),
    }


def write(app: Sphinx, items: list[Item]) -> Path:
    """Write the catalogue: sorted, no timestamps, so builds are reproducible."""
    data = {"name": app.config.kit_site_name, "items": [entry(app, item) for item in items]}
    path = Path(app.outdir, CATALOG_NAME)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return path
