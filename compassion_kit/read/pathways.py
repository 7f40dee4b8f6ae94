"""Session pathways: four to six sessions in order for one presenting concern.

A pathway is one page, ``docs/pathways/<id>.md``, for the clinician (or the
facilitator of a team). Its front matter names the sessions in order: each
with its practices (exercise ids), the homework (in the client's words: it
prints on the pack's cover), what to review next time and what to do when
the homework was not done; and the signs to slow down or stop. It yields one
printable item, ``<id>-pack`` (item kind ``pathway-pack``): a cover with the
session plan, then the handouts of its practices in session order, each once
(printing.collection prints it).

Checked while reading: the sections, 4 to 6 sessions, no session without a
practice. Checked once every source is read (read.pathway_practices, which
also links them): every practice exists, suits the pathway's audience, and
the first session is gentle. ``{pathway-sessions}`` marks where the sessions
go on the page; the slow-down box opens the section "When to slow down or
stop".
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from compassion_kit.model import PATHWAY_PACK, Item
from compassion_kit.problems import Problem
from compassion_kit.read.items import evidence_badge, print_links
from compassion_kit.rules import sections
from compassion_kit.rules.frontmatter import FrontMatter
from compassion_kit.rules.taxonomy import facts_words
from compassion_kit.words import _

MIN_SESSIONS, MAX_SESSIONS = 4, 6
PACK_SUFFIX = "-pack"
# The first session starts where every client can: nothing that brings pain into focus.
FIRST_SESSION_INTENSITY = "gentle"
# What a clinician needs first comes first: for whom, the sessions, when to
# slow down or stop; then why the sessions come in this order.
REQUIRED = (
    ("who", "Who it is for"),
    ("sessions", "Sessions"),
    ("stop", "When to slow down or stop"),
    ("build", "How the sessions build"),
)
OPTIONAL_LAST = ("adapt", "Adapting it")
# Above the pack's download buttons, by the pathway's audience (the schema's enum).
PACK_LINKS_LABEL = {"client": _("Session pack for the client"),
                    "team": _("Session pack for the team")}


class sessions_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Where ``{pathway-sessions}`` stands; becomes the sessions on read."""


class practice_ref(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils style
    """A practice a session names: a link to its page with its facts once
    every item is known (LinkPractices), or its bare id if it has none."""


class PathwaySessions(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = sessions_placeholder()
        self.set_source_info(node)
        return [node]


# -- Checks -------------------------------------------------------------------------------------

def check_body(doctree: nodes.document, path: str) -> list[Problem]:
    problems, found = sections.check_order(doctree, path, REQUIRED, OPTIONAL_LAST)
    if "sessions" in found and not list(found["sessions"].findall(sessions_placeholder)):
        problems.append(Problem(path, found["sessions"].line or 1, "section 'Sessions'",
                                "must contain the {pathway-sessions} directive"))
    if "stop" in found:
        problems.extend(sections.mentions_crisis_line(found["stop"], path))
    return problems


def check_sessions(front: FrontMatter) -> list[Problem]:
    """4 to 6 sessions, each with at least one practice (after the schema)."""
    data = front.data
    name, found = data["id"], data["sessions"]
    problems = []
    if not MIN_SESSIONS <= len(found) <= MAX_SESSIONS:
        problems.append(Problem(
            front.path, front.line_of(["sessions"]), "field 'sessions'",
            f"pathway '{name}' has {len(found)} sessions; a pathway has "
            f"{MIN_SESSIONS} to {MAX_SESSIONS}"))
    for index, session in enumerate(found):
        if not session["practices"]:
            problems.append(Problem(
                front.path, front.line_of(["sessions", index, "practices"]),
                f"field 'sessions[{index}].practices'",
                f"pathway '{name}': session {index + 1} '{session['title']}' is empty: "
                "name at least one practice (an exercise id) for it"))
    return problems


# -- Items --------------------------------------------------------------------------------------

def pack_parts(data: dict[str, Any]) -> list[str]:
    """The practices in session order, each once."""
    order = [practice for session in data["sessions"] for practice in session["practices"]]
    return list(dict.fromkeys(order))


def make_items(docname: str, data: dict[str, Any]) -> list[Item]:
    meta = {**data, "parts": pack_parts(data)}
    return [Item(id=f"{data['id']}{PACK_SUFFIX}", kind=PATHWAY_PACK.name, docname=docname,
                 title=data["pack_title"], summary=data["pack_summary"],
                 audiences=(data["audience"],), duration_minutes=None, meta=meta)]


# -- The page -----------------------------------------------------------------------------------

def _labelled(label: str, *content: nodes.Node, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    # The labels repeat on every session: search indexes the words, not the furniture.
    return nodes.paragraph("", "", nodes.strong("", f"{label} ", classes=["no-search"]),
                           *content, classes=list(classes))


def session_section(docname: str, number: int, session: dict[str, Any]) -> nodes.section:
    """One session: its title, focus, practices (linked on resolve), homework,
    what to review and what to do when the homework was not done."""
    section = nodes.section(ids=[f"session-{number}"], classes=["kit-session"])
    section += nodes.title("", _("Session {number}: {title}").format(
        number=number, title=session["title"]))
    section += _labelled(_("Focus:"), nodes.Text(session["focus"]))
    refs: list[nodes.Node] = []
    for practice_id in session["practices"]:
        if refs:
            refs.append(nodes.Text("; "))
        refs.append(practice_ref("", practice_id, practice=practice_id, refdoc=docname))
    label = _("Practice:") if len(session["practices"]) == 1 else _("Practices:")
    section += _labelled(label, *refs, classes=("kit-session-practices",))
    # The homework is the client's (or team's) own words: it prints on the pack's cover.
    for label, key in ((_("Homework (printed in the pack):"), "homework"),
                       (_("Review next time:"), "review"),
                       (_("If the homework was not done:"), "if_not_done")):
        section += _labelled(label, nodes.Text(session[key]), classes=(f"kit-session-{key}",))
    return section


def _bullets(values: list[str]) -> nodes.bullet_list:
    return nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph("", value))
                                   for value in values))


def stop_box(app: Sphinx, docname: str, data: dict[str, Any], line: int) -> nodes.container:
    """The signs to slow down and to stop, and the way to the contraindications page."""
    box = nodes.container(classes=["kit-stop-box"])
    box += _labelled(_("Slow down when:"))
    box += _bullets(data["slow_down"])
    box += _labelled(_("Stop, and put safety first, when:"))
    box += _bullets(data["stop"])
    page = app.config.kit_before_you_assign.strip("/")
    ref = addnodes.pending_xref("", nodes.inline("", _("Before you assign")), refdomain="std",
                                reftype="doc", reftarget=f"/{page}", refexplicit=True,
                                refdoc=docname)
    ref.source, ref.line = str(app.env.doc2path(docname)), line
    box += nodes.paragraph("", "", nodes.Text(_("What to avoid or adapt for particular "
                                                "concerns, practice by practice: ")), ref)
    return box


def decorate(app: Sphinx, doctree: nodes.document, items: list[Item], docname: str) -> None:
    """The pathway's page: its sessions, its slow-down box, and under the title
    its summary, facts, evidence label and the links to its pack."""
    [item] = items
    data = item.meta
    for placeholder in list(doctree.findall(sessions_placeholder)):
        placeholder.replace_self([session_section(docname, number, session)
                                  for number, session in enumerate(data["sessions"], start=1)])
    key_of = {heading.casefold(): key for key, heading in (*REQUIRED, OPTIONAL_LAST)}
    by_key = {key_of.get(sections.source_heading(section).casefold()): section
              for section in sections.h2_sections(doctree)}
    if "stop" in by_key:
        stop = by_key["stop"]
        stop.insert((stop.first_child_matching_class(nodes.title) or 0) + 1,
                    stop_box(app, docname, data, stop.line or 1))
    app.env.metadata[docname].setdefault("description", data["summary"])
    top = sections.top_section(doctree)
    if top is None:
        return
    title_index = top.first_child_matching_class(nodes.title)
    after_title = title_index + 1 if title_index is not None else 0
    furniture: list[nodes.Element] = [
        nodes.paragraph("", data["summary"], classes=["kit-summary"]),
        nodes.paragraph("", facts_words(item), classes=["kit-facts", "kit-web-only", "no-search"])]
    badge = evidence_badge(item)
    if badge is not None:
        furniture.append(badge)
    box = print_links(item, docname, label=PACK_LINKS_LABEL[data["audience"]])
    box["classes"].append("no-search")
    furniture.append(box)
    for offset, node in enumerate(furniture):
        top.insert(after_title + offset, node)


def drop_unused_placeholders(app: Sphinx, doctree: nodes.document) -> None:
    """A pathway with errors keeps its placeholder; the build already fails,
    but the page must still be writable."""
    for placeholder in list(doctree.findall(sessions_placeholder)):
        placeholder.replace_self(nodes.paragraph("", "The sessions have errors; see the "
                                                 "build log."))


def setup_pathways(app: Sphinx) -> None:
    app.add_node(sessions_placeholder)
    app.add_node(practice_ref)
    app.add_directive("pathway-sessions", PathwaySessions)
    # After the collector (priority 500) has had its chance to fill it in.
    app.connect("doctree-read", drop_unused_placeholders, priority=600)
