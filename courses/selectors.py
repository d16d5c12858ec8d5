"""Reads that the center workspace's pages share: the dashboard, the list
of a center's period reports, the plausibility warnings and the history of
a record. Figures, deadlines and verdicts come from the reporting read
model (`courses.reporting`); each read costs a fixed number of queries."""

import datetime
import itertools
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter
from courses.models import Activity, Campaign, CampaignReport, Course, Topic
from courses.periods import Period, PeriodKind
from courses.reporting import (
    COUNT_FIELDS,
    Figures,
    PeriodRow,
    center_figures,
    collected_kinds,
    period_rows,
)


@dataclass
class Dashboard:
    center: LearningCenter
    today: datetime.date
    month: Period
    school_year: Period
    totals: dict[str, Figures]
    latest_activities: list
    uncounted_courses: list
    uncounted_count: int
    campaign: Campaign | None
    campaign_report: CampaignReport | None
    month_is_empty: bool


def center_dashboard(center: LearningCenter, *, today: datetime.date, viewer) -> Dashboard:
    """This month's and this school year's figures, the latest activities, the
    open campaign and what is still missing. Only the records `viewer` may
    read count (a former director sees his own terms' only)."""
    month = Period.containing(PeriodKind.MONTH, today)
    school_year = Period.containing(PeriodKind.SCHOOL_YEAR, today)
    totals = {
        "month": center_figures(viewer, center, month),
        "school_year": center_figures(viewer, center, school_year),
    }
    courses = Course.objects.visible_to(viewer).filter(center=center)
    uncounted = courses.filter(start_date__lte=today, participants_total__isnull=True)
    campaign = Campaign.objects.open_on(today).order_by("report_deadline").first()
    report = (
        CampaignReport.objects.visible_to(viewer).filter(center=center, campaign=campaign).first()
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


def course_warnings(course: Course, *, viewer) -> list[str]:
    """Figures that are allowed but unlikely, for the user to confirm: more
    participations than the commune's population, or exactly the figures
    of the center's previous course `viewer` may read (a copied entry)."""
    warnings = []
    warning = _population_warning(course.center, course.participants_total)
    if warning:
        warnings.append(warning)
    if course.participants_total:
        previous = (
            Course.objects.visible_to(viewer)
            .filter(center=course.center)
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


def activity_warnings(activity: Activity, *, viewer) -> list[str]:
    """As for courses: more participations than the population, or the same
    number as the center's previous activity."""
    warnings = []
    warning = _population_warning(activity.center, activity.participants)
    if warning:
        warnings.append(warning)
    if activity.participants:
        previous = (
            Activity.objects.visible_to(viewer)
            .filter(center=activity.center)
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
            for change in newer.diff_against(older, excluded_fields=["version"]).changes:
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


def changes_since(record: Course | Activity, version: int) -> tuple[list[dict], object]:
    """What changed in `record` since it was at `version` — field, old and
    new value — and the history row of the latest change (who, when). Two
    queries."""
    history = list(
        record.history.filter(version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    if len(history) < 2:
        return [], history[-1] if history else None
    related = Topic if isinstance(record, Course) else Campaign
    names = dict(related.objects.values_list("pk", "name"))
    changes = []
    for change in history[-1].diff_against(history[0]).changes:
        if change.field == "version":
            continue
        field = record._meta.get_field(change.field)
        changes.append(
            {
                "field": field.verbose_name,
                "old": _display(field, change.old, names),
                "new": _display(field, change.new, names),
            }
        )
    return changes, history[-1]


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


def center_periods(center: LearningCenter, *, today: datetime.date) -> list[PeriodRow]:
    """The periods a center reports on — for each kind its offices collect,
    the current one and a few before it, and the recent campaigns — with
    its report, deadline and verdict for each (the read model's rules),
    newest first. A fixed number of queries."""
    last_day = min(today, center.closed_on or today)
    periods: list[Period] = []
    for kind in collected_kinds(center, center.established_on, last_day):
        recent = Period.back_from(kind, last_day, until=center.established_on)
        periods += itertools.islice(recent, RECENT_PERIODS[kind])
    campaigns = Campaign.objects.filter(
        start_date__lte=last_day, end_date__gte=center.established_on
    ).order_by("-start_date")[:2]
    periods += [Period.campaign(campaign) for campaign in campaigns]
    rows = period_rows(center, periods, today=today)
    return sorted(rows, key=lambda row: (row.period.end, row.period.start), reverse=True)
