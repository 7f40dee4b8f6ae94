"""The kit's own message catalogue: compassion_kit.pot and one .po per language.

The kit's words (labels, buttons, print furniture) are marked with ``_``,
``ngettext`` and ``N_`` (compassion_kit.words) and live in
``compassion_kit/locales/<lang>/LC_MESSAGES/compassion_kit.po``. A build
compiles its language's catalogue with babel (which Sphinx itself depends
on) into the doctree folder, fuzzy entries left out (``compile_catalogue``,
called by i18n.translation): no compiled file is kept in the repository, so
none can go stale (a shipped .mo would need a test that it matches the .po;
compiling takes milliseconds).

The command keeps the catalogues in step with the code::

    python -m compassion_kit.i18n.kit_catalogue update   # or: check

``update`` re-extracts the strings (Python: ``_``, ``ngettext``, ``N_``; the
print templates: ``_``) into compassion_kit.pot and updates every language's
.po, keeping its translations; ``check`` says what is missing, fuzzy or no
longer used, and fails if anything is.
"""

from __future__ import annotations

import ast
import re
import sys
import tokenize
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from compassion_kit.about import KIT_DIR, LOCALE_DIR
from compassion_kit.words import MESSAGE_CATALOG

TEMPLATE = LOCALE_DIR / f"{MESSAGE_CATALOG}.pot"
COMMAND = "python -m compassion_kit.i18n.kit_catalogue"


def catalogue_path(lang: str) -> Path:
    """The kit's .po file of ``lang`` (it may not exist)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"


def compile_catalogue(lang: str, target_dir: Path) -> Path | None:
    """compassion_kit.po of ``lang`` as a .mo under ``target_dir`` (written only
    when it changed). Fuzzy entries are left out, as gettext does."""
    source = catalogue_path(lang)
    if not source.is_file():
        return None
    catalog = read(source, lang)
    data = BytesIO()
    write_mo(data, catalog, use_fuzzy=False)
    target = target_dir / lang / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_bytes() != data.getvalue():
        partial = target.with_suffix(".mo.part")
        partial.write_bytes(data.getvalue())
        partial.replace(target)
    return target


# -- Extraction and the command ----------------------------------------------------------

KIT = KIT_DIR
METHOD_MAP = [("**.py", "python"), ("assets/print/**.html", "jinja2.ext:babel_extract")]
# Python: _("…"), ngettext("…", "…", n), and N_("…") (marked where defined,
# translated where printed; see compassion_kit.words.N_).
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """The kit's strings as a babel Catalog (the template of every language)."""
    catalog = Catalog(project="Beyond Empathy kit", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            KIT, METHOD_MAP, keywords=KEYWORDS, comment_tags=("Translators:",),
            strip_comment_tags=True,
            directory_filter=lambda path: "__pycache__" not in path and "locales" not in path):
        catalog.add(message, None, [(f"compassion_kit/{filename}", lineno)],
                    auto_comments=comments, context=context)
    # Python 3.11's tokenizer gives babel an f-string as one string: a _("…")
    # inside one (f"{_('Before you start:')} ") is looked for in f-strings here.
    for path in sorted(KIT.rglob("*.py")):
        for lineno, message in _in_f_strings(path):
            if message not in catalog:
                catalog.add(message, None, [(path.relative_to(KIT.parent).as_posix(), lineno)])
    return catalog


def _in_f_strings(path: Path) -> Iterator[tuple[int, str]]:
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type != tokenize.STRING:
                continue
            prefix = _PREFIX.match(token.string)
            if prefix is None or "f" not in prefix.group(0).lower():
                continue
            for match in _IN_F_STRING.finditer(token.string):
                try:
                    message = ast.literal_eval(match.group("literal"))
                except (ValueError, SyntaxError):
                    continue
                if message:
                    yield token.start[0] + token.string.count("\n", 0, match.start()), message


_PREFIX = re.compile(r"[A-Za-z]*")  # a string token's prefix (r, b, f...)
_IN_F_STRING = re.compile(r"""\bN?_\(\s*(?P<literal>(?P<quote>["'])(?:(?!(?P=quote))[^\\\n]|\\.)*"""
                          r"""(?P=quote))\s*\)""")


def read(path: Path, lang: str | None = None) -> Catalog:
    """The catalogue at ``path`` (of language ``lang``)."""
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _write(path: Path, catalog: Catalog) -> None:
    out = BytesIO()
    write_po(out, catalog, width=88, sort_output=True, include_lineno=False,
             ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != out.getvalue():
        path.write_bytes(out.getvalue())


def update() -> list[str]:
    """Re-extract: write compassion_kit.pot and update each language's .po (new
    strings empty, gone strings dropped, translations kept). Returns a report."""
    template = extract()
    _write(TEMPLATE, template)
    report = [f"{TEMPLATE.relative_to(KIT.parent)}: {len(template)} strings"]
    for folder in sorted(LOCALE_DIR.iterdir()):
        po = folder / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"
        if not po.is_file():
            continue
        catalog = read(po, folder.name)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        _write(po, catalog)
        report.append(f"{po.relative_to(KIT.parent)}: " + "; ".join(problems(folder.name)
                                                                      or ["complete"]))
    return report


def problems(lang: str) -> list[str]:
    """What the kit's catalogue of ``lang`` lacks against the source: strings
    missing, untranslated or fuzzy, and strings no longer used."""
    po = catalogue_path(lang)
    if not po.is_file():
        return [f"no catalogue {po}"]
    catalog = read(po, lang)
    wanted = {message.id for message in extract() if message.id}
    have = {message.id: message for message in catalog if message.id}
    found = [f"missing: {msgid!r}" for msgid in sorted(wanted - set(have), key=str)]
    found += [f"not used any more: {msgid!r}" for msgid in sorted(set(have) - wanted, key=str)]
    for msgid, message in sorted(have.items(), key=lambda pair: str(pair[0])):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {msgid!r}")
        elif not all(strings):
            found.append(f"untranslated: {msgid!r}")
    return found


def main(argv: list[str]) -> int:
    """The command: ``update`` or ``check`` (the default); its exit status."""
    command = argv[0] if argv else "check"
    if command == "update":
        print("\n".join(update()))
        return 0
    if command == "check":
        bad = {folder.name: problems(folder.name) for folder in sorted(LOCALE_DIR.iterdir())
               if folder.is_dir()}
        for lang, found in bad.items():
            print(f"{lang}: " + ("complete" if not found else "\n  ".join(["", *found])))
        return 1 if any(bad.values()) else 0
    print(f"usage: {COMMAND} [update|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
