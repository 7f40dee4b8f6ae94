"""Words people see for the values of the schema's enums, and length buckets.

The library's filters, the cards' facts lines and the practice pages all
take their words from here, so a key such as ``client`` or ``gentle`` never
reaches a reader on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from compassion_kit.model import ITEM_KINDS, FactsLine, Item
from compassion_kit.rules.safety import EVIDENCE, EVIDENCE_HELP, INTENSITY_HELP
from compassion_kit.words import _, ngettext

CHAPTERS = {
    "why-compassion": _("Why compassion matters"),
    "empathy-and-compassion": _("Empathy and compassion"),
    "therapy": _("Compassion in therapy"),
    "work-and-home": _("At work and at home"),
    "self-compassion": _("Self-compassion"),
    "staying-present": _("Staying present"),
}
AUDIENCES = {"client": _("Clients"), "team": _("Teams"), "reader": _("Readers"),
             "clinician": _("Clinicians and helpers")}
# After "for" in a facts line ("for clients and readers").
AUDIENCE_WORDS = {"client": _("clients"), "team": _("teams"), "reader": _("readers"),
                  "clinician": _("clinicians and helpers")}
FORMATS = {"written": _("Written"), "guided": _("Guided"), "conversation": _("Conversation"),
           "group": _("Group"), "reflection": _("Reflection")}
# What a format means for the person doing it (facts lines).
FORMAT_WORDS = {"written": _("written practice"), "guided": _("guided practice"),
                "conversation": _("conversation"), "group": _("group practice"),
                "reflection": _("reflection")}
# The library's "Kind" filter: the item kinds that have a plural label (model.ITEM_KINDS).
KIND_CHOICES = {name: kind.label_plural for name, kind in ITEM_KINDS.items()
                if kind.label_plural}
# What a person is going through, in their own words: the schema's situation ids
# (exercises/schema.json) in the order the page "Choose by situation" shows them,
# the self first, then the people around, then work and therapy.
SITUATIONS = {
    "hard-on-myself": _("I'm hard on myself"),
    "mistake-and-shame": _("I made a mistake and feel ashamed"),
    "stressed-and-on-edge": _("I'm stressed and on edge"),
    "feel-too-much": _("I worry I'm too much for people"),
    "worn-out-from-caring": _("I'm worn out from caring"),
    "someone-is-hurting": _("Someone I care about is hurting"),
    "tense-at-home": _("Things are tense at home"),
    "tense-conversation-at-work": _("A tense conversation at work"),
    "therapist-gets-me": _("I'm not sure my therapist gets me"),
}
INTENSITIES = {"gentle": _("Gentle"), "moderate": _("Moderate"), "deep": _("Deep")}
# Lower case, inside a facts line ("5 minutes · guided practice · gentle").
INTENSITY_WORDS = {"gentle": _("gentle"), "moderate": _("moderate"), "deep": _("deep")}
# Short enough for a filter choice; the practice page says the whole of INTENSITY_HELP.
INTENSITY_CHOICES = {"gentle": _("Gentle: low demand"),
                     "moderate": _("Moderate: touches pain on purpose"),
                     "deep": _("Deep: only with a clinician")}
# (key, label, longest minutes in the bucket)
LENGTHS = (("short", _("5 minutes or less"), 5), ("medium", _("6 to 15 minutes"), 15),
           ("long", _("More than 15 minutes"), None))
# Articles a title may start with, which the library's order skips
# ('A Self-Compassion Break' under S, 'La pausa antes de reaccionar' under P).
ARTICLES = ("a ", "an ", "the ", "el ", "la ", "los ", "las ", "un ", "una ")


def sort_key(title: str) -> str:
    """Titles in the order people look for them: 'A Self-Compassion Break' under S,
    '¿Empatía o compasión?' under E, accents sorted with their letter."""
    import unicodedata

    folded = str(title).casefold().lstrip("¿¡\"'“‘ ")
    for article in ARTICLES:
        if folded.startswith(article):
            folded = folded[len(article):]
            break
    plain = "".join(char for char in unicodedata.normalize("NFD", folded)
                    if not unicodedata.combining(char))
    return f"{plain}\0{folded}"


def length_bucket(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    for key, _label, longest in LENGTHS:
        if longest is None or minutes <= longest:
            return key
    return None


def minutes_words(minutes: int) -> str:
    """'1 minute', '5 minutes'."""
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def plan_words(sessions: int, handouts: int) -> str:
    """'5 sessions · 8 handouts': a pathway pack's facts."""
    return " · ".join((
        ngettext("{count} session", "{count} sessions", sessions).format(count=sessions),
        ngettext("{count} handout", "{count} handouts", handouts).format(count=handouts)))


def intensity_words(intensity: str) -> str:
    """'Gentle: low demand, in the present moment'."""
    label = INTENSITIES.get(intensity, intensity)
    return f"{label}: {INTENSITY_HELP[intensity]}" if intensity in INTENSITY_HELP else label


def evidence_words(evidence: str) -> str:
    return EVIDENCE.get(evidence, evidence)


def evidence_help(evidence: str) -> str:
    return EVIDENCE_HELP.get(evidence, "")


def audience_list(audiences: Iterable[str]) -> str:
    """'clients and readers', 'clients, teams and readers'."""
    words = [str(AUDIENCE_WORDS.get(audience, audience)) for audience in audiences]
    if len(words) <= 1:
        return "".join(words)
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def facts_words(item: Item, intensity: bool = True) -> str:
    """'5 minutes · guided practice · gentle · for clients and readers'."""
    meta, kind = item.meta, item.kind_info
    parts: list[str | None] = []
    if kind.facts is FactsLine.PRACTICE:
        parts += [minutes_words(item.duration_minutes or 0),
                  FORMAT_WORDS.get(meta.get("format", ""), meta.get("format"))]
        if intensity:
            intensity_key = meta.get("intensity") or ""
            parts.append(INTENSITY_WORDS.get(intensity_key, intensity_key))
    elif kind.facts is FactsLine.READING:
        parts.append(kind.label_inline)
        if item.duration_minutes:
            parts.append(ngettext("{count} minute to read", "{count} minutes to read",
                                  item.duration_minutes).format(count=item.duration_minutes))
    elif kind.facts is FactsLine.PATHWAY:
        parts.append(plan_words(len(meta["sessions"]), len(meta["parts"])))
    elif kind.facts is FactsLine.SESSION:
        size = meta["group_size"]
        parts += [kind.label_inline, minutes_words(item.duration_minutes or 0),
                  _("{low} to {high} people").format(low=size["min"], high=size["max"])]
    words = " · ".join(str(part) for part in parts if part)
    words = words[:1].upper() + words[1:]
    audiences = audience_list(item.audiences)
    return _("{facts} · for {audiences}").format(facts=words, audiences=audiences) \
        if audiences else words


# Filter groups of the library page: (group key, legend, {value: label}, item field).
# The field names the front-matter key a card's class comes from.
FILTER_GROUPS = (
    ("kind", _("Kind"), KIND_CHOICES),
    ("aud", _("Who it is for"), AUDIENCES),
    ("sit", _("Situation"), SITUATIONS),
    ("len", _("Length"), {key: label for key, label, _longest in LENGTHS}),
    ("int", _("Intensity"), INTENSITY_CHOICES),
    ("ev", _("Evidence"), EVIDENCE),
    ("ch", _("Chapter"), CHAPTERS),
    ("fmt", _("Format"), FORMATS),
)


def filter_values(kind: str, meta: dict[str, Any], minutes: int | None
                  ) -> dict[str, list[str]]:
    """group -> the values a card matches, for the filters and their URL."""
    values: dict[str, list[str]] = {"kind": [kind],
                                    "aud": list(meta.get("audiences", []))}
    if meta.get("situations"):
        values["sit"] = list(meta["situations"])
    bucket = length_bucket(minutes)
    if bucket:
        values["len"] = [bucket]
    for group, key in (("int", "intensity"), ("ev", "evidence"), ("ch", "chapter"),
                       ("fmt", "format")):
        if meta.get(key):
            values[group] = [meta[key]]
    return values


def filter_classes(meta: dict[str, Any], minutes: int | None, kind: str) -> list[str]:
    """Classes a card carries so the CSS-only filters can match it."""
    return [f"kit-{group}-{value}"
            for group, values in filter_values(kind, meta, minutes).items()
            for value in values]
