"""Read YAML front matter with its real types and the line of every value.

MyST stringifies front-matter values in ``env.metadata`` (``10`` becomes
``'10'``), so the kit re-reads the YAML itself to validate real types, and
keeps the parsed node tree to point errors at the right line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

FENCE = "---"


class FrontMatterError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class FrontMatter:
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
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "\n".join(lines[1:index])
    return None


def _plain(value):
    """YAML dates become ISO strings so JSON Schema can check them as dates."""
    if isinstance(value, dt.date):
        return value.isoformat()
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


def load(path: str | Path) -> FrontMatter:
    """Parse the front matter of ``path``; raise FrontMatterError on bad input."""
    path = str(path)
    text = Path(path).read_text(encoding="utf-8")
    source = split(text)
    if source is None:
        raise FrontMatterError(
            Problem(path, 1, "front matter", "missing: the file must start with a '---' block")
        )
    offset = 1  # the YAML starts after the opening fence line
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
