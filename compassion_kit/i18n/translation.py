"""The kit's own words (labels, buttons, print furniture) in the build's language,
and where each language's site lives.

Sphinx's extension mechanism: strings are marked with ``_`` (a lazy
translation, resolved when the page or handout is written) and looked up in
the ``compassion_kit`` message catalogue,
compassion_kit/locales/<lang>/LC_MESSAGES/compassion_kit.po. Content (pages,
front matter, data files) is translated through the project's own catalogues
in locales/ instead; the site's templates through locales/<lang>/LC_MESSAGES/
sphinx.po (see CONTRIBUTING.md, "Translating").

The kit's catalogue is compiled when a build starts, with babel (which Sphinx
itself depends on), into the doctree folder (kit-locales/), fuzzy entries
left out: no compiled file is kept in the repository, so none can go stale
(a shipped .mo would need a test that it matches the .po; compiling takes
milliseconds). ``python -m compassion_kit.i18n.translation
update`` re-extracts the strings (Python: ``_``/``ngettext``; the print
templates: ``_``) into compassion_kit.pot and updates every language's .po,
keeping its translations; ``check`` says what is missing or fuzzy.

The sites: the source language (English) at the site's root, every other
language in a folder of its own (``es/``). ``language_links`` gives a page the
same page in the other languages (the language switcher, hreflang links).
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from sphinx import package_dir as sphinx_package_dir
from sphinx.application import Sphinx
from sphinx.locale import translators

from compassion_kit.about import KIT_DIR, LOCALE_DIR
from compassion_kit.words import MESSAGE_CATALOG, NAMESPACE, _, ngettext

TEMPLATE = LOCALE_DIR / f"{MESSAGE_CATALOG}.pot"
COMPILED_DIR = "kit-locales"  # under the doctree folder
SOURCE_LANGUAGE = "en"
# Each language's name in that language, for the language switcher.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
# The link to a language's home when a page has no version in it, in that language.
HOME_IN = {"en": "Home page in English", "es": "Inicio en español"}
# Strings of the project's conf.py a reader sees; translated through
# locales/<lang>/LC_MESSAGES/sphinx.po (the gettext build extracts them there).
SITE_WORDS = ("project", "html_title", "copyright", "kit_site_name")
SEARCH_JS = "translations.js"  # the search page's words (see search_translations)


def long_date(app: Sphinx, value) -> str:
    """A date as readers of the build's language write it: 'December 1, 2026',
    '1 de diciembre de 2026' (``value``: a date or 'YYYY-MM-DD'; anything else
    is returned as it is)."""
    import datetime

    from babel.dates import format_date

    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime.date):
        return str(value)
    return format_date(value, format="long", locale=language(app).replace("-", "_"))


# -- Languages and where their sites are ------------------------------------------------


def language(app: Sphinx) -> str:
    return app.config.language or SOURCE_LANGUAGE


def is_source_language(app: Sphinx) -> bool:
    return language(app) == SOURCE_LANGUAGE


def site_prefix(lang: str) -> str:
    """A language's folder in the published site: '' for English, 'es/'."""
    return "" if lang == SOURCE_LANGUAGE else f"{lang}/"


def site_root(app: Sphinx) -> Path:
    """The published site's root: the output folder of the English build, the
    parent of a translation's (``_build/html/es`` -> ``_build/html``)."""
    outdir = Path(app.outdir)
    return outdir if is_source_language(app) else outdir.parent


def translations(app: Sphinx) -> list[str]:
    """Languages the project has catalogues for (besides the source language)."""
    from compassion_kit.i18n.languages import languages_of

    return languages_of(app.srcdir, app.config)


def has_page(app: Sphinx, lang: str, pagename: str) -> bool:
    """Whether the site in ``lang`` has ``pagename``: every page in English; a
    document in another language when it has a catalogue there (languages.scope);
    pages every build writes (search, genindex) in every language."""
    from compassion_kit.i18n.languages import scope, source_docs

    if lang == SOURCE_LANGUAGE:
        return True
    if pagename not in app.env.found_docs and pagename not in source_docs(app.srcdir):
        return True  # not a document: a page Sphinx writes in every build
    if lang == language(app):
        return pagename in app.env.found_docs
    return pagename in scope(app.srcdir, app.config, lang)


def _site_uri(app: Sphinx, lang: str, pagename: str) -> str:
    return site_prefix(lang) + app.builder.get_target_uri(pagename)


def _relative(site_path: str, here: str) -> str:
    """A link from the page at ``here`` to ``site_path``, both paths from the
    site's root as the builder writes them: 'x.html', or under dirhtml 'x/',
    and '' for the root page itself. A folder keeps its closing slash."""
    href = posixpath.relpath(site_path or ".", posixpath.dirname(here) or ".")
    return href + "/" if (not site_path or site_path.endswith("/")) else href


def site_relative(app: Sphinx, fromdoc: str, site_path: str) -> str:
    """A link from ``fromdoc``'s page in this build to ``site_path``, a path from
    the site's root (the handouts of every language live there:
    handouts/es/letter/x.pdf)."""
    return _relative(site_path, _site_uri(app, language(app), fromdoc))


def own_pages(app: Sphinx) -> Iterator[Path]:
    """The HTML pages of this build's site, without the translations' folders
    inside the English site's output (es/ is the Spanish build's)."""
    outdir = Path(app.outdir)
    others = ([outdir / site_prefix(lang).rstrip("/") for lang in translations(app)]
              if is_source_language(app) else [])
    for page in sorted(outdir.rglob("*.html")):
        if not any(page.is_relative_to(folder) for folder in others):
            yield page


def language_links(app: Sphinx, pagename: str) -> list[dict]:
    """The page in every language of the site: code, name, href (relative to
    this page), ``current`` (this page), ``same`` (the same page; else that
    language's home, as no version of this page exists in it)."""
    here_lang = language(app)
    here = _site_uri(app, here_lang, pagename)
    links = []
    for lang in [SOURCE_LANGUAGE, *translations(app)]:
        same = lang == here_lang or has_page(app, lang, pagename)
        target = _site_uri(app, lang, pagename if same else app.config.root_doc)
        href = _relative(target, here)
        links.append({"code": lang, "name": LANGUAGE_NAMES.get(lang, lang),
                      "label": LANGUAGE_NAMES.get(lang, lang) if same else HOME_IN.get(lang, lang),
                      "href": href, "site_path": target, "current": lang == here_lang,
                      "same": same})
    return links


def _root_url(app: Sphinx) -> str:
    """The published English site's address ('' when html_baseurl is unset)."""
    base = (app.config.html_baseurl or "").rstrip("/")
    folder = site_prefix(language(app)).rstrip("/")
    if folder and base.endswith("/" + folder):
        base = base.removesuffix("/" + folder)
    return base + "/" if base else ""


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree) -> None:
    """What docs/_templates/page.html needs: the language switcher and the
    hreflang alternates (absolute when html_baseurl is set)."""
    if app.builder.format != "html":
        return
    write_search_translations(app)
    links = language_links(app, pagename)
    context["kit_languages"] = [link for link in links if not link["current"]]
    root = _root_url(app)
    context["kit_alternates"] = [
        {"code": link["code"], "href": root + link["site_path"] if root else link["href"]}
        for link in links if link["same"]]
    context["kit_language"] = language(app)


# -- The kit's catalogue: compiled at the start of each build --------------------------


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"


def compile_catalogue(lang: str, target_dir: Path) -> Path | None:
    """compassion_kit.po of ``lang`` as a .mo under ``target_dir`` (written only
    when it changed). Fuzzy entries are left out, as gettext does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = catalogue_path(lang)
    if not source.is_file():
        return None
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    data = BytesIO()
    write_mo(data, catalog, use_fuzzy=False)
    target = target_dir / lang / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_bytes() != data.getvalue():
        partial = target.with_suffix(".mo.part")
        partial.write_bytes(data.getvalue())
        partial.replace(target)
    return target


def _translate_site_words(app: Sphinx, config) -> None:
    """conf.py's project name, title and copyright line in the build's language
    (from the project's sphinx.po; unchanged in English)."""
    if is_source_language(app):
        return
    for name in SITE_WORDS:
        value = getattr(config, name, None) if name in config else None
        if isinstance(value, str) and value:
            setattr(config, name, app.translator.gettext(value))
    # html_baseurl names the English site; this build's pages live in its folder
    # (canonical links, addresses printed on handouts).
    folder = site_prefix(language(app)).rstrip("/")
    base = (config.html_baseurl or "").rstrip("/")
    if base and not base.endswith("/" + folder):
        config.html_baseurl = f"{base}/{folder}/"


def _extract_site_words(app: Sphinx) -> None:
    """In the gettext build: conf.py's reader-facing strings go into sphinx.pot,
    beside the templates' strings, so sphinx-intl keeps their translations."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    conf = str(Path(app.confdir, "conf.py"))
    for name in SITE_WORDS:
        value = getattr(app.config, name, None) if name in app.config else None
        if isinstance(value, str) and value:
            app.builder.catalogs["sphinx"].add(value, MsgOrigin(conf, 1))


# -- Sphinx's search page in the build's language ----------------------------------------

# The words of Sphinx's searchtools.js and sphinx_highlight.js: in the kit's
# catalogue, as its other words (Sphinx's own Spanish file leaves the result
# count empty and speaks formally). (singular, plural) for a count.
SEARCH_WORDS = (
    _("Search Results"),
    _("Searching"),
    _("Preparing search..."),
    _(", in "),
    _("Hide Search Matches"),
    _("Your search did not match any documents. Please make sure that all words are "
      "spelled correctly and that you've selected enough categories."),
)
SEARCH_COUNT = ("Search finished, found one page matching the search query.",
                "Search finished, found ${resultCount} pages matching the search query.")


def search_count_words(count: int) -> str:
    """What the search page says when it is done (searchtools.js, in the build's language)."""
    return ngettext("Search finished, found one page matching the search query.",
                    "Search finished, found ${resultCount} pages matching the search query.",
                    count).replace("${resultCount}", str(count))


def _plural_js(plural_forms: str) -> str:
    """The Plural-Forms expression of a .po header as a JavaScript arrow function
    (no eval: the pages' Content-Security-Policy forbids it)."""
    match = re.search(r"plural\s*=\s*([^;]+)", plural_forms or "")
    expression = match.group(1).strip() if match else "(n != 1)"
    if not re.fullmatch(r"[\sn0-9()!=<>&|?:%+-]+", expression):
        expression = "(n != 1)"
    return f"(n) => Number({expression})"


def search_translations(app: Sphinx) -> str | None:
    """translations.js for the search page: Sphinx's catalogue of the language
    for its other words, the kit's for the search page's. It sets them directly
    instead of calling Documentation.addTranslations, which compiles code at
    run time (the Content-Security-Policy forbids that)."""
    lang = language(app)
    po = catalogue_path(lang)
    if not po.is_file():
        return None
    catalog = _read(po, lang)
    messages: dict = {}
    sphinx_js = Path(sphinx_package_dir, "locale", lang, "LC_MESSAGES", "sphinx.js")
    if sphinx_js.is_file():
        text = sphinx_js.read_text(encoding="utf-8")
        found = json.loads(text[text.index("{"): text.rindex("}") + 1]).get("messages", {})
        # Plural forms follow the kit's catalogue's rule, not Sphinx's.
        messages = {key: value for key, value in found.items()
                    if isinstance(value, str) and value}
    for word in SEARCH_WORDS:
        message = catalog.get(word._message)
        if message is not None and message.string and not message.fuzzy:
            messages[word._message] = message.string
    count = catalog.get(SEARCH_COUNT)
    if count is not None and not count.fuzzy and all(count.string):
        messages[SEARCH_COUNT[0]] = list(count.string)
    words = json.dumps(messages, indent=1, sort_keys=True, ensure_ascii=False)
    return ("// The search page's words, from Sphinx's catalogue and the kit's\n"
            "// (written by compassion_kit/translation.py).\n"
            "if (typeof Documentation !== \"undefined\") {\n"
            f"  Object.assign(Documentation.TRANSLATIONS, {words});\n"
            f"  Documentation.PLURAL_EXPR = {_plural_js(catalog.plural_forms)};\n"
            f"  Documentation.LOCALE = {json.dumps(lang)};\n"
            "}\n")


def write_search_translations(app: Sphinx) -> None:
    """Replace the translations.js Sphinx copied (before the first page is
    written, so the checksum in the pages' script links is this file's)."""
    if getattr(app, "_kit_search_words", False) or is_source_language(app):
        return
    app._kit_search_words = True
    text = search_translations(app)
    target = Path(app.outdir, "_static", SEARCH_JS)
    if text is not None and target.is_file() and target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


# -- Setup ------------------------------------------------------------------------------


def setup_translation(app: Sphinx) -> None:
    # A fresh lookup per build (several builds in one process must not mix languages).
    translators.pop((NAMESPACE, MESSAGE_CATALOG), None)
    lang = language(app)
    compiled = Path(app.doctreedir) / COMPILED_DIR
    if lang != SOURCE_LANGUAGE:
        compile_catalogue(lang, compiled)
    compiled.mkdir(parents=True, exist_ok=True)
    app.add_message_catalog(MESSAGE_CATALOG, str(compiled))
    app.connect("config-inited", _translate_site_words, priority=100)
    app.connect("builder-inited", _extract_site_words)
    app.connect("html-page-context", page_context)


# -- Extraction (python -m compassion_kit.i18n.translation update|check) ----------------------

KIT = KIT_DIR
METHOD_MAP = [("**.py", "python"), ("assets/print/**.html", "jinja2.ext:babel_extract")]
# Python: _("…"), ngettext("…", "…", n), and N_("…") (marked where defined,
# translated where printed; see languages.N_).
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract():
    """The kit's strings as a babel Catalog (the template of every language)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

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
    import ast
    import tokenize

    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            prefix = re.match(r"[A-Za-z]*", token.string).group(0).lower() \
                if token.type == tokenize.STRING else ""
            if "f" not in prefix:
                continue
            for match in _IN_F_STRING.finditer(token.string):
                try:
                    message = ast.literal_eval(match.group("literal"))
                except (ValueError, SyntaxError):
                    continue
                if message:
                    yield token.start[0] + token.string.count("\n", 0, match.start()), message


_IN_F_STRING = re.compile(r"""\bN?_\(\s*(?P<literal>(?P<quote>["'])(?:(?!(?P=quote))[^\\\n]|\\.)*"""
                          r"""(?P=quote))\s*\)""")


def _read(path: Path, lang: str | None = None):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _write(path: Path, catalog) -> None:
    from babel.messages.pofile import write_po

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
        catalog = _read(po, folder.name)
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
    catalog = _read(po, lang)
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
    print("usage: python -m compassion_kit.i18n.translation [update|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
