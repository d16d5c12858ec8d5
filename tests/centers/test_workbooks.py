"""Hostile workbooks (issue 9, hole 4): the one hardened reader refuses each
with a clear Vietnamese message — or, for a stale <dimension>, reads every
row — and import_units goes through it."""

import io
import re
import zipfile

import pytest

from centers.imports import UnitImportError, units_import
from centers.models import AdministrativeUnit
from centers.units import UnitLevel
from centers.workbooks import WorkbookError, read_rows
from tests.centers.test_import_units import START
from tests.centers.xlsx import HA_TINH_2020, national_rows, workbook_bytes

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" ContentType="{main}"/></Types>'
)
WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="DM" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:G5"/><sheetData>{rows}</sheetData></worksheet>'
)
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
HEADER = ["Mã TP", "Tỉnh/Thành phố", "Mã QH", "Quận/Huyện", "Mã PX", "Phường/Xã", "Cấp"]


def _row(number: int, values) -> str:
    cells = []
    for column, value in zip("ABCDEFG", values, strict=False):
        ref = f"{column}{number}"
        if isinstance(value, tuple):  # ("formula", cached value or None)
            cached = f"<v>{value[1]}</v>" if value[1] is not None else ""
            cells.append(f'<c r="{ref}" t="str"><f>{value[0]}</f>{cached}</c>')
        elif isinstance(value, int):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def xlsx(rows_xml: str, *, extra=None, content_type=MAIN_TYPE, sheet=SHEET) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=content_type))
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet.format(rows=rows_xml))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def _unit_rows(rows) -> str:
    lines = [_row(1, HEADER)]
    for number, (province, p_code, district, d_code, commune, c_code, kind) in enumerate(rows, 2):
        lines.append(_row(number, [p_code, province, d_code, district, c_code, commune, kind]))
    return "".join(lines)


def _refused(file, **kwargs) -> list[str]:
    with pytest.raises(WorkbookError) as excinfo:
        list(read_rows(file, **kwargs))
    return excinfo.value.messages


@pytest.mark.django_db
def test_a_stale_dimension_does_not_hide_rows():
    rows = national_rows(provinces=2, districts=4, communes=300)
    units_import(file=xlsx(_unit_rows(rows)), valid_from=START)  # says A1:G5

    assert AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).count() == 300


@pytest.mark.django_db
def test_a_formula_without_a_computed_value_is_refused_naming_the_cell():
    row = ["42", "Tỉnh Hà Tĩnh", "436", "Thành phố Hà Tĩnh", "18088", ('"Xã "&amp;X9', None), "Xã"]
    rows_xml = _row(1, HEADER) + _row(2, row)

    with pytest.raises(UnitImportError) as excinfo:
        units_import(file=xlsx(rows_xml), valid_from=START)

    assert "F2" in excinfo.value.messages[0] and "công thức" in excinfo.value.messages[0]
    assert not AdministrativeUnit.objects.exists()


@pytest.mark.django_db
def test_a_formula_with_its_computed_value_is_read():
    row = ["42", "Tỉnh Hà Tĩnh", "436", "Thành phố Hà Tĩnh", "18088", ("A1", "Thạch Trung"), "Xã"]

    units_import(file=xlsx(_row(1, HEADER) + _row(2, row)), valid_from=START)

    assert AdministrativeUnit.objects.by_code("18088").get().name == "Xã Thạch Trung"


@pytest.mark.django_db
def test_blank_names_are_refused_by_row():
    rows = [
        ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Xã Thạch Trung", "18088", "Xã"),
        ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "", "18100", "Xã"),
    ]

    with pytest.raises(UnitImportError) as excinfo:
        units_import(file=workbook_bytes(rows), valid_from=START)

    assert excinfo.value.messages == ["Dòng 6: Phường/Xã để trống."]


def test_a_cell_that_expands_a_thousandfold_is_refused_before_parsing():
    huge = "A" * (8 * 2**20)
    rows_xml = (
        _row(1, HEADER) + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{huge}</t></is></c></row>'
    )

    messages = _refused(xlsx(rows_xml))

    assert "quá tải" in messages[0]


def test_a_zip_of_empty_rows_is_refused_before_parsing(settings):
    settings.WORKBOOK_MAX_UNCOMPRESSED_BYTES = 2**20
    empty_rows = "".join(f'<row r="{n}"/>' for n in range(1, 100_000))

    assert "quá tải" in _refused(xlsx(empty_rows))[0]


def test_too_many_shared_strings_are_refused(settings):
    settings.WORKBOOK_MAX_SHARED_STRINGS = 1_000
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(1_500))
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'

    messages = _refused(xlsx(_row(1, HEADER), extra={"xl/sharedStrings.xml": sst}))

    assert "1.000" in messages[0]


def test_a_file_over_the_size_limit_is_refused():
    file = workbook_bytes(HA_TINH_2020)

    messages = _refused(file, max_bytes=1024)

    assert re.search(r"giới hạn là 0,0 MB", messages[0])


def test_too_many_parts_are_refused():
    extra = {f"xl/media/image{n}.png": b"" for n in range(1_100)}

    assert "quá nhiều phần" in _refused(xlsx(_row(1, HEADER), extra=extra))[0]


@pytest.mark.parametrize(
    "sheet",
    [
        SHEET.replace("</worksheet>", ""),  # cut short
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + SHEET.replace("{rows}", "&a;{rows}"),  # entities
        SHEET.replace("<sheetData>", "<sheetData><row r='1'><c r='ZZZZ1'><v>1</v></c></row>"),
    ],
)
def test_malformed_xml_is_a_clear_message_not_a_traceback(sheet):
    messages = _refused(xlsx(_row(1, HEADER), sheet=sheet))

    assert messages[0].startswith("Bảng tính bị hỏng")


def test_a_broken_zip_is_a_clear_message():
    data = workbook_bytes(HA_TINH_2020).getvalue()
    broken = io.BytesIO(data[: len(data) // 2])

    assert _refused(broken)[0].startswith("Bảng tính bị hỏng")


def test_a_workbook_with_macros_is_refused_with_what_to_do():
    xlsm = xlsx(
        _row(1, HEADER),
        content_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        extra={"xl/vbaProject.bin": b"\0" * 10},
    )

    assert "(*.xlsx)" in _refused(xlsm)[0]


def test_an_encrypted_workbook_is_refused_with_what_to_do():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")

    assert "mật khẩu" in _refused(io.BytesIO(ole))[0]


def test_an_old_xls_and_a_word_file_are_refused_with_what_to_do():
    xls = io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    docx.seek(0)

    assert ".xls" in _refused(xls)[0]
    assert "Word" in _refused(docx)[0]


def test_the_reader_gives_rows_values_and_fonts():
    rows = list(read_rows(workbook_bytes(HA_TINH_2020[:2], font="Times New Roman")))

    assert rows[0].number == 1 and rows[0].values == ["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"]
    header, first = rows[2], rows[3]
    assert header.number == 4 and "Mã PX" in header.values
    assert first.cells[1].value == "42" and first.cells[1].font_name == "Times New Roman"
