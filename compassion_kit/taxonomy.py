"""Words people see for the values of the schema's enums, and length buckets.

The library's filters, the cards' facts lines and the practice pages all
take their words from here, so a key such as ``client`` or ``gentle`` never
reaches a reader on its own.
"""

from __future__ import annotations

from .safety import EVIDENCE, EVIDENCE_HELP, INTENSITY_HELP

CHAPTERS = {
    "why-compassion": "Why compassion matters",
    "empathy-and-compassion": "Empathy and compassion",
    "therapy": "Compassion in therapy",
    "work-and-home": "At work and at home",
    "self-compassion": "Self-compassion",
    "staying-present": "Staying present",
}
AUDIENCES = {"client": "Clients", "team": "Teams", "reader": "Readers",
             "clinician": "Clinicians and helpers"}
FORMATS = {"written": "Written", "guided": "Guided", "conversation": "Conversation",
           "group": "Group", "reflection": "Reflection"}
# What a format means for the person doing it (facts lines).
FORMAT_WORDS = {"written": "written practice", "guided": "guided practice",
                "conversation": "conversation", "group": "group practice",
                "reflection": "reflection"}
KINDS = {"exercise": "Practices", "info-sheet": "Info sheets"}
KIND_WORDS = {"exercise": "Practice", "info-sheet": "Info sheet",
              "workshop-guide": "Facilitator guide", "workbook": "Participant workbook"}
INTENSITIES = {"gentle": "Gentle", "moderate": "Moderate", "deep": "Deep"}
# Short enough for a filter choice; the practice page says the whole of INTENSITY_HELP.
INTENSITY_CHOICES = {"gentle": "Gentle: low demand",
                     "moderate": "Moderate: touches pain on purpose",
                     "deep": "Deep: only with a clinician"}
# (key, label, longest minutes in the bucket)
LENGTHS = (("short", "5 minutes or less", 5), ("medium", "6 to 15 minutes", 15),
           ("long", "More than 15 minutes", None))


def sort_key(title: str) -> str:
    """Titles in the order people look for them: 'A Self-Compassion Break' under S."""
    folded = title.casefold()
    for article in ("a ", "an ", "the "):
        if folded.startswith(article):
            return folded[len(article):]
    return folded


def length_bucket(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    for key, _label, longest in LENGTHS:
        if longest is None or minutes <= longest:
            return key
    return None


def intensity_words(intensity: str) -> str:
    """'Gentle: low demand, in the present moment'."""
    label = INTENSITIES.get(intensity, intensity)
    return f"{label}: {INTENSITY_HELP[intensity]}" if intensity in INTENSITY_HELP else label


def evidence_words(evidence: str) -> str:
    return EVIDENCE.get(evidence, evidence)


def evidence_help(evidence: str) -> str:
    return EVIDENCE_HELP.get(evidence, "")


def audience_list(audiences) -> str:
    """'clients and readers', 'clients, teams and readers'."""
    words = [AUDIENCES.get(audience, audience).lower() for audience in audiences]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def facts_words(item, intensity: bool = True) -> str:
    """'5 minutes · guided practice · gentle · for clients and readers' (an Item)."""
    meta = item.meta
    parts = []
    if item.kind == "exercise":
        parts += [f"{item.duration_minutes} minutes",
                  FORMAT_WORDS.get(meta.get("format"), meta.get("format"))]
        if intensity:
            intensity_key = meta.get("intensity") or ""
            parts.append(INTENSITIES.get(intensity_key, intensity_key).lower())
    elif item.kind == "info-sheet":
        parts.append("info sheet")
        if item.duration_minutes:
            parts.append(f"{item.duration_minutes} minutes to read")
    elif item.kind in ("workshop-guide", "workbook"):
        size = meta["group_size"]
        parts += [KIND_WORDS[item.kind].lower(), f"{item.duration_minutes} minutes",
                  f"{size['min']} to {size['max']} people"]
    words = " · ".join(part for part in parts if part)
    words = words[:1].upper() + words[1:]
    audiences = audience_list(item.audiences)
    return f"{words} · for {audiences}" if audiences else words


# Filter groups of the library page: (group key, legend, {value: label}, item field).
# The field names the front-matter key a card's class comes from.
FILTER_GROUPS = (
    ("kind", "Kind", KINDS),
    ("aud", "Who it is for", AUDIENCES),
    ("len", "Length", {key: label for key, label, _ in LENGTHS}),
    ("int", "Intensity", INTENSITY_CHOICES),
    ("ev", "Evidence", EVIDENCE),
    ("ch", "Chapter", CHAPTERS),
    ("fmt", "Format", FORMATS),
)


def filter_values(kind: str, meta: dict, minutes: int | None) -> dict[str, list[str]]:
    """group -> the values a card matches, for the filters and their URL."""
    values: dict[str, list[str]] = {"kind": [kind],
                                    "aud": list(meta.get("audiences", []))}
    if length_bucket(minutes):
        values["len"] = [length_bucket(minutes)]
    for group, key in (("int", "intensity"), ("ev", "evidence"), ("ch", "chapter"),
                       ("fmt", "format")):
        if meta.get(key):
            values[group] = [meta[key]]
    return values


def filter_classes(meta: dict, minutes: int | None, kind: str = "exercise") -> list[str]:
    """Classes a card carries so the CSS-only filters can match it."""
    return [f"kit-{group}-{value}"
            for group, values in filter_values(kind, meta, minutes).items()
            for value in values]
