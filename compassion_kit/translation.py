"""The kit's own words (labels, buttons, print furniture) in the build's language.

Sphinx's extension mechanism: strings are marked with ``_`` (a lazy
translation, resolved when the page or handout is written) and looked up in
the ``compassion_kit`` message catalogue under compassion_kit/locales/.
Content (pages, front matter, data files) is translated through the
project's own catalogues in locales/ instead; see CONTRIBUTING.md.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

MESSAGE_CATALOG = "compassion_kit"
LOCALE_DIR = Path(__file__).parent / "locales"

_ = get_translation(MESSAGE_CATALOG)


def setup_translation(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
