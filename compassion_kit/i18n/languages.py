"""Editions in other languages: scope, front matter, data files, checks, links.

The English sources are the one source of truth; another language is built
from gettext catalogues in ``locales/<lang>/LC_MESSAGES/`` (``-D language=es``),
one per document (``gettext_compact = False``), as Sphinx translates pages.
This module adds what Sphinx does not do by itself:

- **Scope.** A translated edition holds exactly the documents that have a
  catalogue. Links and toctree entries to the others lead to the English page
  (one folder up: the edition of ``<lang>`` is published in ``<lang>/`` of the
  English site), marked ``hreflang="en"`` and "(in English)", never broken.
- **Front matter** (titles, summaries, cautions, write-in labels...) goes
  through the document's own catalogue: ``-b gettext`` adds each value to it
  (a ``#. front matter: <key>`` comment says where it comes from), and a
  translated build reads the value back wherever the kit reads front matter.
- **Data files** (crisis lines, the group agreement) have catalogues of their
  own, ``docs/_data/<name>.po``, made and read the same way.
- **Nothing untranslated.** In a translated build, a message the catalogue
  does not translate (missing, empty or fuzzy) is a located warning naming
  the file, the line and the English words; ``-W`` turns it into a failure.
  Strings without letters (numbers, signs) need no translation.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.project import Project
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, url_re
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import explicit_title_re, extract_messages
from sphinx.util.osutil import relative_uri

from compassion_kit.about import ASSETS_DIR
from compassion_kit.problems import Problem, report
from compassion_kit.rules import frontmatter

SOURCE_LANGUAGE = "en"
# Catalogues of the data files live beside the documents' ones, under the
# data file's own path (docs/_data/crisis-lines.po); they are not documents.
DATA_FOLDER = "docs/_data/"
# A toctree entry that leads to the English page: rewritten into a real link
# when the page is written (see english_links_in_page). Matches Sphinx's url_re.
ENGLISH_SCHEME = "kit-english://"
IN_ENGLISH = "kit-in-english"  # class of every link to an English page

# Front matter a reader sees. In ``fields``, every string is translated except
# the values of these keys, which are identifiers and layout.
FRONT_MATTER_KEYS = ("title", "summary", "caution", "adapted_from", "description")
FIELD_KEYS_KEPT = ("name", "type", "size", "section")


def language(config) -> str:
    return config.language or SOURCE_LANGUAGE


def is_translation(config) -> bool:
    """Whether this build makes an edition in another language than the sources'."""
    return language(config) != SOURCE_LANGUAGE


def has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


# -- Catalogues ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """One .po file: what it says for each English message."""

    path: Path
    entries: dict  # msgid -> (msgstr, fuzzy)

    def get(self, message: str) -> str | None:
        """The translation, or None when the entry is missing, empty or fuzzy."""
        if not has_letters(message):
            return message
        found = self.entries.get(message)
        if found is None or found[1] or not found[0].strip():
            return None
        return found[0]

    def why_not(self, message: str) -> str:
        """Why ``get`` found nothing, in words."""
        found = self.entries.get(message)
        if found is None:
            return f"no entry in {self.path}"
        if found[1]:
            return f"marked fuzzy in {self.path}"
        return f"empty in {self.path}"


@lru_cache(maxsize=256)
def _read_po(path: str, _stamp: tuple[int, int]) -> dict:
    from babel.messages.pofile import read_po

    with open(path, "rb") as stream:
        catalog = read_po(stream)
    entries = {}
    for message in catalog:
        if not message.id or isinstance(message.id, tuple) or message.context:
            continue
        text = message.string if isinstance(message.string, str) else ""
        entries[message.id] = (text, message.fuzzy)
    return entries


def read_catalogue(path: Path) -> Catalogue:
    stat = path.stat()
    return Catalogue(path, _read_po(str(path), (stat.st_mtime_ns, stat.st_size)))


def catalogue_path(srcdir, config, domain: str, lang: str | None = None) -> Path | None:
    """The .po file of ``domain`` (a docname or a data file's path without
    suffix) for ``lang`` (the build's language), or None."""
    lang = lang or language(config)
    for folder in config.locale_dirs:
        path = Path(srcdir, folder, lang, "LC_MESSAGES", f"{domain}.po")
        if path.is_file():
            return path
    return None


def catalogue(env: BuildEnvironment, domain: str) -> Catalogue | None:
    path = catalogue_path(env.srcdir, env.config, domain)
    return read_catalogue(path) if path is not None else None


def doc_domain(config, docname: str) -> str:
    return docname_to_domain(docname, config.gettext_compact)


# -- Scope --------------------------------------------------------------------------------

SOURCE_SUFFIXES = (".md", ".rst")
_SOURCE_DOCS: dict[str, frozenset[str]] = {}  # srcdir -> every document of the English kit


def languages_of(srcdir, config) -> list[str]:
    """Languages with catalogues in the locale folders (never the sources')."""
    found = set()
    for folder in config.locale_dirs:
        root = Path(srcdir, folder)
        if root.is_dir():
            found |= {child.name for child in root.iterdir()
                      if (child / "LC_MESSAGES").is_dir() and child.name != SOURCE_LANGUAGE}
    return sorted(found)


def scope(srcdir, config, lang: str | None = None) -> set[str]:
    """Documents of the edition in ``lang``: those with a catalogue whose
    source exists (data files' catalogues and the templates' are not documents)."""
    lang = lang or language(config)
    docs = set()
    for folder in config.locale_dirs:
        root = Path(srcdir, folder, lang, "LC_MESSAGES")
        if not root.is_dir():
            continue
        for po in root.rglob("*.po"):
            docname = po.relative_to(root).with_suffix("").as_posix()
            if docname.startswith(DATA_FOLDER):
                continue
            if any(Path(srcdir, docname + suffix).is_file() for suffix in SOURCE_SUFFIXES):
                docs.add(docname)
    return docs


def source_docs(srcdir) -> frozenset[str]:
    """Every document of the English kit (known once the build's config is read)."""
    return _SOURCE_DOCS.get(str(Path(srcdir).resolve()), frozenset())


def translated_in(srcdir, config, docname: str) -> list[str]:
    """The languages that have ``docname`` (for the English catalogue)."""
    return [lang for lang in languages_of(srcdir, config)
            if catalogue_path(srcdir, config, doc_domain(config, docname), lang) is not None]


def limit_scope(app: Sphinx, config) -> None:
    """In a translated build, read only the documents that have a catalogue."""
    project = Project(app.srcdir, config.source_suffix or {".md": "markdown"})
    everything = project.discover(config.exclude_patterns, config.include_patterns)
    _SOURCE_DOCS[str(Path(app.srcdir).resolve())] = frozenset(everything)
    if not is_translation(config):
        return
    docs = scope(app.srcdir, config) & set(everything)
    if config.root_doc not in docs:
        from compassion_kit.problems import stop

        folders = ", ".join(f"{folder}/{language(config)}/LC_MESSAGES/" for folder in
                            config.locale_dirs)
        stop(Problem(str(Path(app.srcdir, config.locale_dirs[0] if config.locale_dirs else
                                "locales")), 0, "language",
                     f"no catalogue of '{config.root_doc}' for language "
                     f"'{language(config)}' in {folders}: a translated edition starts "
                     "with the home page (see CONTRIBUTING.md, 'Translating')", "translation"))
    config.include_patterns = sorted(str(project.doc2path(doc, absolute=False))
                                     for doc in docs)


def mark_orphans(app: Sphinx, env: BuildEnvironment) -> None:
    """A translated page whose English parent is not translated is in no
    toctree of the edition; it is reached by links (the help bar, the home
    page), so it is no error."""
    if not is_translation(env.config):
        return
    included = set(env.files_to_rebuild)
    for docname in env.found_docs - included - {env.config.root_doc}:
        env.metadata[docname]["orphan"] = True


# -- Links to English pages ---------------------------------------------------------------


def english_title(srcdir, docname: str) -> str:
    """The English title of a page the edition does not have (its front-matter
    title, or its first heading), for a link to it."""
    for suffix in SOURCE_SUFFIXES:
        path = Path(srcdir, docname + suffix)
        if not path.is_file():
            continue
        try:
            title = frontmatter.load(path).data.get("title")
        except frontmatter.FrontMatterError:
            title = None
        if isinstance(title, str) and title.strip():
            return title.strip()
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return docname


def is_english_only(env: BuildEnvironment, docname: str) -> bool:
    """A document of the English kit that this (translated) edition does not have."""
    return (is_translation(env.config) and docname not in env.found_docs
            and docname in source_docs(env.srcdir))


def english_href(builder, fromdoc: str, docname: str, anchor: str = "") -> str:
    """URL of the English page of ``docname`` from the page of ``fromdoc`` in
    this edition (which is published one folder below the English site)."""
    target = "../" + builder.get_target_uri(docname)
    href = relative_uri(builder.get_target_uri(fromdoc), target)
    return f"{href}#{anchor}" if anchor else href


def page_href(app: Sphinx, fromdoc: str, docname: str) -> tuple[str, bool]:
    """(URL of ``docname`` from ``fromdoc``'s page, whether that is the English
    page because this edition lacks it). For links the kit writes itself."""
    if is_english_only(app.env, docname):
        return english_href(app.builder, fromdoc, docname), True
    return app.builder.get_relative_uri(fromdoc, docname), False


def marker_text() -> str:
    from compassion_kit.words import _

    return str(_("(in English)"))


def english_reference(href: str, content: list[nodes.Node]) -> nodes.reference:
    link = nodes.reference("", "", *content, refuri=href, internal=False,
                           classes=[IN_ENGLISH])
    link += nodes.Text(" ")
    link += nodes.inline("", marker_text(), classes=[f"{IN_ENGLISH}-marker"])
    return link


def _target_doc(node: addnodes.pending_xref) -> str:
    target = node["reftarget"]
    for suffix in SOURCE_SUFFIXES:
        target = target.removesuffix(suffix)
    return docname_join(node.get("refdoc", ""), target) if not target.startswith("/") \
        else target.lstrip("/")


def _link_content(env: BuildEnvironment, docname: str, content: nodes.Node,
                  explicit: bool) -> list[nodes.Node]:
    if explicit and content.astext().strip():
        return [content]
    # (docutils writes a "language-en" class as lang="en")
    return [nodes.inline("", english_title(env.srcdir, docname),
                         classes=[f"language-{SOURCE_LANGUAGE}"])]


def missing_page(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref,
                 contnode: nodes.Element) -> nodes.reference | None:
    """``{doc}`` links to a page the edition lacks lead to the English page."""
    if node.get("refdomain") != "std" or node.get("reftype") != "doc":
        return None
    docname = _target_doc(node)
    if not is_english_only(env, docname):
        return None
    href = english_href(app.builder, node["refdoc"], docname, node.get("kit_anchor", ""))
    return english_reference(href, _link_content(env, docname, contnode,
                                                 node.get("refexplicit", False)))


class EnglishMarkdownLinks(SphinxPostTransform):
    """Markdown links (``[words](../page.md)``) to a page the edition lacks
    become ``{doc}`` references, so they reach the English page through the
    missing-reference event like any other (MyST, at priority 9, would call
    them broken and emits no event for them)."""

    default_priority = 8

    def run(self, **kwargs) -> None:
        if not is_translation(self.config):
            return
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("reftype") != "myst" or node.get("refdomain") != "doc":
                continue
            if not is_english_only(self.env, node["reftarget"]):
                continue
            node["kit_anchor"] = node.get("reftargetid") or ""
            node["reftarget"] = "/" + node["reftarget"]
            node["refdomain"], node["reftype"], node["refexplicit"] = "std", "doc", True


class KitTocTree(TocTree):
    """Sphinx's toctree; in a translated edition an entry naming a page the
    edition lacks becomes a link to the English page (never a warning)."""

    def parse_content(self, toctree: addnodes.toctree) -> None:
        if is_translation(self.config):
            current = self.env.current_document.docname
            self.content = [self._entry(current, entry, toctree.get("glob"))
                            for entry in self.content]
        super().parse_content(toctree)

    def _entry(self, current: str, entry: str, glob: bool) -> str:
        entry = entry.strip()
        if not entry or url_re.match(entry) or entry == "self":
            return entry
        explicit = explicit_title_re.match(entry)
        title, ref = (explicit.group(1), explicit.group(2)) if explicit else (None, entry)
        if glob and not explicit and re.search(r"[*?\[]", ref):
            return entry
        docname = ref
        for suffix in SOURCE_SUFFIXES:
            docname = docname.removesuffix(suffix)
        docname = docname_join(current, docname)
        if not is_english_only(self.env, docname):
            return entry
        return f"{title or english_title(self.env.srcdir, docname)} <{ENGLISH_SCHEME}{docname}>"


_TOCTREE_LINK = re.compile(r'<a class="reference external" href="' + re.escape(ENGLISH_SCHEME)
                           + r'([^"#]*)(#[^"]*)?">(.*?)</a>', re.S)
_IN_ENGLISH_LINK = re.compile(r'<a (class="[^"]*\b' + IN_ENGLISH + r'\b[^"]*")(?![^>]*hreflang)')


def english_links_html(html: str, builder, pagename: str) -> str:
    """Toctree entries to English pages as real links (relative to this page),
    and ``hreflang`` on every link to an English page."""

    def link(match: re.Match) -> str:
        href = english_href(builder, pagename, match[1], (match[2] or "").lstrip("#"))
        return (f'<a class="reference external {IN_ENGLISH}" href="{href}" '
                f'hreflang="{SOURCE_LANGUAGE}"><span lang="{SOURCE_LANGUAGE}">{match[3]}</span> '
                f'<span class="{IN_ENGLISH}-marker">{marker_text()}</span></a>')

    html = _TOCTREE_LINK.sub(link, html)
    return _IN_ENGLISH_LINK.sub(rf'<a \1 hreflang="{SOURCE_LANGUAGE}"', html)


def english_links_in_page(app: Sphinx, pagename: str, templatename: str, context: dict,
                          doctree) -> None:
    """Runs before the theme reads the navigation (priority 400 < Furo's 500)."""
    if not is_translation(app.config):
        return
    if isinstance(context.get("body"), str):
        context["body"] = english_links_html(context["body"], app.builder, pagename)
    toctree = context.get("toctree")
    if callable(toctree):
        def english_toctree(**kwargs) -> str:
            return english_links_html(toctree(**kwargs), app.builder, pagename)
        context["toctree"] = english_toctree


# -- Front matter -------------------------------------------------------------------------


def _strings(value, path: tuple, label: str) -> Iterator[tuple[tuple, str, str]]:
    if isinstance(value, str):
        yield path, label, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index), f"{label}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in FIELD_KEYS_KEPT:
                yield from _strings(item, (*path, key), f"{label}.{key}")


def translatable_values(data: dict) -> Iterator[tuple[tuple, str, str]]:
    """(where in the data, a label for translators, the English value) of every
    front-matter string a reader sees."""
    for key in FRONT_MATTER_KEYS:
        if isinstance(data.get(key), str):
            yield (key,), key, data[key]
    fields = data.get("fields")
    if isinstance(fields, list):
        for index, field in enumerate(fields):
            if isinstance(field, dict):
                name = field.get("name", index)
                yield from _strings(field, ("fields", index), f"fields[{name}]")


def _put(data, where: tuple, value) -> None:
    for step in where[:-1]:
        data = data[step]
    data[where[-1]] = value


@dataclass(frozen=True)
class Missing:
    where: tuple
    label: str
    english: str
    why: str


def translate_values(values, data, found: Catalogue | None, catalogue_name: str
                     ) -> tuple[object, list[Missing]]:
    """A copy of ``data`` with each of ``values`` translated (the English one
    where the catalogue has none), and what was missing."""
    translated = copy.deepcopy(data)
    missing = []
    for where, label, english in values:
        text = found.get(english) if found is not None else None
        if text is None:
            if has_letters(english):
                why = found.why_not(english) if found is not None else \
                    f"no catalogue {catalogue_name}"
                missing.append(Missing(where, label, english, why))
            continue
        _put(translated, where, text)
    return translated, missing


def translate_front(env: BuildEnvironment, docname: str, data: dict
                    ) -> tuple[dict, list[Missing]]:
    """Front matter in the build's language (unchanged in an English build)."""
    if not is_translation(env.config):
        return data, []
    domain = doc_domain(env.config, docname)
    return translate_values(list(translatable_values(data)), data, catalogue(env, domain),
                            f"{domain}.po")


def translated_title(env: BuildEnvironment, docname: str, title: str) -> str:
    """A front-matter title in the build's language (English when missing: the
    check reports it)."""
    if not is_translation(env.config):
        return title
    found = catalogue(env, doc_domain(env.config, docname))
    return (found.get(title) if found is not None else None) or title


# -- Data files ---------------------------------------------------------------------------

# What a reader sees of each data file, as paths with '*' for every key or
# index. The crisis lines' numbers, codes and ids stay as they are.
DATA_STRINGS = {
    "kit_crisis_data": (
        ("regions", "*", "name"), ("regions", "*", "where"), ("regions", "*", "emergency"),
        ("regions", "*", "what_to_expect"), ("regions", "*", "lines", "*", "name"),
        ("regions", "*", "lines", "*", "reach"), ("regions", "*", "lines", "*", "hours"),
        ("regions", "*", "lines", "*", "for"),
    ),
    "kit_group_agreement": (
        ("title",), ("intro",), ("points", "*"), ("disclosure",),
    ),
}


def _match(data, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if not pattern:
        if isinstance(data, str):
            yield path, data
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        pairs = (data.items() if isinstance(data, dict)
                 else enumerate(data) if isinstance(data, list) else ())
        for key, value in pairs:
            yield from _match(value, rest, (*path, key))
    elif isinstance(data, dict) and step in data:
        yield from _match(data[step], rest, (*path, step))


def _data_label(path: tuple, data) -> str:
    """'regions.uk.lines[samaritans].reach': ids rather than indexes, for translators."""
    words, node = [], data
    for step in path:
        if isinstance(step, int):
            item = node[step]
            key = item.get("id") if isinstance(item, dict) else None
            words[-1] += f"[{key if key is not None else step}]"
        else:
            words.append(str(step))
        node = node[step]
    return ".".join(words)


def data_values(config_name: str, data) -> list[tuple[tuple, str, str]]:
    return [(path, _data_label(path, data), value)
            for pattern in DATA_STRINGS[config_name] for path, value in _match(data, pattern)]


def data_domain(srcdir, path: Path) -> str:
    """'docs/_data/crisis-lines' for docs/_data/crisis-lines.yaml (a data file
    outside the project: its name alone)."""
    try:
        relative = Path(path).resolve().relative_to(Path(srcdir).resolve())
    except ValueError:
        relative = Path(Path(path).name)
    return relative.with_suffix("").as_posix()


def data_catalogue_path(env: BuildEnvironment, path: Path) -> Path | None:
    return catalogue_path(env.srcdir, env.config, data_domain(env.srcdir, path))


_TRANSLATED_DATA: dict[tuple, object] = {}


def translate_data(env: BuildEnvironment, config_name: str, path: Path, data):
    """The data of ``path`` in the build's language (English where missing; the
    check reports it). Kept while the file and its catalogue are unchanged:
    callers must not change it."""
    if not is_translation(env.config):
        return data
    found_path = data_catalogue_path(env, path)
    stamp = found_path.stat().st_mtime_ns if found_path is not None else 0
    key = (config_name, str(path), Path(path).stat().st_mtime_ns, str(found_path), stamp)
    if key not in _TRANSLATED_DATA:
        found = read_catalogue(found_path) if found_path is not None else None
        _TRANSLATED_DATA[key], _missing = translate_values(
            data_values(config_name, data), data, found, f"{data_domain(env.srcdir, path)}.po")
    return _TRANSLATED_DATA[key]


def note_data_catalogue(env: BuildEnvironment, path: Path) -> None:
    """A page that shows a data file depends on its catalogue too."""
    if is_translation(env.config):
        found = data_catalogue_path(env, path)
        if found is not None:
            env.note_dependency(str(found))


def _yaml_lines(path: Path) -> frontmatter.FrontMatter | None:
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    return frontmatter.FrontMatter(str(path), {}, node, 0)


# The loader of each data file, by the config value that names it, and the
# errors it raises for a broken file. The modules that own the data register
# them (web.supportlines, web.agreement), so this layer never imports theirs.
DATA_LOADERS: dict[str, tuple[Callable[[Path], object], tuple[type[Exception], ...]]] = {}


def register_data_file(config_name: str, loader: Callable[[Path], object],
                       errors: tuple[type[Exception], ...]) -> None:
    """Have the data file named by ``config_name`` checked for translations."""
    DATA_LOADERS[config_name] = (loader, errors)


def _load_data(app: Sphinx, config_name: str):
    path = Path(app.srcdir, getattr(app.config, config_name))
    loader, errors = DATA_LOADERS[config_name]
    try:
        return path, loader(path)
    except (*errors, OSError):
        return path, None  # reported where the data is used


def check_data_translations(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Every string a reader sees of each data file has a translation
    (checked on every build: pages that show the data may not be read again)."""
    if not is_translation(app.config):
        return
    for config_name in DATA_STRINGS:
        if config_name not in DATA_LOADERS:
            continue
        path, data = _load_data(app, config_name)
        if data is None:
            continue
        domain = data_domain(app.srcdir, path)
        found_path = catalogue_path(app.srcdir, app.config, domain)
        found = read_catalogue(found_path) if found_path is not None else None
        _translated, missing = translate_values(data_values(config_name, data), data, found,
                                                f"{domain}.po")
        lines = _yaml_lines(path)
        for each in missing:
            report(Problem(str(path), lines.line_of(each.where) if lines else 1,
                           f"field '{each.label}'",
                           f"untranslated ({each.why}): '{each.english}'", "translation"))


# -- Untranslated messages of a page ------------------------------------------------------


def _line(node: nodes.Node) -> int:
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return 1


def page_problems(env: BuildEnvironment, docname: str, doctree: nodes.document
                  ) -> list[Problem]:
    """Messages of the page and values of its front matter left in English."""
    domain = doc_domain(env.config, docname)
    found = catalogue(env, domain)
    path = str(env.doc2path(docname))
    problems = []
    for node, message in extract_messages(doctree):
        if not has_letters(message):
            continue
        if isinstance(node, addnodes.translatable):
            english_titles = {title for title, ref in node.get("entries", ())
                              if str(ref).startswith(ENGLISH_SCHEME)}
            if message in english_titles:
                continue  # the English title of a link to an English page
            untranslated = found is None or found.get(message) is None
        else:
            untranslated = node.get("translated") is False
        if untranslated:
            why = found.why_not(message) if found is not None else f"no catalogue {domain}.po"
            problems.append(Problem(str(node.source or path), _line(node), "translation",
                                    f"untranslated ({why}): '{message}'", "translation"))
    try:
        front = frontmatter.load(path)
    except frontmatter.FrontMatterError:
        return problems  # no front matter (or reported by the item's checks)
    _data, missing = translate_front(env, docname, front.data)
    problems += [Problem(path, front.line_of(each.where), f"field '{each.label}'",
                         f"untranslated ({each.why}): '{each.english}'", "translation")
                 for each in missing]
    return problems


def translate_metadata(env: BuildEnvironment, docname: str) -> None:
    """Front-matter values Sphinx keeps for the page (a description for the
    page head, for example), in the build's language."""
    metadata = env.metadata.get(docname)
    if not metadata:
        return
    found = catalogue(env, doc_domain(env.config, docname))
    if found is None:
        return
    for key in FRONT_MATTER_KEYS:
        value = metadata.get(key)
        if isinstance(value, str) and found.get(value) is not None:
            metadata[key] = found.get(value)


class TranslationCollector(EnvironmentCollector):
    """Checks each page of a translated edition as it is read; a page left
    partly in English is read again on every build until it is translated,
    so an incremental build fails as a clean one does."""

    @staticmethod
    def _state(env: BuildEnvironment) -> set[str]:
        if not hasattr(env, "kit_untranslated"):
            env.kit_untranslated = set()
        return env.kit_untranslated

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self._state(env).discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str],
                    other: BuildEnvironment) -> None:
        self._state(env).update(self._state(other) & docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        if not is_translation(env.config):
            return
        docname = env.docname
        found = catalogue_path(env.srcdir, env.config, doc_domain(env.config, docname))
        if found is not None:
            env.note_dependency(str(found))
        translate_metadata(env, docname)
        problems = page_problems(env, docname, doctree)
        for problem in problems:
            report(problem)
        if problems:
            self._state(env).add(docname)

    def get_outdated_docs(self, app, env, added, changed, removed) -> list[str]:
        return sorted(self._state(env) - set(removed))


# -- Extraction (-b gettext) --------------------------------------------------------------

TEMPLATE_DIR = ASSETS_DIR / "gettext"


def _is_gettext(app: Sphinx) -> bool:
    from sphinx.builders.gettext import I18nBuilder

    return isinstance(app.builder, I18nBuilder)


def _add(app: Sphinx, domain: str, message: str, source: str, line: int, comment: str) -> None:
    from sphinx.builders.gettext import MsgOrigin

    if not has_letters(message):
        return
    origin = MsgOrigin(source, line)
    # Shown as '#. <comment>' by the kit's message.pot.jinja (translators see
    # where the words come from); real uids are never shown.
    origin.uid = f"kit: {comment}"
    app.builder.catalogs[domain].add(message, origin)


def extract_front_matter(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """-b gettext: every front-matter value a reader sees joins the page's catalogue."""
    if not _is_gettext(app):
        return
    path = str(app.env.doc2path(docname))
    try:
        front = frontmatter.load(path)
    except frontmatter.FrontMatterError:
        return
    domain = doc_domain(app.config, docname)
    for where, label, value in translatable_values(front.data):
        _add(app, domain, value, path, front.line_of(where), f"front matter: {label}")


def extract_data(app: Sphinx) -> None:
    """-b gettext: the data files' strings, each into the file's own catalogue."""
    if not _is_gettext(app):
        return
    app.config.templates_path.append(str(TEMPLATE_DIR))
    for config_name in DATA_STRINGS:
        if config_name not in DATA_LOADERS:
            continue
        path, data = _load_data(app, config_name)
        if data is None:
            continue
        lines = _yaml_lines(path)
        domain = data_domain(app.srcdir, path)
        for where, label, value in data_values(config_name, data):
            _add(app, domain, value, str(path), lines.line_of(where) if lines else 1,
                 f"data: {label}")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", limit_scope, priority=900)  # after conf.py's own values
    app.connect("builder-inited", extract_data)
    app.connect("env-before-read-docs", check_data_translations)
    app.connect("env-updated", mark_orphans)
    app.connect("doctree-resolved", extract_front_matter)
    app.connect("missing-reference", missing_page)
    app.connect("html-page-context", english_links_in_page, priority=400)
    app.add_env_collector(TranslationCollector)
    app.add_post_transform(EnglishMarkdownLinks)
    app.add_directive("toctree", KitTocTree, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def setup_languages(app: Sphinx) -> None:
    app.setup_extension(__name__)
