"""What is due for review: ``nox -s review`` (``python -m compassion_kit.review``).

Health information goes stale: a hotline changes its number, a study is
retracted. Every exercise, info sheet and workshop plan has a ``next_review``
date, and so does the crisis-line data file. This lists them by date and
marks what is due, so a maintainer can plan. It is deliberately not a test:
a build must not start failing because a calendar date passed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from compassion_kit.rules import frontmatter
from compassion_kit.web import supportlines

FOLDERS = ("exercises", "docs/info-sheets", "docs/workshops")
CRISIS_DATA = "docs/_data/crisis-lines.yaml"


def due_dates(root: Path) -> list[tuple[str, str, str]]:
    """(next_review, what, path) for every reviewed file; '' when a date is missing."""
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.md")):
            if path.name == "index.md":
                continue
            try:
                data = frontmatter.load(path).data
            except frontmatter.FrontMatterError as error:
                found.append(("", f"unreadable front matter: {error.problem.message}",
                              str(path.relative_to(root))))
                continue
            found.append((str(data.get("next_review", "")), str(data.get("title", path.stem)),
                          str(path.relative_to(root))))
    crisis = root / CRISIS_DATA
    if crisis.exists():
        data = supportlines.load(crisis)
        found.append((str(data.get("next_review", "")), ("Crisis and support lines (re-check "
                       "every entry, especially any marked with a warning in the brief)"),
                      CRISIS_DATA))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s review --", description=__doc__.splitlines()[0])
    # The reviewer's own calendar day: review dates are days, not instants.
    today = dt.date.today()  # noqa: DTZ011
    parser.add_argument("--today", type=dt.date.fromisoformat, default=today,
                        help="pretend today is this date (YYYY-MM-DD)")
    parser.add_argument("--within", type=int, default=60,
                        help="also list what falls due within this many days (default 60)")
    args = parser.parse_args(argv)
    horizon = args.today + dt.timedelta(days=args.within)
    due = soon = 0
    for date, what, path in due_dates(Path.cwd()):
        if not date:
            state = "NO DATE"
            due += 1
        elif dt.date.fromisoformat(date) <= args.today:
            state = "DUE"
            due += 1
        elif dt.date.fromisoformat(date) <= horizon:
            state = "soon"
            soon += 1
        else:
            state = "ok"
        print(f"{state:8} {date or '----------'}  {path}  ({what})")
    print(f"\n{due} due or undated, {soon} due within {args.within} days "
          f"(as of {args.today.isoformat()}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
