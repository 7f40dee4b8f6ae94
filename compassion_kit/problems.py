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
    line: int  # 1-based line in that file (1 when only the file is known)
    where: str  # the field ("field 'format'") or section ("section 'Reflect'")
    message: str
    subtype: str = "content"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.where}: {self.message}"


def report(problem: Problem) -> None:
    """Log ``problem`` as a located warning of type ``kit.<subtype>``."""
    logger.warning(
        "%s: %s",
        problem.where,
        problem.message,
        # A "path:line" string is used as-is by Sphinx (a tuple would be read
        # as a docname), so problems found outside the environment work too.
        location=f"{problem.path}:{problem.line}",
        type="kit",
        subtype=problem.subtype,
    )
