"""The changes a run makes to its copy of the sources: one exercise touched (a
trailing space) or edited (new words), and the corpus multiplied for the growth
builds. The copy itself is ``compassion_kit.testing.copy_kit``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml  # pinned by the project

TOUCHED = "self-compassion-break"  # the exercise the touch and edit rebuilds change
TITLE_LIMIT = 70  # characters; the exercise schema's limit, which copies must keep


def exercise_files(src: Path) -> list[Path]:
    """The exercises of a source tree (not their index page), by file name."""
    return sorted(path for path in (src / "exercises").glob("*.md") if path.name != "index.md")


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter with its last newline, body) of a page that starts with ``---``."""
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 4)
    return text[4:end + 1], text[end + 5:]


def is_paragraph_line(line: str) -> bool:
    """A line of plain prose: not blank, not a heading, list, quote, table or directive."""
    stripped = line.strip()
    return bool(stripped) and not re.match(r"[#\-*>|:`{(]|\d+\.", stripped)


def change_exercise(src: Path, appended: str) -> Path:
    """Append ``appended`` to the first paragraph line of one exercise's body."""
    path = src / "exercises" / f"{TOUCHED}.md"
    if not path.is_file():
        path = exercise_files(src)[0]
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text)
    lines = body.split("\n")
    index = next(i for i, line in enumerate(lines) if is_paragraph_line(line))
    lines[index] += appended
    path.write_text(f"---\n{front}---\n" + "\n".join(lines), encoding="utf-8")
    return path


def copy_title(title: str, copy: int, taken: set[str]) -> str:
    """``title`` with its end replaced by " (copy N)", no longer than the original (a
    longer title can take another line in print and push a handout that just fits over
    its page limit, which fails the build); unique among ``taken``."""
    suffix = f" (copy {copy})"
    new = title[:max(len(title) - len(suffix), 1)].rstrip() + suffix
    if new in taken or len(new) > TITLE_LIMIT:
        raise ValueError(f"cannot make a unique title of at most {TITLE_LIMIT} characters "
                         f"from {title!r}")
    taken.add(new)
    return new


def multiply_exercises(src: Path, factor: int) -> int:
    """Add factor-1 copies of every exercise (new id and title); return the exercise count."""
    originals = exercise_files(src)
    taken = {yaml.safe_load(split_front_matter(p.read_text("utf-8"))[0])["title"]
             for p in originals}
    for path in originals:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(front)
        for copy in range(1, factor):
            new_id = f"{data['id']}-copy{copy}"
            title = copy_title(data["title"], copy, taken)
            lines = front.split("\n")
            for i, line in enumerate(lines):
                if line.startswith("id:"):
                    lines[i] = f"id: {new_id}"
                elif line.startswith("title:"):
                    lines[i] = f"title: {json.dumps(title, ensure_ascii=False)}"
            (path.parent / f"{new_id}.md").write_text(
                "---\n" + "\n".join(lines) + "---\n" + body, encoding="utf-8")
    return len(exercise_files(src))
