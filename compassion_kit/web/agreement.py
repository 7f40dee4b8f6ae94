"""The one group agreement, kept in ``docs/_data/group-agreement.yaml``.

Workshops and group practices show it with ``{group-agreement}`` instead of
writing their own ground rules, so no page can promise confidentiality
without its limits (a facilitator or manager may have to act), and a change
to the wording is one edit. It prints on handouts, guides and workbooks too,
because it is part of the page's doctree.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from compassion_kit.i18n import datafiles
from compassion_kit.problems import Problem, report
from compassion_kit.web.supportlines import SupportDataError, safe_yaml

REQUIRED = ("title", "intro", "points", "disclosure")


def load(path: Path) -> dict:
    """The checked agreement file; raises SupportDataError."""
    try:
        data = json.loads(json.dumps(safe_yaml(path), default=str))
    except yaml.YAMLError as error:
        raise SupportDataError(Problem(str(path), 1, "data", f"malformed YAML: {error}")) from error
    missing = [key for key in REQUIRED if not isinstance(data, dict) or not data.get(key)]
    if missing:
        raise SupportDataError(Problem(str(path), 1, f"field '{missing[0]}'", "is required"))
    return data


class GroupAgreement(SphinxDirective):
    """The agreement as a boxed section: intro, numbered points, disclosure step."""

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir, self.config.kit_group_agreement)
        self.env.note_dependency(str(path))
        datafiles.note_data_catalogue(self.env, path)
        try:
            # In a translated edition, its words from the file's own catalogue.
            data = datafiles.translate_data(self.env, "kit_group_agreement", path, load(path))
        except (SupportDataError, FileNotFoundError) as error:
            problem = getattr(error, "problem", None) or Problem(
                str(path), 1, "data", "group agreement file not found")
            report(problem)
            return []
        box = nodes.container(classes=["kit-group-agreement"])
        box += nodes.rubric("", data["title"])
        box += self.parse_text_to_nodes(data["intro"])
        # Bullets, not numbers: the agreement often sits just before a practice's steps.
        listing = "\n".join(f"- {point}" for point in data["points"])
        box += self.parse_text_to_nodes(listing)
        box += self.parse_text_to_nodes(data["disclosure"])
        # Translated through the data file's catalogue, never the page's.
        for node in box.findall(nodes.TextElement):
            node["translatable"] = False
        return [box]


def setup_agreement(app: Sphinx) -> None:
    datafiles.register_data_file("kit_group_agreement", load, (SupportDataError,))
    app.add_config_value("kit_group_agreement", "docs/_data/group-agreement.yaml", "env",
                         types=(str,), description="The one group agreement (YAML).")
    app.add_directive("group-agreement", GroupAgreement)
