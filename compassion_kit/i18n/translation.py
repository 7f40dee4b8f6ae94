"""The kit's own words in the build's language, and where each language's site lives.

Sphinx's extension mechanism: the kit's strings are marked with ``_`` (a lazy
translation, resolved when the page or handout is written) and looked up in
the ``compassion_kit`` message catalogue, which ``setup_translation``
compiles (i18n.kit_catalogue) and registers when a build starts. Content
(pages, front matter, data files) is translated through the project's own
catalogues in locales/ instead (i18n.languages); the site's templates and
conf.py's words through locales/<lang>/LC_MESSAGES/sphinx.po (see
CONTRIBUTING.md, "Translating").

The sites: the source language (English) at the site's root, every other
language in a folder of its own (``es/``). ``language_links`` gives a page the
same page in the other languages (the language switcher, hreflang links).
Sphinx's search page gets its words from the kit's catalogue too
(``search_translations``).
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.dates import format_date
from sphinx import package_dir as sphinx_package_dir
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder, MsgOrigin
from sphinx.config import Config
from sphinx.locale import translators

from compassion_kit.i18n import kit_catalogue
from compassion_kit.i18n.catalogues import SOURCE_LANGUAGE
from compassion_kit.i18n.kit_catalogue import problems as problems  # (re-exported, for the tests)
from compassion_kit.i18n.scope import languages_of, scope, source_docs
from compassion_kit.words import MESSAGE_CATALOG, N_, NAMESPACE, ngettext

COMPILED_DIR = "kit-locales"  # under the doctree folder
# Each language's name in that language, for the language switcher.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
# The link to a language's home when a page has no version in it, in that language.
HOME_IN = {"en": "Home page in English", "es": "Inicio en español"}
# Strings of the project's conf.py a reader sees; translated through
# locales/<lang>/LC_MESSAGES/sphinx.po (the gettext build extracts them there).
SITE_WORDS = ("project", "html_title", "copyright", "kit_site_name")
SEARCH_JS = "translations.js"  # the search page's words (see search_translations)


def long_date(app: Sphinx, value: object) -> str:
    """A date as readers of the build's language write it: 'December 1, 2026',
    '1 de diciembre de 2026' (``value``: a date or 'YYYY-MM-DD'; anything else
    is returned as it is)."""
    if isinstance(value, str):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    elif isinstance(value, datetime.date):
        day = value
    else:
        return str(value)
    return format_date(day, format="long", locale=language(app).replace("-", "_"))


# -- Languages and where their sites are ------------------------------------------------


def language(app: Sphinx) -> str:
    """The build's language (the sources' when none is set)."""
    return app.config.language or SOURCE_LANGUAGE


def is_source_language(app: Sphinx) -> bool:
    """Whether this build makes the English site (at the site's root)."""
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
    return languages_of(app.srcdir, app.config)


def has_page(app: Sphinx, lang: str, pagename: str) -> bool:
    """Whether the site in ``lang`` has ``pagename``: every page in English; a
    document in another language when it has a catalogue there (i18n.scope);
    pages every build writes (search, genindex) in every language."""
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


def language_links(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
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


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
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




def _translate_site_words(app: Sphinx, config: Config) -> None:
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
    if not isinstance(app.builder, MessageCatalogBuilder):  # (-b gettext)
        return
    conf = str(Path(app.confdir, "conf.py"))
    for name in SITE_WORDS:
        value = getattr(app.config, name, None) if name in app.config else None
        if isinstance(value, str) and value:
            app.builder.catalogs["sphinx"].add(value, MsgOrigin(conf, 1))


# -- Sphinx's search page in the build's language ----------------------------------------

# The words of Sphinx's searchtools.js and sphinx_highlight.js: in the kit's
# catalogue, as its other words (Sphinx's own Spanish file leaves the result
# count empty and speaks formally); marked here, looked up by their English
# words in the catalogue itself. (singular, plural) for a count.
SEARCH_WORDS = (
    N_("Search Results"),
    N_("Searching"),
    N_("Preparing search..."),
    N_(", in "),
    N_("Hide Search Matches"),
    N_("Your search did not match any documents. Please make sure that all words are "
       "spelled correctly and that you've selected enough categories."),
)
SEARCH_COUNT = ("Search finished, found one page matching the search query.",
                "Search finished, found ${resultCount} pages matching the search query.")


def search_count_words(count: int) -> str:
    """What the search page says when it is done (searchtools.js, in the build's
    language); this call also marks the pair SEARCH_COUNT for the catalogue."""
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
    po = kit_catalogue.catalogue_path(lang)
    if not po.is_file():
        return None
    catalog = kit_catalogue.read(po, lang)
    messages: dict[str, str | list[str]] = {}
    sphinx_js = Path(sphinx_package_dir, "locale", lang, "LC_MESSAGES", "sphinx.js")
    if sphinx_js.is_file():
        text = sphinx_js.read_text(encoding="utf-8")
        found = json.loads(text[text.index("{"): text.rindex("}") + 1]).get("messages", {})
        # Plural forms follow the kit's catalogue's rule, not Sphinx's.
        messages = {key: value for key, value in found.items()
                    if isinstance(value, str) and value}
    for word in SEARCH_WORDS:
        message = catalog.get(word)
        if message is not None and isinstance(message.string, str) and message.string \
                and not message.fuzzy:
            messages[word] = message.string
    count = catalog.get(SEARCH_COUNT)
    if count is not None and not count.fuzzy and isinstance(count.string, (tuple, list)) \
            and all(count.string):
        messages[SEARCH_COUNT[0]] = list(count.string)
    words = json.dumps(messages, indent=1, sort_keys=True, ensure_ascii=False)
    return ("// The search page's words, from Sphinx's catalogue and the kit's\n"
            "// (written by compassion_kit/translation.py).\n"
            "if (typeof Documentation !== \"undefined\") {\n"
            f"  Object.assign(Documentation.TRANSLATIONS, {words});\n"
            f"  Documentation.PLURAL_EXPR = {_plural_js(catalog.plural_forms)};\n"
            f"  Documentation.LOCALE = {json.dumps(lang)};\n"
            "}\n")


_search_words_written: weakref.WeakSet[Sphinx] = weakref.WeakSet()  # builds done with it


def write_search_translations(app: Sphinx) -> None:
    """Replace the translations.js Sphinx copied (before the first page is
    written, so the checksum in the pages' script links is this file's)."""
    if app in _search_words_written or is_source_language(app):
        return
    _search_words_written.add(app)
    text = search_translations(app)
    target = Path(app.outdir, "_static", SEARCH_JS)
    if text is not None and target.is_file() and target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


# -- Setup ------------------------------------------------------------------------------


def setup_translation(app: Sphinx) -> None:
    """Compile and register the kit's catalogue for this build's language."""
    # A fresh lookup per build (several builds in one process must not mix languages).
    translators.pop((NAMESPACE, MESSAGE_CATALOG), None)
    lang = language(app)
    compiled = Path(app.doctreedir) / COMPILED_DIR
    if lang != SOURCE_LANGUAGE:
        kit_catalogue.compile_catalogue(lang, compiled)
    compiled.mkdir(parents=True, exist_ok=True)
    app.add_message_catalog(MESSAGE_CATALOG, str(compiled))
    app.connect("config-inited", _translate_site_words, priority=100)
    app.connect("builder-inited", _extract_site_words)
    app.connect("html-page-context", page_context)


if __name__ == "__main__":
    # The command's old name (``python -m compassion_kit.i18n.translation update``).
    sys.exit(kit_catalogue.main(sys.argv[1:]))
