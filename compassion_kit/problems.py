"""One shape for every content problem the kit reports.

Each problem names the file, the line where known and the field or section,
and is logged as a Sphinx warning with a location, so ``-W`` fails the build
and an editor can jump to it. Its warning type is ``kit.<subtype>``, one of
``Subtype`` below, which ``suppress_warnings`` can name (``kit.glyph``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sphinx.util import logging

logger = logging.getLogger(__name__)


class Subtype(StrEnum):
    """What a kit warning is about: the ``<subtype>`` of its type ``kit.<subtype>``."""

    CONTENT = "content"  # an item's front matter or body breaks a rule (schema, sections, ids)
    BIBLIOGRAPHY = "bibliography"  # references.bib cannot be read
    ENCODING = "encoding"  # a source is not UTF-8
    SIZE = "size"  # a source is larger than kit_max_source_kb
    IMAGE = "image"  # an image a page shows is missing, remote or outside the project
    UNTRUSTED = "untrusted"  # content that would read outside the project, fetch or inject HTML
    TRANSLATION = "translation"  # a translated edition lacks or breaks a translation
    GLYPH = "glyph"  # text the vendored fonts cannot print
    LIBRARY = "library"  # a {kit-library} asks for an id no valid item has
    ROUTES = "routes"  # a {routes} line is malformed or names a page that does not exist
    ART = "art"  # a page names an illustration the kit does not have
    CLINICIAN = "clinician"  # the clinician's details (handouts.toml) or their path
    PACK = "pack"  # a handout pack: its ids, paper or target file
    PDF = "pdf"  # a handout cannot be printed
    PAGES = "pages"  # a handout has more pages than its paper allows
    OUTPUT = "output"  # an output folder or file cannot be written

    @classmethod
    def _missing_(cls, value: object) -> Subtype | None:
        # The clinician's details were once "practice" details (the site's word
        # for an exercise): the old string still names them.
        return cls.CLINICIAN if value == "practice" else None


@dataclass(frozen=True)
class Problem:
    path: str  # path of the source file, as given to the checker
    line: int  # 1-based line in that file (1 when only the file is known; 0: not a text file)
    where: str  # the field ("field 'format'") or section ("section 'Reflect'")
    message: str
    # A Subtype; its value as a string is accepted too (and checked: an
    # unknown one raises ValueError where the problem is made).
    subtype: Subtype | str = Subtype.CONTENT

    def __post_init__(self) -> None:
        # frozen: set through object, as dataclasses do themselves.
        object.__setattr__(self, "subtype", Subtype(self.subtype))

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
