"""All kit state in the build environment, kept parallel- and incremental-safe.

``env.kit_items`` maps docname -> the printable Items of every valid source;
``env.kit_invalid`` holds items that failed their checks (re-read on every
build, so an incremental build cannot pass by not looking at them again);
``env.kit_library_docs`` holds the docs that list items (they are rebuilt when
any item changes).

Incremental builds must agree with clean ones: every file an item's checks
read (its JSON Schema, the bibliography) is a dependency of that item, so
changing it re-reads the item; and ENV_VERSION changes whenever the shape of
this state changes, so Sphinx never reuses a pickled environment it cannot
read.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from compassion_kit.problems import Problem, report
from compassion_kit.read import items as reading
from compassion_kit.read import workshops
from compassion_kit.read.kinds import kind_of
from compassion_kit.rules import frontmatter, sections

ENV_VERSION = 3  # 3: items know their language (Item.lang)


def ensure_state(env: BuildEnvironment) -> None:
    # A pickled environment from an earlier build already has the state.
    if not hasattr(env, "kit_items"):
        env.kit_items = {}
        env.kit_invalid = set()
        env.kit_library_docs = set()


class KitCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        ensure_state(env)
        env.kit_items.pop(docname, None)
        env.kit_invalid.discard(docname)
        env.kit_library_docs.discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str],
                    other: BuildEnvironment) -> None:
        ensure_state(env)
        for docname in docnames:
            if docname in other.kit_items:
                env.kit_items[docname] = other.kit_items[docname]
            if docname in other.kit_invalid:
                env.kit_invalid.add(docname)
            if docname in other.kit_library_docs:
                env.kit_library_docs.add(docname)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        ensure_state(env)
        kind = kind_of(app, env.docname)
        if kind is not None:
            for dependency in (getattr(app.config, kind.schema_config),
                               app.config.kit_bibliography):
                env.note_dependency(str(Path(app.srcdir, dependency)))
            found = reading.read(app, env.docname, doctree, kind)
            problems = field_name_problems(env.doc2path(env.docname)) if found else []
            for problem in problems:
                report(problem)
            if not found or problems:
                env.kit_invalid.add(env.docname)
            else:
                env.kit_items[env.docname] = tuple(found)
                kind.decorate(app, doctree, found, env.docname)


def field_name_problems(path) -> list[Problem]:
    """Write-in fields become form fields and anchors named after 'name', so
    two with one name would collide in the PDF ("Anchor defined twice")."""
    try:
        front = frontmatter.load(path)
    except frontmatter.FrontMatterError:
        return []  # already reported by the reader
    fields = front.data.get("fields")
    if not isinstance(fields, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for index, field in enumerate(fields):
        name = field.get("name") if isinstance(field, dict) else None
        if not isinstance(name, str):
            continue
        if name in first:
            problems.append(Problem(str(path), front.line_of(["fields", index, "name"]),
                                    f"field 'fields[{index}].name'",
                                    f"'{name}' is already the name of fields[{first[name]}]; "
                                    "each write-in space needs its own name"))
        first.setdefault(name, index)
    return problems


def items(env: BuildEnvironment) -> list:
    """Every valid item, sorted by id (a stable order for catalogue and cards)."""
    ensure_state(env)
    return sorted((item for found in env.kit_items.values() for item in found),
                  key=lambda item: item.id)


def check_unique_ids(app: Sphinx, env: BuildEnvironment) -> None:
    """Ids name the PDFs and catalogue entries, so they must be unique kit-wide."""
    by_id = defaultdict(list)
    for item in items(env):
        by_id[item.id].append(item)
    for item_id, same in by_id.items():
        if len(same) > 1:
            paths = [str(env.doc2path(item.docname)) for item in same]
            for path in paths[1:]:
                line = frontmatter.load(path).line_of(["id"])
                report(Problem(path, line, "field 'id'",
                               f"duplicate id '{item_id}': also used by {paths[0]}"))


def check_workshop_exercises(app: Sphinx, env: BuildEnvironment) -> None:
    """Workshops may only name exercises the kit has (known once all are read)."""
    known = {item.id for item in items(env) if item.kind == "exercise"}
    guides = {item.docname for item in items(env) if item.kind == "workshop-guide"}
    for docname in sorted(guides):
        front = frontmatter.load(env.doc2path(docname))
        for problem in workshops.missing_exercises(front, known):
            report(problem)


def library_docs_outdated(app: Sphinx, env: BuildEnvironment, added: set[str],
                          changed: set[str], removed: set[str]) -> list[str]:
    """Invalid items are always re-read (to report them again), and pages
    listing items are re-read when any item is added, changed or removed.

    When a page is added or removed, every page is read and written again:
    each one shows the site's navigation (and its neighbours' links), which
    Sphinx would otherwise leave pointing at a page that is gone.
    """
    ensure_state(env)
    if added or removed:
        return sorted(env.found_docs - added)
    touched = {name for name in added | changed | removed if kind_of(app, name)}
    again = set(env.kit_invalid) - removed
    if touched:
        again |= env.kit_library_docs - removed
    return sorted(again)


def setup(app: Sphinx) -> dict:
    app.add_env_collector(KitCollector)
    app.add_transform(sections.RememberSourceHeadings)
    app.connect("env-check-consistency", check_unique_ids)
    app.connect("env-check-consistency", check_workshop_exercises)
    app.connect("env-get-outdated", library_docs_outdated)
    # Declared here, where the state lives: Sphinx discards a pickled
    # environment whose extensions' env_version differs.
    return {"env_version": ENV_VERSION, "parallel_read_safe": True,
            "parallel_write_safe": True}


def setup_collector(app: Sphinx) -> None:
    app.setup_extension(__name__)
