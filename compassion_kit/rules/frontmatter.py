"""Read YAML front matter with its real types and the line of every value.

MyST stringifies front-matter values in ``env.metadata`` (``10`` becomes
``'10'``), so the kit re-reads the YAML itself to validate real types, and
keeps the parsed node tree to point errors at the right line.

Front matter is untrusted input: YAML aliases are refused (a "billion
laughs" block of a few lines expands to billions of values in any code that
walks the data), as are very deep nesting (the YAML composer recurses) and
very large blocks, each with a located error, before anything is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from compassion_kit.problems import Problem

FENCE = "---"
BOM = "\ufeff"
MAX_DEPTH = 20  # nesting of lists and mappings; real front matter uses 3
MAX_NODES = 5000  # values and keys; real front matter uses under 300


class FrontMatterError(Exception):
    """Front matter that cannot be read, with the located problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class FrontMatter:
    """A file's front matter: its data (real YAML types) and where each value is."""

    path: str
    data: dict
    _node: yaml.Node | None = field(repr=False, default=None)
    _offset: int = 1  # lines before the YAML starts (the opening fence)

    def line_of(self, where: Iterable[str | int]) -> int:
        """1-based file line of the value at ``where`` (keys and list indexes).

        Falls back to the deepest known ancestor, then to the fence line.
        """
        node = self._node
        line = node.start_mark.line if node is not None else 0
        for step in where:
            child = _child(node, step)
            if child is None:
                break
            node = child
            line = node.start_mark.line
        return line + 1 + self._offset


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if key.value == step:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None


def split(text: str) -> str | None:
    """The YAML between the opening and closing fences, or None."""
    lines = text.removeprefix(BOM).splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "\n".join(lines[1:index])
    return None


def _plain(value):
    """YAML dates become ISO strings so JSON Schema can check them as dates;
    a whole number written as 5.0 becomes 5 (JSON Schema already counts it
    as an integer, and it must print as "5 minutes")."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _yaml_problem(path: str, error: yaml.YAMLError, offset: int) -> Problem:
    """Where the parser gave up, and what it was reading when it did."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 + offset if mark is not None else 1
    message = f"malformed YAML: {getattr(error, 'problem', None) or error}"
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark is not None:
        message += f" ({context} that starts on line {context_mark.line + 1 + offset})"
    return Problem(path, line, "front matter", message)


# Keys MyST reads from front matter as its own settings for the page:
# "substitutions" with the substitution extension render Jinja with the Sphinx
# environment in reach (code execution at build time), "html_meta" writes
# <meta http-equiv> tags (a refresh sends readers elsewhere).
MYST_KEYS = ("myst", "substitutions", "html_meta")


def screen(path: str, source: str, offset: int = 1) -> Problem | None:
    """Why ``source`` (the YAML of ``path``) is unsafe to load, or None.

    Reads the event stream only, which is flat: no values are built and no
    recursion happens, so this is safe on any input.
    """
    stack: list[list[bool]] = []  # open collections: [is a mapping, next node is a key]
    nodes = 0
    try:
        for event in yaml.parse(source, Loader=yaml.SafeLoader):
            # (the parser marks every event; the stubs allow None)
            line = (event.start_mark.line if event.start_mark is not None else 0) + 1 + offset
            if isinstance(event, yaml.AliasEvent):
                return Problem(path, line, "front matter", f"YAML alias '*{event.anchor}' "
                               "refused: write the value out instead of referring to an anchor")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent,
                                      yaml.SequenceStartEvent)):
                continue
            nodes += 1
            if nodes > MAX_NODES:
                return Problem(path, line, "front matter",
                               f"more than {MAX_NODES} values: far too large")
            parent = stack[-1] if stack else None
            is_key = parent is not None and parent[0] and parent[1]
            if parent is not None and parent[0]:
                parent[1] = not parent[1]
            if (is_key and len(stack) == 1 and isinstance(event, yaml.ScalarEvent)
                    and event.value in MYST_KEYS):
                return Problem(path, line, f"field '{event.value}'",
                               "refused: a page may not change MyST's settings (substitutions "
                               "would run code at build time, html_meta can redirect readers)")
            if not isinstance(event, yaml.ScalarEvent):
                stack.append([isinstance(event, yaml.MappingStartEvent), True])
                if len(stack) > MAX_DEPTH:
                    return Problem(path, line, "front matter",
                                   f"nested more than {MAX_DEPTH} levels deep")
    except yaml.YAMLError as error:
        return _yaml_problem(path, error, offset)
    return None


def load(path: str | Path) -> FrontMatter:
    """Parse the front matter of ``path``; raise FrontMatterError on bad input."""
    path = str(path)
    text = Path(path).read_text(encoding="utf-8-sig")
    source = split(text)
    if source is None:
        raise FrontMatterError(
            Problem(path, 1, "front matter", "missing: the file must start with a '---' block")
        )
    offset = 1  # the YAML starts after the opening fence line
    unsafe = screen(path, source, offset)
    if unsafe is not None:
        raise FrontMatterError(unsafe)
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise FrontMatterError(_yaml_problem(path, error, offset)) from error
    if not isinstance(data, dict):
        raise FrontMatterError(
            Problem(path, 1 + offset, "front matter", "must be a mapping of 'field: value' lines")
        )
    return FrontMatter(path, _plain(data), node, offset)
