"""The clinician's practice details printed on every handout.

Read from a small TOML file (``handouts.toml`` at the project root by default,
or the file named by ``kit_handout_settings``, e.g. ``-D
kit_handout_settings=my-practice.toml``). No file means no details: client
handouts then show a fillable "From / Phone" block instead.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from compassion_kit.problems import Problem
from compassion_kit.rules import glyphs
from compassion_kit.web.supportlines import REGIONS

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
# [handouts] region = "uk": which region's crisis lines every handout prints.
HANDOUTS = "handouts"
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class PracticeDetails:
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
        return " · ".join(text for _kind, text, _href in self.contact_items())

    def contact_items(self) -> list[tuple[str, str, str]]:
        """(kind, text, link) of each contact item, one per printed line: who
        (name, credentials), practice, phone (a tel: link), email (mailto:),
        website (shown without its scheme). Empty items are left out."""
        who = ", ".join(part for part in (self.name, self.credentials) if part)
        digits = "".join(char for char in self.phone.split("x")[0].split("ext")[0]
                         if char.isdigit() or char == "+")
        found = [("who", who, ""), ("practice", self.practice, ""),
                 ("phone", self.phone, f"tel:{digits}" if digits else ""),
                 ("email", self.email, f"mailto:{self.email}" if self.email else ""),
                 ("website", re.sub(r"^https?://", "", self.website), self.website)]
        return [(kind, text, href) for kind, text, href in found if text]


def _line_of(text: str, key: str, section: bool = False) -> int:
    pattern = rf"\s*\[+\s*{re.escape(key)}\s*\]" if section else rf"\s*{re.escape(key)}\s*="
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern, line):
            return number
    return 1


def _read(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of the file, or a located problem (not UTF-8)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []  # a byte-order mark is harmless: drop it
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(str(path), line, "encoding",
                              f"not UTF-8 (byte {data[error.start]:#04x}); save the file as "
                              "UTF-8", "practice")]


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


def load(path: Path) -> tuple[PracticeDetails, list[Problem]]:
    """The details in ``path`` and every problem with them (a missing file is fine)."""
    if not path.exists():
        return PracticeDetails(), []
    where = str(path)
    if path.stat().st_size > MAX_BYTES:
        return PracticeDetails(), [Problem(where, 1, "settings", f"larger than {MAX_BYTES // 1024}"
                                           " KB; it only holds a few lines of details",
                                           "practice")]
    text, problems = _read(path)
    if text is None:
        return PracticeDetails(), problems
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        return PracticeDetails(), [Problem(where, int(match[1]) if match else 1, "settings",
                                           f"not valid TOML: {error}", "practice")]
    for key in sorted(set(data) - {SECTION, HANDOUTS}):
        problems.append(Problem(where, _line_of(text, key, section=True), f"section [{key}]",
                                f"unknown; use [{SECTION}] or [{HANDOUTS}]", "practice"))
    region, region_problems = _region(text, where, data.get(HANDOUTS, {}))
    problems += region_problems
    section = data.get(SECTION, {})
    if not isinstance(section, dict):  # 'clinician = "..."' or '[[clinician]]'
        line = max(_line_of(text, SECTION), _line_of(text, SECTION, section=True))
        return PracticeDetails(), [*problems, Problem(
            where, line, f"section [{SECTION}]",
            f"must be one table: a line '[{SECTION}]', then one 'field = \"value\"' per line",
            "practice")]
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
        elif (why := _text_problems(value)) is not None:
            problems.append(Problem(where, line, f"field '{key}'", why, "practice"))
        elif value.strip() and not re.fullmatch(pattern, value.strip()):
            problems.append(Problem(where, line, f"field '{key}'",
                                    f"{value.strip()!r} does not look like a {label}",
                                    "practice"))
        else:
            values[key] = value.strip()
    if problems:
        return PracticeDetails(), problems
    return PracticeDetails(**values, region=region), []


def _region(text: str, where: str, section: object) -> tuple[str, list[Problem]]:
    """The [handouts] region, checked against the regions the kit has lines for."""
    if not isinstance(section, dict):
        line = max(_line_of(text, HANDOUTS), _line_of(text, HANDOUTS, section=True))
        return "", [Problem(where, line, f"section [{HANDOUTS}]",
                            f"must be one table: a line '[{HANDOUTS}]', then 'region = \"uk\"'",
                            "practice")]
    problems = [Problem(where, _line_of(text, key), f"field '{key}'",
                        "unknown; use: region", "practice") for key in section if key != "region"]
    region = section.get("region", "")
    if region and region not in REGIONS:
        problems.append(Problem(where, _line_of(text, "region"), "field 'region'",
                                f"{region!r} is not a region with checked crisis lines; use one "
                                f"of: {', '.join(REGIONS)}", "practice"))
        region = ""
    return region, problems

