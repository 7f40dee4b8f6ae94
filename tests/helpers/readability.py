"""Reading grade of the client-facing text of a built page (textstat 0.7.8).

Measured on the rendered HTML, not the Markdown: the page's article without
the facilitator notes (never on the handout), the web-only print box, the
facts line, permalink signs and in-text citations such as (Neff, 2003).
"""

from __future__ import annotations

import re
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

NOT_FOR_CLIENTS = (
    "#notes-for-facilitators-and-clinicians",
    ".kit-print", ".kit-facts", ".headerlink", ".kit-library",
)
CITATION = re.compile(r"\([A-Z][^()]*\d{4}[a-z]?\)")


def client_text(page: Path) -> str:
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    for selector in NOT_FOR_CLIENTS:
        for node in article.select(selector):
            node.decompose()
    return CITATION.sub("", " ".join(article.get_text(" ").split()))


def grade(page: Path) -> float:
    return textstat.flesch_kincaid_grade(client_text(page))
