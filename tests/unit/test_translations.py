"""The Spanish edition's checks and catalogues, without a build: the checks
of the Spanish site (English words, spelling) find what is planted, and the
kit's and the templates' catalogues are complete."""

from __future__ import annotations

from bs4 import BeautifulSoup
from helpers.spanish import LANG, english_words, misspelled, reader_text

from compassion_kit.testing import REPO


def test_the_english_check_finds_english_and_lets_marked_english_be():
    soup = BeautifulSoup(
        '<html lang="es"><head><title>Práctica</title></head><body>'
        '<p>Descarga la hoja. <button aria-label="Download the PDF">PDF</button></p>'
        '<a hreflang="en"><span lang="en">The handbook</span> (en inglés)</a>'
        '<p>Llama a Crisis Text Line. Date una pausa.</p></body></html>', "html.parser")
    text = reader_text(soup, names=["Crisis Text Line"])
    assert sorted(word for word, _ in english_words(text)) == ["Download", "the"]
    assert [word for word, _ in english_words("Envía START al 88788. Start here.",
                                              frozenset({"START"}))] == ["Start", "here"]


def test_hunspell_finds_a_planted_misspelling():
    assert misspelled({"compasión", "práctica", "escríbelo", "recuérdales", "conpasion",
                       "praktica", "escríbelu"}) == {"conpasion", "praktica", "escríbelu"}


def test_the_kit_catalogue_is_complete():
    """Every string the kit marks (Python, print templates) is in
    compassion_kit.po and translated (not fuzzy); none is left over.
    Fix: `python -m compassion_kit.i18n.translation update`, then translate."""
    from compassion_kit.i18n import translation

    assert translation.problems(LANG) == []


def _template_messages() -> set[str]:
    from jinja2 import Environment

    environment = Environment(extensions=["jinja2.ext.i18n"])
    found = set()
    for path in sorted((REPO / "docs" / "_templates").rglob("*.html")):
        for _line, _function, message in environment.extract_translations(
                path.read_text(encoding="utf-8")):
            found.add(message)
    return found


def test_the_templates_catalogue_is_complete():
    """Every _() of docs/_templates (and conf.py's reader-facing strings) is in
    locales/es/LC_MESSAGES/sphinx.po, translated and not fuzzy."""
    from babel.messages.pofile import read_po

    from compassion_kit.i18n.translation import SITE_WORDS

    with (REPO / "locales" / LANG / "LC_MESSAGES" / "sphinx.po").open("rb") as handle:
        catalog = read_po(handle)
    conf: dict = {}
    exec(compile((REPO / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"),
         {"__file__": str(REPO / "conf.py")}, conf)
    wanted = _template_messages() | {conf[name] for name in SITE_WORDS if conf.get(name)}
    problems = []
    for message in sorted(wanted):
        entry = catalog.get(message)
        if entry is None:
            problems.append(f"missing: {message!r}")
        elif entry.fuzzy or not entry.string:
            problems.append(f"untranslated or fuzzy: {message!r}")
    assert not problems, "\n".join(problems)
