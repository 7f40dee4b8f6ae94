"""Workshop plans: their checks, the agenda table, and their two handouts.

A plan is one page, ``docs/workshops/<id>.md``, with the sections every plan
has (in order) and an agenda in its front matter whose minutes must add up
(with a break in a long session, an opening, a debrief and a close). It
yields two printable items: ``<id>-guide`` (the facilitator guide: the whole
plan) and ``<id>-workbook`` (for participants: a cover and the handouts of
its exercises, in agenda order). ``{workshop-agenda}`` marks where the
agenda table goes; the page also gets a summary, the facts at a glance and
the print links of both handouts under its title.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from compassion_kit.model import WORKBOOK, WORKSHOP_GUIDE, Item
from compassion_kit.problems import Problem
from compassion_kit.read import workshop_package
from compassion_kit.read.items import print_links
from compassion_kit.rules import sections
from compassion_kit.rules.frontmatter import FrontMatter

NEEDS_BREAK_OVER = 75  # minutes; longer sessions need a pause
REQUIRED_KINDS = (("opening", "an opening"), ("debrief", "a debrief"), ("close", "a close"))
REQUIRED = (
    ("who", "Who it is for"),
    ("before", "Before the session"),
    ("safety", "Keeping it safe"),
    ("agenda", "Agenda"),
    ("notes", "Facilitator notes"),
    ("debrief", "Debrief"),
    ("adapt", "Adapting it"),
    ("after", "After the session"),
)


class agenda_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Where ``{workshop-agenda}`` stands; becomes the agenda table on read."""


class WorkshopAgenda(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = agenda_placeholder()
        self.set_source_info(node)
        return [node]


def check_body(doctree: nodes.document, path: str) -> list[Problem]:
    problems, found = sections.check_order(doctree, path, REQUIRED)
    if "safety" in found:
        problems.extend(sections.mentions_crisis_line(found["safety"], path))
    if "agenda" in found and not list(found["agenda"].findall(agenda_placeholder)):
        problems.append(Problem(path, found["agenda"].line or 1, "section 'Agenda'",
                                "must contain the {workshop-agenda} directive"))
    return problems


def check_agenda(front: FrontMatter) -> list[Problem]:
    """Minutes add up, long sessions have a break, the shape is complete."""
    data = front.data
    agenda, duration, name = data["agenda"], data["duration_minutes"], data["id"]
    where = "field 'agenda'"
    problems = []
    total = sum(segment["minutes"] for segment in agenda)
    if total != duration:
        gap = f"{abs(total - duration)} {'over' if total > duration else 'short'}"
        problems.append(Problem(
            front.path, front.line_of(["duration_minutes"]), where,
            f"workshop '{name}': the segments add up to {total} minutes but "
            f"duration_minutes is {duration} ({gap})"))
    kinds = [segment["kind"] for segment in agenda]
    if duration > NEEDS_BREAK_OVER and "break" not in kinds:
        problems.append(Problem(
            front.path, front.line_of(["agenda"]), where,
            f"workshop '{name}' runs {duration} minutes (over {NEEDS_BREAK_OVER}) "
            "but its agenda has no segment of kind 'break'"))
    for kind, label in REQUIRED_KINDS:
        if kind not in kinds:
            problems.append(Problem(front.path, front.line_of(["agenda"]), where,
                                    f"workshop '{name}': the agenda needs {label} "
                                    f"(a segment of kind '{kind}')"))
    listed = set(data["exercises"])
    used = {segment.get("exercise") for segment in agenda}
    for index, exercise in enumerate(data["exercises"]):
        if exercise not in used:
            problems.append(Problem(
                front.path, front.line_of(["exercises", index]), f"field 'exercises[{index}]'",
                f"workshop '{name}': exercise '{exercise}' is listed but no agenda segment "
                "uses it (the workbook follows the agenda)"))
    for index, segment in enumerate(agenda):
        if segment.get("exercise") and segment["exercise"] not in listed:
            problems.append(Problem(
                front.path, front.line_of(["agenda", index, "exercise"]),
                f"field 'agenda[{index}].exercise'",
                f"workshop '{name}': segment '{segment['title']}' uses exercise "
                f"'{segment['exercise']}', which is not in the 'exercises' list"))
    return problems


def missing_exercises(front: FrontMatter, known: set[str]) -> list[Problem]:
    """Exercises the plan names that the kit does not have (checked after reading)."""
    data = front.data
    problems = []
    for index, exercise in enumerate(data.get("exercises", [])):
        if exercise not in known:
            problems.append(Problem(front.path, front.line_of(["exercises", index]),
                                    f"field 'exercises[{index}]'",
                                    f"workshop '{data['id']}': exercise '{exercise}' "
                                    "does not exist (or is not valid)"))
    for index, segment in enumerate(data.get("agenda", [])):
        if segment.get("exercise") and segment["exercise"] not in known:
            problems.append(Problem(front.path, front.line_of(["agenda", index, "exercise"]),
                                    f"field 'agenda[{index}].exercise'",
                                    f"workshop '{data['id']}': segment '{segment['title']}' "
                                    f"names exercise '{segment['exercise']}', which does "
                                    "not exist"))
    return problems


def make_items(docname: str, data: dict) -> list[Item]:
    """The guide, the workbook, then the package (read.workshop_package)."""
    common = {"docname": docname, "audiences": ("team",),
              "duration_minutes": data["duration_minutes"], "meta": data}
    return [
        Item(id=f"{data['id']}-guide", kind=WORKSHOP_GUIDE.name,
             title=f"{data['title']}: Facilitator Guide", summary=data["summary"], **common),
        Item(id=f"{data['id']}-workbook", kind=WORKBOOK.name,
             title=f"{data['title']}: Participant Workbook", summary=data["summary"], **common),
        *workshop_package.package_items(docname, data),
    ]


def workbook_exercises(data: dict) -> list[str]:
    """Exercise ids in agenda order, each once."""
    order = [segment["exercise"] for segment in data["agenda"] if segment.get("exercise")]
    return list(dict.fromkeys(order))


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _cell(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    entry.extend(children)
    return entry


def agenda_table(data: dict, exercise_dir: str) -> nodes.table:
    """Start | Min | Segment | What to say: one row per segment, running start times."""
    table = nodes.table(classes=["kit-agenda"])
    group = nodes.tgroup(cols=4)
    table += group
    for width in (8, 7, 30, 55):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(_cell(nodes.paragraph("", label))
                            for label in ("Start", "Min", "Segment", "What to say")))
    group += head
    body = nodes.tbody()
    start = 0
    for segment in data["agenda"]:
        details = [nodes.paragraph("", "", nodes.strong("", segment["title"]))]
        facts = [segment["kind"]] + ([segment["grouping"]] if segment.get("grouping") else [])
        details.append(nodes.paragraph("", " · ".join(facts), classes=["kit-agenda-facts"]))
        if segment.get("exercise"):
            ref = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                        reftarget=f"/{exercise_dir}/{segment['exercise']}",
                                        refexplicit=False)
            ref += nodes.inline("", segment["exercise"])
            details.append(nodes.paragraph("", "Practice: ", ref))
        if segment.get("materials"):
            details.append(nodes.paragraph("", "Materials: " + ", ".join(segment["materials"])))
        body += nodes.row("", _cell(nodes.paragraph("", clock(start))),
                          _cell(nodes.paragraph("", str(segment["minutes"]))),
                          _cell(*details),
                          _cell(nodes.paragraph("", segment["prompt"])))
        start += segment["minutes"]
    group += body
    return table


def at_a_glance(data: dict) -> nodes.container:
    box = nodes.container(classes=["kit-glance"])
    size = data["group_size"]
    box += nodes.paragraph("", "", nodes.strong("", "At a glance: "), nodes.Text(
        f"{data['duration_minutes']} minutes · {size['min']} to {size['max']} people · "
        f"for {data['audience']}"))
    for label, values in (("By the end, participants can", data["outcomes"]),
                          ("You need", data["materials"])):
        if values:
            box += nodes.paragraph("", "", nodes.strong("", f"{label}:"))
            box += nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph("", value))
                                           for value in values))
    return box


def decorate(app: Sphinx, doctree: nodes.document, items: list[Item], docname: str) -> None:
    """The plan's page: its agenda table, then under the title its summary,
    the facts at a glance and the print links of its handouts (guide,
    workbook and package); at its end the facilitator's self-care checklist.
    (web.slidedeck adds the slides' speaker notes when the page is resolved.)"""
    data = items[0].meta
    # The package prints the group agreement (the slides, the invitation).
    app.env.note_dependency(str(Path(app.srcdir, app.config.kit_group_agreement)))
    for placeholder in list(doctree.findall(agenda_placeholder)):
        placeholder.replace_self(agenda_table(data, app.config.kit_exercise_dir.strip("/")))
    top = sections.top_section(doctree)
    if top is None:
        return  # a page without a heading (check_body reports its missing sections)
    title_index = top.first_child_matching_class(nodes.title)
    after_title = title_index + 1 if title_index is not None else 0
    furniture: list[nodes.Element] = [
        nodes.paragraph("", data["summary"], classes=["kit-summary"]),
        at_a_glance(data),
        *(print_links(item, docname, label=str(item.kind_info.label)) for item in items)]
    for offset, node in enumerate(furniture):
        top.insert(after_title + offset, node)
    top += workshop_package.self_care_section()


def drop_unused_placeholders(app: Sphinx, doctree: nodes.document) -> None:
    """A plan with errors keeps its placeholder; the build already fails, but
    the page must still be writable."""
    for placeholder in list(doctree.findall(agenda_placeholder)):
        placeholder.replace_self(nodes.paragraph("", "The agenda has errors; see the build log."))


def setup_workshops(app: Sphinx) -> None:
    app.add_node(agenda_placeholder)
    app.add_directive("workshop-agenda", WorkshopAgenda)
    # After the collector (priority 500) has had its chance to fill it in.
    app.connect("doctree-read", drop_unused_placeholders, priority=600)
