"""What each workshop plan asks of its practices, read from the sources: a
session for a team uses practices written for teams, and the session for
young people only gentle ones (the rubric in CONTRIBUTING.md)."""

from __future__ import annotations

from helpers.kit import WORKSHOPS, exercise, workshop

CARERS = "compassion-for-carers-and-helpers"
YOUNG_PEOPLE = "self-compassion-for-teens-and-young-adults"


def test_the_new_plans_are_among_the_workshops():
    assert {CARERS, YOUNG_PEOPLE} <= set(WORKSHOPS)


def test_the_carers_session_uses_practices_written_for_teams():
    plan = workshop(CARERS)
    assert plan["duration_minutes"] == 45
    for practice in plan["exercises"]:
        assert "team" in exercise(practice)["audiences"], practice


def test_the_young_peoples_session_uses_only_gentle_practices():
    plan = workshop(YOUNG_PEOPLE)
    assert plan["duration_minutes"] == 60
    for practice in plan["exercises"]:
        assert exercise(practice)["intensity"] == "gentle", practice
