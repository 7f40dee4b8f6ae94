"""Answer types (compassion_kit/printing/answers.py): each renders as a printable shape
made of real form controls, with the right field types, names and accessible
names (in every handout of the built kit: site/test_answer_fields.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from helpers.pdfcheck import MULTILINE, RADIO, widgets
from pypdf import PdfReader, PdfWriter

from compassion_kit.printing import answers
from compassion_kit.printing import render as pdf
from compassion_kit.rules import frontmatter, schema
from compassion_kit.testing import EACH_LAYOUT, REPO

SCHEMA = REPO / "exercises" / "schema.json"
CSS = REPO / "compassion_kit" / "assets" / "print" / "answers.css"
PAPERS = EACH_LAYOUT

EVERY_TYPE = [
    {"name": "noticed", "label": 'What I "noticed"', "size": "small"},
    {"name": "more", "label": "More room", "type": "lines", "lines": 2},
    {"name": "stop_words", "label": "My words to buy a moment", "size": "line"},
    {"name": "date_line", "label": "Date", "type": "line"},
    {"name": "before", "label": "My distress before", "type": "scale", "low": "calm",
     "high": "swamped"},
    {"name": "signs", "label": "Signs that fit me", "type": "checklist",
     "items": ["I feel drained.", "I snap at people."]},
    {"name": "mask", "label": "The mask I chose", "type": "choice",
     "options": ["Humor", 'Being "fine"', "Another mask"]},
    {"name": "plan", "label": "Who does what, by when", "type": "table",
     "columns": ["Who", "Does what", "By when"], "rows": 2, "widths": [2, 6, 2]},
    {"name": "systems", "label": "My systems", "type": "table", "columns": ["What", "How"],
     "rows": ["Threat", "Drive"]},
    {"name": "practice_log", "label": "Note each practice here.", "type": "log"},
]


class Controls(HTMLParser):
    """Every input of an HTML fragment: (type, name, title)."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag in ("input", "textarea", "select"):
            self.found.append((attributes.get("type", tag), attributes.get("name", ""),
                               attributes.get("title", "")))


def controls(html: str) -> list[tuple[str, str, str]]:
    parser = Controls()
    parser.feed(html)
    return parser.found


# -- The unit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", EVERY_TYPE, ids=lambda field: field["name"])
def test_each_type_names_its_controls_as_documented(field):
    html = answers.render(field, prefix="part_")
    found = controls(html)
    names = list(dict.fromkeys(name for _kind, name, _title in found))
    assert names == answers.control_names(field, prefix="part_")
    if answers.field_type(field) != "log":
        assert 'class="write-in answer' in html  # never split across pages (handout tests)


def test_lines_are_one_line_field_per_rule_labelled_by_the_visible_label():
    found = controls(answers.render(EVERY_TYPE[0]))
    assert [kind for kind, _name, _title in found] == ["text"] * 3
    assert [name for _kind, name, _title in found] == ["noticed.1", "noticed.2", "noticed.3"]
    titles = [title for _kind, _name, title in found]
    assert titles[0] == "What I \u201cnoticed\u201d"  # curly quotes, as the body text has
    assert titles[1] == "What I \u201cnoticed\u201d (line 2 of 3)"
    assert "textarea" not in answers.render(EVERY_TYPE[0])


def test_scale_is_one_radio_group_of_eleven_points_with_its_ends():
    html = answers.render(EVERY_TYPE[4])
    found = controls(html)
    assert [kind for kind, _n, _t in found] == ["radio"] * 11
    assert {name for _k, name, _t in found} == {"before"}
    assert [int(value) for value in re.findall(r'value="(\d+)"', html)] == list(range(11))
    assert "0 = calm" in html and "10 = swamped" in html


def test_checklist_and_choice_name_each_box_by_its_text():
    checklist = controls(answers.render(EVERY_TYPE[5]))
    assert checklist == [("checkbox", "signs.1", "I feel drained."),
                         ("checkbox", "signs.2", "I snap at people.")]
    choice = controls(answers.render(EVERY_TYPE[6]))
    assert [kind for kind, _n, _t in choice] == ["radio"] * 3
    assert {title for _k, _n, title in choice} == {"The mask I chose"}
    assert "Being \u201cfine\u201d" in answers.render(EVERY_TYPE[6])


def test_table_cells_are_named_by_row_and_column_and_labelled_by_their_headings():
    found = controls(answers.render(EVERY_TYPE[7]))
    assert [name for _k, name, _t in found] == [f"plan.{row}.{col}" for row in (1, 2)
                                                for col in (1, 2, 3)]
    assert found[4][2] == "Does what, row 2"
    labelled = controls(answers.render(EVERY_TYPE[8]))
    assert labelled[3] == ("text", "systems.2.2", "Drive: How")
    assert answers.render(EVERY_TYPE[7]).count("<col ") == 3


def test_a_log_prints_nothing_on_the_handout_itself():
    assert answers.render(EVERY_TYPE[-1]) == ""


def test_the_style_sheet_can_be_included_by_the_template():
    """handout.html includes answers.css with Jinja: no Jinja tags in it, and
    plain ASCII (the glyph check reads the print HTML)."""
    css = CSS.read_text(encoding="utf-8")
    assert not re.search(r"\{[{%#]", css)
    assert css.isascii()
    assert '{% include "answers.css" %}' in (CSS.parent / "handout.html").read_text()


# -- The schema ---------------------------------------------------------------------------------


def _front(tmp_path: Path, fields_yaml: str) -> frontmatter.FrontMatter:
    valid = (REPO / "tests/roots/base/exercises/calm.md").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^fields:\n.*?(?=^reviewed:)", "fields:\n" + fields_yaml, valid)
    path = tmp_path / "calm.md"
    path.write_text(text, encoding="utf-8")
    return frontmatter.load(path)


def test_schema_accepts_every_type(tmp_path):
    import yaml

    text = yaml.safe_dump(EVERY_TYPE, sort_keys=False, allow_unicode=True)
    indented = "".join(f"  {line}\n" for line in text.splitlines())
    assert schema.validate(_front(tmp_path, indented), str(SCHEMA)) == []


@pytest.mark.parametrize(("fields_yaml", "where", "words"), [
    ("  - name: mood\n    label: My mood\n    type: scale\n    low: calm\n",
     "field 'fields[0].high'", "missing required field"),
    ("  - name: mask\n    label: My mask\n    type: choice\n",
     "field 'fields[0].options'", "missing required field"),
    ("  - name: plan\n    label: My plan\n    type: table\n    rows: 3\n",
     "field 'fields[0].columns'", "missing required field"),
    (("  - name: mood\n    label: My mood\n    type: scale\n    low: calm\n    high: swamped\n"
      "    items: [a, b]\n"), "field 'fields[0].items'", "is not used by type 'scale'"),
    ("  - name: mood\n    label: My mood\n    type: dial\n",
     "field 'fields[0].type'", "is not one of"),
    ("  - name: notes\n    label: Notes\n", "field 'fields[0].size'", "missing required field"),
])
def test_schema_points_at_the_key_a_type_lacks_or_does_not_use(tmp_path, fields_yaml, where,
                                                               words):
    problems = schema.validate(_front(tmp_path, fields_yaml), str(SCHEMA))
    assert [problem.where for problem in problems] == [where]
    assert words in problems[0].message
    assert problems[0].line > 1


# -- Rendered by WeasyPrint -------------------------------------------------------------------


def _page(fields: list[dict]) -> str:
    body = "".join(answers.render(field) for field in fields)
    return ('<!DOCTYPE html><html lang="en"><head><title>Answers</title><style>'
            f'{CSS.read_text(encoding="utf-8")}</style></head><body><main><h1>Answers</h1>'
            f"{body}</main></body></html>")


@pytest.fixture(scope="module")
def rendered() -> dict[str, PdfReader]:
    html = _page(EVERY_TYPE)
    return {paper: PdfReader(BytesIO(pdf.render(html, (REPO / "x.html").as_uri(), paper)))
            for paper in PAPERS}


@pytest.mark.parametrize("paper", PAPERS)
def test_types_become_the_right_pdf_fields(rendered, paper):
    fields = rendered[paper].get_fields()
    for name in ("noticed.1", "noticed.3", "more.2", "stop_words", "date_line", "plan.2.3",
                 "systems.1.2"):
        assert fields[name]["/FT"] == "/Tx", name
        assert not int(fields[name].get("/Ff", 0)) & MULTILINE, name
    assert fields["noticed.1"]["/TU"] == "What I \u201cnoticed\u201d"
    for name in ("before", "mask"):
        assert fields[name]["/FT"] == "/Btn"
        assert int(fields[name]["/Ff"]) & RADIO
        assert fields[name]["/TU"] in ("My distress before", "The mask I chose")
    assert [str(value) for value in fields["before"]["/Opt"]] == [str(n) for n in range(11)]
    assert fields["signs.2"]["/FT"] == "/Btn"
    assert fields["signs.2"]["/TU"] == "I snap at people."
    assert not any(name.startswith("practice_log") for name in fields)


def _rects(reader: PdfReader) -> dict[str, tuple[float, ...]]:
    """Each text field's (left, bottom, right, top), by name."""
    return {widget.name: widget.rect for widget in widgets(reader) if widget.kind == "/Tx"}


@pytest.mark.parametrize("paper", PAPERS)
def test_each_ruled_line_is_a_field_as_wide_as_its_rule_8_mm_apart(rendered, paper):
    rects = _rects(rendered[paper])
    first, second = rects["noticed.1"], rects["noticed.2"]
    pitch = first[3] - second[3]
    assert pitch >= 8 / 25.4 * 72 - 0.1  # at least 8 mm from rule to rule
    # Same width as the lines of text above and below it: the column's width.
    page_width = float(rendered[paper].pages[0].mediabox.width)
    assert first[0] == second[0] and first[2] == second[2]
    column = first[2] - first[0]
    assert column > page_width * 0.7
    # The field ends where its rule begins: the gap to the next field is the rule.
    rule = first[1] - second[3]
    assert 0.5 <= rule <= 1.1, rule


def test_large_print_rules_are_at_least_1_pt(rendered):
    rects = _rects(rendered["large-print"])
    assert rects["noticed.1"][1] - rects["noticed.2"][3] >= 0.99


# -- Filled in as a viewer does: PDFium (Chrome's engine) with its form layer ------------------


def _pdfium_session(data: bytes):
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(data)
    document.init_forms()
    return pdfium, document


def _field_states(raw, handle, page) -> dict[str, list[tuple[bool, str]]]:
    import ctypes

    def text(getter, annot) -> str:
        size = getter(handle, annot, None, 0)
        buffer = ctypes.create_string_buffer(size)
        getter(handle, annot, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
        return buffer.raw.decode("utf-16-le").rstrip("\x00")

    states: dict[str, list[tuple[bool, str]]] = {}
    for index in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, index)
        name = text(raw.FPDFAnnot_GetFormFieldName, annot)
        states.setdefault(name, []).append((bool(raw.FPDFAnnot_IsChecked(handle, annot)),
                                            text(raw.FPDFAnnot_GetFormFieldValue, annot)))
        raw.FPDFPage_CloseAnnot(annot)
    return states


def test_a_viewer_types_line_by_line_ticks_boxes_and_picks_one_point(rendered):
    """Click, type and Tab as a client does in a viewer built on PDFium."""
    writer_bytes = BytesIO()
    PdfWriter(clone_from=rendered["letter"]).write(writer_bytes)
    pdfium, document = _pdfium_session(writer_bytes.getvalue())
    raw = pdfium.raw
    page = document[0]
    handle, page_raw = document.formenv.raw, page.raw
    annots = {}  # by each widget's own /T (or its group's): the names PDFium reports
    for ref in rendered["letter"].pages[0]["/Annots"]:
        annot = ref.get_object()
        parent = annot.get("/Parent")
        name = str(annot.get("/T") or parent.get_object()["/T"])
        annots.setdefault(name, []).append([float(value) for value in annot["/Rect"]])

    def click(name: str, index: int = 0) -> None:
        x0, y0, x1, y1 = annots[name][index]
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        raw.FORM_OnMouseMove(handle, page_raw, 0, x, y)
        raw.FORM_OnLButtonDown(handle, page_raw, 0, x, y)
        raw.FORM_OnLButtonUp(handle, page_raw, 0, x, y)

    def type_text(words: str) -> None:
        for character in words:
            raw.FORM_OnChar(handle, page_raw, ord(character), 0)

    tab = 0x09
    click("noticed.1")
    type_text("First line")
    raw.FORM_OnKeyDown(handle, page_raw, tab, 0)
    raw.FORM_OnKeyUp(handle, page_raw, tab, 0)
    type_text("Second line")
    click("before", 3)
    click("before", 7)
    click("signs.1")
    click("signs.2")
    click("signs.2")
    raw.FORM_ForceToKillFocus(handle)
    states = _field_states(raw, handle, page_raw)
    page.close()
    document.close()
    assert states["noticed.1"] == [(False, "First line")]
    assert states["noticed.2"] == [(False, "Second line")]  # Tab went to the next rule
    points = next(value for name, value in states.items() if name.startswith("before"))
    assert [checked for checked, _value in points].count(True) == 1  # one point only
    assert points[7][0] and points[7][1] == "7"
    assert states["signs.1"][0][0] and not states["signs.2"][0][0]
