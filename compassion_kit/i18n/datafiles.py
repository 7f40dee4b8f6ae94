"""The data files (crisis lines, the group agreement) in the build's language.

A data file has a catalogue of its own beside the documents' ones, under the
file's path (``locales/<lang>/LC_MESSAGES/docs/_data/crisis-lines.po``), made
by the gettext build (i18n.extraction) and read the same way as a page's.
``DATA_STRINGS`` says which values a reader sees; numbers, codes and ids stay
as they are. Every such value must have a translation: each build checks
them all (``check_data_translations``), as the pages that show a data file
may not be read again.

The modules that own a data file register its loader here
(``register_data_file``: web.supportlines, web.agreement), so this layer
never imports theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from compassion_kit.i18n.catalogues import (
    Value,
    Where,
    catalogue_path,
    is_translation,
    read_catalogue,
    translate_values,
)
from compassion_kit.problems import Problem, report
from compassion_kit.rules import frontmatter

# What a reader sees of each data file, as paths with '*' for every key or
# index. The crisis lines' numbers, codes and ids stay as they are.
DATA_STRINGS = {
    "kit_crisis_data": (
        ("regions", "*", "name"), ("regions", "*", "where"), ("regions", "*", "emergency"),
        ("regions", "*", "what_to_expect"), ("regions", "*", "lines", "*", "name"),
        ("regions", "*", "lines", "*", "reach"), ("regions", "*", "lines", "*", "hours"),
        ("regions", "*", "lines", "*", "for"),
    ),
    "kit_group_agreement": (
        ("title",), ("intro",), ("points", "*"), ("disclosure",),
    ),
}


def _match(data: object, pattern: tuple[str, ...], path: Where = ()
           ) -> Iterator[tuple[Where, str]]:
    if not pattern:
        if isinstance(data, str):
            yield path, data
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        pairs: Any = (data.items() if isinstance(data, dict)
                      else enumerate(data) if isinstance(data, list) else ())
        for key, value in pairs:
            yield from _match(value, rest, (*path, key))
    elif isinstance(data, dict) and step in data:
        yield from _match(data[step], rest, (*path, step))


def _data_label(path: Where, data: Any) -> str:
    """'regions.uk.lines[samaritans].reach': ids rather than indexes, for translators."""
    words: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            item = node[step]
            key = item.get("id") if isinstance(item, dict) else None
            words[-1] += f"[{key if key is not None else step}]"
        else:
            words.append(str(step))
        node = node[step]
    return ".".join(words)


def data_values(config_name: str, data: object) -> list[Value]:
    """(where, label, English text) of every value of the data a reader sees."""
    return [(path, _data_label(path, data), value)
            for pattern in DATA_STRINGS[config_name] for path, value in _match(data, pattern)]


def data_domain(srcdir: str | PathLike[str], path: Path) -> str:
    """'docs/_data/crisis-lines' for docs/_data/crisis-lines.yaml (a data file
    outside the project: its name alone)."""
    try:
        relative = Path(path).resolve().relative_to(Path(srcdir).resolve())
    except ValueError:
        relative = Path(Path(path).name)
    return relative.with_suffix("").as_posix()


def data_catalogue_path(env: Sphinx | BuildEnvironment, path: Path) -> Path | None:
    """The build language's catalogue of the data file at ``path``, or None."""
    return catalogue_path(env.srcdir, env.config, data_domain(env.srcdir, path))


_TRANSLATED_DATA: dict[tuple[str, str, int, str, int], Any] = {}


def translate_data(env: Sphinx | BuildEnvironment, config_name: str, path: Path,
                   data: Any) -> Any:
    """The data of ``path`` in the build's language (English where missing; the
    check reports it). Kept while the file and its catalogue are unchanged:
    callers must not change it."""
    if not is_translation(env.config):
        return data
    found_path = data_catalogue_path(env, path)
    stamp = found_path.stat().st_mtime_ns if found_path is not None else 0
    key = (config_name, str(path), Path(path).stat().st_mtime_ns, str(found_path), stamp)
    if key not in _TRANSLATED_DATA:
        found = read_catalogue(found_path) if found_path is not None else None
        _TRANSLATED_DATA[key], _missing = translate_values(
            data_values(config_name, data), data, found, f"{data_domain(env.srcdir, path)}.po")
    return _TRANSLATED_DATA[key]


def note_data_catalogue(env: BuildEnvironment, path: Path) -> None:
    """A page that shows a data file depends on its catalogue too."""
    if is_translation(env.config):
        found = data_catalogue_path(env, path)
        if found is not None:
            env.note_dependency(str(found))


# -- The data files of the build -----------------------------------------------------------

# The loader of each data file, by the config value that names it, and the
# errors it raises for a broken file. The modules that own the data register
# them (web.supportlines, web.agreement), so this layer never imports theirs.
DATA_LOADERS: dict[str, tuple[Callable[[Path], object], tuple[type[Exception], ...]]] = {}


def register_data_file(config_name: str, loader: Callable[[Path], object],
                       errors: tuple[type[Exception], ...]) -> None:
    """Have the data file named by ``config_name`` checked for translations."""
    DATA_LOADERS[config_name] = (loader, errors)


@dataclass(frozen=True)
class DataFile:
    """One registered data file of the build, loaded."""

    config_name: str  # the config value that names it
    path: Path
    data: object
    domain: str  # its catalogue's name

    def lines(self) -> frontmatter.FrontMatter | None:
        """The file's YAML nodes, for the line of each value (None if unreadable)."""
        try:
            text = self.path.read_text(encoding="utf-8")
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            return None
        return frontmatter.FrontMatter(str(self.path), {}, node, 0)


def data_files(app: Sphinx) -> Iterator[DataFile]:
    """Every registered data file that loads (a broken one is reported where
    the data is used)."""
    for config_name in DATA_STRINGS:
        if config_name not in DATA_LOADERS:
            continue
        path = Path(app.srcdir, getattr(app.config, config_name))
        loader, errors = DATA_LOADERS[config_name]
        caught: tuple[type[Exception], ...] = (*errors, OSError)
        try:
            data = loader(path)
        except caught:
            continue
        if data is None:
            continue
        yield DataFile(config_name, path, data, data_domain(app.srcdir, path))


def check_data_translations(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Every string a reader sees of each data file has a translation
    (checked on every build: pages that show the data may not be read again)."""
    if not is_translation(app.config):
        return
    for each in data_files(app):
        found_path = catalogue_path(app.srcdir, app.config, each.domain)
        found = read_catalogue(found_path) if found_path is not None else None
        _translated, missing = translate_values(data_values(each.config_name, each.data),
                                                each.data, found, f"{each.domain}.po")
        lines = each.lines()
        for gap in missing:
            report(Problem(str(each.path), lines.line_of(gap.where) if lines else 1,
                           f"field '{gap.label}'",
                           f"untranslated ({gap.why}): '{gap.english}'", "translation"))
