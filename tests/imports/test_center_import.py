"""Importing centers and their directors and staff: office staff only,
units matched by code or by name without accents within the office's
area, ambiguous and unknown names reported, the models' own rules."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from centers.models import Appointment, AppointmentRole, LearningCenter
from imports.services import batch_undo, import_check, import_run
from tests.factories import CommuneFactory
from tests.imports.books import workbook

pytestmark = pytest.mark.django_db

CENTER_KEYS = ["unit_code", "unit", "name", "established_on", "phone"]
PEOPLE_KEYS = ["unit_code", "center", "full_name", "role", "home_post", "start_date", "end_date"]
NEW_WARD = "Trung tâm học tập cộng đồng phường Thử"


@pytest.fixture
def free_ward(demo):
    """A ward of the city without a center yet."""
    return CommuneFactory(name="Phường Thử Nghiệm", parent=demo.city, kind="phuong")


def test_an_office_imports_centers_by_code_or_by_name_without_accents(demo, free_ward):
    other = CommuneFactory(name="Xã Thạch Ngọc", parent=demo.city)
    rows = [
        [free_ward.code, None, NEW_WARD, "15/08/2008", "0239 3856 123"],
        [None, "thach ngoc", "TTHTCĐ xã Thạch Ngọc", "01/01/2010", None],
    ]

    result = import_run(
        kind="centers",
        content=workbook("centers", CENTER_KEYS, rows),
        filename="tt.xlsx",
        actor=demo.city_officer,
    )

    assert result.ok, [str(p) for p in result.errors]
    assert LearningCenter.objects.get(unit=free_ward).established_on == datetime.date(2008, 8, 15)
    assert LearningCenter.objects.get(unit=other).name == "TTHTCĐ xã Thạch Ngọc"
    assert result.batch.created == 2


def test_unknown_and_ambiguous_units_are_named(demo, english):
    CommuneFactory(name="Xã Thạch Trung", parent=demo.city)  # names are reused
    rows = [
        [None, "Xã Không Có", "TT 1", "01/01/2020", None],
        [None, "Thạch Trung", "TT 2", "01/01/2020", None],
        ["99999", None, "TT 3", "01/01/2020", None],
    ]

    result = import_check(
        kind="centers",
        content=workbook("centers", CENTER_KEYS, rows),
        filename="tt.xlsx",
        actor=demo.city_officer,
    )

    problems = [(p.row, p.column, p.message) for p in result.errors]
    assert problems[0] == (
        3,
        "Administrative unit",
        "No commune or ward called “Xã Không Có” in your area.",
    )
    assert problems[1][:2] == (4, "Administrative unit")
    assert problems[1][2].startswith("“Thạch Trung” matches several units: Xã Thạch Trung (")
    assert problems[1][2].endswith("Give the unit's code.")
    assert problems[2] == (5, "Unit code", "No commune or ward with code 99999 in your area.")
    assert len(problems) == 3


def test_a_unit_outside_the_offices_area_is_not_found(demo, stranger, free_ward):
    rows = [[free_ward.code, None, NEW_WARD, "15/08/2008", None]]
    result = import_check(
        kind="centers",
        content=workbook("centers", CENTER_KEYS, rows),
        filename="tt.xlsx",
        actor=stranger,
    )
    assert len(result.errors) == 1 and not LearningCenter.objects.filter(unit=free_ward).exists()


def test_center_staff_cannot_import_centers_or_people(demo, free_ward):
    rows = [[free_ward.code, None, NEW_WARD, "15/08/2008", None]]
    with pytest.raises(PermissionDenied):
        import_check(
            kind="centers",
            content=workbook("centers", CENTER_KEYS, rows),
            filename="tt.xlsx",
            actor=demo.director,
        )
    with pytest.raises(PermissionDenied):
        import_check(
            kind="appointments",
            content=workbook("appointments", PEOPLE_KEYS, []),
            filename="cb.xlsx",
            actor=demo.director,
        )


def test_a_center_and_its_director_import_and_undo_together(demo, free_ward, english):
    centers = import_run(
        kind="centers",
        content=workbook("centers", CENTER_KEYS, [[free_ward.code, None, NEW_WARD, "15/08/2008"]]),
        filename="tt.xlsx",
        actor=demo.city_officer,
    )
    people = [
        [
            free_ward.code,
            None,
            "Lê Văn Hùng",
            "Giám đốc",
            "Chủ tịch UBND phường",
            "01/07/2021",
            None,
        ],
        [None, NEW_WARD, "Phan Thị Mai", "Phó Giám đốc", None, "01/07/2021", "30/06/2026"],
    ]
    staff = import_run(
        kind="appointments",
        content=workbook("appointments", PEOPLE_KEYS, people),
        filename="cb.xlsx",
        actor=demo.city_officer,
    )
    assert staff.ok, [str(p) for p in staff.errors]
    center = LearningCenter.objects.get(unit=free_ward)
    assert center.director_on(datetime.date(2022, 1, 1)).full_name == "Lê Văn Hùng"
    assert (
        Appointment.objects.get(center=center, full_name="Phan Thị Mai").role
        == AppointmentRole.DEPUTY
    )

    with pytest.raises(Exception) as refused:  # the center now has people of its own
        batch_undo(actor=demo.city_officer, batch=centers.batch)
    assert "records or people of its own" in str(refused.value)

    assert batch_undo(actor=demo.city_officer, batch=staff.batch) == 2
    assert batch_undo(actor=demo.city_officer, batch=centers.batch) == 1
    assert not LearningCenter.objects.filter(unit=free_ward).exists()


def test_a_second_director_for_the_same_term_is_refused_by_the_models_rule(demo, english):
    rows = [["18088", None, "Hồ Văn Tâm", "Giám đốc", None, "01/01/2021", "31/12/2022"]]
    result = import_check(
        kind="appointments",
        content=workbook("appointments", PEOPLE_KEYS, rows),
        filename="cb.xlsx",
        actor=demo.city_officer,
    )
    assert [p.column for p in result.errors] == ["Term start"]
    assert "already has a director, Mai Văn Di" in result.errors[0].message


def test_an_appointment_already_there_is_not_created_again(demo):
    rows = [["18088", None, "Mai Văn Di", "Giám đốc", None, "01/01/2020", "30/06/2025"]]
    result = import_run(
        kind="appointments",
        content=workbook("appointments", PEOPLE_KEYS, rows),
        filename="cb.xlsx",
        actor=demo.city_officer,
    )
    assert result.ok and (result.created, result.skipped) == (0, 1)


def test_only_the_importer_undoes_a_batch(demo, free_ward):
    result = import_run(
        kind="centers",
        content=workbook("centers", CENTER_KEYS, [[free_ward.code, None, NEW_WARD, "15/08/2008"]]),
        filename="tt.xlsx",
        actor=demo.city_officer,
    )
    with pytest.raises(PermissionDenied):
        batch_undo(actor=demo.province_officer, batch=result.batch)
    assert batch_undo(actor=demo.admin, batch=result.batch) == 1


def test_a_center_with_the_same_name_in_its_unit_is_present_not_created(demo):
    rows = [["18088", None, "Trung tâm học tập cộng đồng xã THẠCH TRUNG", "01/01/2020", None]]
    result = import_run(
        kind="centers",
        content=workbook("centers", CENTER_KEYS, rows),
        filename="tt.xlsx",
        actor=demo.city_officer,
    )
    assert result.ok and (result.created, result.skipped) == (0, 1)


def test_undo_is_refused_by_row_while_anything_still_refers_to_the_center(demo, free_ward):
    from django.core.exceptions import ValidationError

    from imports.models import ImportBatch

    centers = import_run(
        kind="centers",
        content=workbook("centers", CENTER_KEYS, [[free_ward.code, None, NEW_WARD, "15/08/2008"]]),
        filename="tt.xlsx",
        actor=demo.city_officer,
    )
    center = LearningCenter.objects.get(unit=free_ward)
    # A course file checked for the new center and never confirmed.
    ImportBatch.objects.create(
        kind="courses",
        status="checked",
        created_by=demo.city_officer,
        center=center,
        filename="lop-hoc.xlsx",
        sha256="1" * 64,
    )

    with pytest.raises(ValidationError) as refused:
        batch_undo(actor=demo.city_officer, batch=centers.batch)

    assert refused.value.messages == [
        "Dòng 3: Trung tâm học tập cộng đồng phường Thử vẫn còn dữ liệu liên quan: lô nhập dữ liệu."
    ]
    assert LearningCenter.objects.filter(unit=free_ward).exists()
