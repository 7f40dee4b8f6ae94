"""The kit's own items, read from its sources (not from a build): what the
tests of the real build expect to find in it."""

from __future__ import annotations

from pathlib import Path

from compassion_kit.read import practicelog
from compassion_kit.rules import frontmatter
from compassion_kit.testing import REPO


def _stems(folder: str) -> list[str]:
    return sorted(path.stem for path in (REPO / folder).glob("*.md") if path.stem != "index")


EXERCISES = _stems("exercises")
INFO_SHEETS = _stems("docs/info-sheets")
WORKSHOPS = _stems("docs/workshops")
PATHWAYS = _stems("docs/pathways")
HANDOUTS = EXERCISES + INFO_SHEETS


def exercise(item_id: str) -> dict:
    """A practice's front matter."""
    return frontmatter.load(REPO / "exercises" / f"{item_id}.md").data


def workshop(plan: str) -> dict:
    """A workshop plan's front matter."""
    return frontmatter.load(REPO / "docs" / "workshops" / f"{plan}.md").data


def pathway(name: str) -> dict:
    """A session pathway's front matter."""
    return frontmatter.load(REPO / "docs" / "pathways" / f"{name}.md").data


def _asks_for_a_log(item_id: str) -> bool:
    return any(field.get("type") == "log" for field in exercise(item_id).get("fields", []))


# A practice meant to be repeated (a field of type log) has a 14-day log of its own:
# read here from the fields themselves, independently of the kit's code ...
LOGS = [f"{item_id}-log" for item_id in EXERCISES if _asks_for_a_log(item_id)]
# Each workshop plan's guide, workbook and package (read.workshop_package).
WORKSHOP_PARTS = {"guide": "workshop-guide", "workbook": "workbook",
                  "invitation": "invitation", "support-sheet": "support-sheet",
                  "feedback-form": "feedback-form", "slides": "slides"}
# Slides are one 16:9 sheet (handouts/slides/); every other item comes on every paper.
SLIDES = [f"{plan}-slides" for plan in WORKSHOPS]
ITEMS = HANDOUTS + LOGS + [f"{plan}-{part}" for plan in WORKSHOPS for part in WORKSHOP_PARTS]
ITEMS += [f"{name}-pack" for name in PATHWAYS]
ON_PAPER = [item for item in ITEMS if item not in SLIDES]
# ... and as the kit finds them (practicelog.log_field): id -> front matter.
WITH_LOGS = {item_id: exercise(item_id) for item_id in EXERCISES
             if practicelog.log_field(exercise(item_id)) is not None}


def group_sources() -> list[Path]:
    """The sources of what a group reads or hears: group practices and those
    that ask for disclosure in a group, the workshop plans, the guide to
    running a workshop."""
    group = [REPO / "exercises" / f"{item}.md" for item in EXERCISES
             if exercise(item)["format"] == "group"
             or "disclosure-in-group" in exercise(item).get("asks", [])]
    return group + [REPO / "docs/workshops" / f"{plan}.md" for plan in WORKSHOPS] + [
        REPO / "docs/guides/running-a-workshop.md"]
