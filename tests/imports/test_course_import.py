"""Importing past courses: a file full of traps is refused whole with the
exact list of problems; corrected, it imports; twice, it adds nothing; a
batch is undone exactly; the course list export imports back; who may
import for which center."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied

from courses.models import Course, Submission
from imports.models import BatchStatus, ImportBatch
from imports.services import batch_undo, import_check, import_run
from tests.factories import AppointmentFactory, CenterFactory, CommuneFactory, UserFactory
from tests.imports.books import workbook

pytestmark = pytest.mark.django_db

KEYS = [
    "ordinal",
    "unit",
    "center",
    "title",
    "topic",
    "format",
    "start_date",
    "end_date",
    "sessions",
    "participants_total",
    "participants_women",
]
CENTER = "Trung tâm học tập cộng đồng xã Thạch Trung"
NFD_CENTER = unicodedata.normalize("NFD", CENTER) + "   "
LAW = "Pháp luật, chính sách"
LIFE = "Kỹ năng sống"


def _row(number, title, day, *, total=40, women=20, center=NFD_CENTER, unit=None, topic=LAW):
    return [number, unit, center, title, topic, "Chuyên đề", day, None, 1, total, women]


def _good_rows():
    return [
        _row(1, "Phổ biến Luật Đất đai 2013  ", "05/03/2021", total="1.200", women=600),
        _row(2, "Kỹ năng phòng chống đuối nước", datetime.date(2021, 6, 2), topic=LIFE),
    ]


def _trap_rows():
    good = _good_rows()
    return [
        *good,
        good[0],  # duplicated row
        _row(4, "Hướng dẫn sử dụng VNeID", "12/04/2021", total="=10+5"),  # formula, never computed
        _row(5, "Tập huấn nuôi hươu", "20/04/2021", center=None, unit="Xã Không Có"),
        _row(6, "Tập huấn trồng lạc", "21/04/2021", center=None, unit="thach trung"),
        _row(7, "Câu lạc bộ dưỡng sinh", "22/04/2021", total=30, women=45),
        _row(8, "Phổ biến Luật Giao thông", "15/11/2020"),  # 2020-Q4 is submitted
    ]


@pytest.fixture
def twin(demo):
    """A second "Xã Thạch Trung" in the city (names are reused), so the
    unit's name alone is ambiguous."""
    unit = CommuneFactory(name="Xã Thạch Trung", parent=demo.city)
    return CenterFactory(unit=unit, name="Trung tâm học tập cộng đồng Thạch Trung (mới)")


def test_a_file_full_of_traps_is_refused_with_every_problem_and_nothing_written(
    demo, twin, english
):
    courses = Course.objects.count()
    content = workbook("courses", KEYS, _trap_rows())

    result = import_run(
        kind="courses", content=content, filename="bay.xlsx", actor=demo.city_officer
    )

    problems = [(p.row, p.column, p.message) for p in result.errors]
    assert problems[:4] == [
        (5, "", "This row repeats row 3 of the file."),
        (
            6,
            "Total",
            "Cell J6 holds a formula Excel never computed. Type the value itself, "
            "or open the file in Excel and save it again.",
        ),
        (7, "Administrative unit", "No learning center matches this row in your area."),
        (
            8,
            "Administrative unit",
            "This row matches several centers: "
            "Trung tâm học tập cộng đồng Thạch Trung (mới) "
            f"(Xã Thạch Trung ({twin.unit.code}, Thành phố Hà Tĩnh)); "
            "Trung tâm học tập cộng đồng xã Thạch Trung "
            "(Xã Thạch Trung (18088, Thành phố Hà Tĩnh)). Give the unit's code.",
        ),
    ]
    assert problems[4] == (
        9,
        "Women",
        "The number of women cannot be greater than the total.",
    )
    lock = Submission.objects.lock_for(demo.thach_trung_center.pk, datetime.date(2020, 11, 15))
    assert problems[5:] == [(10, "From", lock.lock_message())]
    assert Course.objects.count() == courses
    assert not ImportBatch.objects.exists()


def test_the_corrected_file_imports_with_its_traps_read_right(demo):
    content = workbook("courses", KEYS, _good_rows())

    result = import_run(
        kind="courses", content=content, filename="ok.xlsx", actor=demo.city_officer
    )

    assert result.ok, [str(p) for p in result.errors]
    assert result.created == 2
    course = Course.objects.get(title="Phổ biến Luật Đất đai 2013")  # NFC, trimmed
    assert course.center == demo.thach_trung_center  # NFD name with trailing spaces matched
    assert course.participants_total == 1200  # "1.200"
    assert course.start_date == datetime.date(2021, 3, 5)  # "05/03/2021" is 5 March
    assert course.end_date == course.start_date  # a one-day session
    batch = result.batch
    assert batch.status == BatchStatus.DONE and batch.created == 2
    assert batch.on_behalf and batch.center == demo.thach_trung_center
    assert batch.records.count() == 2


def test_a_dry_run_lists_what_would_be_created_and_writes_nothing(demo):
    content = workbook("courses", KEYS, _good_rows())

    result = import_check(
        kind="courses", content=content, filename="ok.xlsx", actor=demo.city_officer
    )

    assert result.ok and result.created == 2
    assert not Course.objects.filter(title__startswith="Phổ biến Luật Đất đai").exists()
    assert not ImportBatch.objects.exists()


def test_importing_the_same_file_twice_adds_nothing(demo, english):
    content = workbook("courses", KEYS, _good_rows())
    import_run(kind="courses", content=content, filename="ok.xlsx", actor=demo.city_officer)
    courses = Course.objects.count()

    again = import_run(kind="courses", content=content, filename="ok.xlsx", actor=demo.city_officer)

    assert again.ok and again.created == 0 and again.skipped == 2
    assert Course.objects.count() == courses
    assert any("imported before" in p.message for p in again.warnings)


def test_undo_removes_exactly_that_batch(demo):
    first = import_run(
        kind="courses",
        content=workbook("courses", KEYS, _good_rows()[:1]),
        filename="a.xlsx",
        actor=demo.city_officer,
    )
    second = import_run(
        kind="courses",
        content=workbook("courses", KEYS, _good_rows()[1:]),
        filename="b.xlsx",
        actor=demo.city_officer,
    )
    before = set(Course.objects.values_list("pk", flat=True))

    deleted = batch_undo(actor=demo.city_officer, batch=second.batch)

    after = set(Course.objects.values_list("pk", flat=True))
    assert deleted == 1
    assert before - after == {second.batch.records.get().object_id}
    assert Course.objects.filter(pk=first.batch.records.get().object_id).exists()
    second.batch.refresh_from_db()
    assert second.batch.status == BatchStatus.UNDONE and second.batch.undone_by == demo.city_officer


def test_undo_is_refused_once_a_course_was_changed(demo, english):
    from courses.services import course_update

    result = import_run(
        kind="courses",
        content=workbook("courses", KEYS, _good_rows()),
        filename="a.xlsx",
        actor=demo.director,
    )
    course = Course.objects.get(title="Kỹ năng phòng chống đuối nước")
    course_update(actor=demo.director, course=course, participants_total=41)

    with pytest.raises(Exception) as refused:
        batch_undo(actor=demo.director, batch=result.batch)

    assert "changed after the import" in str(refused.value)
    assert Course.objects.filter(title__startswith="Phổ biến Luật Đất đai").exists()


def test_a_director_imports_his_own_centers_courses_not_on_behalf(demo):
    result = import_run(
        kind="courses",
        content=workbook("courses", KEYS, _good_rows()),
        filename="a.xlsx",
        actor=demo.director,
    )

    assert result.ok and result.created == 2
    assert not result.batch.on_behalf
    course = Course.objects.get(title="Kỹ năng phòng chống đuối nước")
    assert course.created_by == demo.director


def test_a_director_cannot_import_another_centers_courses(demo, english):
    rows = [_row(1, "Lớp tin học", "05/03/2021", center="Trung tâm học tập cộng đồng xã Đồng Môn")]

    result = import_check(
        kind="courses",
        content=workbook("courses", KEYS, rows),
        filename="a.xlsx",
        actor=demo.director,
    )

    assert [p.message for p in result.errors] == [
        "No learning center matches this row in your area."
    ]


def test_a_director_cannot_import_outside_his_term(demo, english):
    rows = [_row(1, "Lớp tin học", "05/03/2019")]

    result = import_check(
        kind="courses", content=workbook("courses", KEYS, rows), filename="a", actor=demo.director
    )

    assert len(result.errors) == 1
    assert result.errors[0].column == "From"


def test_an_office_cannot_import_for_centers_outside_its_scope(demo, stranger):
    result = import_check(
        kind="courses",
        content=workbook("courses", KEYS, _good_rows()),
        filename="a.xlsx",
        actor=stranger,
    )
    assert len(result.errors) == 2
    with pytest.raises(PermissionDenied):
        import_check(
            kind="courses",
            content=workbook("courses", KEYS, _good_rows()),
            filename="a.xlsx",
            actor=stranger,
            center=demo.thach_trung_center,
        )


def test_someone_without_an_appointment_or_office_imports_nothing(demo):
    nobody = UserFactory(username="khach")
    with pytest.raises(PermissionDenied):
        import_check(
            kind="courses",
            content=workbook("courses", KEYS, _good_rows()),
            filename="a.xlsx",
            actor=nobody,
        )


def test_a_collaborator_imports_no_courses(demo):
    collaborator = UserFactory(username="ctv")
    AppointmentFactory(
        center=demo.thach_trung_center, user=collaborator, role="cong_tac_vien", full_name="Hà"
    )
    with pytest.raises(PermissionDenied):
        import_check(
            kind="courses",
            content=workbook("courses", KEYS, _good_rows()),
            filename="a.xlsx",
            actor=collaborator,
        )


def test_a_fixed_center_takes_every_row(demo):
    rows = [_row(1, "Lớp tin học", "05/03/2021", center=None)]

    result = import_run(
        kind="courses",
        content=workbook("courses", KEYS, rows),
        filename="a.xlsx",
        actor=demo.director,
        center=demo.thach_trung_center,
    )

    assert result.ok
    assert Course.objects.get(title="Lớp tin học").center == demo.thach_trung_center


def test_a_course_already_recorded_with_other_figures_is_left_alone_with_a_warning(demo, english):
    content = workbook("courses", KEYS, _good_rows()[:1])
    import_run(kind="courses", content=content, filename="a.xlsx", actor=demo.city_officer)
    changed = [_row(1, "Phổ biến Luật Đất đai 2013", "05/03/2021", total=1300, women=600)]

    result = import_run(
        kind="courses",
        content=workbook("courses", KEYS, changed),
        filename="b.xlsx",
        actor=demo.city_officer,
    )

    assert result.ok and (result.created, result.skipped) == (0, 1)
    assert [w.row for w in result.warnings if "other figures" in w.message] == [3]
    assert Course.objects.get(title="Phổ biến Luật Đất đai 2013").participants_total == 1200
