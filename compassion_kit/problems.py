"""One shape for every content problem the kit reports.

Each problem names the file, the line where known and the field or section,
and is logged as a Sphinx warning with a location, so ``-W`` fails the build
and an editor can jump to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.util import logging

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    path: str  # path of the source file, as given to the checker
    line: int  # 1-based line in that file (1 when only the file is known; 0: not a text file)
    where: str  # the field ("field 'format'") or section ("section 'Reflect'")
    message: str
    subtype: str = "content"

    def __str__(self) -> str:
        return f"{self.location}: {self.where}: {self.message}"

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line > 0 else self.path


class ProblemError(Exception):
    """Raised where a problem stops one piece of work; carries the located problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def report(problem: Problem) -> None:
    """Log ``problem`` as a located warning of type ``kit.<subtype>``."""
    *arguments, location = _message(problem)
    logger.warning(*arguments, **location, type="kit", subtype=problem.subtype)


def _message(problem: Problem) -> tuple:
    """Sphinx arguments for ``problem``: a "path:line" location string is used
    as-is by Sphinx (a tuple would be read as a docname, and so would a
    location with no colon); a file with no line is named in the text."""
    if problem.line > 0:
        return "%s: %s", problem.where, problem.message, {"location": problem.location}
    return "%s: %s: %s", problem.path, problem.where, problem.message, {}


def stop(problem: Problem) -> None:
    """Report ``problem`` and end the build now, with no traceback.

    For a setting that makes the whole build pointless (a pack that would
    overwrite a source, a settings file that does not exist). Sphinx prints
    a traceback for any exception, its own ConfigError included, so this
    exits the way a command-line tool refuses a bad argument.
    """
    *arguments, location = _message(problem)
    logger.error(*arguments, **location, type="kit", subtype=problem.subtype)
    raise SystemExit(2)
