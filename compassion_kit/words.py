"""The kit's own words in the build's language: ``_``, ``ngettext`` and ``N_``.

Every layer prints words (a schema rule's message, a card's label, a
handout's footer), so marking a string for translation is the lowest service
of the kit. The strings live in the ``compassion_kit`` message catalogue,
which ``i18n.translation`` compiles (with i18n.kit_catalogue) and registers
when a build starts.
"""

from __future__ import annotations

from sphinx.locale import _TranslationProxy, translators

MESSAGE_CATALOG = "compassion_kit"
NAMESPACE = "general"


def _(message: str) -> str:
    """``message`` in the build's language, looked up each time it is used
    (lazy: module constants made at import translate in any later build).

    Typed as ``str``, as Sphinx types its own ``get_translation``: the proxy
    acts as the string wherever one is used."""
    return _TranslationProxy(MESSAGE_CATALOG, NAMESPACE, message)  # type: ignore[return-value]


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the build's language."""
    translator = translators.get((NAMESPACE, MESSAGE_CATALOG))
    if translator is None:
        return singular if count == 1 else plural
    return translator.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802  (the gettext convention)
    """Mark ``message`` for the kit's catalogue without translating it here
    (babel extracts ``N_``; the caller translates with ``_`` when it prints)."""
    return message
