"""Every way the tests read a PDF, in one place: import from here.

One module per reader, so that a test can say which reader found what:

- ``document``: pypdf (pure Python): text, fonts, form fields and links,
  the structure tree's element types, XMP facts, and the marks a content
  stream paints (pypdf's own ``ContentStream`` parser reads the operators);
- ``ink``: PDFium (pypdfium2, Chrome's engine): the laid-out ink, per glyph
  and per drawn object; the footer and the body text size measured on it;
- ``tags``: pikepdf: marked content against the structure tree, empty headings;
- ``poppler``: poppler and qpdf (command-line tools): words and lines with
  their boxes, the document catalog.
"""

from .document import (
    INCH,
    MULTILINE,
    RADIO,
    Box,
    Widget,
    embedded,
    flat_text,
    fonts,
    form_fonts,
    lang,
    links,
    open_pdf,
    painted_points,
    struct_types,
    text,
    text_chunks,
    widgets,
    xmp_facts,
)
from .ink import body_font_size, drawn_boxes, footer_glyphs, glyphs, text_objects
from .poppler import Word, poppler_lines, poppler_words, qpdf_root, tool
from .tags import empty_headings, marked_content

__all__ = ["INCH", "MULTILINE", "RADIO", "Box", "Widget", "Word", "body_font_size",
           "drawn_boxes", "embedded", "empty_headings", "flat_text", "fonts", "footer_glyphs",
           "form_fonts", "glyphs", "lang", "links", "marked_content", "open_pdf",
           "painted_points", "poppler_lines", "poppler_words", "qpdf_root", "struct_types",
           "text", "text_chunks", "text_objects", "tool", "widgets", "xmp_facts"]
