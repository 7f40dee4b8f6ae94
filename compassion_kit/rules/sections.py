"""Check the body of a source: its '##' sections, in order, steps and crisis line.

An exercise has fixed sections (``check_exercise_body``), an info sheet free
ones ending with where to get help (``check_info_sheet``); a workshop plan's
sections are checked with ``check_order`` by read.workshops. Works on the
doctree MyST produced, so line numbers are the author's own.
"""

from __future__ import annotations

from docutils import nodes
from docutils.transforms import Transform

from compassion_kit.kitnodes import crisis_line
from compassion_kit.problems import Problem

# (key, heading) in the order every exercise uses them.
REQUIRED = (
    ("why", "Why try this"),
    ("how", "How to do it"),
    ("reflect", "Reflect"),
    ("hard", "If this feels hard"),
    ("evidence", "Why it works"),
)
# Optional, always last, and never printed on the client handout.
NOTES = ("notes", "Notes for facilitators and clinicians")
HEADINGS = dict((*REQUIRED, NOTES))
KEY_OF = {heading.casefold(): key for key, heading in HEADINGS.items()}
MIN_STEPS = 3


def _line(node: nodes.Element) -> int:
    """The node's line, or its first child's (a section's title), or 1."""
    for candidate in (node, *node.children[:1]):
        if candidate.line:
            return candidate.line
    return 1


def top_section(doctree: nodes.document) -> nodes.section | None:
    return next((child for child in doctree if isinstance(child, nodes.section)), None)


def h2_sections(doctree: nodes.document) -> list[nodes.section]:
    top = top_section(doctree)
    return [child for child in top if isinstance(child, nodes.section)] if top else []


SOURCE_HEADING = "kit_source_heading"


class RememberSourceHeadings(Transform):
    """Record each section's heading as the author wrote it, before Sphinx's
    Locale transform (priority 20) swaps in the translation, so a translated
    page keeps its structure: 'Si esto se te hace difícil' is still the
    'If this feels hard' section."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        for section in self.document.findall(nodes.section):
            if section.children and isinstance(section[0], nodes.title):
                section[SOURCE_HEADING] = section[0].astext().strip()


def source_heading(section: nodes.section) -> str:
    """The section's heading in the source language (see RememberSourceHeadings)."""
    return section.get(SOURCE_HEADING) or section[0].astext().strip()


def section_key(section: nodes.section) -> str | None:
    return KEY_OF.get(source_heading(section).casefold())


def _title_problems(doctree: nodes.document, path: str) -> list[Problem]:
    titles = [section for section in doctree if isinstance(section, nodes.section)]
    return [Problem(path, _line(extra), f"section '{extra[0].astext()}'",
                    "only one '#' heading is allowed: the title comes from the front matter")
            for extra in titles[1:]]


def check_order(doctree: nodes.document, path: str, required: tuple, optional_last=None,
                ) -> tuple[list[Problem], dict[str, nodes.section]]:
    """Problems with the '##' sections against ``required`` (key, heading) pairs,
    in order, optionally followed by ``optional_last``; and the sections by key."""
    headings = dict(required + ((optional_last,) if optional_last else ()))
    key_of = {heading.casefold(): key for key, heading in headings.items()}
    problems = _title_problems(doctree, path)

    def problem(section_title: str, line: int, message: str) -> None:
        problems.append(Problem(path, line, f"section '{section_title}'", message))

    found: list[tuple[str, nodes.section]] = []
    for section in h2_sections(doctree):
        key = key_of.get(source_heading(section).casefold())
        if key is None:
            known = "; ".join(headings.values())
            problem(section[0].astext(), _line(section), f"not a known section; use: {known}")
        elif key in dict(found):
            problem(headings[key], _line(section), "appears twice")
        else:
            found.append((key, section))

    present = [key for key, _ in found]
    for index, (key, heading) in enumerate(required):
        if key not in present:
            after = f" (after '{required[index - 1][1]}')" if index else " (first)"
            problem(heading, 1, f"missing required section{after}")

    expected = [key for key in headings if key in present]
    for (key, section), want in zip(found, expected, strict=True):
        if key != want:
            order = " -> ".join(heading for _, heading in required)
            problem(headings[key], _line(section),
                    f"out of order: expected '{headings[want]}' here (order: {order})")
            break
    return problems, dict(found)


def mentions_crisis_line(section: nodes.section, path: str) -> list[Problem]:
    """The crisis line comes from the data file, through the directive, so it
    prints the lines of each edition's region and no number is typed."""
    if any(True for _ in section.findall(crisis_line)):
        return []
    return [Problem(path, _line(section), f"section '{section[0].astext()}'",
                    "must give the crisis line: add a '```{crisis-line}```' block "
                    "(the lines come from docs/_data/crisis-lines.yaml)")]


def check_exercise_body(doctree: nodes.document, path: str) -> list[Problem]:
    """An exercise: fixed sections, numbered steps, the crisis line."""
    problems, sections = check_order(doctree, path, REQUIRED, NOTES)
    if "how" in sections:
        problems.extend(_check_steps(sections["how"], path))
    if "hard" in sections:
        problems.extend(mentions_crisis_line(sections["hard"], path))
    return problems


def _check_steps(section: nodes.section, path: str) -> list[Problem]:
    where = f"section '{HEADINGS['how']}'"
    numbered = [child for child in section if isinstance(child, nodes.enumerated_list)]
    if not numbered:
        bullets = [child for child in section if isinstance(child, nodes.bullet_list)]
        found = "a bullet list" if bullets else "no list"
        return [Problem(path, _line(bullets[0] if bullets else section), where,
                        f"steps must be a numbered list (1. 2. 3.) of at least {MIN_STEPS} "
                        f"items; found {found}")]
    count = len(numbered[0])
    if count < MIN_STEPS:
        return [Problem(path, _line(numbered[0]), where,
                        f"steps must be a numbered list of at least {MIN_STEPS} items; "
                        f"found {count}")]
    return []


# Info sheets: free sections, but the last one always says where to get help.
HELP_HEADING = "Where to get help"
MIN_INFO_SECTIONS = 2


def check_info_sheet(doctree: nodes.document, path: str) -> list[Problem]:
    """An info sheet: free sections, the last one says where to get help."""
    problems = _title_problems(doctree, path)
    found = h2_sections(doctree)
    if len(found) < MIN_INFO_SECTIONS:
        problems.append(Problem(path, 1, "sections",
                                f"an info sheet needs at least {MIN_INFO_SECTIONS} '##' sections"))
        return problems
    last = found[-1]
    if source_heading(last).casefold() != HELP_HEADING.casefold():
        problems.append(Problem(path, _line(last), f"section '{HELP_HEADING}'",
                                f"missing: the last '##' section must be '{HELP_HEADING}'"))
    else:
        problems.extend(mentions_crisis_line(last, path))
    return problems
