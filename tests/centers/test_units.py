import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from centers.models import AdministrativeUnit
from centers.units import UnitKind, UnitLevel, normalize_code, prefixed_name
from tests.cast import NEW, OLD
from tests.factories import CommuneFactory, DistrictFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def test_thach_trung_is_under_ha_tinh_city_in_2020(demo):
    in_city = AdministrativeUnit.objects.subtree(demo.city, on=OLD)

    assert demo.thach_trung in in_city
    assert demo.thach_trung.parent == demo.city
    assert demo.thach_trung.full_name == "Xã Thạch Trung, thành phố Hà Tĩnh, tỉnh Hà Tĩnh"
    assert in_city.filter(level=UnitLevel.COMMUNE).count() == 15


def test_thach_trung_became_phuong_tran_phu_by_2026(demo):
    assert demo.thach_trung.successors_on(NEW) == [demo.tran_phu_2025]
    assert demo.tran_phu_2025.name == "Phường Trần Phú"
    assert demo.tran_phu_2025.code == "18100"
    assert demo.tran_phu_2025.parent == demo.province


def test_a_unit_valid_on_the_date_is_its_own_successor(demo):
    assert demo.thach_trung.successors_on(OLD) == [demo.thach_trung]
    assert demo.thach_trung.successors_on(datetime.date(2019, 1, 1)) == []


def test_dai_nai_was_split_between_two_wards(demo):
    dai_nai = AdministrativeUnit.objects.by_code("18082").get()

    names = [unit.name for unit in dai_nai.successors_on(NEW)]

    assert names == ["Phường Thành Sen", "Phường Hà Huy Tập"]
    assert set(dai_nai.successor_links.values_list("partial", flat=True)) == {True}


def test_phuong_tran_phu_came_from_three_demo_communes(demo):
    names = {unit.name for unit in demo.tran_phu_2025.predecessors.all()}

    assert names == {"Xã Thạch Trung", "Xã Đồng Môn", "Xã Thạch Hạ"}


def test_code_18100_names_two_places_in_two_eras(demo):
    units = AdministrativeUnit.objects.by_code("18100")

    assert units.valid_on(OLD).get().name == "Xã Thạch Hạ"
    assert units.valid_on(NEW).get().name == "Phường Trần Phú"


def test_province_subtree_follows_the_date(demo):
    as_of_2020 = AdministrativeUnit.objects.subtree(demo.province, on=OLD)
    as_of_2026 = AdministrativeUnit.objects.subtree(demo.province, on=NEW)

    assert as_of_2020.filter(level=UnitLevel.DISTRICT).get() == demo.city
    assert as_of_2026.filter(level=UnitLevel.DISTRICT).count() == 0
    assert as_of_2026.filter(level=UnitLevel.COMMUNE).count() == 69


@pytest.mark.parametrize("code", [436, "436", " 436 ", "436.0"])
def test_lookups_accept_numbers_and_text(demo, code):
    assert AdministrativeUnit.objects.by_code(code, level=UnitLevel.DISTRICT).get() == demo.city


def test_text_code_width_gives_the_level(demo):
    assert AdministrativeUnit.objects.by_code("42").get() == demo.province
    assert AdministrativeUnit.objects.by_code(42, level=UnitLevel.PROVINCE).get() == demo.province


@pytest.mark.parametrize(
    ("code", "level", "expected"),
    [(1, 1, "01"), ("1", 1, "01"), (436, 2, "436"), (18088, 3, "18088"), (4, 3, "00004")],
)
def test_codes_are_zero_padded_text(code, level, expected):
    assert normalize_code(code, level) == expected


@pytest.mark.parametrize("code", ["4361", "4a", "", "-1", "١٢"])
def test_malformed_codes_are_refused(code):
    with pytest.raises(ValueError):
        normalize_code(code, UnitLevel.DISTRICT)


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Thạch Trung", UnitKind.COMMUNE, "Xã Thạch Trung"),
        ("Xã Thạch Trung", UnitKind.COMMUNE, "Xã Thạch Trung"),
        ("xã  Thạch Trung ", UnitKind.COMMUNE, "Xã Thạch Trung"),
        ("Hà Tĩnh", UnitKind.PROVINCE, "Tỉnh Hà Tĩnh"),
        ("Hà Nội", UnitKind.MUNICIPALITY, "Thành phố Hà Nội"),
        ("Hà Tĩnh", UnitKind.PROVINCIAL_CITY, "Thành phố Hà Tĩnh"),
        ("Côn Đảo", UnitKind.SPECIAL_ZONE, "Đặc khu Côn Đảo"),
    ],
)
def test_bare_names_get_their_kind_prefix(name, kind, expected):
    assert prefixed_name(name, kind) == expected


def test_two_same_named_siblings_are_allowed():
    district = DistrictFactory(name="Thành phố Thanh Hóa", kind=UnitKind.PROVINCIAL_CITY)
    first = CommuneFactory(parent=district, name="Xã Đông Khê", code="15850")
    second = AdministrativeUnit(
        code="15853",
        name="Xã Đông Khê",
        kind=UnitKind.COMMUNE,
        parent=district,
        valid_from=first.valid_from,
    )

    second.full_clean()
    second.save()

    assert district.children.filter(name="Xã Đông Khê").count() == 2


def _tree(communes: int) -> AdministrativeUnit:
    province = ProvinceFactory()
    districts = [DistrictFactory(parent=province) for _ in range(max(1, communes // 100))]
    for i in range(communes):
        CommuneFactory(parent=districts[i % len(districts)])
    return province


def test_subtree_query_count_does_not_grow_with_the_tree():
    small, large = _tree(10), _tree(1000)

    with CaptureQueriesContext(connection) as small_queries:
        small_units = list(AdministrativeUnit.objects.subtree(small, on=OLD))
    with CaptureQueriesContext(connection) as large_queries:
        large_units = list(AdministrativeUnit.objects.subtree(large, on=OLD))

    assert len(small_units) == 1 + 1 + 10
    assert len(large_units) == 1 + 10 + 1000
    assert len(small_queries) == len(large_queries) == 1


def test_moving_a_district_moves_its_communes():
    old_province, new_province = ProvinceFactory(), ProvinceFactory()
    district = DistrictFactory(parent=old_province)
    commune = CommuneFactory(parent=district)

    district.parent = new_province
    district.save()

    assert commune in AdministrativeUnit.objects.subtree(new_province)
    assert commune not in AdministrativeUnit.objects.subtree(old_province)


def test_load_units_gives_ha_tinh_69_communes_and_is_idempotent(capsys):
    call_command("load_units", province="42")
    first = set(AdministrativeUnit.objects.values_list("pk", "code", "name", "path"))
    AdministrativeUnit.objects.filter(code="18100").update(name="Phường Sai Tên")

    call_command("load_units", province=42)

    province = AdministrativeUnit.objects.by_code("42").get()
    assert province.name == "Tỉnh Hà Tĩnh"
    assert AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent=province).count() == 69
    assert set(AdministrativeUnit.objects.values_list("pk", "code", "name", "path")) == first
    assert "0 tạo mới, 1 cập nhật, 69 không đổi" in capsys.readouterr().out


def test_load_units_loads_the_whole_country():
    call_command("load_units")

    assert AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).count() == 34
    assert AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).count() == 3321
    assert AdministrativeUnit.objects.by_code("01").get().name == "Thành phố Hà Nội"
    assert not AdministrativeUnit.objects.filter(path="").exists()


def test_load_units_refuses_a_code_held_by_an_open_ended_old_unit():
    province = ProvinceFactory(code="42", name="Tỉnh Hà Tĩnh")
    district = DistrictFactory(parent=province, code="436")
    CommuneFactory(parent=district, code="18100", name="Xã Thạch Hạ")  # never closed
    before = AdministrativeUnit.objects.count()

    with pytest.raises(Exception, match="18100"):
        call_command("load_units", province="42")

    assert AdministrativeUnit.objects.count() == before


# -- bad input -------------------------------------------------------------


def test_validity_ending_before_it_starts_is_refused():
    unit = AdministrativeUnit(
        code="42",
        name="Tỉnh Hà Tĩnh",
        kind=UnitKind.PROVINCE,
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2019, 12, 31),
    )

    with pytest.raises(ValidationError) as excinfo:
        unit.full_clean()

    assert excinfo.value.message_dict["valid_until"] == [
        "Ngày hết hiệu lực không thể trước ngày bắt đầu hiệu lực."
    ]
    assert not AdministrativeUnit.objects.exists()


def test_the_database_also_refuses_a_reversed_validity():
    with pytest.raises(IntegrityError), transaction.atomic():
        AdministrativeUnit.objects.create(
            code="42",
            name="Tỉnh Hà Tĩnh",
            kind=UnitKind.PROVINCE,
            level=UnitLevel.PROVINCE,
            valid_from=datetime.date(2020, 1, 1),
            valid_until=datetime.date(2019, 1, 1),
        )


def test_a_cycle_in_parents_is_refused():
    province = ProvinceFactory()
    district = DistrictFactory(parent=province)
    commune = CommuneFactory(parent=district)
    district.parent = commune

    with pytest.raises(ValidationError) as excinfo:
        district.full_clean()

    assert excinfo.value.message_dict["parent"] == [
        "Một đơn vị không thể thuộc chính nó hoặc một đơn vị cấp dưới của nó."
    ]
    district.refresh_from_db()
    assert district.parent == province


def test_a_second_unit_with_the_same_code_in_an_overlapping_period_is_refused():
    province = ProvinceFactory()
    district = DistrictFactory(parent=province)
    CommuneFactory(
        parent=district, code="18088", name="Xã Thạch Trung", valid_until=datetime.date(2025, 6, 30)
    )
    clash = AdministrativeUnit(
        code=18088,
        name="Xã Khác",
        kind=UnitKind.COMMUNE,
        parent=district,
        valid_from=datetime.date(2024, 1, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        clash.full_clean()

    message = excinfo.value.message_dict["code"][0]
    assert "18088" in message and "Xã Thạch Trung" in message
    assert AdministrativeUnit.objects.by_code("18088").count() == 1


def test_the_same_code_after_the_old_unit_closed_is_accepted():
    province = ProvinceFactory()
    district = DistrictFactory(parent=province)
    CommuneFactory(parent=district, code="18100", valid_until=datetime.date(2025, 6, 30))
    reused = AdministrativeUnit(
        code="18100",
        name="Phường Trần Phú",
        kind=UnitKind.WARD,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
    )

    reused.full_clean()
    reused.save()

    assert AdministrativeUnit.objects.by_code("18100").count() == 2


def test_a_commune_outliving_its_district_is_refused():
    district = DistrictFactory(valid_until=datetime.date(2025, 6, 30))
    commune = AdministrativeUnit(
        code="18088",
        name="Xã Thạch Trung",
        kind=UnitKind.COMMUNE,
        parent=district,
        valid_from=datetime.date(2020, 1, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        commune.full_clean()

    assert "parent" in excinfo.value.message_dict


def test_a_nfd_typed_name_is_stored_nfc():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "  Xã  Thạch Hạ ")
    commune = CommuneFactory(name=nfd)

    commune.refresh_from_db()
    assert commune.name == "Xã Thạch Hạ"
    assert AdministrativeUnit.objects.filter(name=nfd.strip()).get() == commune


@pytest.mark.parametrize(
    "typed", ["thach trung", "THẠCH TRUNG", "Thach Trung", "thạch trung", "18088"]
)
def test_accent_free_search_finds_thach_trung(demo, typed):
    assert list(AdministrativeUnit.objects.search(typed)) == [demo.thach_trung]


def test_accent_free_search_matches_d_stroke_and_centers(demo):
    from centers.models import Appointment, LearningCenter

    assert list(AdministrativeUnit.objects.search("dong mon").values_list("name", flat=True)) == [
        "Xã Đồng Môn"
    ]
    assert LearningCenter.objects.search("tt hoc tap").count() == 0
    assert LearningCenter.objects.search("cong dong xa thach trung").get() == (
        demo.thach_trung_center
    )
    assert Appointment.objects.search("mai van di").count() == 2


def test_search_uses_an_index_on_postgresql(needs_postgres_db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'centers_administrativeunit'"
        )
        names = {row[0] for row in cursor.fetchall()}

    assert "unit_search_trgm" in names
