"""Sources must be UTF-8, of a sane size and with safe front matter; every
image a page shows must be a file of the kit, with alt text.

Readers must not be tracked by a remote image, and a handout must never embed
a file from elsewhere on the machine, so anything that is not a relative path
inside the source folder stops the build, as does an image without alt text.
A refused image is also taken out of the page, so that no later step (or a
lenient build) fetches or copies it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from compassion_kit.problems import Problem, report
from compassion_kit.read.projectinclude import setup_projectinclude
from compassion_kit.read.untrusted import refused_file, setup_untrusted
from compassion_kit.rules import frontmatter


def image_problems(doctree: nodes.document, srcdir: Path, docdir: Path, path: str,
                   refused: Callable[[Path], str | None] | None = None) -> list[Problem]:
    """``refused(file)`` says why a file inside the project may still not be
    shown (hidden, private); by default only files outside are refused."""
    problems = []
    for image in doctree.findall(nodes.image):
        uri, line = image["uri"], image.line or 1
        where = f"image '{uri}'"
        if urlparse(uri).scheme or uri.startswith("//"):
            problems.append(Problem(path, line, where, "must be a file inside the project, "
                                    "not a web address or a file: URL", "image"))
        else:
            target = (srcdir / uri.lstrip("/")) if uri.startswith("/") else (docdir / uri)
            if not target.resolve().is_relative_to(srcdir.resolve()):
                problems.append(Problem(path, line, where,
                                        "is outside the project folder", "image"))
            elif refused is not None and (why := refused(target)) is not None:
                problems.append(Problem(path, line, where, why, "image"))
        if not image.get("alt", "").strip():
            problems.append(Problem(path, line, where, "needs alt text that says what it "
                                    "shows (![what it shows](file.png))", "image"))
    return problems


def check_images(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: report the page's refused images and take them out."""
    path = app.env.doc2path(app.env.docname)
    problems = image_problems(doctree, Path(app.srcdir), Path(path).parent, str(path),
                              lambda target: refused_file(app, target))
    for problem in problems:
        report(problem)
    refused = {problem.where for problem in problems if problem.subtype == "image"
               and "alt text" not in problem.message}
    for image in list(doctree.findall(nodes.image)):
        if f"image '{image['uri']}'" in refused:
            image.replace_self(nodes.inline("", image.get("alt", "")))


def source_problem(path: Path, max_bytes: int) -> Problem | None:
    """Why ``path`` must not be parsed at all, or None."""
    data = path.read_bytes()
    if len(data) > max_bytes:
        return Problem(str(path), 1, "size", f"{len(data) // 1024} KB is more than the "
                       f"{max_bytes // 1024} KB a page may have (kit_max_source_kb); split it",
                       "size")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(str(path), line, "encoding", f"not UTF-8 (byte {data[error.start]:#04x});"
                       " save the file as UTF-8", "encoding")
    # MyST parses every page's front matter too: screen it before MyST does.
    source = frontmatter.split(text)
    return frontmatter.screen(str(path), source) if source is not None else None


def check_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Sphinx stops with a bare traceback on a file that is not UTF-8, and
    would spend minutes and gigabytes on a huge file or a YAML bomb: say which
    file and where instead, and leave it out of this build."""
    max_bytes = app.config.kit_max_source_kb * 1024
    for docname in list(docnames):
        problem = source_problem(Path(env.doc2path(docname)), max_bytes)
        if problem is not None:
            report(problem)
            docnames.remove(docname)
            if docname not in env.all_docs:
                # Never read: for this build it does not exist (Sphinx would
                # otherwise look for a doctree it never made). A page read
                # before keeps its last good version; both are checked again
                # next time, as the file is still newer than the build.
                env.project.docnames.discard(docname)


def setup_source_checks(app: Sphinx) -> None:
    # Before Sphinx's own image collector would warn about unreadable files.
    app.connect("doctree-read", check_images, priority=400)
    app.connect("env-before-read-docs", check_sources)
    setup_projectinclude(app)  # the one way left to include a file (untrusted turns off the rest)
    setup_untrusted(app)


