"""Practice logs (issue 12, point 8), without a build: the practices meant to
be repeated have one, with the columns the issue asks for, and the log is
never printed on the practice's own handout (site/test_practice_logs.py: the
logs of the built kit)."""

from __future__ import annotations

from helpers.kit import WITH_LOGS

from compassion_kit.printing import answers
from compassion_kit.read import practicelog


def test_the_kit_has_logs_for_its_repeated_practices():
    assert {"self-compassion-break", "soothing-breathing-rhythm",
            "the-pause-before-reacting"} <= set(WITH_LOGS)


def test_log_columns_are_the_ones_the_issue_asks_for():
    assert [column.split(" (")[0] for column in practicelog.columns()] == [
        "Date", "Minutes", "Distress before", "Distress after", "What helped"]
    field = {"name": "log", "label": "Note it here.", "type": "log"}
    assert answers.render(field) == ""
