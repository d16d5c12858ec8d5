"""The course list export (reports.excel.builders.course_list) imports back:
into the same center it adds nothing; into the center emptied of those
courses it brings back the same rows."""

import pytest

from courses.models import Course
from courses.reporting import SYSTEM
from imports.services import import_run
from reports import exports
from tests.reports.excel import TODAY, request, write

pytestmark = pytest.mark.django_db

FIELDS = (
    "title",
    "topic__name",
    "format",
    "start_date",
    "end_date",
    "sessions",
    "instructor",
    "location",
    "funding_source",
    "funding_amount",
    "participants_total",
    "participants_women",
    "participants_ethnic_minority",
    "notes",
)


def _export(period: str, unit: str) -> bytes:
    document = exports.document(SYSTEM, request("courses", period, unit), today=TODAY)
    return write(document)


def _rows(center):
    return sorted(Course.objects.filter(center=center).values_list(*FIELDS))


def test_re_importing_the_course_list_adds_nothing(demo):
    content = _export("2020", "436")
    courses = Course.objects.count()

    result = import_run(
        kind="courses", content=content, filename="ds.xlsx", actor=demo.city_officer
    )

    assert result.ok, [str(p) for p in result.errors]
    assert result.created == 0
    assert result.skipped == result.rows > 15
    assert Course.objects.count() == courses


def test_the_course_list_imports_into_the_emptied_center_as_the_same_rows(demo):
    center = demo.thach_trung_center
    courses = Course.objects.filter(center=center, start_date__year=2025)
    # A course with every field filled, so the round trip covers each column.
    courses.filter(start_date__month=2).update(
        instructor="Kỹ sư Trần Văn Minh",
        location="Hội trường UBND xã",
        funding_source="ngan_sach",
        funding_amount=2_500_000,
        notes="Dòng một\nDòng hai",
    )
    before = _rows(center)
    content = _export("2025-H1", "18088")
    courses.delete()
    assert not Course.objects.filter(center=center, start_date__year=2025).exists()

    result = import_run(kind="courses", content=content, filename="ds.xlsx", actor=demo.director)

    assert result.ok, [str(p) for p in result.errors]
    assert result.created == 3
    assert _rows(center) == before
