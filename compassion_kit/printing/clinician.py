"""The clinician's details printed on every handout, and the handouts' region.

Read from a small TOML file (``handouts.toml`` at the project root by default,
or the file named by ``kit_handout_settings``, e.g. ``-D
kit_handout_settings=my-practice.toml``). No file means no details: client
handouts then show a fillable "From / Phone" block instead.

The file's shape is a JSON Schema (assets/handout-settings.schema.json),
validated as content front matter is (rules.schema), each error a located
problem in the words of the field's ``title``; what a schema cannot say (an
invisible or unprintable character, a region without checked crisis lines)
is checked here after it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError

from compassion_kit.about import ASSETS_DIR
from compassion_kit.problems import Problem, Subtype
from compassion_kit.rules import glyphs, schema
from compassion_kit.web.supportlines import REGIONS

SCHEMA = ASSETS_DIR / "handout-settings.schema.json"
SECTION = "clinician"
# [handouts] region = "uk": which region's crisis lines every handout prints.
HANDOUTS = "handouts"
# How each section is written, for the message when it is not one table.
LAYOUT = {SECTION: "then one 'field = \"value\"' per line", HANDOUTS: "then 'region = \"uk\"'"}
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class ClinicianDetails:
    """What handouts.toml says: the clinician's contact lines and the region."""

    name: str = ""
    credentials: str = ""
    practice: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    region: str = ""  # not printed: it picks the crisis lines (see crisisline.py)

    def __bool__(self) -> bool:
        return any(value for key, value in vars(self).items() if key != "region")

    def line(self) -> str:
        """'Dr Ana Ruiz, PsyD · Harbor Counseling · (555) 010-0199 · …'"""
        return " · ".join(text for _part, text, _href in self.contact_items())

    def contact_items(self) -> list[tuple[str, str, str]]:
        """(part, text, link) of each contact item, one per printed line: who
        (name, credentials), practice, phone (a tel: link), email (mailto:),
        website (shown without its scheme). Empty items are left out."""
        who = ", ".join(part for part in (self.name, self.credentials) if part)
        digits = "".join(char for char in self.phone.split("x")[0].split("ext")[0]
                         if char.isdigit() or char == "+")
        found = [("who", who, ""), ("practice", self.practice, ""),
                 ("phone", self.phone, f"tel:{digits}" if digits else ""),
                 ("email", self.email, f"mailto:{self.email}" if self.email else ""),
                 ("website", re.sub(r"^https?://", "", self.website), self.website)]
        return [(part, text, href) for part, text, href in found if text]



def _line_of(text: str, key: str, section: bool = False) -> int:
    pattern = rf"\s*\[+\s*{re.escape(key)}\s*\]" if section else rf"\s*{re.escape(key)}\s*="
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern, line):
            return number
    return 1


def _problem(where: str, line: int, field: str, message: str) -> Problem:
    return Problem(where, line, field, message, Subtype.CLINICIAN)


def _read(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of the file, or a located problem (not UTF-8)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []  # a byte-order mark is harmless: drop it
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [_problem(str(path), line, "encoding",
                               f"not UTF-8 (byte {data[error.start]:#04x}); save the file as "
                               "UTF-8")]


def _text_problems(value: str) -> str | None:
    """Why ``value`` cannot be printed as it reads, or None."""
    for char in value:
        # Bidirectional overrides and other invisible controls make a printed
        # address read as another one ("moc.elpmaxe@ana" shown as ana@...).
        if unicodedata.category(char) in ("Cc", "Cf") and char not in "\t":
            name = unicodedata.name(char, "a control character")
            return f"contains an invisible character U+{ord(char):04X} ({name}); retype it"
    missing = glyphs.missing(value)
    if missing:
        return glyphs.describe(missing)
    return None


def load(path: Path) -> tuple[ClinicianDetails, list[Problem]]:
    """The details in ``path`` and every problem with them (a missing file is fine)."""
    if not path.exists():
        return ClinicianDetails(), []
    where = str(path)
    if path.stat().st_size > MAX_BYTES:
        return ClinicianDetails(), [_problem(where, 1, "settings", f"larger than "
                                            f"{MAX_BYTES // 1024} KB; it only holds a few "
                                            "lines of details")]
    text, problems = _read(path)
    if text is None:
        return ClinicianDetails(), problems
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        return ClinicianDetails(), [_problem(where, int(match[1]) if match else 1, "settings",
                                            f"not valid TOML: {error}")]
    problems = sorted(_problems(text, where, data), key=lambda problem: problem.line)
    if problems:
        return ClinicianDetails(), problems
    details = {key: value.strip() for key, value in data.get(SECTION, {}).items()}
    return ClinicianDetails(**details, region=data.get(HANDOUTS, {}).get("region", "")), []


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as the schema sees it: text without its surrounding spaces, and
    an empty value as if it were not there."""
    return {name: {key: value.strip() if isinstance(value, str) else value
                   for key, value in section.items()
                   if not (isinstance(value, str) and not value.strip())}
            if isinstance(section, dict) else section
            for name, section in data.items()}


def _problems(text: str, where: str, data: dict[str, Any]) -> list[Problem]:
    """Every problem of the settings ``data`` (read from ``text``)."""
    validator = schema.load_validator(str(SCHEMA))
    root = validator.schema
    sections: Mapping[str, Any] = root["properties"] if isinstance(root, Mapping) else {}
    problems: list[Problem] = []
    by_field: dict[tuple[str, str], dict[str, ValidationError]] = {}
    for error in validator.iter_errors(_checked(data)):
        path = [str(step) for step in error.absolute_path]
        if error.validator == "additionalProperties":
            problems += _unknown(text, where, path, error)
        elif len(path) == 1:  # a section that is not a table
            section = path[0]
            line = max(_line_of(text, section), _line_of(text, section, section=True))
            problems.append(_problem(where, line, f"section [{section}]",
                                     f"must be one table: a line '[{section}]', "
                                     f"{LAYOUT[section]}"))
        elif len(path) == 2:
            by_field.setdefault((path[0], path[1]), {})[str(error.validator)] = error
        else:  # the schema has nothing deeper; say what jsonschema says
            problems.append(_problem(where, 1, "settings", error.message))
    for name, section in data.items():
        if name not in sections or not isinstance(section, dict):
            continue
        for key, value in section.items():
            fields = sections[name]["properties"]
            if key in fields:
                message = _field_message(name, key, value, fields[key],
                                         by_field.get((name, key), {}))
                if message is not None:
                    problems.append(_problem(where, _line_of(text, key), f"field '{key}'",
                                             message))
    return problems


def _unknown(text: str, where: str, path: list[str], error: ValidationError) -> list[Problem]:
    """A problem for each key that ``error`` (additionalProperties) found unknown."""
    known = list(error.schema.get("properties", {})) if isinstance(error.schema, Mapping) else []
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    extra = sorted(set(instance) - set(known))
    if not path:  # a section
        use = " or ".join(f"[{name}]" for name in known)
        return [_problem(where, _line_of(text, key, section=True), f"section [{key}]",
                         f"unknown; use {use}") for key in extra]
    use = f"use: {known[0]}" if len(known) == 1 else f"use one of: {', '.join(known)}"
    return [_problem(where, _line_of(text, key), f"field '{key}'", f"unknown; {use}")
            for key in extra]


def _field_message(section: str, key: str, value: object, field: Mapping[str, Any],
                   errors: dict[str, ValidationError]) -> str | None:
    """The one thing to say about a field, or None: its type first, then its
    length, then characters it cannot print as they read, then its form."""
    label = field.get("title", key)
    if "type" in errors:
        return f"the {label} must be text in quotes"
    if "maxLength" in errors:
        return f"the {label} is longer than {field['maxLength']} characters"
    if not isinstance(value, str):
        return None
    if section == SECTION and (why := _text_problems(value)) is not None:
        return why
    if "pattern" in errors:
        return f"{value.strip()!r} does not look like a {label}"
    if section == HANDOUTS and key == "region" and value and value not in REGIONS:
        return (f"{value!r} is not a region with checked crisis lines; use one of: "
                f"{', '.join(REGIONS)}")
    if errors:  # a rule the schema gained that this function does not word yet
        return next(iter(errors.values())).message
    return None
