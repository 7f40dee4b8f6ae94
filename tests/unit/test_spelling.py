"""Spelling of the prose readers see, with codespell and a small project word list.

codespell knows tens of thousands of common misspellings (its clear, rare,
informal, usage and names lists). It checks the handbook's pages, chapters,
exercises, info sheets and guides, the site's templates, and the BibTeX titles
that the references page and the handouts print. tests/spelling-words.txt lists
the few words it must let through; an entry it would not flag is an error, so the
list stays small.
"""

from __future__ import annotations

import re
import subprocess
import sys

from compassion_kit.testing import REPO

PROSE = ["index.md", "docs", "exercises", "references.bib"]
WORD_LIST = REPO / "tests" / "spelling-words.txt"
DICTIONARIES = "clear,rare,informal,usage,names"
FINDING = re.compile(r"^(?P<where>.+?:\d+): (?P<word>\S+) ==> (?P<fix>.+)$", re.M)


def project_words() -> list[str]:
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def codespell(*paths: str, ignore: list[str] = ()) -> tuple[int, list[re.Match]]:
    command = [sys.executable, "-m", "codespell_lib", "--builtin", DICTIONARIES,
               "--check-filenames", *(["-L", ",".join(ignore)] if ignore else []), *paths]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode in (0, 65), done.stderr  # 65: misspellings found
    return done.returncode, list(FINDING.finditer(done.stdout))


def test_the_prose_has_no_misspellings():
    code, found = codespell(*PROSE, ignore=project_words())
    assert code == 0 and not found, "\n".join(
        f"{m['where']}: {m['word']} -> {m['fix']} (or add the word to {WORD_LIST.name})"
        for m in found)


def test_codespell_finds_a_planted_misspelling(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("We recieve care, and the occurence is normal.\n", encoding="utf-8")
    code, found = codespell(str(page))
    assert code == 65
    assert {m["word"] for m in found} == {"recieve", "occurence"}


def test_the_word_list_is_small_and_every_word_is_needed():
    words = project_words()
    assert len(words) <= 40, "the project word list is meant to stay small"
    assert len(set(words)) == len(words) and words == sorted(words), "keep it sorted, unique"
    _, found = codespell(*PROSE)
    flagged = {m["word"].lower() for m in found}
    unneeded = [word for word in words if word.lower() not in flagged]
    assert not unneeded, f"no longer flagged, remove from {WORD_LIST.name}: {unneeded}"
