"""The practices of session pathways, once every item is known: checked
against the kit's practices and linked to their pages.

A pathway (read.pathways) names practices by exercise id. Whether each
exists, suits the pathway's audience and keeps the first session gentle can
only be known after every source is read (``env-check-consistency``, every
build); the page's links, with each practice's title and facts, are made
when the page is resolved, so they follow the practice when it changes (the
page is a listing: it is read again when any item changes).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from compassion_kit.model import Item
from compassion_kit.problems import Problem, report
from compassion_kit.read import collector
from compassion_kit.read.items import facts
from compassion_kit.read.pathways import FIRST_SESSION_INTENSITY, practice_ref
from compassion_kit.rules import frontmatter
from compassion_kit.rules.frontmatter import FrontMatter


def practice_problems(front: FrontMatter, practices: dict[str, Item]) -> list[Problem]:
    """Practices the pathway names that the kit does not have, that are not
    for the pathway's audience, or that make the first session more than gentle."""
    data = front.data
    name, audience = data["id"], data["audience"]
    problems = []
    for index, session in enumerate(data["sessions"]):
        for place, practice_id in enumerate(session["practices"]):
            where: list[str | int] = ["sessions", index, "practices", place]
            field = f"field 'sessions[{index}].practices[{place}]'"
            line = front.line_of(where)
            practice = practices.get(practice_id)
            if practice is None:
                problems.append(Problem(front.path, line, field,
                                        f"pathway '{name}': practice '{practice_id}' does not "
                                        "exist (or is not valid)"))
                continue
            if audience not in practice.audiences:
                problems.append(Problem(
                    front.path, line, field,
                    f"pathway '{name}' is for audience '{audience}', but practice "
                    f"'{practice_id}' is for {', '.join(practice.audiences)}: choose a practice "
                    f"whose audiences include '{audience}'"))
            intensity = practice.meta.get("intensity")
            if index == 0 and intensity != FIRST_SESSION_INTENSITY:
                problems.append(Problem(
                    front.path, line, field,
                    f"pathway '{name}': practice '{practice_id}' is {intensity}, and the first "
                    f"session uses only {FIRST_SESSION_INTENSITY} practices (start gentle, "
                    "then build up)"))
    return problems


def check_practices(app: Sphinx, env: BuildEnvironment) -> None:
    """env-check-consistency: every pathway's practices, once all items are known."""
    found = collector.items(env)
    practices = {item.id: item for item in found if item.kind_info.practice}
    for docname in sorted({item.docname for item in found if item.kind_info.session_plan}):
        front = frontmatter.load(env.doc2path(docname))
        for problem in practice_problems(front, practices):
            report(problem)


def note_listing(app: Sphinx, doctree: nodes.document) -> None:
    """A page that names practices shows their titles and facts: read it
    again whenever an item changes (doctree-read)."""
    if any(True for _ in doctree.findall(practice_ref)):
        collector.note_item_listing(app.env, app.env.docname)


class LinkPractices(SphinxPostTransform):
    """Each practice a session names becomes a link to its page, with its
    facts ("15 minutes · written · moderate"); before Sphinx resolves links."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        practices = {item.id: item for item in collector.items(self.env)
                     if item.kind_info.practice}
        for node in list(self.document.findall(practice_ref)):
            practice = practices.get(node["practice"])
            if practice is None:  # reported by check_practices
                node.replace_self(nodes.literal("", node["practice"]))
                continue
            ref = addnodes.pending_xref("", nodes.inline("", practice.title), refdomain="std",
                                        reftype="doc", reftarget=f"/{practice.docname}",
                                        refexplicit=True, refdoc=node["refdoc"])
            node.replace_self([ref, nodes.Text(f" ({facts(practice, evidence=False)})")])


def setup_pathway_practices(app: Sphinx) -> None:
    app.add_post_transform(LinkPractices)
    app.connect("doctree-read", note_listing)
    app.connect("env-check-consistency", check_practices)
