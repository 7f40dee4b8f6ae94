"""Sources must be UTF-8; every image a page shows must be a file of the kit, with alt text.

Readers must not be tracked by a remote image, and a handout must never embed
a file from elsewhere on the machine, so anything that is not a relative path
inside the source folder stops the build, as does an image without alt text.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from sphinx.application import Sphinx

from .problems import Problem, report


def image_problems(doctree: nodes.document, srcdir: Path, docdir: Path, path: str
                   ) -> list[Problem]:
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
        if not image.get("alt", "").strip():
            problems.append(Problem(path, line, where, "needs alt text that says what it "
                                    "shows (![what it shows](file.png))", "image"))
    return problems


def check_images(app: Sphinx, doctree: nodes.document) -> None:
    path = app.env.doc2path(app.env.docname)
    for problem in image_problems(doctree, Path(app.srcdir), Path(path).parent, str(path)):
        report(problem)


def check_encodings(app: Sphinx, env, docnames: list[str]) -> None:
    """Sphinx stops with a bare traceback on a file that is not UTF-8; say
    which file and where instead, and leave it out of this build."""
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            report(Problem(str(path), line, "encoding",
                           f"not UTF-8 (byte {data[error.start]:#04x}); save the file as "
                           "UTF-8", "encoding"))
            docnames.remove(docname)


def setup_assets_check(app: Sphinx) -> None:
    # Before Sphinx's own image collector would warn about unreadable files.
    app.connect("doctree-read", check_images, priority=400)
    app.connect("env-before-read-docs", check_encodings)
