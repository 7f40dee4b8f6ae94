"""Nothing untranslated: each page of a translated edition checked as it is read.

In a translated build, a message of the page or a value of its front matter
that the catalogue does not translate (missing, empty or fuzzy) is a located
warning naming the file, the line and the English words; ``-W`` turns it into
a failure. Strings without letters (numbers, signs) need no translation, and
the English title of a link to an English page is English on purpose. A page
left partly in English is read again on every build until it is translated,
so an incremental build fails as a clean one does. (The data files are
checked by i18n.datafiles.)
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util.nodes import extract_messages

from compassion_kit.i18n.catalogues import (
    catalogue,
    catalogue_path,
    doc_domain,
    has_letters,
    is_translation,
)
from compassion_kit.i18n.english_links import ENGLISH_SCHEME
from compassion_kit.i18n.frontmatter import translate_front, translate_metadata
from compassion_kit.problems import Problem, report
from compassion_kit.rules import frontmatter

# The pages left partly in English: kept on the environment (pickled with it,
# as Sphinx keeps its own collectors' data) under the kit's own name.
STATE = "kit_untranslated"


def _line(node: nodes.Node | None) -> int:
    while node is not None:
        if node.line:
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
            entries: list[tuple[str | None, str]] = node.get("entries", [])
            english_titles = {title for title, ref in entries
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


def untranslated_pages(env: BuildEnvironment) -> set[str]:
    """The pages of this edition left partly in English (read again next build)."""
    pages: set[str] = vars(env).setdefault(STATE, set())
    return pages


class TranslationCollector(EnvironmentCollector):
    """Checks each page of a translated edition as it is read; a page left
    partly in English is read again on every build until it is translated,
    so an incremental build fails as a clean one does."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        untranslated_pages(env).discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: AbstractSet[str],
                    other: BuildEnvironment) -> None:
        untranslated_pages(env).update(untranslated_pages(other) & docnames)

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
            untranslated_pages(env).add(docname)

    def get_outdated_docs(self, app: Sphinx, env: BuildEnvironment, added: set[str],
                          changed: set[str], removed: set[str]) -> list[str]:
        return sorted(untranslated_pages(env) - set(removed))
