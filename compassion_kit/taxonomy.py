"""Labels people see for the values of the schema's enums, and length buckets."""

from __future__ import annotations

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
# (key, label, longest minutes in the bucket)
LENGTHS = (("short", "5 minutes or less", 5), ("medium", "6 to 15 minutes", 15),
           ("long", "More than 15 minutes", None))


def length_bucket(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    for key, _label, longest in LENGTHS:
        if longest is None or minutes <= longest:
            return key
    return None


# Filter groups of the library page: (group key, legend, {value: label}).
FILTER_GROUPS = (
    ("aud", "Who it is for", AUDIENCES),
    ("ch", "Chapter", CHAPTERS),
    ("fmt", "Format", FORMATS),
    ("len", "Length", {key: label for key, label, _ in LENGTHS}),
)


def filter_classes(meta: dict, minutes: int | None) -> list[str]:
    """Classes a card carries so the CSS-only filters can match it."""
    classes = [f"kit-aud-{audience}" for audience in meta.get("audiences", [])]
    if meta.get("chapter"):
        classes.append(f"kit-ch-{meta['chapter']}")
    if meta.get("format"):
        classes.append(f"kit-fmt-{meta['format']}")
    if length_bucket(minutes):
        classes.append(f"kit-len-{length_bucket(minutes)}")
    return classes
