"""Content is untrusted: a page may not reach outside the project or the page.

The site is built from contributions (pull-request previews), so a content
file must not be able to publish a file of the build machine, fetch anything,
or put its own HTML on the site. Docutils has switches for exactly this
("Deploying Docutils Securely"), which Sphinx passes on through
``env.settings``:

- ``file_insertion_enabled = False``: ``{include}``, ``{literalinclude}``,
  ``{raw}``/``{csv-table}`` with ``:file:`` or ``:url:`` are refused with a
  located warning, before any file is opened or any address resolved;
- ``raw_enabled = False``: ``{raw}`` is refused the same way.

Other ways in are not covered by those switches, and are refused here with a
located message (and removed, so even a lenient build publishes nothing):

- raw HTML written straight into Markdown (MyST's Sphinx parser ignores
  ``raw_enabled``): a ``<meta http-equiv=refresh>`` or ``<script>`` would
  run on the site under its own origin;
- ``<meta http-equiv>`` from ``{meta}`` (front matter cannot set MyST's
  settings at all: rules.frontmatter.screen refuses ``myst:`` before MyST reads it);
- ``{download}`` (and Markdown links to files) of a file outside the project;
- a project setting that hands content the build: MyST's ``substitution``
  extension renders ``{{ ... }}`` with Jinja and the Sphinx environment.

The kit's own directives build nodes in Python and read the kit's data files
themselves, so none of this touches them; ``{kit-include}`` (read.projectinclude)
is the way to share Markdown between pages, from inside the project only.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from compassion_kit.problems import Problem, report, stop

# docutils settings that keep content from reaching files and the network.
LOCKED_SETTINGS = {"file_insertion_enabled": False, "raw_enabled": False}
SNIPPET = 60
COMMENT = re.compile(r"<!--(?:(?!-->).)*-->", re.DOTALL)
# MyST extensions that would hand content the build itself: "substitution"
# renders {{ ... }} with Jinja and the Sphinx environment in reach.
UNSAFE_MYST_EXTENSIONS = ("substitution",)


def check_config(app: Sphinx, config: Config) -> None:
    """The project's own settings must not open content up again."""
    unsafe = sorted(set(config.myst_enable_extensions) & set(UNSAFE_MYST_EXTENSIONS))
    if unsafe:
        stop(Problem(str(Path(app.confdir, "conf.py")), 0, "myst_enable_extensions",
                     f"'{', '.join(unsafe)}' lets a page run code at build time (MyST renders "
                     "{{ ... }} with Jinja and the Sphinx environment); the kit treats content "
                     "as untrusted, so it is refused", "untrusted"))


def lock_settings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before any document is parsed (forked readers inherit this)."""
    env.settings.update(LOCKED_SETTINGS)


def _where(node: nodes.Node, app: Sphinx) -> tuple[str, int]:
    source, line = get_source_line(node)
    return source or str(app.env.doc2path(app.env.docname)), line or 1


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def refuse_raw(app: Sphinx, doctree: nodes.document) -> None:
    """Raw output in a freshly read page can only come from the content
    (the kit adds its own raw parts later, after reading). An HTML comment
    is dropped without a word: it never shows, and it is not refused markup."""
    for node in list(doctree.findall(nodes.raw)):
        if COMMENT.fullmatch(node.astext().strip()):
            node.parent.remove(node)
            continue
        path, line = _where(node, app)
        report(Problem(path, line, "raw HTML",
                       f"refused: content may not contain raw HTML or other raw output "
                       f"({_snippet(node.astext())!r}); write it in Markdown", "untrusted"))
        node.parent.remove(node)
    for meta in list(doctree.findall(nodes.meta)):
        if any(key.startswith("http-equiv") for key in meta.attributes) or "http-equiv" in (
                meta.get("name") or ""):
            path, line = _where(meta, app)
            report(Problem(path, line, "meta", "refused: content may not set 'http-equiv' "
                           "meta tags (a refresh would send readers to another site)",
                           "untrusted"))
            meta.parent.remove(meta)


def refused_path(path: Path, srcdir: Path, build: tuple[Path, ...], settings: Path
                 ) -> str | None:
    """Why content may not publish or embed the file at ``path``, or None.

    Only files of the project (``srcdir``), after following symbolic links;
    not hidden ones (``.git/config`` can hold a token), not the ``build``
    output, and not the clinician's private ``settings`` file.
    """
    resolved, srcdir = Path(path).resolve(), Path(srcdir).resolve()
    if not resolved.is_relative_to(srcdir):
        return "is outside the project folder"
    if any(part.startswith(".") for part in resolved.relative_to(srcdir).parts):
        return "is hidden (or in a hidden folder such as .git), so it is never published"
    if any(resolved.is_relative_to(Path(folder).resolve()) for folder in build):
        return "is in the build output"
    if resolved == Path(settings).resolve():
        return "is the clinician's private settings file"
    return None


def refused_file(app: Sphinx, path: Path) -> str | None:
    """``refused_path`` for this build (its output folders and settings file)."""
    return refused_path(path, Path(app.srcdir), (Path(app.outdir), Path(app.doctreedir)),
                        Path(app.srcdir, app.config.kit_handout_settings))


def refuse_outside_downloads(app: Sphinx, doctree: nodes.document) -> None:
    """A download copies the file into the site: only files of the project."""
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node.get("reftarget", "")
        if "://" in target:
            continue  # a link to elsewhere, never fetched at build time
        _relative, absolute = app.env.relfn2path(target, app.env.docname)
        why = refused_file(app, Path(absolute))
        if why is not None:
            path, line = _where(node, app)
            report(Problem(path, line, f"download '{target}'",
                           f"refused: a download must be a file of the project; this one {why}",
                           "untrusted"))
            node.replace_self(nodes.inline("", "", *node.children))


def setup_untrusted(app: Sphinx) -> None:
    app.connect("config-inited", check_config)
    app.connect("env-before-read-docs", lock_settings)
    # Before Sphinx's download collector (priority 500) copies anything.
    app.connect("doctree-read", refuse_outside_downloads, priority=300)
    app.connect("doctree-read", refuse_raw, priority=300)
