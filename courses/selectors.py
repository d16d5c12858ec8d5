"""Reads that pages share: the center dashboard's figures, the campaign
report's summary and the plausibility warnings. Each costs a fixed number
of queries, whatever the number of records."""

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter, Office
from courses.models import (
    Activity,
    ActivityKind,
    Campaign,
    CampaignReport,
    CollectedPeriod,
    Course,
    Submission,
    Topic,
)
from courses.periods import Period, PeriodKind

COUNT_FIELDS = ("participants_total", "participants_women", "participants_ethnic_minority")


@dataclass
class Totals:
    courses: int = 0
    participants_total: int = 0
    participants_women: int = 0
    participants_ethnic_minority: int = 0


def _period_aggregates(prefix: str, period: Period) -> dict:
    in_period = Q(start_date__range=(period.start, period.end))
    aggregates = {f"{prefix}courses": Count("pk", filter=in_period)}
    for field in COUNT_FIELDS:
        aggregates[f"{prefix}{field}"] = Coalesce(Sum(field, filter=in_period), 0)
    return aggregates


def course_totals(courses: QuerySet, periods: dict[str, Period]) -> dict[str, Totals]:
    """Course and participation totals of `courses` in each named period, in
    one query (conditional aggregation). A course counts in the period
    that contains its start date."""
    aggregates = {}
    for name, period in periods.items():
        aggregates |= _period_aggregates(f"{name}__", period)
    row = courses.aggregate(**aggregates)
    return {
        name: Totals(**{field: row[f"{name}__{field}"] for field in ("courses", *COUNT_FIELDS)})
        for name in periods
    }


def filtered_totals(courses: QuerySet) -> Totals:
    """Totals of a (filtered) course list, in one query."""
    row = courses.aggregate(
        courses=Count("pk"), **{field: Coalesce(Sum(field), 0) for field in COUNT_FIELDS}
    )
    return Totals(**row)


@dataclass
class Dashboard:
    center: LearningCenter
    today: datetime.date
    month: Period
    school_year: Period
    totals: dict[str, Totals]
    latest_activities: list
    uncounted_courses: list
    uncounted_count: int
    campaign: Campaign | None
    campaign_report: CampaignReport | None
    month_is_empty: bool


def center_dashboard(center: LearningCenter, *, today: datetime.date, viewer) -> Dashboard:
    """This month's and this school year's figures, the latest activities, the
    open campaign and what is still missing — six queries. Only the records
    `viewer` may read count (a former director sees his own terms' only)."""
    month = Period.containing(PeriodKind.MONTH, today)
    school_year = Period.containing(PeriodKind.SCHOOL_YEAR, today)
    courses = Course.objects.visible_to(viewer).filter(center=center)
    totals = course_totals(courses, {"month": month, "school_year": school_year})
    uncounted = courses.filter(start_date__lte=today, participants_total__isnull=True)
    campaign = Campaign.objects.open_on(today).order_by("report_deadline").first()
    report = (
        CampaignReport.objects.filter(center=center, campaign=campaign).first()
        if campaign
        else None
    )
    return Dashboard(
        center=center,
        today=today,
        month=month,
        school_year=school_year,
        totals=totals,
        latest_activities=list(
            Activity.objects.visible_to(viewer).filter(center=center).select_related("campaign")[:5]
        ),
        uncounted_courses=list(uncounted.select_related("topic").order_by("start_date")[:5]),
        uncounted_count=uncounted.count(),
        campaign=campaign,
        campaign_report=report,
        month_is_empty=totals["month"].courses == 0,
    )


@dataclass
class KindRow:
    kind: str
    label: str
    activities: int
    participants: int


def campaign_summary(center: LearningCenter, campaign: Campaign) -> tuple[list[KindRow], KindRow]:
    """The center's activities in `campaign` by kind, with participations,
    and the total row — one grouped query."""
    rows = (
        Activity.objects.filter(center=center, campaign=campaign)
        .values("kind")
        .annotate(activities=Count("pk"), participants=Coalesce(Sum("participants"), 0))
    )
    by_kind = {row["kind"]: row for row in rows}
    table = [
        KindRow(
            kind,
            label,
            by_kind.get(kind, {}).get("activities", 0),
            by_kind.get(kind, {}).get("participants", 0),
        )
        for kind, label in ActivityKind.choices
    ]
    total = KindRow(
        "", _("Total"), sum(r.activities for r in table), sum(r.participants for r in table)
    )
    return table, total


# -- plausibility ---------------------------------------------------------------


def _population_warning(center: LearningCenter, count: int | None) -> str | None:
    population = center.unit.population
    if count and population and count > population:
        return _(
            "%(count)s participations is more than the population of %(unit)s "
            "(%(population)s in %(year)s)."
        ) % {
            "count": f"{count:,}".replace(",", "."),
            "unit": center.unit.name,
            "population": f"{population:,}".replace(",", "."),
            "year": center.unit.population_year,
        }
    return None


def course_warnings(course: Course) -> list[str]:
    """Figures that are allowed but unlikely, for the user to confirm: more
    participations than the commune's population, or exactly the figures
    of the center's previous course (a copied entry)."""
    warnings = []
    warning = _population_warning(course.center, course.participants_total)
    if warning:
        warnings.append(warning)
    if course.participants_total:
        previous = (
            Course.objects.filter(center=course.center)
            .exclude(pk=course.pk)
            .order_by("-created_at", "-pk")
            .values_list(*COUNT_FIELDS)
            .first()
        )
        figures = tuple(getattr(course, field) for field in COUNT_FIELDS)
        if previous == figures:
            warnings.append(
                _("These are exactly the figures of the previous course entered: %(figures)s.")
                % {"figures": " / ".join("—" if f is None else str(f) for f in figures)}
            )
    return warnings


def activity_warnings(activity: Activity) -> list[str]:
    """As for courses: more participations than the population, or the same
    number as the center's previous activity."""
    warnings = []
    warning = _population_warning(activity.center, activity.participants)
    if warning:
        warnings.append(warning)
    if activity.participants:
        previous = (
            Activity.objects.filter(center=activity.center)
            .exclude(pk=activity.pk)
            .order_by("-created_at", "-pk")
            .values_list("participants", flat=True)
            .first()
        )
        if previous == activity.participants:
            warnings.append(
                _("This is exactly the number of participations of the previous activity: %(n)s.")
                % {"n": activity.participants}
            )
    return warnings


# -- history ----------------------------------------------------------------------


def history_rows(record: Course | Activity) -> list[dict]:
    """Each change of `record`, newest first, with who made it and which
    fields changed from what to what. Two queries: the history rows (with
    their users) and the names of the topics or campaigns they point to."""
    records = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    related = Topic if isinstance(record, Course) else Campaign
    names = dict(related.objects.values_list("pk", "name"))
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None and newer.history_type == "~":
            for change in newer.diff_against(older).changes:
                field = record._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(field, change.old, names),
                        "new": _display(field, change.new, names),
                    }
                )
        rows.append({"record": newer, "changes": changes})
    return rows


def _display(field, value, names: dict):
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return names.get(value, str(value))
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return value


# -- submissions ------------------------------------------------------------------

# How many past periods of each kind a center's report list shows.
RECENT_PERIODS = {
    PeriodKind.MONTH: 3,
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF_YEAR: 2,
    PeriodKind.SCHOOL_YEAR: 2,
    PeriodKind.YEAR: 2,
}


@dataclass
class PeriodRow:
    period: Period
    submission: Submission | None
    deadline: datetime.date | None


def collected_kinds(center: LearningCenter, start: datetime.date, end: datetime.date) -> dict:
    """The kinds of period the offices over the center collect in [start,
    end], each with its deadline in days (the nearest office's rule wins)."""
    offices = Office.objects.over(center.unit, start, end).select_related("unit")
    rules = CollectedPeriod.objects.filter(office__in=offices).select_related("office__unit")
    kinds: dict[str, tuple[int, int]] = {}
    for rule in rules:
        depth = len(rule.office.unit.path)
        if rule.kind not in kinds or depth > kinds[rule.kind][0]:
            kinds[rule.kind] = (depth, rule.deadline_days)
    return {kind: days for kind, (_depth, days) in kinds.items()}


def campaign_deadline(period: Period) -> datetime.date | None:
    """A campaign window's reporting deadline (one query)."""
    return (
        Campaign.objects.filter(slug=period.slug).values_list("report_deadline", flat=True).first()
    )


def deadline_for(center: LearningCenter, period: Period) -> datetime.date | None:
    """When the center's figures for `period` are due, if an office collects it."""
    if period.kind == PeriodKind.CAMPAIGN:
        return campaign_deadline(period)
    days = collected_kinds(center, period.start, period.end).get(period.kind)
    return period.end + datetime.timedelta(days=days) if days is not None else None


def is_late(
    submission: Submission | None, deadline: datetime.date | None, *, today: datetime.date
) -> bool:
    """Submitted after the deadline, or not submitted once it passed. (The
    office dashboard says the same in SQL: `reports.selectors`.)"""
    if deadline is None:
        return False
    if submission is None or submission.submitted_at is None:
        return today > deadline
    return timezone.localtime(submission.submitted_at).date() > deadline


def center_periods(center: LearningCenter, *, today: datetime.date) -> list[PeriodRow]:
    """The periods a center reports on: for each kind its offices collect,
    the current one and a few before it; the recent campaigns. With the
    center's submission for each, newest first. A fixed number of queries."""
    last_day = min(today, center.closed_on or today)
    kinds = collected_kinds(center, center.established_on, last_day)
    periods: list[Period] = []
    for kind in kinds:
        recent = Period.back_from(kind, last_day, until=center.established_on)
        periods += itertools.islice(recent, RECENT_PERIODS[kind])
    campaigns = Campaign.objects.filter(
        start_date__lte=last_day, end_date__gte=center.established_on
    ).order_by("-start_date")[:2]
    periods += [Period.campaign(campaign) for campaign in campaigns]
    deadlines = {c.slug: c.report_deadline for c in campaigns}
    submissions = {
        s.period_key: s
        for s in Submission.objects.filter(center=center, period_key__in=[p.key for p in periods])
    }
    rows = [
        PeriodRow(
            period,
            submissions.get(period.key),
            deadlines.get(period.slug)
            if period.kind == PeriodKind.CAMPAIGN
            else period.end + datetime.timedelta(days=kinds[period.kind]),
        )
        for period in periods
    ]
    return sorted(rows, key=lambda row: (row.period.end, row.period.start), reverse=True)


@dataclass
class PeriodFigures:
    totals: Totals
    activities: int
    activities_by_kind: list[tuple[str, int]]


def period_figures(center: LearningCenter, period: Period) -> PeriodFigures:
    """What the center recorded in the period: course and participation
    totals, and activities by kind. Two queries."""
    totals = course_totals(Course.objects.filter(center=center), {"p": period})["p"]
    by_kind = (
        Activity.objects.filter(center=center)
        .in_period(period)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    labels = dict(ActivityKind.choices)
    rows = [(labels.get(row["kind"], row["kind"]), row["n"]) for row in by_kind]
    return PeriodFigures(totals, sum(n for _label, n in rows), rows)
