"""Read every item source and keep the kit's state in the build environment.

For each document of a source kind (read/kinds.py) the collector validates
the source (JSON Schema, bibliography keys, data and body rules), reports
every problem at its line, and keeps the items of a valid source. The state
is one ``KitState`` on the environment, reached only through this module's
functions (``items``, ``note_item_listing``), and kept parallel- and
incremental-safe:

- ``items`` maps docname -> the printable Items of every valid source;
- ``listings`` holds the docs that list items (library, contraindications):
  they are re-read when any item changes.

A source that fails its checks is marked with Sphinx's ``note_reread``, so
every later build reads it again and reports it again: an incremental build
cannot pass by not looking at it.

Incremental builds must agree with clean ones: every file an item's checks
read (its JSON Schema, the bibliography) is a dependency of that item, so
changing it re-reads the item; and ENV_VERSION changes whenever the shape of
this state changes, so Sphinx never reuses a pickled environment it cannot
read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, field, replace
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from compassion_kit.i18n import languages
from compassion_kit.model import Item
from compassion_kit.problems import Problem, report
from compassion_kit.read import workshops
from compassion_kit.read.kinds import SourceKind, source_kind_of
from compassion_kit.rules import bibliography, frontmatter, schema, sections

ENV_VERSION = 4  # 4: one KitState; invalid sources through note_reread (3: Item.lang)
STATE = "kit_state"  # the environment's attribute that holds it


@dataclass
class KitState:
    """What the kit keeps between builds (pickled with the environment)."""

    items: dict[str, tuple[Item, ...]] = field(default_factory=dict)  # docname -> its items
    listings: set[str] = field(default_factory=set)  # docs that list items


def state(env: BuildEnvironment) -> KitState:
    """The kit's state on ``env``, made on first use (a pickled environment
    from an earlier build already has it)."""
    found = getattr(env, STATE, None)
    if not isinstance(found, KitState):
        found = KitState()
        setattr(env, STATE, found)
    return found


def items(env: BuildEnvironment) -> list[Item]:
    """Every valid item, sorted by id (a stable order for catalogue and cards)."""
    return sorted((item for found in state(env).items.values() for item in found),
                  key=lambda item: item.id)


def note_item_listing(env: BuildEnvironment, docname: str) -> None:
    """``docname`` lists items (a library, the contraindications table): read
    it again whenever any item is added, changed or removed."""
    state(env).listings.add(docname)


# -- Reading a source ---------------------------------------------------------------------------

def _source_problems(app: Sphinx, front: frontmatter.FrontMatter) -> list[Problem]:
    bib_path = Path(app.srcdir, app.config.kit_bibliography)
    if not bib_path.exists():
        return [Problem(front.path, 1, "field 'sources'",
                        f"bibliography {app.config.kit_bibliography} not found")]
    known = bibliography.keys(bib_path)
    sources = front.data.get("sources")
    if not isinstance(sources, list):
        return []  # the schema reports the wrong type
    return [
        Problem(front.path, front.line_of(["sources", index]), f"field 'sources[{index}]'",
                f"'{key}' is not a key in {app.config.kit_bibliography}")
        for index, key in enumerate(sources)
        if isinstance(key, str) and key not in known
    ]


def read(app: Sphinx, docname: str, doctree: nodes.document, kind: SourceKind) -> list[Item]:
    """Validate the source; report every problem; return its items only if it is valid."""
    path = str(app.env.doc2path(docname))
    try:
        front = frontmatter.load(path)
    except frontmatter.FrontMatterError as error:
        # Without front matter there is no title, so body checks would only add noise.
        problems = [error.problem]
    else:
        schema_path = Path(app.srcdir, getattr(app.config, kind.schema_config))
        problems = schema.validate(front, str(schema_path))
        problems += _source_problems(app, front)
        if not problems:  # data rules assume the schema holds
            problems += kind.check_data(front)
        problems += kind.check_body(doctree, path)
    for problem in sorted(problems, key=lambda problem: problem.line):
        report(problem)
    if problems:
        return []
    # In a translated edition, the reader's words of the front matter come from
    # the page's catalogue (a missing one is reported by languages.py).
    data, _missing = languages.translate_front(app.env, docname, front.data)
    found = kind.make_items(docname, data)
    lang = languages.language(app.config)
    return found if lang == languages.SOURCE_LANGUAGE else \
        [replace(item, lang=lang) for item in found]


def field_name_problems(path: str | Path) -> list[Problem]:
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
    for index, field_data in enumerate(fields):
        name = field_data.get("name") if isinstance(field_data, dict) else None
        if not isinstance(name, str):
            continue
        if name in first:
            problems.append(Problem(str(path), front.line_of(["fields", index, "name"]),
                                    f"field 'fields[{index}].name'",
                                    f"'{name}' is already the name of fields[{first[name]}]; "
                                    "each write-in space needs its own name"))
        first.setdefault(name, index)
    return problems


class KitCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        kit = state(env)
        kit.items.pop(docname, None)
        kit.listings.discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str],
                    other: BuildEnvironment) -> None:
        kit, theirs = state(env), state(other)
        for docname in docnames:
            if docname in theirs.items:
                kit.items[docname] = theirs.items[docname]
            if docname in theirs.listings:
                kit.listings.add(docname)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        kit = state(env)
        kind = source_kind_of(app, env.docname)
        if kind is None:
            return
        for dependency in (getattr(app.config, kind.schema_config), app.config.kit_bibliography):
            env.note_dependency(str(Path(app.srcdir, dependency)))
        found = read(app, env.docname, doctree, kind)
        problems = field_name_problems(env.doc2path(env.docname)) if found else []
        for problem in problems:
            report(problem)
        if not found or problems:
            env.note_reread()  # Sphinx reads it again in every later build
        else:
            kit.items[env.docname] = tuple(found)
            kind.decorate(app, doctree, found, env.docname)


# -- Once every source is read ------------------------------------------------------------------

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
    known = {item.id for item in items(env) if item.kind_info.practice}
    plans = {item.docname for item in items(env) if item.kind_info.guide}
    for docname in sorted(plans):
        front = frontmatter.load(env.doc2path(docname))
        for problem in workshops.missing_exercises(front, known):
            report(problem)


def listings_outdated(app: Sphinx, env: BuildEnvironment, added: set[str],
                      changed: set[str], removed: set[str]) -> list[str]:
    """Pages listing items are re-read when any item is added, changed or removed.

    When a page is added or removed, every page is read and written again:
    each one shows the site's navigation (and its neighbours' links), which
    Sphinx would otherwise leave pointing at a page that is gone.
    """
    if added or removed:
        return sorted(env.found_docs - added)
    if any(source_kind_of(app, name) for name in changed):
        return sorted(state(env).listings)
    return []


def setup(app: Sphinx) -> dict:
    app.add_env_collector(KitCollector)
    app.add_transform(sections.RememberSourceHeadings)
    app.connect("env-check-consistency", check_unique_ids)
    app.connect("env-check-consistency", check_workshop_exercises)
    app.connect("env-get-outdated", listings_outdated)
    # Declared here, where the state lives: Sphinx discards a pickled
    # environment whose extensions' env_version differs.
    return {"env_version": ENV_VERSION, "parallel_read_safe": True,
            "parallel_write_safe": True}


def setup_collector(app: Sphinx) -> None:
    app.setup_extension(__name__)
