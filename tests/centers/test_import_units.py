import datetime

import pytest
from django.core.management import CommandError, call_command

from centers.imports import UnitImportError, units_import
from centers.models import AdministrativeUnit
from centers.units import UnitLevel
from tests.centers.xlsx import HA_TINH_2020, HEADER, national_rows, nfd, workbook_bytes
from tests.factories import CommuneFactory, DistrictFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2020, 1, 1)
END = datetime.date(2025, 6, 30)

# The traps: codes as numbers and as text, an NFD name, trailing spaces,
# bare names, and two "Xã Đông Khê" under one city.
TRAPS = [
    (42, 436, "Thành phố Hà Tĩnh", "Xã Thạch Trung", 18088, "Xã"),
    ("42", "436", "Thành phố Hà Tĩnh  ", nfd("Xã Thạch Hạ"), "18100", "Xã"),
    ("42", "436", "Thành phố Hà Tĩnh", "Phường Nam Hà   ", 18073.0, "Phường"),
    ("38", "380", "Thành phố Thanh Hóa", "Xã Đông Khê", "15850", "xã"),
    (38, 380, "Thành phố Thanh Hóa", "Đông Khê", "15853", "Xã"),
    (1, 1, "Quận Ba Đình", "Phường Phúc Xá", 1, "Phường"),
]
PROVINCES = {42: "Tỉnh Hà Tĩnh", 38: "Tỉnh Thanh Hóa", 1: "Thành phố Hà Nội"}


def _traps():
    return [
        (PROVINCES[int(p)] + (" " if i == 1 else ""), p, d_name, d, c_name, c, kind)
        for i, (p, d, d_name, c_name, c, kind) in enumerate(TRAPS)
    ]


def _import(rows, **kwargs):
    return units_import(file=workbook_bytes(rows), valid_from=START, valid_until=END, **kwargs)


def test_a_list_with_traps_imports_cleanly():
    result = _import(_traps())

    assert result.created == 3 + 3 + 6
    units = AdministrativeUnit.objects
    assert units.by_code("42").get().name == "Tỉnh Hà Tĩnh"
    assert units.by_code("01").get().name == "Thành phố Hà Nội"
    assert units.by_code("001").get().name == "Quận Ba Đình"
    assert units.by_code("00001").get().name == "Phường Phúc Xá"
    assert units.by_code("18100").get().name == "Xã Thạch Hạ"  # NFC now
    assert units.by_code("18073").get().name == "Phường Nam Hà"
    thanh_hoa = units.by_code("380").get()
    assert thanh_hoa.children.filter(name="Xã Đông Khê").count() == 2
    thach_trung = units.by_code(18088).get()
    assert thach_trung.full_name == "Xã Thạch Trung, thành phố Hà Tĩnh, tỉnh Hà Tĩnh"
    assert (thach_trung.valid_from, thach_trung.valid_until) == (START, END)
    assert thach_trung in units.subtree(units.by_code("42").get(), on=datetime.date(2020, 10, 1))


def test_reimporting_the_same_list_adds_nothing():
    _import(_traps())
    before = list(AdministrativeUnit.objects.values_list("pk", "name", "path", "valid_until"))

    result = _import(_traps())

    assert (result.created, result.updated, result.unchanged) == (0, 0, 12)
    assert list(AdministrativeUnit.objects.values_list("pk", "name", "path", "valid_until")) == (
        before
    )


def test_reimporting_a_renamed_unit_updates_its_name():
    _import(HA_TINH_2020)
    renamed = [
        row if row[5] != "18088" else (*row[:4], "Xã Thạch Trung Mới", *row[5:])
        for row in HA_TINH_2020
    ]

    result = _import(renamed)

    assert (result.created, result.updated) == (0, 1)
    assert AdministrativeUnit.objects.by_code("18088").get().name == "Xã Thạch Trung Mới"


def test_the_command_imports_and_reports_in_vietnamese(tmp_path, capsys):
    path = tmp_path / "danh-muc-2020.xlsx"
    path.write_bytes(workbook_bytes(HA_TINH_2020).getvalue())

    call_command("import_units", str(path), "--valid-from=2020-01-01", "--valid-until=2025-06-30")

    assert "17 tạo mới, 0 cập nhật, 0 không đổi" in capsys.readouterr().out
    assert AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).count() == 15


def _refused(content, **kwargs) -> list[str]:
    with pytest.raises(UnitImportError) as excinfo:
        units_import(file=content, valid_from=START, **kwargs)
    assert not AdministrativeUnit.objects.exists()
    return excinfo.value.messages


def test_an_empty_file_is_refused():
    import io

    assert _refused(io.BytesIO(b"")) == ["Tệp rỗng."]


def test_a_file_that_is_not_xlsx_is_refused():
    import io

    csv = io.BytesIO("Mã TP,Tỉnh / Thành Phố\n42,Tỉnh Hà Tĩnh\n".encode())

    assert _refused(csv) == ["Tệp không phải là bảng tính Excel .xlsx."]


def test_an_old_xls_file_is_refused_with_advice():
    import io

    xls = io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)

    assert "Excel 97–2003 (.xls)" in _refused(xls)[0]


def test_a_damaged_xlsx_is_refused():
    import io

    assert _refused(io.BytesIO(b"PK\x03\x04 not really a zip")) == [
        "Bảng tính bị hỏng; hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi thử lại."
    ]


def test_missing_columns_are_named():
    header = [column for column in HEADER if column != "Cấp"]

    messages = _refused(workbook_bytes(HA_TINH_2020, header=header))

    assert messages[0].startswith("Thiếu cột: Cấp.")


def test_a_sheet_without_the_header_is_refused():
    messages = _refused(workbook_bytes([], header=["Tên", "Số"]))

    assert "Không tìm thấy dòng tiêu đề" in messages[0]


def test_a_header_without_rows_is_refused():
    assert _refused(workbook_bytes([])) == ["Tệp có dòng tiêu đề nhưng không có đơn vị nào."]


def test_an_unknown_cap_is_refused_with_its_row():
    rows = [*HA_TINH_2020[:2], (*HA_TINH_2020[2][:6], "Ấp")]

    messages = _refused(workbook_bytes(rows))

    assert messages == [
        "Dòng 7: Cấp “Ấp” không hợp lệ; cần là một trong Xã, Phường, Thị trấn, Đặc khu."
    ]


def test_a_file_over_the_row_limit_is_refused(settings):
    settings.UNIT_IMPORT_MAX_ROWS = 10

    messages = _refused(workbook_bytes(HA_TINH_2020))

    assert messages == ["Tệp có hơn 10 dòng; hãy chia nhỏ tệp hoặc nâng giới hạn."]


def test_a_code_repeated_in_the_file_is_refused_with_both_rows():
    rows = [*HA_TINH_2020, (*HA_TINH_2020[0][:4], "Xã Khác", "18088", "Xã")]

    messages = _refused(workbook_bytes(rows))

    assert messages == ["Mã PX 18088 xuất hiện hai lần: dòng 12 và dòng 20."]


def test_a_district_with_two_names_is_refused():
    rows = [
        *HA_TINH_2020[:2],
        ("Tỉnh Hà Tĩnh", "42", "Thị xã Hà Tĩnh", "436", "Xã A", "18999", "Xã"),
    ]

    messages = _refused(workbook_bytes(rows))

    assert "436" in messages[0] and "dòng 5" in messages[0] and "dòng 7" in messages[0]


def test_bad_codes_are_refused_with_their_rows():
    rows = [(*HA_TINH_2020[0][:5], "180-88", "Xã"), (*HA_TINH_2020[1][:5], "1808812", "Xã")]

    messages = _refused(workbook_bytes(rows))

    assert messages == [
        "Dòng 5: Mã PX “180-88” không phải là mã gồm 5 chữ số.",
        "Dòng 6: Mã PX “1808812” không phải là mã gồm 5 chữ số.",
    ]


def test_legacy_tcvn3_fonts_are_refused():
    messages = _refused(workbook_bytes(HA_TINH_2020, font=".VnTime"))

    assert "TCVN3" in messages[0] and ".VnTime" in messages[0]


def test_a_code_clashing_with_another_unit_in_an_overlapping_period_is_refused():
    province = ProvinceFactory(code="42", name="Tỉnh Hà Tĩnh")
    district = DistrictFactory(code="436", parent=province, name="Thành phố Hà Tĩnh")
    CommuneFactory(code="18088", parent=district, valid_from=datetime.date(2024, 1, 1))
    before = AdministrativeUnit.objects.count()

    with pytest.raises(UnitImportError) as excinfo:
        _import(HA_TINH_2020)

    assert "18088" in excinfo.value.messages[0]
    assert AdministrativeUnit.objects.count() == before


def test_a_clash_in_a_later_level_stores_none_of_the_earlier_ones():
    """The province and district rows are written before the communes: a
    commune that is refused takes them back with it (one transaction)."""
    CommuneFactory(code="18088", valid_from=datetime.date(2024, 1, 1))
    before = AdministrativeUnit.objects.count()

    with pytest.raises(UnitImportError, match="18088"):
        _import(HA_TINH_2020)

    assert AdministrativeUnit.objects.count() == before
    assert not AdministrativeUnit.objects.by_code("42").exists()


def test_the_command_refuses_a_bad_file_and_stores_nothing(tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    path.write_text("không phải excel")

    with pytest.raises(CommandError, match="Không nhập gì"):
        call_command("import_units", str(path), "--valid-from=2020-01-01")

    assert not AdministrativeUnit.objects.exists()


def test_the_national_list_imports_in_one_go():
    rows = national_rows()

    result = units_import(file=workbook_bytes(rows, title=False), valid_from=START)

    assert result.created == 63 + 705 + 10_603
    assert AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).count() == 10_603
    assert not AdministrativeUnit.objects.filter(path="").exists()
