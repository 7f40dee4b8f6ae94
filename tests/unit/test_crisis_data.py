"""Crisis and support contacts live in one data file; nothing else types them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compassion_kit.testing import REPO
from compassion_kit.web import supportlines
from compassion_kit.web.crisisline import sentence

DATA = REPO / "docs/_data/crisis-lines.yaml"
# The data file's own translations: the only other place its numbers may be.
DATA_CATALOGUES = sorted(REPO.glob("locales/*/LC_MESSAGES/docs/_data/crisis-lines.po"))
# Everything a reader or a handout can show: content, templates, the extension,
# and every translation (pages, front matter, the kit's own words).
SOURCES = [REPO / "index.md", *REPO.glob("docs/**/*.md"), *REPO.glob("exercises/*.md"),
           *REPO.glob("docs/_templates/**/*.html"), *REPO.glob("compassion_kit/**/*.py"),
           *REPO.glob("compassion_kit/assets/print/*.html"),
           *(path for path in REPO.glob("locales/**/*.po") if path not in DATA_CATALOGUES),
           *REPO.glob("compassion_kit/locales/**/*.po")]
# Phone numbers (1-800-…, 116 123, 13 11 14, 0800 543 354) and the short codes
# of every region's lines and emergency services.
NUMBER = re.compile(r"\b1-8\d\d-\d{3}-\d{4}\b|\b(?:1800|1300|0800|0477) ?\d{2,3} ?\d{2,3}\b|"
                    r"\b\d{3} \d{3}\b|\b13 \d\d \d\d\b")


def _short_codes() -> set[str]:
    data = supportlines.load(DATA)
    codes = set()
    for region in supportlines.REGIONS:
        for line in supportlines.lines_of(data, region):
            for number in (line.tel, line.sms):
                if number and len(number.replace("-", "")) <= 6:
                    codes.add(number.replace("-", ""))
    return codes


def test_no_source_types_a_crisis_or_support_number():
    codes = _short_codes()
    assert {"988", "911", "999", "741741"} <= codes
    # (Not after '#': a colour such as #000 is no emergency number.)
    short = re.compile(r"(?<![\w.,:`#-])(" + "|".join(sorted(codes, key=len, reverse=True))
                       + r")(?![\w-])")
    found = []
    for path in SOURCES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found.extend(f"{path.relative_to(REPO)}:{number}: {match.group(0)!r}: "
                         f"{line.strip()[:80]}"
                         for match in (*short.finditer(line), *NUMBER.finditer(line)))
    assert found == [], "use {crisis-line} or {support-line}`id`:\n" + "\n".join(found)


def test_translations_of_the_data_keep_every_number_and_code():
    """A translated line must reach the same service: the same digits (988,
    1-800-799-7233, 741741), codes (AYUDA, HOME) and addresses as the English."""
    from babel.messages.pofile import read_po

    assert DATA_CATALOGUES, "no translation of the crisis lines"
    digits = re.compile(r"\d[\d -]*\d|\d")
    codes = re.compile(r"\b[A-Z]{3,}\b|\b[\w.-]+\.(?:org|net|com|au)(?:/[\w/-]*)?")
    for path in DATA_CATALOGUES:
        with path.open("rb") as stream:
            catalog = read_po(stream)
        for message in catalog:
            if not message.id or not message.string:
                continue
            for pattern in (digits, codes):
                want = {m.replace(" ", "").replace("-", "") for m in pattern.findall(message.id)}
                got = {m.replace(" ", "").replace("-", "")
                       for m in pattern.findall(message.string)}
                assert got == want, (path.name, message.id, message.string)


def test_every_entry_is_checked_and_only_ticked_services_are_printed():
    data = supportlines.load(DATA)
    assert data["checked"] and data["next_review"] > data["checked"]
    text = DATA.read_text(encoding="utf-8").lower()
    assert "press 3" not in text  # the 988 LGBTQ+ youth option ended in July 2025
    assert "1-800-662-4357" not in text  # SAMHSA: not confirmed for 2025-26 in the brief
    for region in supportlines.REGIONS:
        lines = supportlines.lines_of(data, region)
        assert any(line.crisis for line in lines), region
        assert any(line.id == "emergency" for line in lines), region


@pytest.mark.parametrize(("region", "words"), [
    ("us", ["988", "911"]), ("ca", ["988", "911"]), ("uk", ["116 123", "999"]),
    ("ie", ["116 123", "112"]), ("au", ["13 11 14", "000"]), ("nz", ["1737", "111"]),
    ("intl", ["findahelpline.com", "your local emergency number"]),
])
def test_each_region_has_a_crisis_sentence(region, words):
    text = sentence(supportlines.load(DATA), region)
    for word in words:
        assert word in text, (region, text)


def test_a_broken_data_file_is_a_located_error(tmp_path: Path):
    broken = tmp_path / "crisis-lines.yaml"
    broken.write_text(DATA.read_text(encoding="utf-8").replace("checked: 2026-12-01\n", "", 1),
                      encoding="utf-8")
    (tmp_path / "crisis-lines.schema.json").write_bytes(
        (REPO / "docs/_data/crisis-lines.schema.json").read_bytes())
    with pytest.raises(supportlines.SupportDataError) as error:
        supportlines.load(broken)
    assert "'checked' is a required property" in str(error.value)
    assert str(broken) in str(error.value)


def test_the_nox_region_choices_are_the_kits():
    import ast

    tree = ast.parse((REPO / "noxfile.py").read_text(encoding="utf-8"))
    [choices] = [ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                 and getattr(node.targets[0], "id", "") == "REGIONS"]
    assert tuple(choices) == supportlines.REGIONS
