"""``-b gettext``: the words Sphinx does not extract join the catalogues.

Sphinx's gettext build writes one catalogue template per document with the
text of the page. The kit adds what a reader sees elsewhere: each document's
front-matter values (to its own catalogue) and the data files' strings (each
file to a catalogue of its own). Each such entry carries a comment that says
where it comes from (``#. front matter: summary``, ``#. data: regions.us.name``),
written by the kit's template of the .pot file (assets/gettext/message.pot.jinja).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import I18nBuilder, MsgOrigin

from compassion_kit.about import ASSETS_DIR
from compassion_kit.i18n.catalogues import doc_domain, has_letters
from compassion_kit.i18n.datafiles import data_files, data_values
from compassion_kit.i18n.frontmatter import translatable_values
from compassion_kit.rules import frontmatter

TEMPLATE_DIR = ASSETS_DIR / "gettext"


def _add(builder: I18nBuilder, domain: str, message: str, source: str, line: int,
         comment: str) -> None:
    if not has_letters(message):
        return
    origin = MsgOrigin(source, line)
    # Shown as '#. <comment>' by the kit's message.pot.jinja (translators see
    # where the words come from); real uids are never shown.
    origin.uid = f"kit: {comment}"
    builder.catalogs[domain].add(message, origin)


def extract_front_matter(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """-b gettext: every front-matter value a reader sees joins the page's catalogue."""
    if not isinstance(app.builder, I18nBuilder):
        return
    path = str(app.env.doc2path(docname))
    try:
        front = frontmatter.load(path)
    except frontmatter.FrontMatterError:
        return
    domain = doc_domain(app.config, docname)
    for where, label, value in translatable_values(front.data):
        _add(app.builder, domain, value, path, front.line_of(where), f"front matter: {label}")


def extract_data(app: Sphinx) -> None:
    """-b gettext: the data files' strings, each into the file's own catalogue."""
    if not isinstance(app.builder, I18nBuilder):
        return
    app.config.templates_path.append(str(TEMPLATE_DIR))
    for each in data_files(app):
        lines = each.lines()
        for where, label, value in data_values(each.config_name, each.data):
            _add(app.builder, each.domain, value, str(each.path),
                 lines.line_of(where) if lines else 1, f"data: {label}")
