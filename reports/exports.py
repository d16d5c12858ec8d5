"""What a report request is, who may ask for it, and the document it reads.

A `ReportRequest` names a kind of report, a unit (as it was during the
period), a period, optionally a center, the roll-up into today's units and
the format. `check_scope` decides whether a viewer may have it (an office
user: units under one of their offices while it was valid; the center
report: a center they may see). `document` reads everything the builder
needs through the reporting read model (`courses.reporting`) — the
figures, subtotals and totals are its own, never a query of ours — and
calls the builder in `reports.excel.builders`. A fixed number of queries
for five centers or ten thousand; the course list streams.
"""

import datetime
import hashlib
import io
import json
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centers.models import AdministrativeUnit, LearningCenter, Office
from centers.units import KIND_PREFIX, UnitKind, UnitLevel
from courses import scoping
from courses.models import IN_HANDS, Course, Submission, Topic
from courses.periods import InvalidPeriod, Period, PeriodKind
from courses.reporting import (
    Figures,
    PeriodReport,
    center_period,
    course_list,
    course_rows,
    figures_of,
    period_report,
)
from reports.excel import builders
from reports.excel.csvfile import write_csv
from reports.excel.document import Document, Heading, Progress
from reports.excel.xlsx import workbook
from reports.filters import OfficeDashboardFilter


class ReportKind:
    SUMMARY = "summary"
    CENTER = "center"
    COURSES = "courses"
    CAMPAIGN = "campaign"
    COMPLETENESS = "completeness"

    CHOICES = [
        (SUMMARY, gettext_lazy("Summary of the centers' activities")),
        (CENTER, gettext_lazy("A center's period report")),
        (COURSES, gettext_lazy("List of courses and sessions")),
        (CAMPAIGN, gettext_lazy("Campaign report")),
        (COMPLETENESS, gettext_lazy("Completeness of the reports")),
    ]
    # Reports about a unit's centers, for office users.
    OFFICE = (SUMMARY, COURSES, CAMPAIGN, COMPLETENESS)


XLSX, CSV = "xlsx", "csv"
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}


class ReportError(Exception):
    """A request that cannot be answered; the message says why, in the
    user's language (a 404 on the web, exit status 1 on the command line)."""


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    period: Period
    unit: AdministrativeUnit | None = None
    center: LearningCenter | None = None
    roll_up: bool = False
    format: str = XLSX
    # The office dashboard's filters (status, on time or late, name).
    filters: tuple[tuple[str, str], ...] = ()

    def params(self) -> dict:
        """JSON-safe, for a background export (`from_params` reads it back)."""
        return {
            "kind": self.kind,
            "period": self.period.stored_key,
            "unit": self.unit.pk if self.unit else None,
            "center": self.center.pk if self.center else None,
            "roll_up": self.roll_up,
            "format": self.format,
            "filters": [list(pair) for pair in self.filters],
        }

    @property
    def key(self) -> str:
        text = json.dumps(self.params(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    @classmethod
    def from_params(cls, params: dict) -> "ReportRequest":
        try:
            period = Period.from_stored(params["period"])
        except InvalidPeriod as error:
            raise ReportError(str(error)) from error
        unit = AdministrativeUnit.objects.filter(pk=params.get("unit")).first()
        center = LearningCenter.objects.filter(pk=params.get("center")).select_related("unit")
        return cls(
            kind=params["kind"],
            period=period,
            unit=unit,
            center=center.first() if params.get("center") else None,
            roll_up=bool(params.get("roll_up")),
            format=params.get("format", XLSX),
            filters=tuple(tuple(pair) for pair in params.get("filters", [])),
        )

    @property
    def label(self) -> str:
        kind = dict(ReportKind.CHOICES)[self.kind]
        place = self.center.name if self.center else (self.unit.name if self.unit else "")
        place = place or _("Nationwide")
        return f"{kind} — {place} — {self.period.label}"


# -- finding units, checking scope -------------------------------------------------------


def unit_during(code: str, period: Period) -> AdministrativeUnit:
    """The unit with statistics-office `code` that existed during `period`
    (codes are reused: 18100 was Xã Thạch Hạ and is now Phường Trần Phú —
    when both existed in the period, the one valid on its last day)."""
    units = list(
        AdministrativeUnit.objects.by_code(code)
        .overlapping(period.start, period.end)
        .select_related("parent__parent")
    )
    if not units:
        raise ReportError(
            _("No unit with code %(code)s existed during %(period)s.")
            % {"code": code, "period": period.label}
        )
    units.sort(key=lambda u: (not u.is_valid_on(period.end), -u.level, u.valid_from))
    return units[0]


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except InvalidPeriod as error:
        raise ReportError(str(error)) from error


def check_scope(viewer, request: ReportRequest) -> None:
    """ReportError unless `viewer` may have this report: the center report
    of a center they may see; an office report of a unit under one of their
    offices while that office was valid (administrators: any unit)."""
    period = request.period
    if request.kind == ReportKind.CAMPAIGN and period.kind != PeriodKind.CAMPAIGN:
        raise ReportError(_("A campaign report needs a campaign, e.g. campaign:<name>."))
    if request.kind == ReportKind.CENTER:
        center = request.center
        visible = LearningCenter.objects.visible_to(viewer).filter(pk=center.pk if center else None)
        if center is None or not visible.exists():
            raise ReportError(_("This learning center is not in your scope."))
        _check_center_life(center, period)
        return
    unit = request.unit
    if unit is None:
        # The whole country, by province: for administrators (and the system).
        if viewer.is_superuser:
            return
        raise ReportError(_("Choose an administrative unit."))
    if unit.valid_from > period.end or (unit.valid_until and unit.valid_until < period.start):
        raise ReportError(
            _("%(unit)s did not exist during %(period)s (it existed %(validity)s).")
            % {"unit": unit.name, "period": period.label, "validity": unit.validity_display}
        )
    if viewer.is_superuser:
        return
    offices = (
        Office.objects.filter(members=viewer)
        .over(unit, period.start, period.end)
        .filter(valid_from__lte=unit.valid_until or datetime.date.max)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=unit.valid_from))
    )
    if not offices.exists():
        raise ReportError(
            _("%(unit)s during %(period)s is not under an office you work at.")
            % {"unit": unit.name, "period": period.label}
        )


def _check_center_life(center: LearningCenter, period: Period) -> None:
    if period.end < center.established_on or (center.closed_on and period.start > center.closed_on):
        raise ReportError(
            _("%(center)s did not operate during %(period)s.")
            % {"center": center.name, "period": period.label}
        )


def office_units(viewer) -> list[AdministrativeUnit]:
    """The units an office user may report on from the reports page: their
    offices' units and, below them, the units of the level below (districts
    of a province) — in the order of the tree."""
    if viewer.is_superuser:
        roots = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    else:
        roots = AdministrativeUnit.objects.filter(offices__members=viewer)
    condition = Q(pk__in=[])
    for path in roots.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return list(
        AdministrativeUnit.objects.filter(condition, level__lt=UnitLevel.COMMUNE)
        .select_related("parent")
        .order_by("path")
    )


# -- what a report reads ---------------------------------------------------------------------


def _bare(unit: AdministrativeUnit) -> str:
    """ "Hà Tĩnh" for Tỉnh Hà Tĩnh or Thành phố Hà Tĩnh."""
    prefix = KIND_PREFIX.get(UnitKind(unit.kind), "")
    return unit.name[len(prefix) :].strip() if unit.name.startswith(prefix + " ") else unit.name


def _issuer(office: Office) -> str:
    """The office's name without its unit ("Phòng Giáo dục và Đào tạo"),
    printed under the authority that names the unit."""
    name = office.name
    for suffix in (office.unit.name, _bare(office.unit)):
        if name.casefold().endswith(" " + suffix.casefold()):
            return name[: -len(suffix)].strip()
    return name


def office_heading(
    unit: AdministrativeUnit, period: Period, *, today: datetime.date, preparer: str = ""
) -> Heading:
    """The heading of a report about `unit`: issued by the nearest office
    over it during the period (the Phòng of 2020 for thành phố Hà Tĩnh, the
    Sở for the province), with the office's own place, number prefix and
    signer; the unit's People's Committee when no office was there."""
    offices = Office.objects.over(unit, period.start, period.end).select_related("unit")
    office = max(offices, key=lambda o: (len(o.unit.path), o.valid_from), default=None)
    if office is None:
        return Heading(
            authority=f"UBND {unit.name}",
            issuer="",
            number=_("No.: …/BC"),
            place=_bare(unit),
            day=today,
            head_title="",
            preparer_name=preparer,
        )
    prefix = office.document_prefix
    return Heading(
        authority=office.authority or f"UBND {office.unit.name}",
        issuer=_issuer(office),
        number=_("No.: …/BC-%(prefix)s") % {"prefix": prefix} if prefix else _("No.: …/BC"),
        place=office.place_name or _bare(office.unit),
        day=today,
        head_title=office.head_title,
        signer_title=office.signer_title,
        signer_name=office.signer_name,
        preparer_name=preparer,
    )


def _national_heading(today: datetime.date, preparer: str) -> Heading:
    return Heading(
        authority=_("Ministry of Education and Training"),
        issuer="",
        number=_("No.: …/BC"),
        place=_("Hanoi"),
        day=today,
        head_title="",
        preparer_name=preparer,
    )


def _centers(viewer, request: ReportRequest):
    period = request.period
    centers = LearningCenter.objects.visible_to(viewer)
    if request.center is not None:
        return centers.filter(pk=request.center.pk)
    if request.unit is None:  # the whole country
        return centers.active_during(period.start, period.end)
    return centers.in_unit_during(request.unit, period.start, period.end)


def _topics(figures: Figures) -> list[tuple[int, str]]:
    """The topics present in the figures, in the topics' own order — one query."""
    ids = [pk for pk, n in figures.participants_by_topic.items() if n]
    if not ids:
        return []
    topics = Topic.objects.filter(pk__in=ids).order_by("position", "name")
    return list(topics.values_list("pk", "name"))


def _report(viewer, request: ReportRequest, today) -> tuple[PeriodReport, dict, list[str]]:
    report = period_report(
        viewer=viewer,
        centers=_centers(viewer, request),
        period=request.period,
        today=today,
        root=request.unit,
        compare=request.kind == ReportKind.SUMMARY,
    )
    if request.filters:
        rows = OfficeDashboardFilter(dict(request.filters)).apply(report.rows)
        report = PeriodReport(report.period, rows, report.root)
    if request.roll_up:
        return rolled_up(report, on=today)
    return report, {}, []


def rolled_up(report: PeriodReport, *, on: datetime.date) -> tuple[PeriodReport, dict, list[str]]:
    """The same rows grouped under the units their communes had become by
    `on` (through successor links): each center counts once, under the
    first unit it became; a row whose unit was split (partly into several)
    is marked "(*)". Returns the report, the unit names to show, notes."""
    units = {row.center.unit.pk: row.center.unit for row in report.rows}
    became = AdministrativeUnit.objects.became(list(units.values()), on)
    names, split = {}, False
    rows = []
    for row in report.rows:
        targets = became.get(row.center.unit.pk) or []
        if targets:
            unit, partial = targets[0]
            row.group = unit
            if partial or len(targets) > 1:
                names[row.center.pk] = f"{row.center.unit.name} (*)"
                split = True
        rows.append(row)
    notes = [
        _("Grouped by the units of %(day)s that the units of the time became.")
        % {"day": date_format(on, "SHORT_DATE_FORMAT")}
    ]
    if split:
        notes.append(
            _(
                "(*) A unit that was split: its figures count in full under the first "
                "unit it became."
            )
        )
    return PeriodReport(report.period, rows, report.root), names, notes


def row_count(viewer, request: ReportRequest) -> int:
    """How many data rows the report will have (centers, or courses), to
    choose between an immediate download and a background export."""
    centers = _centers(viewer, request)
    if request.kind == ReportKind.COURSES:
        return course_list(viewer, centers, request.period).count()
    if request.kind == ReportKind.CENTER:
        return course_rows(viewer, centers, request.period).count()
    return centers.count()


def document(
    viewer, request: ReportRequest, *, today: datetime.date, preparer: str = ""
) -> Document:
    """The report `request` names, read as `viewer` may read it."""
    check_scope(viewer, request)
    if request.kind == ReportKind.CENTER:
        return _center_document(viewer, request, today=today, preparer=preparer)
    if request.unit is None:
        heading, unit_name = _national_heading(today, preparer), _("Nationwide")
    else:
        heading = office_heading(request.unit, request.period, today=today, preparer=preparer)
        unit_name = request.unit.name
    if request.kind == ReportKind.COURSES:
        return _course_document(viewer, request, heading, unit_name)
    report, names, notes = _report(viewer, request, today)
    if request.kind == ReportKind.SUMMARY:
        topics = _topics(report.total)
        return builders.summary(
            report, heading=heading, unit_name=unit_name, topics=topics, units=names, notes=notes
        )
    if request.kind == ReportKind.CAMPAIGN:
        return builders.campaign(report, heading=heading, unit_name=unit_name, units=names)
    return builders.completeness(report, heading=heading, unit_name=unit_name, units=names)


def _course_document(viewer, request: ReportRequest, heading: Heading, unit_name: str) -> Document:
    centers = _centers(viewer, request)
    period = request.period
    courses = Course.objects.visible_to(viewer).filter(center__in=centers).in_period(period)
    total = figures_of(courses)
    return builders.course_list(
        course_list(viewer, centers, period).iterator(chunk_size=5_000),
        heading=heading,
        unit_name=unit_name,
        period=period,
        total=total,
        topics=_topics(total),
        expected=total.courses,
    )


def _center_document(viewer, request: ReportRequest, *, today, preparer: str) -> Document:
    center, period = request.center, request.period
    row = center_period(viewer=viewer, center=center, period=period, today=today)
    submission = (
        Submission.objects.filter(center=center).for_period(period).select_related("submitted_by")
    ).first()
    signed = (
        submission is not None
        and submission.status in IN_HANDS
        and bool(submission.figures)
        and scoping.reads_whole_period(viewer, center, period)
    )
    if signed:
        figures = Figures.from_dict(submission.figures)
        courses = [_signed_course(c) for c in submission.course_rows]
        day = timezone.localtime(submission.submitted_at)
        notes = [
            _("Figures as signed by %(name)s on %(day)s.")
            % {"name": submission.submitted_by, "day": date_format(day, "SHORT_DATE_FORMAT")}
        ]
    else:
        figures = row.figures
        centers = LearningCenter.objects.filter(pk=center.pk)
        courses = [
            {**c, "topic": c.pop("topic__name")} for c in course_rows(viewer, centers, period)
        ]
        notes = [
            _("Figures recorded as of %(day)s; the report has not been signed.")
            % {"day": date_format(today, "SHORT_DATE_FORMAT")}
        ]
    heading = Heading(
        authority=f"UBND {center.unit.name}",
        issuer=center.name,
        number=_("No.: …/BC-TTHTCĐ"),
        place=_bare(center.unit),
        day=today,
        head_title=_("Director"),
        signer_name=row.director.full_name if row.director else "",
        preparer_name=preparer,
    )
    return builders.center_report(
        row, figures=figures, courses=courses, heading=heading, topics=_topics(figures), notes=notes
    )


def _signed_course(course: dict) -> dict:
    """A course row as stored with a signed report (dates as text)."""
    course = dict(course)
    for name in ("start_date", "end_date"):
        if isinstance(course.get(name), str):
            course[name] = datetime.date.fromisoformat(course[name])
    return course


# -- writing files -------------------------------------------------------------------------


def write(document: Document, fmt: str, out, *, progress: Progress | None = None) -> None:
    """Write the document to the binary file `out` as xlsx or CSV."""
    if fmt == CSV:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        write_csv(document, text, progress=progress)
        text.flush()
        text.detach()
        return
    workbook(document, progress=progress).save(out)


def filename(document: Document, fmt: str) -> str:
    return f"{document.filename.replace(':', '-')}.{fmt}"


__all__ = [
    "CONTENT_TYPES",
    "CSV",
    "XLSX",
    "ReportError",
    "ReportKind",
    "ReportRequest",
    "check_scope",
    "document",
    "filename",
    "office_heading",
    "office_units",
    "parse_period",
    "row_count",
    "unit_during",
    "write",
]
