"""Handout packs: several handouts in one PDF for one client.

Asked for with configuration values, so a pack is a normal (incremental)
build plus one more PDF: ``-D kit_pack=id,id,id -D kit_pack_paper=a4
-D kit_pack_out=packet.pdf``; ``nox -s pack -- id id id --paper a4 --out F``
does exactly that. The pack has a cover that lists its handouts with their
page numbers, continuous page numbers, and keeps every field and tag.

The target is checked before the build starts, because a typo in ``--out``
must never cost a file: a pack only ever writes a ``.pdf``, never over a file
that is not a PDF, never among the sources (outside ``_build``) or into the
site, and an unwritable place is said plainly.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from sphinx.application import Sphinx

from compassion_kit.model import PACK, Item
from compassion_kit.problems import Problem, Subtype


def requested(app: Sphinx) -> list[str]:
    return [part for part in app.config.kit_pack if part.strip()]


def unknown_ids(wanted: list[str], by_id: dict[str, Item]) -> list[str]:
    """One message per id that is not a handout (with the near matches) or
    that is asked for twice (one handout's fields and anchors would clash)."""
    packable = sorted(item.id for item in by_id.values() if item.kind_info.packable)
    messages = [f"'{part_id}' is listed more than once; list each handout once"
                for part_id in sorted({part for part in wanted if wanted.count(part) > 1})]
    for part_id in wanted:
        if part_id in packable:
            continue
        near = difflib.get_close_matches(part_id, packable, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else "; see catalog.json for ids"
        messages.append(f"'{part_id}' is not a handout id{hint}")
    return messages


def pack_item(wanted: list[str], by_id: dict[str, Item]) -> Item:
    first = by_id[wanted[0]]
    return Item(id="pack", kind=PACK.name, docname=first.docname, title="Your Handouts",
                summary="A set of handouts chosen for you. Keep them, write on them, and "
                        "bring them back if you like.",
                audiences=("client",), duration_minutes=None, meta={"parts": list(wanted)})


def target(app: Sphinx) -> Path:
    # Resolved, so a symbolic link cannot lead the write to a file it hides.
    return Path(app.srcdir, app.config.kit_pack_out).resolve()


def target_problem(app: Sphinx) -> Problem | None:
    """Why the pack must not be written to ``target(app)``, or None."""
    path = target(app)
    srcdir = Path(app.srcdir).resolve()
    site, doctrees = Path(app.outdir).resolve(), Path(app.doctreedir).resolve()

    def refused(reason: str) -> Problem:
        return Problem(str(path), 0, "pack --out (kit_pack_out)", f"refused: {reason}",
                       Subtype.PACK)

    if path.suffix.lower() != ".pdf":
        return refused("a pack is a PDF: give a file name ending in .pdf")
    if path.is_relative_to(site) or path.is_relative_to(doctrees):
        return refused("it is inside the build output, which the build replaces; "
                       "write the pack elsewhere (the default is _build/pack.pdf)")
    if path.is_relative_to(srcdir) and not path.is_relative_to(srcdir / "_build"):
        return refused("it is among the project's sources; write the pack outside them "
                       "or under _build/ (the default is _build/pack.pdf)")
    if path.is_dir():
        return refused("it is a folder; give a file name ending in .pdf")
    if path.exists():
        try:
            with path.open("rb") as stream:
                is_pdf = stream.read(5) == b"%PDF-"
        except OSError as error:
            return refused(f"it cannot be read ({error.strerror})")
        if not is_pdf:
            return refused("a file of that name exists and is not a PDF; it is kept as it is")
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return refused(f"cannot write in {folder} (no permission or a read-only disk)")
    return None


def paper(app: Sphinx) -> str:
    """The pack's paper (checked at config-inited: config.check_settings
    stops the build before reading when it is not one the kit prints)."""
    return str(app.config.kit_pack_paper)
