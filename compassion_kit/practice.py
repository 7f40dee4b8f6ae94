"""The clinician's practice details printed on every handout.

Read from a small TOML file (``handouts.toml`` at the project root by default,
or the file named by ``kit_handout_settings``, e.g. ``-D
kit_handout_settings=my-practice.toml``). No file means no details: handouts
then show a fillable "Your clinician" line instead.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

# field: (label, pattern the value must match, longest allowed)
FIELDS = {
    "name": ("name", r".+", 80),
    "credentials": ("credentials", r".+", 80),
    "practice": ("practice", r".+", 100),
    "phone": ("phone number", r"[0-9+()./ -]{7,25}(\s*(ext\.?|x)\s*[0-9]{1,6})?", 40),
    "email": ("email address", r"[^@\s]+@[^@\s]+\.[^@\s]+", 100),
    "website": ("website", r"https?://[^\s]+\.[^\s]+", 120),
}
SECTION = "clinician"


@dataclass(frozen=True)
class PracticeDetails:
    name: str = ""
    credentials: str = ""
    practice: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""

    def __bool__(self) -> bool:
        return any(vars(self).values())

    def line(self) -> str:
        """'Dr Ana Ruiz, PsyD · Harbor Counseling · (555) 010-0199 · …'"""
        who = ", ".join(part for part in (self.name, self.credentials) if part)
        return " · ".join(part for part in (who, self.practice, self.phone, self.email,
                                             self.website.removeprefix("https://")) if part)


def _line_of(text: str, key: str, section: bool = False) -> int:
    pattern = rf"\s*\[{re.escape(key)}\]" if section else rf"\s*{re.escape(key)}\s*="
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern, line):
            return number
    return 1


def load(path: Path) -> tuple[PracticeDetails, list[Problem]]:
    """The details in ``path`` and every problem with them (a missing file is fine)."""
    if not path.exists():
        return PracticeDetails(), []
    text = path.read_text(encoding="utf-8")
    where = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        return PracticeDetails(), [Problem(where, int(match[1]) if match else 1, "settings",
                                           f"not valid TOML: {error}", "practice")]
    problems = []
    for key in sorted(set(data) - {SECTION}):
        problems.append(Problem(where, _line_of(text, key, section=True), f"section [{key}]",
                                f"unknown; use [{SECTION}]", "practice"))
    section = data.get(SECTION, {})
    values = {}
    for key, value in section.items():
        line = _line_of(text, key)
        if key not in FIELDS:
            problems.append(Problem(where, line, f"field '{key}'",
                                    f"unknown; use one of: {', '.join(FIELDS)}", "practice"))
            continue
        label, pattern, longest = FIELDS[key]
        if not isinstance(value, str):
            problems.append(Problem(where, line, f"field '{key}'",
                                    f"the {label} must be text in quotes", "practice"))
        elif len(value.strip()) > longest:
            problems.append(Problem(where, line, f"field '{key}'",
                                    f"the {label} is longer than {longest} characters",
                                    "practice"))
        elif value.strip() and not re.fullmatch(pattern, value.strip()):
            problems.append(Problem(where, line, f"field '{key}'",
                                    f"{value.strip()!r} does not look like a {label}",
                                    "practice"))
        else:
            values[key] = value.strip()
    if problems:
        return PracticeDetails(), problems
    return PracticeDetails(**values), []
