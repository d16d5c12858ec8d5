"""The five reports, each a pure function: the reporting read model's rows
in (`courses.reporting`: a `PeriodReport`, a center's `CenterPeriod` and
`Figures`, course rows), a `Document` out. No database access here — what
a builder needs is loaded before it is called (`reports.exports`), so a
builder costs no query whatever the number of rows, and is tested without
HTTP, Celery or a database.

Every number is the read model's: a center's figures, a unit's subtotal
(`Group.total`), the grand total (`PeriodReport.total`), the same period a
year earlier (`CenterPeriod.earlier`). Builders only lay them out.
"""

import datetime
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import ActivityKind, CourseFormat, FundingSource
from courses.periods import Period
from courses.reporting import CenterPeriod, Figures, PeriodReport, ReportStatus
from reports.excel.document import (
    COUNT,
    DATE,
    MONEY,
    ORDINAL,
    SHARE,
    SUBTOTAL,
    TOTAL,
    Chart,
    Column,
    Document,
    Heading,
    Row,
    Table,
)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def roman(number: int) -> str:
    """1 → I … 39 → XXXIX (group rows are numbered so)."""
    tens, ones = divmod(number, 10)
    return "X" * tens + (ROMAN[ones - 1] if ones else "")


def period_line(period: Period) -> str:
    return _("From %(start)s to %(end)s") % {
        "start": period.start.strftime("%d/%m/%Y"),
        "end": period.end.strftime("%d/%m/%Y"),
    }


def _ratio(part: int, whole: int | None) -> float | None:
    return part / whole if whole else None


def _submitted_on(row: CenterPeriod) -> datetime.date | None:
    moment = row.submitted_at
    return timezone.localtime(moment).date() if moment else None


def _status(row: CenterPeriod) -> str:
    note = row.closed_note
    return f"{row.status_label} — {note}" if note else row.status_label


def _topic_chart(figures: Figures, topics: list[tuple[int, str]]) -> Chart:
    return Chart(
        title=_("Participations by topic"),
        category_label=_("Topic"),
        value_label=_("Participations"),
        points=[(name, figures.participants_by_topic.get(pk, 0)) for pk, name in topics],
    )


def _identity_columns(*, director: bool = True) -> list[Column]:
    columns = [
        Column(_("No."), ORDINAL, width=5),
        Column(_("Administrative unit"), width=20),
        Column(_("Learning center"), width=36),
    ]
    if director:
        columns.append(Column(_("Director"), width=18))
    return columns


def _report_columns() -> list[Column]:
    group = _("Report")
    return [
        Column(_("Status"), group=group, width=16),
        Column(_("Submitted on"), DATE, group, 11),
        Column(_("On time or late"), group=group, width=10),
    ]


def _report_values(row: CenterPeriod) -> list:
    return [_status(row), _submitted_on(row), row.verdict_label]


def _grouped_rows(report: PeriodReport, units: dict[int, str], identity, figures, report_cells):
    """Every center's row, numbered; a bold row with its subtotal before
    each unit's centers when there are several units; the total last."""
    blanks = len(identity(None)) - 1
    groups = report.groups
    number = 0
    for index, group in enumerate(groups, 1):
        if len(groups) > 1:
            label = f"{roman(index)}. {group.label}"
            yield Row(
                [
                    label,
                    *[None] * blanks,
                    *figures(group.total, group.earlier_total),
                    *[None] * report_cells,
                ],
                SUBTOTAL,
                span=blanks + 1,
            )
        for row in group.rows:
            number += 1
            yield Row(
                [
                    number,
                    *identity(row)[1:],
                    *figures(row.figures, row.earlier),
                    *_report_values(row),
                ]
            )
    if report.rows:
        yield Row(
            [
                _("Grand total"),
                *[None] * blanks,
                *figures(report.total, report.earlier_total),
                *[None] * report_cells,
            ],
            TOTAL,
            span=blanks + 1,
        )


def _unit_name(row: CenterPeriod, units: dict[int, str]) -> str:
    return units.get(row.center.pk) or row.center.unit.name


# -- the center summary ------------------------------------------------------------------


def summary(
    report: PeriodReport,
    *,
    heading: Heading,
    unit_name: str,
    topics: list[tuple[int, str]],
    units: dict[int, str] | None = None,
    notes: list[str] = (),
) -> Document:
    """Báo cáo kết quả hoạt động của các TTHTCĐ: one row per center, a
    subtotal per unit of the level below, the total; courses by format,
    participations (women, ethnic minority, their shares, a year earlier),
    by topic, activities, and where each report stands. `topics` are the
    (id, name) of the columns by topic; `units` overrides a row's unit name
    (today's units when rolled up)."""
    units = units or {}
    compare = report.period.year_earlier() is not None
    columns = _identity_columns() + _figure_columns(topics, compare) + _report_columns()

    def identity(row):
        if row is None:
            return [None] * 4
        director = row.director.full_name if row.director else ""
        return [None, _unit_name(row, units), row.center.name, director]

    def figures(f: Figures, earlier: Figures | None) -> list:
        return _figure_values(f, earlier, topics, compare)

    # A generator: the workbook writes each row as it comes (a country's
    # 10,600 rows are never all built at once).
    rows = _grouped_rows(report, units, identity, figures, 3)
    return Document(
        heading=heading,
        title=_("Report on the activities of the community learning centers"),
        lines=[unit_name, report.period.label],
        period_line=period_line(report.period),
        tables=[Table(columns, rows, empty_note=_("No learning center in this period."))],
        sheet_name=_("Summary"),
        filename=f"bao-cao-tong-hop-{report.period.key}",
        notes=list(notes),
        chart=_topic_chart(report.total, topics),
        expected_rows=len(report.rows),
    )


def _figure_columns(topics, compare: bool) -> list[Column]:
    courses = _("Courses and sessions")
    columns = [Column(_("Total"), COUNT, courses, 8)]
    columns += [
        Column(str(label).capitalize(), COUNT, courses, 9) for _v, label in CourseFormat.choices
    ]
    people = _("Participations")
    columns += [
        Column(_("Total"), COUNT, people, 10),
        Column(_("Women"), COUNT, people, 9),
        Column(_("Women (%)"), SHARE, people, 8),
        Column(_("Ethnic minority"), COUNT, people, 9),
        Column(_("Ethnic minority (%)"), SHARE, people, 8),
    ]
    if compare:
        columns += [
            Column(_("Same period a year earlier"), COUNT, people, 10),
            Column(_("Compared with a year earlier (%)"), SHARE, people, 10),
        ]
    by_topic = _("Participations by topic")
    columns += [Column(name, COUNT, by_topic, 11) for _pk, name in topics]
    activities = _("Activities")
    columns += [
        Column(_("Number"), COUNT, activities, 9),
        Column(_("Participations"), COUNT, activities, 10),
    ]
    return columns


def _figure_values(f: Figures, earlier: Figures | None, topics, compare: bool) -> list:
    values = [f.courses, *[f.courses_by_format.get(v, 0) for v in CourseFormat.values]]
    values += [
        f.participants_total,
        f.participants_women,
        f.women_share,
        f.participants_ethnic_minority,
        f.minority_share,
    ]
    if compare:
        before = earlier.participants_total if earlier is not None else None
        values += [before, _ratio(f.participants_total, before)]
    values += [f.participants_by_topic.get(pk, 0) for pk, _name in topics]
    return [*values, f.activities, f.activity_participants]


# -- one center's period report --------------------------------------------------------


def center_report(
    row: CenterPeriod,
    *,
    figures: Figures,
    courses: list[dict],
    heading: Heading,
    topics: list[tuple[int, str]],
    notes: list[str] = (),
) -> Document:
    """What the director prints, signs and stamps: the center's figures for
    the period (`figures`: as signed, for a report in the office's hands),
    then its courses (`courses`: dicts with title, topic, format, dates,
    sessions, instructor, location and the three counts)."""
    period = row.period
    indicators = Table(
        [
            Column(_("No."), ORDINAL, width=5),
            Column(_("Indicator"), width=36),
            Column(_("Unit of count"), width=18),
            Column(_("Figure"), COUNT, width=12),
        ],
        list(_indicators(figures, topics, campaign=period.campaign_id != 0)),
        caption=_("I. Figures of the period"),
    )
    course_table = Table(
        _course_columns(),
        list(_course_rows(courses, figures)),
        caption=_("II. Courses and sessions"),
        empty_note=_("No course or session was recorded in this period."),
    )
    unit = row.center.unit.name
    return Document(
        heading=heading,
        title=_("Report on the activities of the community learning center"),
        lines=[f"{row.center.name} — {unit}", period.label],
        period_line=period_line(period),
        tables=[indicators, course_table],
        sheet_name=_("Report"),
        filename=f"bao-cao-{row.center.pk}-{period.key}",
        notes=list(notes),
        chart=_topic_chart(figures, topics),
        expected_rows=len(courses),
        main_table=1,
    )


def _indicators(f: Figures, topics, *, campaign: bool) -> Iterator[Row]:
    courses, people = _("courses"), _("participations")
    yield Row(["1", _("Courses and sessions"), courses, f.courses], SUBTOTAL)
    for index, (value, label) in enumerate(CourseFormat.choices, 1):
        yield Row(
            [f"1.{index}", str(label).capitalize(), courses, f.courses_by_format.get(value, 0)]
        )
    yield Row(["2", _("Participations"), people, f.participants_total], SUBTOTAL)
    yield Row(["2.1", _("of whom women"), people, f.participants_women])
    yield Row(["2.2", _("of whom ethnic minority"), people, f.participants_ethnic_minority])
    yield Row(["3", _("Participations by topic"), people, f.participants_total], SUBTOTAL)
    for index, (pk, name) in enumerate(topics, 1):
        yield Row([f"3.{index}", name, people, f.participants_by_topic.get(pk, 0)])
    activities = _("activities")
    yield Row(["4", _("Activities"), activities, f.activities], SUBTOTAL)
    for index, (value, label) in enumerate(ActivityKind.choices, 1):
        yield Row(
            [f"4.{index}", str(label).capitalize(), activities, f.activities_by_kind.get(value, 0)]
        )
    yield Row(["5", _("Participations in activities"), people, f.activity_participants], SUBTOTAL)
    if campaign:
        yield Row(["6", _("Books mobilised"), _("books"), f.books], SUBTOTAL)
        yield Row(["7", _("Bookcases and reading corners"), _("bookcases"), f.bookcases], SUBTOTAL)
        yield Row(["8", _("Money mobilised"), _("đồng"), f.money], SUBTOTAL)


def _course_columns() -> list[Column]:
    people = _("Participations")
    return [
        Column(_("No."), ORDINAL, width=5),
        Column(_("Course or session"), width=36),
        Column(_("Topic"), width=18),
        Column(_("Format"), width=12),
        Column(_("From"), DATE, width=11),
        Column(_("To"), DATE, width=11),
        Column(_("Sessions"), COUNT, width=8),
        Column(_("Instructor / speaker"), width=18),
        Column(_("Location"), width=18),
        Column(_("Total"), COUNT, people, 9),
        Column(_("Women"), COUNT, people, 9),
        Column(_("Ethnic minority"), COUNT, people, 9),
    ]


def _course_rows(courses: list[dict], total: Figures) -> Iterator[Row]:
    formats = dict(CourseFormat.choices)
    for number, c in enumerate(courses, 1):
        yield Row(
            [
                number,
                c["title"],
                c["topic"],
                str(formats.get(c["format"], c["format"])),
                c["start_date"],
                c["end_date"],
                c["sessions"],
                c["instructor"],
                c["location"],
                c["participants_total"],
                c["participants_women"],
                c["participants_ethnic_minority"],
            ]
        )
    if courses:
        yield Row(
            [
                _("Grand total"),
                *[None] * 8,
                total.participants_total,
                total.participants_women,
                total.participants_ethnic_minority,
            ],
            TOTAL,
            span=9,
        )


# -- the course list -----------------------------------------------------------------------


COURSE_LIST_COLUMNS = 18


def course_list(
    rows: Iterable[tuple],
    *,
    heading: Heading,
    unit_name: str,
    period: Period,
    total: Figures,
    topics: list[tuple[int, str]],
    expected: int = 0,
) -> Document:
    """One row per course with all its fields (the format the course import
    reads back), streamed: `rows` are `courses.reporting.course_list`
    tuples, read once. The total row is the read model's (`total`)."""
    people = _("Participations")
    columns = [
        Column(_("No."), ORDINAL, width=7),
        Column(_("Course ID"), COUNT, width=9),
        Column(_("Administrative unit"), width=18),
        Column(_("Learning center"), width=28),
        Column(_("Course or session"), width=34),
        Column(_("Topic"), width=18),
        Column(_("Format"), width=12),
        Column(_("From"), DATE, width=11),
        Column(_("To"), DATE, width=11),
        Column(_("Sessions"), COUNT, width=8),
        Column(_("Instructor / speaker"), width=18),
        Column(_("Location"), width=18),
        Column(_("Funding source"), width=14),
        Column(_("Funding (đồng)"), MONEY, width=13),
        Column(_("Total"), COUNT, people, 9),
        Column(_("Women"), COUNT, people, 9),
        Column(_("Ethnic minority"), COUNT, people, 9),
        Column(_("Notes"), width=20),
    ]
    return Document(
        heading=heading,
        title=_("List of courses and sessions"),
        lines=[unit_name, period.label],
        period_line=period_line(period),
        tables=[
            Table(
                columns,
                _course_list_rows(rows, total),
                empty_note=_("No course or session was recorded in this period."),
            )
        ],
        sheet_name=_("Courses"),
        filename=f"danh-sach-lop-hoc-{period.key}",
        chart=_topic_chart(total, topics),
        expected_rows=expected,
    )


def _course_list_rows(rows: Iterable[tuple], total: Figures) -> Iterator[Row]:
    formats = {k: str(v) for k, v in CourseFormat.choices}
    funding = {k: str(v) for k, v in FundingSource.choices}
    number = 0
    for number, r in enumerate(rows, 1):
        (
            pk,
            center,
            unit,
            title,
            topic,
            fmt,
            start,
            end,
            sessions,
            instructor,
            location,
            source,
            amount,
            people,
            women,
            minority,
            notes,
        ) = r
        yield Row(
            (
                number,
                pk,
                unit,
                center,
                title,
                topic,
                formats.get(fmt, fmt),
                start,
                end,
                sessions,
                instructor,
                location,
                funding.get(source, source),
                amount,
                people,
                women,
                minority,
                notes,
            )
        )
    if number:
        yield Row(
            [
                _("Grand total"),
                *[None] * 13,
                total.participants_total,
                total.participants_women,
                total.participants_ethnic_minority,
                None,
            ],
            TOTAL,
            span=14,
        )


# -- the campaign report -------------------------------------------------------------------


def campaign(
    report: PeriodReport, *, heading: Heading, unit_name: str, units: dict[int, str] | None = None
) -> Document:
    """A campaign (the Lifelong Learning Week of a year) per center:
    activities by kind and their participations, books, bookcases and money
    mobilised, where each report stands; subtotals and the total."""
    units = units or {}
    activities, resources = _("Activities"), _("Resources mobilised")
    columns = _identity_columns(director=False)
    columns += [
        Column(str(label).capitalize(), COUNT, activities, 10) for _v, label in ActivityKind.choices
    ]
    columns += [
        Column(_("Total"), COUNT, activities, 9),
        Column(_("Participations"), COUNT, width=11),
        Column(_("Books"), COUNT, resources, 10),
        Column(_("Bookcases and reading corners"), COUNT, resources, 11),
        Column(_("Money (đồng)"), MONEY, resources, 14),
        *_report_columns(),
    ]

    def identity(row):
        return [None] * 3 if row is None else [None, _unit_name(row, units), row.center.name]

    def figures(f: Figures, _earlier) -> list:
        kinds = [f.activities_by_kind.get(v, 0) for v in ActivityKind.values]
        return [*kinds, f.activities, f.activity_participants, f.books, f.bookcases, f.money]

    total = report.total
    return Document(
        heading=heading,
        title=_("Report on %(campaign)s") % {"campaign": report.period.label},
        lines=[unit_name],
        period_line=period_line(report.period),
        tables=[
            Table(
                columns,
                _grouped_rows(report, units, identity, figures, 3),
                empty_note=_("No learning center in this period."),
            )
        ],
        sheet_name=_("Campaign"),
        filename=f"bao-cao-{report.period.slug}",
        chart=Chart(
            title=_("Activities by kind"),
            category_label=_("Kind"),
            value_label=_("Activities"),
            points=[
                (str(label).capitalize(), total.activities_by_kind.get(v, 0))
                for v, label in ActivityKind.choices
            ],
        ),
        expected_rows=len(report.rows),
    )


# -- completeness ----------------------------------------------------------------------------


def completeness(
    report: PeriodReport, *, heading: Heading, unit_name: str, units: dict[int, str] | None = None
) -> Document:
    """Who has reported: per center its status, the day it was submitted,
    its deadline, on time or late, its director and phone; per unit and in
    all, how many of those who owe a report have sent it."""
    units = units or {}
    columns = [
        *_identity_columns(director=False),
        Column(_("Status"), width=22),
        Column(_("Submitted on"), DATE, width=11),
        Column(_("Deadline"), DATE, width=11),
        Column(_("On time or late"), width=11),
        Column(_("Director"), width=20),
        Column(_("Phone"), width=14),
    ]
    counts = report.counts
    return Document(
        heading=heading,
        title=_("Report on the completeness of the centers' reports"),
        lines=[unit_name, report.period.label],
        period_line=period_line(report.period),
        tables=[
            Table(
                columns,
                _completeness_rows(report, units, len(columns)),
                empty_note=_("No learning center in this period."),
            )
        ],
        sheet_name=_("Completeness"),
        filename=f"tinh-hinh-bao-cao-{report.period.key}",
        chart=Chart(
            title=_("Reports by status"),
            category_label=_("Status"),
            value_label=_("Learning centers"),
            points=[(str(label), n) for _key, label, n in counts.status_rows],
        ),
        expected_rows=len(report.rows),
    )


def _counts_label(label: str, rows: list[CenterPeriod], period: Period) -> str:
    counts = PeriodReport(period, rows).counts
    return _("%(label)s: %(reported)s/%(expected)s reported, %(late)s late") % {
        "label": label,
        "reported": counts.reported,
        "expected": counts.expected,
        "late": counts.late,
    }


def _completeness_rows(report: PeriodReport, units, width: int) -> Iterator[Row]:
    groups, number = report.groups, 0
    for index, group in enumerate(groups, 1):
        if len(groups) > 1:
            label = _counts_label(f"{roman(index)}. {group.label}", group.rows, report.period)
            yield Row([label, *[None] * (width - 1)], SUBTOTAL, span=width)
        for row in group.rows:
            number += 1
            director = row.director
            yield Row(
                [
                    number,
                    _unit_name(row, units),
                    row.center.name,
                    _status(row),
                    _submitted_on(row),
                    row.deadline if row.expected else None,
                    row.verdict_label,
                    director.full_name if director else "",
                    director.phone if director else "",
                ]
            )
    if report.rows:
        label = _counts_label(_("Grand total"), report.rows, report.period)
        yield Row([label, *[None] * (width - 1)], TOTAL, span=width)


__all__ = [
    "COURSE_LIST_COLUMNS",
    "ReportStatus",
    "campaign",
    "center_report",
    "completeness",
    "course_list",
    "period_line",
    "summary",
]
