"""Which documents an edition holds: those with a catalogue in its language.

A translated edition (``-D language=es``) reads only the documents that have
a catalogue in ``locales/<lang>/LC_MESSAGES/``, and the home page must be
one of them. Every other document stays in the English site: links to it
lead there (i18n.english_links). A translated page whose English parent is
not translated is reached by links, not by the toctree, so it is no orphan.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.project import Project

from compassion_kit.i18n.catalogues import (
    SOURCE_LANGUAGE,
    catalogue_path,
    doc_domain,
    is_translation,
    language,
)
from compassion_kit.problems import Problem, stop

SOURCE_SUFFIXES = (".md", ".rst")
# Catalogues of the data files live beside the documents' ones, under the
# data file's own path (docs/_data/crisis-lines.po); they are not documents.
DATA_FOLDER = "docs/_data/"
_SOURCE_DOCS: dict[str, frozenset[str]] = {}  # srcdir -> every document of the English kit


def languages_of(srcdir: str | PathLike[str], config: Config) -> list[str]:
    """Languages with catalogues in the locale folders (never the sources')."""
    found = set()
    for folder in config.locale_dirs:
        root = Path(srcdir, folder)
        if root.is_dir():
            found |= {child.name for child in root.iterdir()
                      if (child / "LC_MESSAGES").is_dir() and child.name != SOURCE_LANGUAGE}
    return sorted(found)


def scope(srcdir: str | PathLike[str], config: Config, lang: str | None = None) -> set[str]:
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


def source_docs(srcdir: str | PathLike[str]) -> frozenset[str]:
    """Every document of the English kit (known once the build's config is read)."""
    return _SOURCE_DOCS.get(str(Path(srcdir).resolve()), frozenset())


def translated_in(srcdir: str | PathLike[str], config: Config, docname: str) -> list[str]:
    """The languages that have ``docname`` (for the English catalogue)."""
    return [lang for lang in languages_of(srcdir, config)
            if catalogue_path(srcdir, config, doc_domain(config, docname), lang) is not None]


def limit_scope(app: Sphinx, config: Config) -> None:
    """In a translated build, read only the documents that have a catalogue."""
    project = Project(app.srcdir, config.source_suffix or {".md": "markdown"})
    everything = project.discover(config.exclude_patterns, config.include_patterns)
    _SOURCE_DOCS[str(Path(app.srcdir).resolve())] = frozenset(everything)
    if not is_translation(config):
        return
    docs = scope(app.srcdir, config) & set(everything)
    if config.root_doc not in docs:
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
