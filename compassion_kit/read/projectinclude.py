"""``{kit-include}``: the one way to insert another file, and only from the project.

Docutils file insertion is off for content (see read.untrusted), so
``{include}`` and ``{literalinclude}`` are refused. A page that needs to
share Markdown with another uses ``{kit-include} path/to/part.md`` instead:
the path is resolved (symbolic links included) and must be a Markdown file
inside the project folder, outside the build output; the file is read as
UTF-8, parsed as MyST with the same untrusted-content rules, and recorded as
a dependency so an edit to it rebuilds the page.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from compassion_kit.problems import Problem, report
from compassion_kit.read.untrusted import refused_path

MAX_DEPTH = 3  # an include may include, but never in a loop
STACK = "kit_include_stack"


class KitInclude(SphinxDirective):
    """``{kit-include} path``: the Markdown file's content, parsed in place."""

    required_arguments = 1
    final_argument_whitespace = True
    build_dirs: tuple[Path, ...] = ()  # set when the builder starts (see below)

    def _refuse(self, message: str) -> list[nodes.Node]:
        source, line = self.get_source_info()
        report(Problem(str(source), line or 1, f"kit-include '{self.arguments[0]}'",
                       f"refused: {message}", "untrusted"))
        return []

    def run(self) -> list[nodes.Node]:
        _relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        path = Path(absolute).resolve()
        why = refused_path(path, Path(self.env.srcdir), self.build_dirs,
                           Path(self.env.srcdir, self.config.kit_handout_settings))
        if why is not None:
            return self._refuse(f"only files inside the project folder can be included; this "
                                f"one {why}")
        if path.suffix != ".md" or not path.is_file():
            return self._refuse("not a Markdown (.md) file of the project")
        if path.stat().st_size > self.config.kit_max_source_kb * 1024:
            return self._refuse(f"larger than {self.config.kit_max_source_kb} KB")
        stack = _include_stack(self.env)
        if str(path) in stack or len(stack) >= MAX_DEPTH:
            return self._refuse(f"includes nested too deep or in a loop ({len(stack)} levels)")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            return self._refuse("not UTF-8; save the file as UTF-8")
        self.env.note_dependency(str(path))
        stack.append(str(path))
        try:
            return self.parse_text_to_nodes(text)
        finally:
            stack.pop()


def _include_stack(env: BuildEnvironment) -> list[str]:
    """The files being included into the page being read, outermost first
    (kept with the page's other reading state, so it ends with the page)."""
    if STACK not in env.current_document:
        env.current_document[STACK] = []
    stack: list[str] = env.current_document[STACK]
    return stack


def _note_build_dirs(app: Sphinx) -> None:
    KitInclude.build_dirs = (Path(app.outdir).resolve(), Path(app.doctreedir).resolve())


def setup_projectinclude(app: Sphinx) -> None:
    app.add_directive("kit-include", KitInclude)
    app.connect("builder-inited", _note_build_dirs)
