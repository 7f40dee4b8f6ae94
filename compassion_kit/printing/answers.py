"""Answer spaces of a handout: each answer type drawn for the pen and filled
in on screen.

Every type prints a shape to write on by hand (ruled lines, boxes to tick,
numbers to circle, a table) made of real form controls, so the same PDF can
be typed into. The controls are the shape: a ruled line is a one-line text
field whose bottom border is the rule, a tick box is a check box, a number to
circle sits beside a radio button. Typed text therefore never meets a rule:
a viewer draws a one-line field's text inside the field's box, which ends
where its rule begins (a multi-line field over ruled lines cannot promise
that: each viewer spaces its lines its own way).

Types (``type`` in a field of the front matter; exercises/schema.json):

- ``lines``: ruled lines, ``size`` small, medium or large (3, 5, 8), or
  ``lines`` of them; the default type.
- ``line``: one ruled line beside its label (also ``size: line``).
- ``scale``: 0 to 10, circle a number (a radio group); ``low`` and ``high``
  name the ends.
- ``checklist``: ``items``, each with a tick box.
- ``choice``: pick one of ``options`` (a radio group).
- ``table``: ``columns`` and ``rows`` (a number of blank rows, or their
  labels); ``widths`` gives the columns' relative widths.
- ``log``: a practice log printed on a sheet of its own (printing.logsheet);
  nothing on the handout itself.

Form field names: ``<name>`` for a one-control answer (line, scale, choice),
``<name>.<n>`` for the n-th line or tick box, ``<name>.<row>.<column>`` for a
table cell. Each field's accessible name (PDF /TU, from ``title``) is the
visible text that labels it.

Strings shown to the reader come from the front matter (translated with the
document) or from ``_`` (the kit's own catalogue).
"""

from __future__ import annotations

from docutils.utils.smartquotes import smartyPants
from markupsafe import Markup, escape

from compassion_kit.words import _

TYPES = ("lines", "line", "scale", "checklist", "choice", "table", "log")
RULED_LINES = {"small": 3, "medium": 5, "large": 8}
SCALE_POINTS = tuple(range(11))


def field_type(field: dict) -> str:
    """The answer type of ``field``: its ``type``, else ``line`` for
    ``size: line`` and ``lines`` for any other size."""
    kind = field.get("type")
    if kind:
        return kind
    return "line" if field.get("size") == "line" else "lines"


def line_count(field: dict) -> int:
    """Ruled lines of a ``lines`` answer: ``lines`` if given, else by ``size``."""
    if field.get("lines"):
        return int(field["lines"])
    return RULED_LINES.get(field.get("size", "small"), RULED_LINES["small"])


def curly(text: str, language: str = "en") -> str:
    """Typographic quotes and ellipses, as the body text has them."""
    return smartyPants(str(text), attr="qe", language=language)


def _text(value, language: str) -> Markup:
    return escape(curly(value, language))


def _attr(value: str) -> Markup:
    return escape(str(value))


def _wrap(kind: str, inner: str, extra: str = "") -> str:
    classes = f"write-in answer answer-{kind}{extra}"
    return f'<div class="{classes}">{inner}</div>'


def _lines(field: dict, name: str, label: Markup, language: str) -> str:
    total = line_count(field)
    controls = []
    for number in range(1, total + 1):
        title = label if number == 1 else _attr(
            str(_("{label} (line {number} of {total})")).format(
                label=Markup(label).unescape(), number=number, total=total))
        first = f' id="f-{name}"' if number == 1 else ""
        controls.append(f'<input type="text" class="answer-rule"{first} '
                        f'name="{name}.{number}" title="{title}">')
    size = escape(field.get("size", "small"))
    return _wrap("lines", f'<label class="write-in-label" for="f-{name}">{label}</label>'
                          f'<div class="write-in-space">{"".join(controls)}</div>',
                 f" size-{size}")


def _line(field: dict, name: str, label: Markup, language: str) -> str:
    return _wrap("line", f'<label class="write-in-label" for="f-{name}">{label}</label>'
                         f'<input type="text" class="answer-rule" id="f-{name}" name="{name}" '
                         f'title="{label}">', " size-line")


def _scale(field: dict, name: str, label: Markup, language: str) -> str:
    points = "".join(
        f'<label class="scale-point"><input type="radio" class="answer-dot" name="{name}" '
        f'value="{point}" title="{label}"{_first_id(name, index)}>'
        f'<span class="scale-number">{point}</span></label>'
        for index, point in enumerate(SCALE_POINTS))
    ends = ""
    if field.get("low") or field.get("high"):
        low = _text(field.get("low", ""), language)
        high = _text(field.get("high", ""), language)
        ends = (f'<p class="scale-ends"><span class="scale-low">{SCALE_POINTS[0]} = {low}'
                f'</span><span class="scale-high">{SCALE_POINTS[-1]} = {high}</span></p>')
    return _wrap("scale", f'<label class="write-in-label" for="f-{name}">{label}</label>'
                          f'<div class="scale-wrap"><div class="scale">{points}</div>'
                          f"{ends}</div>")


def _first_id(name: str, index: int) -> str:
    return f' id="f-{name}"' if index == 0 else ""


def _checklist(field: dict, name: str, label: Markup, language: str) -> str:
    entries = []
    for number, item in enumerate(field.get("items", []), start=1):
        text = _text(item, language)
        entries.append(f'<li><label class="check-item"><input type="checkbox" '
                       f'class="answer-box" name="{name}.{number}" title="{text}">'
                       f'<span class="check-text">{text}</span></label></li>')
    return _wrap("checklist", f'<p class="write-in-label">{label}</p>'
                              f'<ul class="checklist">{"".join(entries)}</ul>')


def _choice(field: dict, name: str, label: Markup, language: str) -> str:
    entries = []
    for index, option in enumerate(field.get("options", [])):
        text = _text(option, language)
        entries.append(f'<label class="choice-option"><input type="radio" class="answer-dot" '
                       f'name="{name}" value="{text}" title="{label}"{_first_id(name, index)}>'
                       f'<span class="choice-text">{text}</span></label>')
    return _wrap("choice", f'<label class="write-in-label" for="f-{name}">{label}</label>'
                           f'<div class="choices">{"".join(entries)}</div>')


def _widths(field: dict, count: int, row_headers: bool) -> str:
    widths = list(field.get("widths") or [])
    if len(widths) != count + row_headers:
        return ""
    total = sum(widths)
    cols = "".join(f'<col style="width: {100 * width / total:.2f}%">' for width in widths)
    return f"<colgroup>{cols}</colgroup>"


def table_html(field: dict, name: str, language: str = "en", corner: str = "") -> str:
    """The table of a ``table`` answer (or a practice log): column headings,
    then one row per entry of ``rows`` (labels, under the heading ``corner``)
    or ``rows`` blank rows; one one-line field per cell."""
    columns = [_text(column, language) for column in field.get("columns", [])]
    rows = field.get("rows", 3)
    labels = [_text(row, language) for row in rows] if isinstance(rows, list) else None
    count = len(labels) if labels is not None else int(rows)
    row_headers = labels is not None
    corner_cell = (f'<th scope="col" class="answer-corner">{escape(corner)}</th>'
                   if row_headers else "")
    head = corner_cell + "".join(
        f'<th scope="col">{column}</th>' for column in columns)
    body = []
    for row in range(1, count + 1):
        label = labels[row - 1] if labels is not None else None
        cells = [f'<th scope="row">{label}</th>'] if label is not None else []
        for col, column in enumerate(columns, start=1):
            if label is not None:
                heading = Markup(label).unescape()
                if corner:  # "Day 3: Minutes"
                    heading = f"{corner} {heading}"
                title = f"{heading}: {Markup(column).unescape()}"
            else:
                title = str(_("{column}, row {row}")).format(
                    column=Markup(column).unescape(), row=row)
            cells.append(f'<td><input type="text" class="answer-cell" name="{name}.{row}.{col}" '
                         f'title="{_attr(title)}"></td>')
        body.append(f'<tr>{"".join(cells)}</tr>')
    return (f'<table class="answer-grid">{_widths(field, len(columns), row_headers)}'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _table(field: dict, name: str, label: Markup, language: str) -> str:
    return _wrap("table", f'<p class="write-in-label">{label}</p>'
                          f"{table_html(field, name, language)}")


def _log(field: dict, name: str, label: Markup, language: str) -> str:
    return ""  # printed on its own sheet: see printing.logsheet


RENDERERS = {"lines": _lines, "line": _line, "scale": _scale, "checklist": _checklist,
             "choice": _choice, "table": _table, "log": _log}


def render(field: dict, prefix: str = "", language: str = "en") -> str:
    """The HTML of one answer space: its label, its printable shape and its
    form controls, named ``prefix + field['name']`` (see the module's doc)."""
    name = f"{prefix}{field['name']}"
    label = _text(field["label"], language)
    return RENDERERS[field_type(field)](field, name, label, language)


def control_names(field: dict, prefix: str = "") -> list[str]:
    """The form field names ``render`` gives ``field`` (for tests and tools)."""
    name = f"{prefix}{field['name']}"
    kind = field_type(field)
    if kind == "lines":
        return [f"{name}.{number}" for number in range(1, line_count(field) + 1)]
    if kind == "checklist":
        return [f"{name}.{number}" for number in range(1, len(field.get("items", [])) + 1)]
    if kind == "table":
        rows = field.get("rows", 3)
        count = len(rows) if isinstance(rows, list) else int(rows)
        return [f"{name}.{row}.{col}" for row in range(1, count + 1)
                for col in range(1, len(field.get("columns", [])) + 1)]
    if kind == "log":
        return []
    return [name]
