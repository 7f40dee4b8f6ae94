"""Editions in other languages: what the kit adds to Sphinx's translations.

The English sources are the one source of truth; another language is built
from gettext catalogues in ``locales/<lang>/LC_MESSAGES/`` (``-D language=es``),
one per document (``gettext_compact = False``), as Sphinx translates pages.
The kit adds what Sphinx does not do by itself, one concern per module:

- i18n.catalogues: reading a .po file, and applying it to values;
- i18n.scope: a translated edition holds exactly the documents that have a
  catalogue;
- i18n.english_links: links and toctree entries to the other documents lead
  to the English page, marked ``hreflang="en"`` and "(in English)";
- i18n.frontmatter: front matter (titles, summaries, write-in labels...)
  through the document's own catalogue;
- i18n.datafiles: the data files (crisis lines, the group agreement) through
  catalogues of their own;
- i18n.extraction: ``-b gettext`` adds both to the catalogue templates;
- i18n.untranslated: in a translated build, a message the catalogue does not
  translate is a located warning (``-W``: a failure).

This module registers them all with Sphinx (``setup_languages``). The kit's
own words and each language's site: i18n.translation.
"""

from __future__ import annotations

from sphinx.application import Sphinx

# SOURCE_LANGUAGE, language, translate_front, scope and translated_in: names
# other modules and tests still import from here (re-exported, "as" themselves).
from compassion_kit.i18n import datafiles, english_links, extraction, untranslated
from compassion_kit.i18n.catalogues import SOURCE_LANGUAGE as SOURCE_LANGUAGE
from compassion_kit.i18n.catalogues import language as language
from compassion_kit.i18n.frontmatter import translate_front as translate_front
from compassion_kit.i18n.scope import limit_scope, mark_orphans
from compassion_kit.i18n.scope import scope as scope
from compassion_kit.i18n.scope import translated_in as translated_in


def setup(app: Sphinx) -> dict[str, bool]:
    app.connect("config-inited", limit_scope, priority=900)  # after conf.py's values
    app.connect("builder-inited", extraction.extract_data)
    app.connect("env-before-read-docs", datafiles.check_data_translations)
    app.connect("env-updated", mark_orphans)
    app.connect("doctree-resolved", extraction.extract_front_matter)
    app.connect("missing-reference", english_links.missing_page)
    app.connect("html-page-context", english_links.english_links_in_page, priority=400)
    app.add_env_collector(untranslated.TranslationCollector)
    app.add_post_transform(english_links.EnglishMarkdownLinks)
    app.add_directive("toctree", english_links.KitTocTree, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def setup_languages(app: Sphinx) -> None:
    app.setup_extension(__name__)
