"""The kit's own doctree nodes, shared by the rules that check a page's body
(rules.sections) and the writers that fill them (web.crisisline)."""

from __future__ import annotations

from docutils import nodes


class crisis_line(nodes.General, nodes.Element):  # noqa: N801  (docutils names nodes in lower case)
    """Filled by the writer with the region's crisis sentence."""
