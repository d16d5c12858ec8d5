"""The columns of the three import sheets. The course sheet is the course
list export's (reports.excel.builders.course_list), label for label, so an
exported list imports back; the template writes the same headers."""

import datetime

from django.utils.translation import gettext_lazy as _

from centers.models import AppointmentRole
from courses.models import CourseFormat, FundingSource, Topic
from imports.models import ImportKind
from imports.reading import CHOICE, DATE, LONG_TEXT, NUMBER, Column, SheetSpec


def _topics() -> list[tuple[int, str]]:
    return list(Topic.objects.order_by("position", "name").values_list("pk", "name"))


def _active_topics() -> list[tuple[int, str]]:
    return list(
        Topic.objects.filter(is_active=True).order_by("position", "name").values_list("pk", "name")
    )


ORDINAL = Column("ordinal", _("No."), ignored=True, example=_("Example"))
UNIT_CODE = Column(
    "unit_code",
    _("Unit code"),
    help=_("The statistics-office code of the commune or ward, e.g. 18088."),
    example="18088",
)
UNIT = Column(
    "unit",
    _("Administrative unit"),
    help=_("The commune or ward, when the code is not given (accents may be left out)."),
    example="Xã Thạch Trung",
)

CENTERS = SheetSpec(
    _("Centers"),
    [
        ORDINAL,
        UNIT_CODE,
        UNIT,
        Column(
            "name",
            _("Learning center"),
            required=True,
            example="Trung tâm học tập cộng đồng xã Thạch Trung",
        ),
        Column("established_on", _("Established on"), DATE, required=True, example="15/08/2008"),
        Column("address", _("Address"), example="Thôn Trung Tiến, xã Thạch Trung"),
        Column("phone", _("Phone"), example="0239 3856 123"),
        Column("email", _("Email")),
    ],
)

APPOINTMENTS = SheetSpec(
    _("Appointments"),
    [
        ORDINAL,
        UNIT_CODE,
        UNIT,
        Column(
            "center",
            _("Learning center"),
            help=_("Needed when the code is not given."),
            example="Trung tâm học tập cộng đồng xã Thạch Trung",
        ),
        Column("full_name", _("Full name"), required=True, example="Nguyễn Văn Hùng"),
        Column(
            "role",
            _("Role"),
            CHOICE,
            required=True,
            choices=lambda: AppointmentRole.choices,
            example=AppointmentRole.DIRECTOR.label,
        ),
        Column(
            "home_post",
            _("Post held elsewhere"),
            example="Chủ tịch UBND xã Thạch Trung",
        ),
        Column("phone", _("Phone")),
        Column("email", _("Email")),
        Column("start_date", _("Term start"), DATE, required=True, example="01/07/2021"),
        Column("end_date", _("Term end"), DATE, help=_("Empty while the term runs.")),
    ],
)

PARTICIPATIONS = _("Participations")

COURSES = SheetSpec(
    _("Courses"),
    [
        ORDINAL,
        Column("course_id", _("Course ID"), NUMBER, ignored=True),
        UNIT_CODE,
        UNIT,
        Column(
            "center",
            _("Learning center"),
            help=_("Needed when the file holds several centers' courses."),
            example="Trung tâm học tập cộng đồng xã Thạch Trung",
        ),
        Column(
            "title",
            _("Course or session"),
            required=True,
            example="Kỹ thuật trồng lạc giống L14",
        ),
        Column("topic", _("Topic"), CHOICE, required=True, choices=_topics),
        Column(
            "format",
            _("Format"),
            CHOICE,
            required=True,
            choices=lambda: CourseFormat.choices,
            example=CourseFormat.CLASS.label,
        ),
        Column("start_date", _("From"), DATE, required=True, example="05/10/2020"),
        Column("end_date", _("To"), DATE, help=_("Empty for a one-day session.")),
        Column("sessions", _("Sessions"), NUMBER, example=3),
        Column("instructor", _("Instructor / speaker"), example="Kỹ sư Trần Văn Minh"),
        Column("location", _("Location"), example="Hội trường UBND xã"),
        Column(
            "funding_source",
            _("Funding source"),
            CHOICE,
            choices=lambda: FundingSource.choices,
        ),
        Column("funding_amount", _("Funding (đồng)"), NUMBER),
        Column("participants_total", _("Total"), NUMBER, group=PARTICIPATIONS, example=45),
        Column("participants_women", _("Women"), NUMBER, group=PARTICIPATIONS, example=30),
        Column(
            "participants_ethnic_minority",
            _("Ethnic minority"),
            NUMBER,
            group=PARTICIPATIONS,
            example=0,
        ),
        Column("notes", _("Notes"), LONG_TEXT),
    ],
)

SPECS = {
    ImportKind.CENTERS: CENTERS,
    ImportKind.APPOINTMENTS: APPOINTMENTS,
    ImportKind.COURSES: COURSES,
}

EXAMPLE_DAY = datetime.date(2020, 10, 5)

__all__ = ["APPOINTMENTS", "CENTERS", "COURSES", "SPECS", "_active_topics"]
