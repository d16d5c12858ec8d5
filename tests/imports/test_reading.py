"""Reading real files, one trap at a time: NFD and invisible characters,
numbers typed "12.000", dates typed as text, merged and grouped headers,
blank rows, the template's example row, files in TCVN3 and VNI, and the
files refused whole (no header, no data, not a workbook, too many rows)."""

import datetime
import io
import unicodedata

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from imports.legacy import TCVN3, VNI, UnknownEncoding, decode_cell, to_tcvn3, to_vni
from imports.reading import ImportRefused, parse_date, read_sheet
from imports.specs import COURSES
from tests.imports.books import header, save, workbook

pytestmark = pytest.mark.django_db

KEYS = ["title", "topic", "format", "start_date", "participants_total"]
NAMES = [
    "Thạch Trung",
    "Kỹ thuật trồng lạc giống L14",
    "Hướng dẫn sử dụng VNeID",
    "Phổ biến giáo dục pháp luật",
    "Nguyễn Thị Hường",
    "ĐOÀN THANH NIÊN",
    "Ỷ Lan, ỉ ĩ ị ỵ",
]


def _read(content: bytes):
    return read_sheet(io.BytesIO(content), COURSES)


def _one(rows):
    sheet = _read(workbook("courses", KEYS, rows))
    assert len(sheet.rows) == 1
    return sheet.rows[0]


# -- text -------------------------------------------------------------------------


def test_nfd_text_is_stored_nfc_and_trimmed_without_invisible_characters():
    typed = "  " + unicodedata.normalize("NFD", "Kỹ thuật\u200b trồng lạc") + "\u00a0 "
    row = _one([[typed, "Kỹ năng sống", "Lớp học", "05/03/2021", 10]])
    assert row.values["title"] == "Kỹ thuật trồng lạc"
    assert unicodedata.is_normalized("NFC", row.values["title"])


@pytest.mark.parametrize("name", NAMES[:-1])  # TCVN3 has no code for most capitals (Ỷ)
def test_tcvn3_text_converts_to_unicode(name):
    decoded = decode_cell(to_tcvn3(name), ".VnTime")
    assert (decoded.text, decoded.encoding) == (name, TCVN3)
    assert decode_cell(to_tcvn3(name)).text == name  # no font: by its letters


@pytest.mark.parametrize("name", NAMES)
def test_vni_text_converts_to_unicode(name):
    decoded = decode_cell(to_vni(name), "VNI-Times")
    assert (decoded.text, decoded.encoding) == (name, VNI)
    assert decode_cell(to_vni(name)).text == name  # no font: by its letters


def test_vntimeh_capitals_convert_to_capitals():
    assert decode_cell(to_tcvn3("thạch trung"), ".VnTimeH").text == "THẠCH TRUNG"


@pytest.mark.parametrize("text", ["Tô Hà", "Hoà Bình", "Nguyễn Văn Hùng", "Café 2020", "STT"])
def test_unicode_text_is_left_alone(text):
    assert decode_cell(text).text == text
    assert decode_cell(text).encoding is None


def test_text_in_no_known_encoding_is_refused():
    with pytest.raises(UnknownEncoding):
        decode_cell("x×÷ß")


def test_a_tcvn3_file_and_a_vni_file_read_as_unicode_with_a_warning():
    for convert, font, encoding in ((to_tcvn3, ".VnTime", "TCVN3"), (to_vni, "VNI-Times", "VNI")):
        row = [convert("Kỹ thuật trồng lạc"), convert("Kỹ năng sống"), "Lớp học", "05/03/2021", 1]
        fonts = {(0, 0): font, (0, 1): font}
        sheet = _read(workbook("courses", KEYS, [row], fonts=fonts))
        assert sheet.rows[0].values["title"] == "Kỹ thuật trồng lạc"
        assert sheet.warnings and encoding in sheet.warnings[0].message


# -- numbers and dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, number",
    [("12.000", 12000), ("1.200", 1200), ("12 000", 12000), (12000, 12000), ("7", 7)],
)
def test_numbers_as_numbers_or_as_vietnamese_text(typed, number):
    row = _one([["Lớp", "Kỹ năng sống", "Lớp học", "05/03/2021", typed]])
    assert row.values["participants_total"] == number
    assert not row.problems


@pytest.mark.parametrize("typed", ["12,5", "1.2.3", "mười"])
def test_a_number_that_is_not_whole_is_a_problem_of_its_cell(typed, english):
    row = _one([["Lớp", "Kỹ năng sống", "Lớp học", "05/03/2021", typed]])
    assert [p.column for p in row.problems] == ["Total"]


@pytest.mark.parametrize(
    "typed",
    ["05/03/2020", "5/3/2020", "05-03-2020", "05.03.2020", "2020-03-05", datetime.date(2020, 3, 5)],
)
def test_dates_as_excel_dates_or_typed_day_first(typed):
    row = _one([["Lớp", "Kỹ năng sống", "Lớp học", typed, 1]])
    assert row.values["start_date"] == datetime.date(2020, 3, 5)


def test_an_excel_serial_number_is_a_date():
    assert parse_date(43895) == datetime.date(2020, 3, 5)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15/08/98", datetime.date(1998, 8, 15)),  # a center founded in the nineties
        ("05/03/20", datetime.date(2020, 3, 5)),
        ("05/03/27", datetime.date(2027, 3, 5)),  # next year: planned, still this century
    ],
)
def test_a_year_typed_with_two_digits_is_the_nearest_one(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize("typed", ["31/02/2021", "hôm qua", "2021"])
def test_a_date_that_is_not_one_is_a_problem_of_its_cell(typed, english):
    row = _one([["Lớp", "Kỹ năng sống", "Lớp học", typed, 1]])
    assert [p.column for p in row.problems] == ["From"]


# -- the sheet -----------------------------------------------------------------------------


def test_blank_rows_the_example_row_and_the_numbering_row_are_skipped():
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", *header("courses", KEYS)])
    sheet.append([f"({i})" for i in range(1, 7)])
    sheet.append(["Ví dụ", "Lớp mẫu", "Kỹ năng sống", "Lớp học", "05/03/2021", 1])
    sheet.append([])
    sheet.append([1, "Lớp thật", "Kỹ năng sống", "Lớp học", "06/03/2021", 2])
    sheet.append([None, "  ", None])
    sheet.append([2, "Lớp nữa", "Kỹ năng sống", "Lớp học", "07/03/2021", 3])
    rows = _read(save(book)).rows
    assert [(r.number, r.values["title"]) for r in rows] == [(5, "Lớp thật"), (7, "Lớp nữa")]


def test_merged_group_headers_are_read():
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH"])
    sheet.append(
        ["Tên lớp học, chuyên đề", "Lĩnh vực", "Hình thức", "Từ ngày", "Lượt người học", None]
    )
    sheet.append([None, None, None, None, "Tổng số", "Nữ"])
    for column in "ABCD":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("E2:F2")
    sheet.append(["Lớp", "Kỹ năng sống", "Lớp học", "05/03/2021", 30, 12])
    row = _read(save(book)).rows[0]
    assert (row.values["participants_total"], row.values["participants_women"]) == (30, 12)


def test_a_sheet_without_the_template_header_is_refused(english):
    book = Workbook()
    book.active.append(["Họ tên", "Ngày sinh"])
    book.active.append(["An", "01/01/1990"])
    with pytest.raises(ImportRefused) as refused:
        _read(save(book))
    assert "No header row found" in refused.value.problems[0].message


def test_a_header_missing_a_required_column_is_refused(english):
    content = workbook("courses", ["title", "topic", "participants_total"], [["Lớp", "X", 1]])
    with pytest.raises(ImportRefused) as refused:
        _read(content)
    assert refused.value.problems[0].message.startswith("Missing columns: “Format”, “From”.")


def test_a_sheet_with_no_data_rows_is_refused(english):
    with pytest.raises(ImportRefused) as refused:
        _read(workbook("courses", KEYS, []))
    assert refused.value.problems[0].message == "The sheet has a header row but no data rows."


def test_too_many_rows_are_refused(settings, english):
    settings.IMPORT_MAX_ROWS = 3
    rows = [[f"Lớp {i}", "Kỹ năng sống", "Lớp học", "05/03/2021", 1] for i in range(5)]
    with pytest.raises(ImportRefused) as refused:
        _read(workbook("courses", KEYS, rows))
    assert "more than 3 rows" in refused.value.problems[0].message


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "97"),  # an old .xls
        (b"Ho ten,Ngay\nAn,1\n", "not an Excel"),  # a CSV renamed
        (b"", "empty"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_saying_what_to_do(content, words, english):
    with pytest.raises(ImportRefused) as refused:
        _read(content)
    assert words in refused.value.problems[0].message


def test_a_legacy_font_with_unreadable_text_is_a_problem_of_its_cell(english):
    row = [("x×÷ß"), "Kỹ năng sống", "Lớp học", "05/03/2021", 1]
    sheet = _read(workbook("courses", KEYS, [row], fonts={(0, 0): "Arial"}))
    problems = sheet.rows[0].problems
    assert [p.column for p in problems] == ["Course or session"]
    assert "encoding that cannot be read" in problems[0].message


def test_fonts_are_read_from_the_cell_style():
    book = Workbook()
    sheet = book.active
    sheet.append(header("courses", KEYS))
    sheet.append([to_tcvn3("Thạch Trung"), "Kỹ năng sống", "Lớp học", "05/03/2021", 1])
    sheet["A2"].font = Font(name=".VnTime")
    assert _read(save(book)).rows[0].values["title"] == "Thạch Trung"
