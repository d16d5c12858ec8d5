"""Reads that the center workspace's pages share: the dashboard, the list
of a center's period reports, the plausibility warnings and the history of
a record. Figures, deadlines and verdicts come from the reporting read
model (`courses.reporting`); each read costs a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import Appointment, LearningCenter
from courses.models import Activity, Campaign, CampaignReport, Course, Topic
from courses.periods import Period, PeriodKind
from courses.reporting import (
    COUNT_FIELDS,
    Figures,
    PeriodRow,
    ReportStatus,
    Verdict,
    center_figures_with_part,
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
    reports_due: list[PeriodRow]


def center_dashboard(center: LearningCenter, *, today: datetime.date, viewer) -> Dashboard:
    """This month's and this school year's figures, the latest activities, the
    open campaign and what is still missing. Only the records `viewer` may
    read count (a former director sees his own terms' only)."""
    month = Period.containing(PeriodKind.MONTH, today)
    school_year = Period.containing(PeriodKind.SCHOOL_YEAR, today)
    year_figures, month_figures = center_figures_with_part(viewer, center, school_year, month)
    totals = {"month": month_figures, "school_year": year_figures}
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
        reports_due=reports_to_do(center_periods(center, today=today, viewer=viewer), today=today),
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
            "unit": center.unit.name_in_sentence,
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


def _viewer_window(center: LearningCenter, viewer, today: datetime.date):
    """The days of the center's life whose reports `viewer` deals with: all
    of it for an office or an administrator; for the center's own people,
    from the start of their first term there to the end of their last."""
    first = center.established_on
    last = min(today, center.closed_on) if center.closed_on else today
    if viewer.is_superuser or LearningCenter.objects.office_scope(viewer).filter(pk=center.pk):
        return first, last
    terms = list(Appointment.objects.filter(user=viewer, center=center))
    if not terms:
        return first, last
    starts = [t.start_date for t in terms]
    ends = [t.end_date or last for t in terms]
    return max(first, min(starts)), min(last, max(ends))


def center_periods(center: LearningCenter, *, today: datetime.date, viewer) -> list[PeriodRow]:
    """Every period the center reports on within `viewer`'s dealings with
    it — each kind its offices collect, and the campaigns — with its report,
    deadline and verdict (the read model's rules), newest first. A fixed
    number of queries, whatever the number of periods."""
    first, last = _viewer_window(center, viewer, today)
    if first > last:
        return []
    periods: list[Period] = []
    for kind in collected_kinds(center, first, last):
        periods += Period.back_from(kind, last, until=first)
    campaigns = Campaign.objects.filter(start_date__lte=last, end_date__gte=first)
    periods += [Period.campaign(campaign) for campaign in campaigns]
    rows = period_rows(center, periods, today=today)
    return sorted(rows, key=lambda row: (row.period.end, row.period.start), reverse=True)


def by_year(rows: list[PeriodRow]) -> list[tuple[int, list[PeriodRow]]]:
    """Rows grouped by the year their period ends in, newest first."""
    groups: dict[int, list[PeriodRow]] = {}
    for row in rows:
        groups.setdefault(row.period.end.year, []).append(row)
    return sorted(groups.items(), reverse=True)


def reports_to_do(rows: list[PeriodRow], *, today: datetime.date) -> list[PeriodRow]:
    """The reports a center still owes: returned ones (with the office's
    comment), late ones, and those due within a month."""
    soon = today + datetime.timedelta(days=31)
    return [
        row
        for row in rows
        if row.status in ReportStatus.MISSING
        and (
            row.status == ReportStatus.RETURNED
            or row.verdict == Verdict.LATE
            or (row.deadline and row.period.is_over_on(today) and row.deadline <= soon)
        )
    ]
