"""Front matter in the build's language, through the document's own catalogue.

Front matter (titles, summaries, cautions, write-in labels...) is not text
of the page, so Sphinx never translates it. The gettext build adds each
value a reader sees to the document's catalogue (i18n.extraction, with a
``#. front matter: <key>`` comment), and a translated build reads the value
back wherever the kit reads front matter (``translate_front``). In
``fields``, every string is translated except the values of the keys that
are identifiers and layout. (Reading front matter itself: rules.frontmatter.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sphinx.environment import BuildEnvironment

from compassion_kit.i18n.catalogues import (
    Missing,
    Value,
    Where,
    catalogue,
    doc_domain,
    is_translation,
    translate_values,
)

# Front matter a reader sees. In ``fields``, every string is translated except
# the values of these keys, which are identifiers and layout.
FRONT_MATTER_KEYS = ("title", "summary", "caution", "adapted_from", "description")
FIELD_KEYS_KEPT = ("name", "type", "size", "section")


def _strings(value: object, path: Where, label: str) -> Iterator[Value]:
    if isinstance(value, str):
        yield path, label, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index), f"{label}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in FIELD_KEYS_KEPT:
                yield from _strings(item, (*path, key), f"{label}.{key}")


def translatable_values(data: dict[str, Any]) -> Iterator[Value]:
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


def translate_front(env: BuildEnvironment, docname: str, data: dict[str, Any]
                    ) -> tuple[dict[str, Any], list[Missing]]:
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
