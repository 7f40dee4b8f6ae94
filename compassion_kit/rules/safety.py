"""Clinical safety rules that follow from what a practice asks of a person.

Each exercise lists in ``asks`` what it asks (writing down self-criticism,
focusing on the breath, …). From that list alone the build knows the lowest
honest ``intensity``, whether a ``caution`` must print first, and how the
practice sits with common clinical conditions (the "Before you assign" page).
So an unsafe combination cannot pass the build by an author's oversight.
Pure data and functions: no Sphinx here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compassion_kit.problems import Problem
from compassion_kit.rules.frontmatter import FrontMatter
from compassion_kit.words import _

INTENSITIES = ("gentle", "moderate", "deep")

# Labels readers see (the kit's catalogue translates them; see i18n.translation).
EVIDENCE = {
    "tested-program": _("Part of a tested program"),
    "related-research": _("Based on related research"),
    "practice-wisdom": _("Practice wisdom"),
}
EVIDENCE_HELP = {
    "tested-program": _("a close version of this practice is part of a program tested in "
                        "trials"),
    "related-research": _("research supports the idea behind it; the practice itself "
                          "was not tested"),
    "practice-wisdom": _("it comes from clinical and group experience, not from a study"),
}
INTENSITY_HELP = {
    "gentle": _("low demand, in the present moment"),
    "moderate": _("brings pain into focus on purpose; read the caution first"),
    "deep": _("works with trauma or intense shame; only with a clinician"),
}

CONDITIONS = {
    "acute-suicidality": _("Acute suicidal thoughts"),
    "psychosis": _("Psychosis"),
    "dissociation": _("Dissociation"),
    "recent-trauma-or-loss": _("Recent trauma or loss"),
    "abuse-at-home": _("Abuse at home"),
    "panic-or-breathing-problems": _("Panic, asthma or COPD"),
    "depression-with-rumination": _("Depression with rumination"),
    "ocd-or-scrupulosity": _("OCD or scrupulosity"),
    "eating-or-body-image": _("Eating or body-image concerns"),
}
LEVELS = ("fine", "adapt", "avoid")  # in order of concern

CRISIS_FIRST = "Wait until the crisis has passed; safety planning and crisis support come first."


@dataclass(frozen=True)
class Ask:
    label: str
    floor: str  # the lowest intensity a practice with this ask may have
    needs_caution: bool
    conditions: dict[str, tuple[str, str]] = field(default_factory=dict)  # -> (level, how)


ASKS = {
    "self-criticism-in-writing": Ask(
        "writing down self-criticism", "moderate", True, {
            "acute-suicidality": ("avoid", CRISIS_FIRST),
            "depression-with-rumination": ("adapt", ("Keep the critic's words to one short line, "
                                            "then go straight to the kind reply.")),
            "ocd-or-scrupulosity": ("adapt", ("Keep the critic's words brief and general; no "
                                     "re-checking or rewriting them.")),
            "eating-or-body-image": ("adapt", ("Leave out criticism of body, weight or food "
                                      "unless you do it together in session.")),
        }),
    "memory-recall": Ask(
        "recalling a painful memory", "moderate", True, {
            "acute-suicidality": ("avoid", CRISIS_FIRST),
            "recent-trauma-or-loss": ("adapt", ("Choose a small, everyday moment, not the "
                                       "trauma or the loss itself.")),
            "dissociation": ("adapt", ("Eyes open, feet on the floor, a mild memory; stop if "
                              "the person feels far away.")),
            "depression-with-rumination": ("adapt", ("Set a time limit of a few minutes and "
                                            "choose a mild memory.")),
            "psychosis": ("adapt", "Do it in session, with a mild and recent memory."),
        }),
    "evoking-distress": Ask(
        "staying with a painful feeling", "moderate", True, {
            "acute-suicidality": ("avoid", CRISIS_FIRST),
            "recent-trauma-or-loss": ("adapt", ("Choose a small, current difficulty, not the "
                                       "trauma or the loss itself.")),
            "dissociation": ("adapt", "Keep it short, eyes open, with a grounding step ready."),
            "depression-with-rumination": ("adapt", ("Keep it short and end on the kind or "
                                            "practical step.")),
        }),
    "disclosure-in-group": Ask(
        "sharing personal experience in a group", "gentle", True, {
            "recent-trauma-or-loss": ("adapt", ("Share only what you choose; passing is always "
                                       "fine.")),
            "acute-suicidality": ("adapt", ("Talk with the facilitator or clinician privately "
                                   "first.")),
        }),
    "difficult-conversation": Ask(
        "a hard conversation with someone", "gentle", True, {
            "abuse-at-home": ("avoid", ("Not for a relationship in which someone hurts, threatens "
                               "or controls the person; plan for safety instead.")),
        }),
    "breath-focus": Ask(
        "attention on the breath", "gentle", True, {
            "panic-or-breathing-problems": ("adapt", ("Natural pace, no counting, deep breaths "
                                             "or holding; shift to the feet if dizzy.")),
            "dissociation": ("adapt", "Eyes open; anchor on sounds or the feet instead."),
            "recent-trauma-or-loss": ("adapt", ("Offer an outward anchor (sounds, feet) as an "
                                       "equal choice.")),
        }),
    "body-focus": Ask(
        "attention on body sensations", "gentle", True, {
            "eating-or-body-image": ("adapt", ("Focus on the hands or feet, not the body's shape "
                                      "or middle.")),
            "dissociation": ("adapt", "Eyes open; a neutral place such as the hands."),
            "recent-trauma-or-loss": ("adapt", ("Let the person choose a neutral place, such as "
                                       "the hands.")),
            "panic-or-breathing-problems": ("adapt", ("Anchor on the feet or hands; noticing the "
                                             "heartbeat can set off panic.")),
        }),
    "eyes-closed": Ask(
        "closing the eyes", "gentle", True, {
            "dissociation": ("adapt", "Keep the eyes open with a soft, lowered gaze."),
            "psychosis": ("adapt", "Keep the eyes open."),
            "recent-trauma-or-loss": ("adapt", "Keep the eyes open with a lowered gaze."),
        }),
    "touch": Ask(
        "soothing self-touch", "gentle", True, {
            "recent-trauma-or-loss": ("adapt", ("Touch is optional; hands can rest on the lap or "
                                       "a table.")),
            "eating-or-body-image": ("adapt", ("A hand on a table or a soft object instead of "
                                      "the body.")),
        }),
    "imagery": Ask(
        "imagining a person or scene", "gentle", False, {
            "psychosis": ("adapt", "Keep images short and concrete, eyes open."),
        }),
}


def _rank(intensity: str) -> int:
    return INTENSITIES.index(intensity) if intensity in INTENSITIES else 0


def check_exercise(front: FrontMatter) -> list[Problem]:
    """Intensity at or above every ask's floor; a caution wherever an ask needs one."""
    data = front.data
    problems = []
    intensity = data.get("intensity", "gentle")
    for index, tag in enumerate(data.get("asks", [])):
        ask = ASKS.get(tag)
        if ask is None:
            continue  # the schema's enum reports an unknown tag
        if _rank(intensity) < _rank(ask.floor):
            problems.append(Problem(
                front.path, front.line_of(["intensity"]), "field 'intensity'",
                f"'{intensity}' is below '{ask.floor}', the lowest intensity for a practice that "
                f"asks '{tag}' ({ask.label}; see the intensity rubric in CONTRIBUTING.md)"))
        if ask.needs_caution and not data.get("caution"):
            problems.append(Problem(
                front.path, front.line_of(["asks", index]), "field 'caution'",
                f"required because the practice asks '{tag}' ({ask.label}): say what may "
                "come up and the gentler option"))
    if intensity == "deep" and "reader" in data.get("audiences", []):
        problems.append(Problem(
            front.path, front.line_of(["audiences"]), "field 'audiences'",
            "a 'deep' practice is only for use with a clinician: remove 'reader'"))
    return problems


@dataclass(frozen=True)
class Advice:
    level: str  # fine, adapt or avoid
    how: tuple[str, ...] = ()


def advice(meta: dict) -> dict[str, Advice]:
    """Condition -> the advice for one practice: derived from ``asks``, then overrides."""
    found: dict[str, Advice] = {}
    for tag in meta.get("asks", []):
        for condition, (level, how) in ASKS[tag].conditions.items():
            before = found.get(condition, Advice("fine"))
            if LEVELS.index(level) > LEVELS.index(before.level):
                found[condition] = Advice(level, (how,))
            elif level == before.level and how not in before.how:
                found[condition] = Advice(level, (*before.how, how))
    for condition, override in (meta.get("contraindications") or {}).items():
        found[condition] = Advice(override["level"],
                                  (override["how"],) if override.get("how") else ())
    return {condition: found.get(condition, Advice("fine")) for condition in CONDITIONS}
