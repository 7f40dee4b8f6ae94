"""Reuse the last build's print HTML when nothing it is made from has changed.

Making every item's print HTML means resolving every item's doctree again,
most of a rebuild in which nothing changed. So a build that read no document
and removed none reuses the print HTML the last *published* build left beside
the doctrees, when everything else the print HTML is made from is the same as
then: the kit's code and print assets, the renderer and the Sphinx, MyST and
docutils versions, the HTML configuration and tags, the clinician's details,
the language, every kit_* setting, the data files (crisis lines, group
agreement) with their catalogues, and the bibliography. The PDFs are then checked against their
recorded hashes as always (printing.cache) and rendered only if one is missing
or changed on disk.

The record is written only after the outputs are published and removed before
any new print HTML is written, so print HTML of a failed build is never reused.

The book's print HTML and the EPUB are reused the same way, each with a record
of its own (``reusable_file``): the EPUB is made with or without PDFs, and
most of a rebuild in which nothing changed was resolving the book's chapters
again for the two of them. Their key adds SOURCE_DATE_EPOCH, the EPUB's date.
"""

from __future__ import annotations

import hashlib
import json
import os
import weakref
from functools import cache
from importlib import metadata
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from compassion_kit.about import KIT_DIR
from compassion_kit.i18n.catalogues import language
from compassion_kit.printing.atomic import write_atomic
from compassion_kit.printing.cache import renderer_fingerprint
from compassion_kit.printing.clinician import ClinicianDetails

RECORD_NAME = "print-html.json"
DATA_FOLDER = "docs/_data"
_changed_docs: weakref.WeakKeyDictionary[Sphinx, int] = weakref.WeakKeyDictionary()


def note_removed(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                 removed: set[str]) -> list[str]:
    """env-get-outdated: count the documents this build removes."""
    _changed_docs[app] = _changed_docs.get(app, 0) + len(removed)
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: count the documents this build reads."""
    _changed_docs[app] = _changed_docs.get(app, 0) + len(docnames)


@cache
def _code_fingerprint() -> str:
    """The kit's own code and assets, and the versions that shape a doctree."""
    digest = hashlib.sha256()
    for package in ("sphinx", "docutils", "myst-parser", "sphinx-design"):
        digest.update(f"{package}={metadata.version(package)}\n".encode())
    for path in sorted(KIT_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(KIT_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _inputs(app: Sphinx) -> list[Path]:
    """The project files print HTML reads besides the documents."""
    srcdir = Path(app.srcdir)
    found = [srcdir / app.config.kit_bibliography]
    for folder in [srcdir / DATA_FOLDER, *(srcdir / each for each in app.config.locale_dirs)]:
        if folder.is_dir():
            found.extend(path for path in folder.rglob("*")
                         if path.is_file() and DATA_FOLDER in path.as_posix())
    return sorted(path for path in found if path.is_file())


def _kit_settings(app: Sphinx) -> str:
    """Every kit_* setting. Sphinx's config hash leaves out the settings that
    re-read no document (the book's back matter, the pack, the region...),
    yet the print HTML, the book and the EPUB may follow them."""
    settings = {item.name: item.value for item in app.config if item.name.startswith("kit_")}
    return json.dumps(settings, sort_keys=True, default=_stable_repr)


def _stable_repr(value: object) -> object:
    """What JSON cannot hold, in a form that is the same in every process (a
    set's order is not)."""
    if isinstance(value, set | frozenset):
        return sorted(repr(each) for each in value)
    return repr(value)


def fingerprint(app: Sphinx, details: ClinicianDetails, ids: list[str]) -> str:
    digest = hashlib.sha256()
    build_info = getattr(app.builder, "build_info", None)
    for part in (_code_fingerprint(), renderer_fingerprint(), language(app.config),
                 getattr(build_info, "config_hash", ""), getattr(build_info, "tags_hash", ""),
                 _kit_settings(app), repr(details), "\n".join(ids)):
        digest.update(f"{part}\n".encode())
    for path in _inputs(app):
        digest.update(path.relative_to(app.srcdir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def reusable(app: Sphinx, print_dir: Path, print_key: str, ids: list[str]
             ) -> dict[str, str] | None:
    """The last published build's print HTML of every item (id -> HTML), or
    None when it cannot be trusted for this build."""
    if _changed_docs.get(app, 0):
        return None
    try:
        record = json.loads((print_dir / RECORD_NAME).read_text(encoding="utf-8"))
        if record != {"key": print_key, "ids": ids}:
            return None
        return {item_id: (print_dir / f"{item_id}.html").read_text(encoding="utf-8")
                for item_id in ids}
    except (OSError, ValueError):
        return None


def forget(print_dir: Path) -> None:
    """Before new print HTML is written: the record no longer describes it."""
    (print_dir / RECORD_NAME).unlink(missing_ok=True)


def remember(print_dir: Path, print_key: str, ids: list[str]) -> None:
    """After the outputs are published: this print HTML may be reused."""
    text = json.dumps({"key": print_key, "ids": ids}, indent=1) + "\n"
    write_atomic(print_dir / RECORD_NAME, text.encode("utf-8"))


def file_key(print_key: str) -> str:
    """The key of a file made from the documents at a moment: the book, the EPUB."""
    moment = os.environ.get("SOURCE_DATE_EPOCH", "")
    return hashlib.sha256(f"{print_key}\nSOURCE_DATE_EPOCH={moment}\n".encode()).hexdigest()


def _file_record(print_dir: Path, name: str) -> Path:
    return print_dir / f"{name}.json"


def reusable_file(app: Sphinx, print_dir: Path, name: str, key: str) -> bytes | None:
    """The file ``name`` beside the doctrees as the last published build left it,
    or None when it cannot be trusted for this build (then its record is gone)."""
    record, stored = _file_record(print_dir, name), print_dir / name
    if not _changed_docs.get(app, 0):
        try:
            data = stored.read_bytes()
            if json.loads(record.read_text(encoding="utf-8")) == {
                    "key": key, "sha256": hashlib.sha256(data).hexdigest()}:
                return data
        except (OSError, ValueError):
            pass
    record.unlink(missing_ok=True)
    return None


def remember_file(print_dir: Path, name: str, key: str) -> None:
    """After the outputs are published: the file ``name`` beside the doctrees
    (written by this build) may be reused."""
    data = (print_dir / name).read_bytes()
    text = json.dumps({"key": key, "sha256": hashlib.sha256(data).hexdigest()}) + "\n"
    write_atomic(_file_record(print_dir, name), text.encode("utf-8"))


def setup_reuse(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_removed)
    app.connect("env-before-read-docs", note_read)
