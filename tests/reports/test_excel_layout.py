"""Each report kind opened with openpyxl as an office would: the official
layout (DOMAIN.md, "Official report layout") point by point."""

import datetime

import pytest

from courses.models import Course
from tests.reports.excel import build, numbered_row, request, texts, values

pytestmark = pytest.mark.django_db

KINDS = [
    ("summary", "2020", "436"),
    ("courses", "2020-Q4", "436"),
    ("campaign", "campaign:tuan-le-hoc-tap-suot-doi-2020", "436"),
    ("completeness", "2020-Q4", "436"),
    ("center", "2020-Q4", None),
]


def _book(demo, kind, period, unit):
    center = demo.thach_trung_center if kind == "center" else None
    return build(request(kind, period, unit, center), preparer="Lê Thị Lập")


@pytest.mark.parametrize(("kind", "period", "unit"), KINDS)
def test_every_report_has_the_official_layout(demo, kind, period, unit):
    book = _book(demo, kind, period, unit)
    ws = book.worksheets[0]
    rows = values(ws)
    top = [v for row in rows[:8] for v in row if isinstance(v, str)]
    # The main table's header rows repeat on every page; its last is (1) (2) (3)…
    first_header, numbers = (int(r.strip("$")) for r in ws.print_title_rows.split(":"))

    # The motto top right, the issuing unit top left, the document number.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in top
    assert "Độc lập - Tự do - Hạnh phúc" in top
    assert rows[0][0].startswith("UBND ") and rows[0][0] == rows[0][0].upper()
    assert rows[2][0].startswith("Số: …/BC")
    # The bold title in capitals, merged across the table; the italic period line.
    title_row = 5  # after the three heading rows and a blank one
    title = ws.cell(title_row, 1)
    assert title.font.b and title.value == title.value.upper()
    merged = {str(r) for r in ws.merged_cells.ranges}
    last = ws.cell(numbers, ws.max_column).column_letter
    assert f"A{title_row}:{last}{title_row}" in merged
    period_line = next(v for v in top if v.startswith("Từ ngày "))
    assert " đến ngày " in period_line
    # The numbered row (1) (2) (3)… under merged, bold header rows.
    assert [c for c in rows[numbers - 1] if c] == [f"({i})" for i in range(1, ws.max_column + 1)]
    assert ws.cell(first_header, 2).font.b
    assert (
        any(first_header <= r.min_row and r.max_row < numbers for r in ws.merged_cells.ranges)
        or first_header == numbers - 1
    )
    # Times New Roman, thin borders, header rows repeated, landscape A4 fitted to width.
    assert ws.cell(numbers + 1, 2).font.name == "Times New Roman"
    assert ws.cell(numbers + 1, 2).border.left.style == "thin"
    assert ws.print_title_rows and ws.print_title_rows.endswith(f"${numbers}")
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.freeze_panes
    # The date line and the signature blocks.
    everything = texts(ws)
    assert any(t.startswith("Hà Tĩnh, ngày 30 tháng 11 năm 2026") for t in everything) or any(
        ", ngày 30 tháng 11 năm 2026" in t for t in everything
    )
    assert "NGƯỜI LẬP BIỂU" in everything and "(Ký, ghi rõ họ tên)" in everything
    assert "(Ký tên, đóng dấu)" in everything
    assert "Lê Thị Lập" in everything
    # A second sheet with a bar chart.
    assert len(book.worksheets) == 2 and book.worksheets[1].title == "Biểu đồ"
    assert book.worksheets[1]._charts


def test_numbers_are_numbers_and_dates_are_dates(demo):
    ws = build(request("courses", "2020-Q4", "436")).worksheets[0]
    numbers = numbered_row(ws)
    first = [ws.cell(numbers + 1, col) for col in range(1, ws.max_column + 1)]

    by_header = {
        ws.cell(numbers - 1, c.column).value or ws.cell(numbers - 2, c.column).value: c
        for c in first
    }
    assert isinstance(by_header["Tổng số"].value, int)
    assert by_header["Tổng số"].number_format == "#,##0"
    assert isinstance(by_header["Từ ngày"].value, datetime.datetime)
    assert by_header["Từ ngày"].number_format == "DD/MM/YYYY"


def test_a_deputy_signs_for_the_head_of_the_city_office(demo):
    ws = build(request("summary", "2020", "436")).worksheets[0]

    everything = texts(ws)
    assert "UBND THÀNH PHỐ HÀ TĨNH" in everything
    assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in everything
    assert "Số: …/BC-PGDĐT" in everything
    assert "KT. TRƯỞNG PHÒNG" in everything and "PHÓ TRƯỞNG PHÒNG" in everything
    assert "Nguyễn Thị Hoa" in everything


def test_the_province_office_signs_itself_and_its_heading_is_the_provinces(demo):
    ws = build(request("summary", "2026-Q1", "42")).worksheets[0]

    everything = texts(ws)
    assert "UBND TỈNH HÀ TĨNH" in everything and "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in everything
    assert "GIÁM ĐỐC" in everything and not any(t.startswith("KT.") for t in everything)


def test_text_that_looks_like_a_formula_is_never_evaluated(demo):
    course = Course.objects.filter(center=demo.thach_trung_center, start_date__year=2020).first()
    Course.objects.filter(pk=course.pk).update(title='=HYPERLINK("http://x","bấm")')

    ws = build(request("courses", "2020", "436")).worksheets[0]

    cells = [c for row in ws.iter_rows() for c in row if c.value == course.title.replace('"', '"')]
    formula = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert formula and all(c.data_type == "s" and c.quotePrefix for c in formula)
    assert cells == [] or all(c.data_type == "s" for c in cells)


def test_past_excels_last_row_a_table_goes_on_in_a_new_sheet(demo, monkeypatch):
    monkeypatch.setattr("reports.excel.xlsx.MAX_ROWS", 20)

    book = build(request("courses", "2020", "436"))

    sheets = [ws for ws in book.worksheets if ws.title != "Biểu đồ"]
    assert len(sheets) >= 2 and sheets[1].title.endswith("(2)")
    assert all(ws.max_row <= 20 + 3 for ws in sheets)
    numbers = [[r[0] for r in values(ws)].index("(1)") for ws in sheets]
    assert numbers[1] == 2  # the header rows again, then the numbered row
    courses = [r for ws in sheets for r in values(ws) if isinstance(r[0], int)]
    assert [r[0] for r in courses] == list(range(1, len(courses) + 1))
