"""Every practice handout of the built kit has the form fields its front
matter asks for, of the right type, one line each, with an accessible name
(the answer types themselves: unit/test_answers.py)."""

from __future__ import annotations

import pytest
from helpers.kit import exercise
from helpers.pdfcheck import MULTILINE
from pypdf import PdfReader

from compassion_kit.printing import answers
from compassion_kit.testing import EACH_LAYOUT


@pytest.fixture(scope="module")
def exercises(catalogue) -> list[dict]:
    return [entry for entry in catalogue if entry["kind"] == "exercise"]


@pytest.mark.parametrize("paper", EACH_LAYOUT)
def test_every_handout_has_the_fields_its_front_matter_asks_for(site, exercises, paper):
    problems = []
    for entry in exercises:
        reader = PdfReader(site / entry["pdfs"][paper])
        fields = reader.get_fields() or {}
        for field in exercise(entry["id"])["fields"]:
            kind = answers.field_type(field)
            for name in answers.control_names(field):
                if name not in fields:
                    problems.append(f"{entry['id']}: no field {name}")
                    continue
                expected = "/Btn" if kind in ("scale", "choice", "checklist") else "/Tx"
                if fields[name].get("/FT") != expected:
                    problems.append(f"{entry['id']}: {name} is {fields[name].get('/FT')}")
                if kind in ("lines", "line", "table") and \
                        int(fields[name].get("/Ff", 0)) & MULTILINE:
                    problems.append(f"{entry['id']}: {name} is multi-line")
                if not fields[name].get("/TU"):
                    problems.append(f"{entry['id']}: {name} has no accessible name")
    assert problems == []
