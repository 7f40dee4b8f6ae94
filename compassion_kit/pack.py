"""Handout packs: several handouts in one PDF for one client.

Asked for with configuration values, so a pack is a normal (incremental)
build plus one more PDF: ``-D kit_pack=id,id,id -D kit_pack_paper=a4
-D kit_pack_out=packet.pdf``; ``nox -s pack -- id id id --paper a4 --out F``
does exactly that. The pack has a cover that lists its handouts with their
page numbers, continuous page numbers, and keeps every field and tag.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .items import Item
from .pdf import PAPERS

logger = logging.getLogger(__name__)
PACKABLE = ("exercise", "info-sheet")


def requested(app: Sphinx) -> list[str]:
    return [part for part in app.config.kit_pack if part.strip()]


def unknown_ids(wanted: list[str], by_id: dict[str, Item]) -> list[str]:
    """One message per id that is not a handout, with the near matches."""
    packable = sorted(item.id for item in by_id.values() if item.kind in PACKABLE)
    messages = []
    for part_id in wanted:
        if part_id in packable:
            continue
        near = difflib.get_close_matches(part_id, packable, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else "; see catalog.json for ids"
        messages.append(f"'{part_id}' is not a handout id{hint}")
    return messages


def pack_item(wanted: list[str], by_id: dict[str, Item]) -> Item:
    first = by_id[wanted[0]]
    return Item(id="pack", kind="pack", docname=first.docname, title="Your Handouts",
                summary="A set of handouts chosen for you. Keep them, write on them, and "
                        "bring them back if you like.",
                audiences=("client",), duration_minutes=None, meta={"parts": list(wanted)})


def target(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.kit_pack_out)


def paper(app: Sphinx) -> str | None:
    """The pack's paper, or None (after reporting) when it is not one we print."""
    if app.config.kit_pack_paper in PAPERS:
        return app.config.kit_pack_paper
    logger.warning("pack: unknown paper '%s'; use one of %s", app.config.kit_pack_paper,
                   ", ".join(PAPERS), type="kit", subtype="pack")
    return None
