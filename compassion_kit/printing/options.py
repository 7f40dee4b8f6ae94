"""What shapes a PDF's bytes besides its HTML: the papers, the stylesheets,
the PDF variant and the file types a handout may load.

Apart from the renderer (printing.render) so that what only needs to know
them (the PDF cache's key, a build that renders nothing) does not import
WeasyPrint, which takes most of a second.
"""

from __future__ import annotations

from compassion_kit.about import PRINT_DIR
from compassion_kit.model import PAPER_LABELS, SHEET_LABELS

ASSETS_DIR = PRINT_DIR.parent
PAPERS = tuple(PAPER_LABELS)  # letter, a4, large-print, large-print-a4
PDF_VARIANT = "pdf/ua-1"  # tagged PDF with /Lang, title and a structure tree
STYLESHEETS = ("handout.css", "paper-{paper}.css")
# A sheet of its own (model.SHEET_LABELS) is laid out by its own stylesheet alone.
SHEET_STYLESHEETS = {"slides": ("slides.css",)}
assert set(SHEET_STYLESHEETS) == set(SHEET_LABELS)
# The user agent draws nested list bullets with U+25E6 and U+25AA and a
# <summary> with U+25B8, which the vendored fonts lack (a system font used to
# supply them): use a dash they have, and no disclosure triangle on paper.
FONT_SAFE_CSS = (':is(ul, ol) ul { list-style-type: "\\2013\\00a0 "; } '
                 "summary { list-style-type: none; }")
# Every option that shapes the bytes of a PDF; the PDF cache key includes it.
RENDER_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_forms": True, "stylesheets": STYLESHEETS,
                  "sheet_stylesheets": SHEET_STYLESHEETS,
                  "fonts": "vendored only", "extra_css": FONT_SAFE_CSS,
                  "page_furniture": "in the structure tree", "th_scope": True}
# The types a handout can use, by suffix: a fixed table (not the machine's
# /etc/mime.types), so every machine reads a file the same way.
TYPES = {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
         ".otf": "font/otf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
         ".gif": "image/gif", ".webp": "image/webp", ".svg": "image/svg+xml"}
