"""The cover of a pathway's pack: the sessions in order, each with its
handouts (and their page numbers) and what to try between sessions.

The client keeps the pack, so the cover speaks to them: the session titles
and the homework come from the pathway's front matter, written for clients;
what the clinician reviews or does when homework was not done stays on the
pathway's web page.
"""

from __future__ import annotations

from markupsafe import Markup

from compassion_kit.model import Item
from compassion_kit.words import _


def _handout_link(part: Item) -> Markup:
    # Page numbers come from WeasyPrint's target-counter() (handout.css, .kit-plan).
    return Markup('<a class="kit-toc-entry" href="#part-{id}" data-page="{page}">{title}</a>'
                  ).format(id=part.id, page=_("page"), title=part.title)


def plan_html(item: Item, parts: list[Item]) -> str:
    """An ordered list of the sessions: title, handouts, homework."""
    by_id = {part.id: part for part in parts}
    entries = []
    sessions = item.meta["sessions"]
    for number, session in enumerate(sessions, start=1):
        handouts = [_handout_link(by_id[practice]) for practice in session["practices"]
                    if practice in by_id]
        entries.append(Markup(
            '<li class="kit-plan-session"><p class="kit-plan-title">{title}</p>'
            '<ul class="kit-plan-handouts">{handouts}</ul>'
            '<p class="kit-plan-homework"><strong>{between}</strong> {homework}</p></li>'
        ).format(title=_("Session {number}: {title}").format(number=number,
                                                              title=session["title"]),
                 handouts=Markup("").join(Markup("<li>{}</li>").format(link)
                                          for link in handouts),
                 between=_("Between sessions:") if number < len(sessions)
                 else _("After the last session:"), homework=session["homework"]))
    return str(Markup('<p class="kit-contents-label">{label}</p><ol class="kit-plan">{entries}'
                      '</ol>').format(label=_("Your sessions:"),
                                      entries=Markup("").join(entries)))
