import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from centers.imports import units_import
from centers.models import AdministrativeUnit, LearningCenter, UnitSuccession
from centers.services import MergeSource, units_merge
from tests.centers.xlsx import HA_TINH_2020, workbook_bytes
from tests.factories import CenterFactory, CommuneFactory, DistrictFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)
EVE = datetime.date(2025, 6, 30)
OLD, NEW = datetime.date(2020, 10, 1), datetime.date(2026, 1, 1)


def unit(code, on):
    return AdministrativeUnit.objects.by_code(code).valid_on(on).get()


@pytest.fixture
def ha_tinh_both_lists():
    """The 2020 list imported as it was (open-ended), then today's list."""
    units_import(file=workbook_bytes(HA_TINH_2020), valid_from=datetime.date(2020, 1, 1),
                 valid_until=EVE)  # fmt: skip
    call_command("load_units", province="42")


def test_the_ha_tinh_2025_merges_answer_lineage_both_ways(ha_tinh_both_lists, capsys):
    center = CenterFactory(
        unit=unit("18088", OLD), name="Trung tâm học tập cộng đồng xã Thạch Trung"
    )

    call_command("merge_units", "--into=18100", "--from=18088,18103,18100", "--on=2025-07-01")
    thanh_sen = "--from=18076,18091,18079,18109,18073,18070,18085,18097"
    call_command("merge_units", "--into=18073", thanh_sen, "--partial", "18082", "--on=2025-07-01")
    call_command("merge_units", "--into=18652", "--from=18082", "--on=2025-07-01")

    thach_trung, tran_phu = unit("18088", OLD), unit("18100", NEW)
    assert thach_trung.successors_on(NEW) == [tran_phu]
    assert {u.name for u in tran_phu.predecessors.all()} == {
        "Xã Thạch Trung",
        "Xã Đồng Môn",
        "Xã Thạch Hạ",
    }
    dai_nai = unit("18082", OLD)
    assert [u.name for u in dai_nai.successors_on(NEW)] == ["Phường Thành Sen", "Phường Hà Huy Tập"]
    assert set(dai_nai.successor_links.values_list("partial", flat=True)) == {True}
    # Nothing attached to the old unit moved or vanished.
    center.refresh_from_db()
    assert center.unit == thach_trung
    assert "Xã Thạch Trung → Phường Trần Phú" in capsys.readouterr().out


@pytest.fixture
def open_old_units():
    """Old units that were never closed, and the new ward they became."""
    province = ProvinceFactory(code="42", name="Tỉnh Hà Tĩnh")
    city = DistrictFactory(code="436", name="Thành phố Hà Tĩnh", parent=province)
    names = [("18088", "Xã Thạch Trung"), ("18103", "Xã Đồng Môn"), ("18082", "Phường Đại Nài")]
    old = {code: CommuneFactory(code=code, name=name, parent=city) for code, name in names}
    ward = CommuneFactory(code="18999", name="Phường Mới", parent=province, valid_from=REFORM)
    other = CommuneFactory(code="18998", name="Phường Khác", parent=province, valid_from=REFORM)
    return old, ward, other


def test_merging_closes_whole_units_the_day_before(open_old_units):
    old, ward, _other = open_old_units

    units_merge(
        into=ward, sources=[MergeSource(old["18088"]), MergeSource(old["18103"])], on=REFORM
    )

    for code in ("18088", "18103"):
        old[code].refresh_from_db()
        assert old[code].valid_until == EVE
        assert old[code].successors_on(NEW) == [ward]
    assert old["18088"].successors_on(EVE) == [old["18088"]]


def test_a_partial_unit_stays_open_until_its_last_part_is_recorded(open_old_units):
    old, ward, other = open_old_units
    dai_nai = old["18082"]

    units_merge(into=ward, sources=[MergeSource(dai_nai, partial=True)], on=REFORM)
    dai_nai.refresh_from_db()
    assert dai_nai.valid_until is None

    units_merge(into=other, sources=[MergeSource(dai_nai)], on=REFORM)
    dai_nai.refresh_from_db()
    assert dai_nai.valid_until == EVE
    assert dai_nai.successors_on(NEW) == [ward, other] or set(dai_nai.successors_on(NEW)) == {
        ward,
        other,
    }
    assert set(dai_nai.successor_links.values_list("partial", flat=True)) == {True}


def test_rerunning_a_merge_changes_nothing(open_old_units):
    old, ward, _other = open_old_units
    units_merge(into=ward, sources=[MergeSource(old["18088"])], on=REFORM)

    units_merge(into=ward, sources=[MergeSource(old["18088"])], on=REFORM)

    assert UnitSuccession.objects.count() == 1


def test_merging_into_a_unit_not_yet_valid_is_refused(open_old_units):
    old, ward, _other = open_old_units

    with pytest.raises(ValidationError) as excinfo:
        units_merge(into=ward, sources=[MergeSource(old["18088"])], on=datetime.date(2025, 1, 1))

    assert excinfo.value.messages == ["Phường Mới không có hiệu lực vào ngày 01/01/2025."]
    old["18088"].refresh_from_db()
    assert old["18088"].valid_until is None
    assert not UnitSuccession.objects.exists()


def test_a_district_with_open_communes_cannot_be_merged_away(open_old_units):
    old, ward, _other = open_old_units
    city = old["18088"].parent

    with pytest.raises(ValidationError) as excinfo:
        units_merge(into=ward, sources=[MergeSource(city)], on=REFORM)

    assert "Thành phố Hà Tĩnh còn 3 đơn vị trực thuộc" in excinfo.value.messages[0]


def test_the_command_refuses_an_unknown_code(open_old_units):
    with pytest.raises(CommandError, match="18777"):
        call_command("merge_units", "--into=18999", "--from=18777", "--on=2025-07-01")


def test_the_admin_records_a_merge(client, open_old_units, django_user_model):
    old, ward, _other = open_old_units
    admin = django_user_model.objects.create_superuser("quantri", password="x-Secret-2020")
    client.force_login(admin)
    ids = f"{old['18088'].pk},{old['18082'].pk}"
    url = reverse("admin:centers_administrativeunit_merge") + f"?ids={ids}"

    assert client.get(url).status_code == 200
    response = client.post(
        url, {"into_code": "18999", "on": "01/07/2025", "partial": [old["18082"].pk]}
    )

    assert response.status_code == 302
    old["18088"].refresh_from_db()
    old["18082"].refresh_from_db()
    assert old["18088"].valid_until == EVE
    assert old["18082"].valid_until is None
    assert {u.name for u in ward.predecessors.all()} == {"Xã Thạch Trung", "Phường Đại Nài"}


def test_the_admin_merge_form_keeps_input_on_error(client, open_old_units, django_user_model):
    old, _ward, _other = open_old_units
    client.force_login(
        django_user_model.objects.create_superuser("quantri", password="x-Secret-2020")
    )
    url = reverse("admin:centers_administrativeunit_merge") + f"?ids={old['18088'].pk}"

    response = client.post(url, {"into_code": "18777", "on": "01/07/2025"})

    page = response.content.decode()
    assert "Không có (hoặc có nhiều hơn một) đơn vị mã 18777" in page
    assert 'value="18777"' in page and 'value="01/07/2025"' in page
    assert LearningCenter.objects.count() == 0 and not UnitSuccession.objects.exists()
