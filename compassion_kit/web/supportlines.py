"""Crisis and support contacts, from one data file, rendered by region.

Every phone number, text code and crisis web address the kit shows comes from
``docs/_data/crisis-lines.yaml`` (built from the checked brief): a change of
number is one edit and every page and handout follows. This module reads and
checks that file and offers three ways to show it:

- the role ``{support-line}`ID``: one service of the build's region, in a
  sentence ("National Domestic Violence Hotline: call …");
- the directive ``{crisis-lines}``: every region (or ``:region: us``) as
  lists, with tap-to-call and tap-to-text links on the web;
- ``help_context``: the "Need help now?" bar on every web page.

In a translated edition the words of the file (names, how to reach, hours,
who for) come from its catalogue, ``locales/<lang>/LC_MESSAGES/docs/_data/
crisis-lines.po`` (``localized``); numbers and codes never change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import jsonschema
import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.typing import OptionSpec

from compassion_kit.i18n import datafiles
from compassion_kit.problems import Problem, report
from compassion_kit.words import _

REGIONS = ("us", "ca", "uk", "ie", "au", "nz", "intl")


class SupportDataError(Exception):
    """A data file that cannot be used, with the located problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Line:
    """One service of a region, as the data file gives it."""

    id: str
    name: str
    reach: str
    hours: str
    who: str
    tel: str | None = None
    sms: str | None = None
    sms_body: str | None = None
    crisis: bool = False
    language: str | None = None  # answers in this language (the safety line of its edition)


def safe_yaml(path: Path) -> object:
    """YAML without aliases: a data file is content, and aliases can explode."""
    text = path.read_text(encoding="utf-8")
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            # (the parser marks every event; the stubs allow None)
            line = event.start_mark.line + 1 if event.start_mark is not None else 1
            raise SupportDataError(Problem(str(path), line, "data", "YAML aliases (*name) are "
                                           "not allowed in the kit's data files"))
    return yaml.safe_load(text)


@lru_cache(maxsize=8)
def _load(path: str, _mtime: float) -> dict:
    try:
        # Dates become ISO strings, as JSON Schema expects ("format": "date").
        data = json.loads(json.dumps(safe_yaml(Path(path)), default=str))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise SupportDataError(Problem(path, line, "data", f"malformed YAML: {error}")) from error
    # The schema sits beside the data, so an editor can check the file too.
    schema_path = Path(path).with_name(Path(path).stem + ".schema.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    found = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data),
                   key=lambda error: list(error.absolute_path))
    if found:
        first = found[0]
        where = "/".join(str(step) for step in first.absolute_path) or "(top)"
        raise SupportDataError(Problem(path, 1, f"field '{where}'", first.message))
    return data


def load(path: str | Path) -> dict:
    """The checked data file (cached while the file is unchanged)."""
    path = Path(path)
    return _load(str(path), path.stat().st_mtime)


def lines_of(data: dict, region: str) -> list[Line]:
    """The services of ``region``, in the data file's order."""
    return [Line(id=str(entry["id"]), name=entry["name"], reach=entry["reach"],
                 hours=entry["hours"], who=entry["for"], tel=entry.get("tel"),
                 sms=entry.get("sms"), sms_body=entry.get("sms_body"),
                 crisis=bool(entry.get("crisis")), language=entry.get("language"))
            for entry in data["regions"][region]["lines"]]


def data_path(app_or_env: Sphinx | BuildEnvironment) -> Path:
    """The crisis-line data file of the project (``kit_crisis_data``)."""
    config = app_or_env.config
    return Path(app_or_env.srcdir, config.kit_crisis_data)


def localized(app_or_env: Sphinx | BuildEnvironment) -> dict:
    """The checked data file in the build's language (its words from the data
    file's catalogue; unchanged in English). Raises SupportDataError."""
    path = data_path(app_or_env)
    return datafiles.translate_data(app_or_env, "kit_crisis_data", path, load(path))


def note_dependencies(env: BuildEnvironment) -> None:
    """A page that shows the data changes with the file and its catalogue."""
    path = data_path(env)
    env.note_dependency(str(path))
    datafiles.note_data_catalogue(env, path)


def _digits(number: str) -> str:
    return "".join(char for char in number if char.isdigit())


def action_links(line: Line) -> list[nodes.Node]:
    """'Call' and 'Text' links a phone can act on (web only)."""
    links: list[nodes.Node] = []
    if line.tel:
        links.append(nodes.reference("", _("Call {name}").format(name=line.name),
                                     refuri=f"tel:{_digits(line.tel)}",
                                     classes=["kit-tap", "kit-web-only"]))
    if line.sms:
        body = f"?&body={line.sms_body}" if line.sms_body else ""
        links.append(nodes.reference("", _("Text {name}").format(name=line.name),
                                     refuri=f"sms:{_digits(line.sms)}{body}",
                                     classes=["kit-tap", "kit-web-only"]))
    return links


class support_line(nodes.inline):  # noqa: N801 - docutils style
    """A service named by id for the build's region; its children show the
    site's region. Print pages show each region's version (web.crisisline)."""


def line_text(line: Line) -> nodes.inline:
    """'<name>: <how to reach>' (the name in bold)."""
    node = nodes.inline(classes=["kit-support-line"])
    node += nodes.strong("", line.name)
    node += nodes.Text(f": {line.reach}")
    return node


def first_crisis_line(data: dict, region: str) -> Line | None:
    """The region's main crisis line: the first one the data marks ``crisis``."""
    return next((line for line in lines_of(data, region) if line.crisis), None)


def fallback_line(data: dict, region: str, wanted: str) -> Line | None:
    """The line a region prints for ``wanted``: itself, or the region's first
    crisis line when the region has no such service in the data (None when
    it has neither)."""
    found = next((line for line in lines_of(data, region) if line.id == wanted), None)
    return found or first_crisis_line(data, region)


class SupportLineRole(SphinxRole):
    """``{support-line}`domestic-violence``` -> 'National Domestic Violence Hotline: call …'.

    A bare id is the build's region (a handout prints the lines of its
    paper's region; where a region lacks that service, its crisis line);
    ``{support-line}`uk:samaritans``` names the region outright.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        note_dependencies(self.env)
        fixed, _colon, wanted = self.text.strip().rpartition(":")
        region = fixed or self.config.kit_region
        try:
            data = localized(self.env)
        except SupportDataError as error:
            report(error.problem)
            return [nodes.Text(self.text)], []
        found = {line.id: line for line in lines_of(data, region)} if region in REGIONS else {}
        if wanted not in found:
            source, number = self.get_source_info()
            report(Problem(str(source), number or 1, "role 'support-line'",
                           f"'{self.text}' is not a line of region '{region}' in "
                           f"{self.config.kit_crisis_data}; known: {', '.join(sorted(found))}"))
            return [nodes.Text(self.text)], []
        if fixed:
            return [line_text(found[wanted])], []
        node = support_line("", "", line_text(found[wanted]), line_id=wanted)
        return [node], []


def _line_item(line: Line) -> nodes.list_item:
    item = nodes.list_item()
    para = nodes.paragraph()
    para += nodes.strong("", line.name)
    para += nodes.Text(_(": {reach}. {hours}. For {who}.").format(
        reach=line.reach, hours=line.hours, who=line.who))
    item += para
    links = action_links(line)
    if links:
        bar = nodes.paragraph(classes=["kit-tap-bar", "kit-web-only"])
        for index, link in enumerate(links):
            if index:
                bar += nodes.Text(" ")
            bar += link
        item += bar
    return item


class CrisisLines(SphinxDirective):
    """Every region's lines (or one, with ``:region:``), each as a list."""

    option_spec: ClassVar[OptionSpec] = {"region": lambda value: directives.choice(value, REGIONS)}

    def run(self) -> list[nodes.Node]:
        note_dependencies(self.env)
        try:
            data = localized(self.env)
        except SupportDataError as error:
            report(error.problem)
            return []
        wanted = [self.options["region"]] if "region" in self.options else list(REGIONS)
        out: list[nodes.Node] = []
        for region in wanted:
            block = nodes.container(classes=["kit-crisis-region", f"kit-region-{region}"])
            heading = nodes.rubric("", data["regions"][region]["name"])
            block += heading
            listing = nodes.bullet_list()
            for line in lines_of(data, region):
                listing += _line_item(line)
            block += listing
            expect = data["regions"][region].get("what_to_expect")
            if expect:
                label = _("What happens when you reach out:")
                block += nodes.paragraph("", "", nodes.strong("", f"{label} "), nodes.Text(expect))
            out.append(block)
        checked = nodes.paragraph("", _("These contacts were last checked on {date}.").format(
            date=data["checked"]), classes=["kit-checked"])
        out.append(checked)
        # Translated through the data file's catalogue, never the page's.
        for part in out:
            for node in part.findall(nodes.TextElement):
                node["translatable"] = False
        return out


def help_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree: nodes.Node | None) -> None:
    """Give the page template the 'Need help now?' bar: link and tap targets."""
    try:
        data = localized(app)
    except SupportDataError:
        return  # the directive or role reports it; the bar then links the page only
    context["kit_help_page"] = context["pathto"](app.config.kit_support_page)
    first = first_crisis_line(data, app.config.kit_region)
    if first is not None:
        context["kit_help_line"] = {
            "name": first.name,
            "tel": _digits(first.tel) if first.tel else None,
            "sms": _digits(first.sms) if first.sms else None,
        }


def check_data_file(app: Sphinx, env: BuildEnvironment) -> None:
    """Report a broken data file once, even when no page uses it this time."""
    try:
        load(data_path(app))
    except SupportDataError as error:
        report(error.problem)
    except FileNotFoundError:
        report(Problem(str(data_path(app)), 1, "data", "crisis-line data file not found"))


def setup_supportlines(app: Sphinx) -> None:
    datafiles.register_data_file("kit_crisis_data", load, (SupportDataError,))
    app.add_config_value("kit_crisis_data", "docs/_data/crisis-lines.yaml", "env", types=(str,),
                         description="Crisis and support contacts (YAML), the one source.")
    app.add_config_value("kit_region", "us", "env", types=ENUM(*REGIONS),
                         description="Region whose lines the site and handouts show.")
    app.add_config_value("kit_handout_region", "", "", types=ENUM("", *REGIONS),
                         description="Region every handout prints (empty: US Letter and large "
                         "print the site's region, A4 the international lines).")
    app.add_config_value("kit_support_page", "docs/guides/finding-support", "html",
                         types=(str,), description="The page the 'Need help now?' bar links.")
    app.add_role("support-line", SupportLineRole())
    app.add_directive("crisis-lines", CrisisLines)
    app.connect("html-page-context", help_context)
    app.connect("env-check-consistency", check_data_file)
