"""Reads across centers for an office: its dashboard's period choices and
rows. The rows are the reporting read model's (`courses.reporting`) for
the centers the office answers for in the period — nothing here adds up a
figure or decides a deadline of its own.
"""

import datetime

from django.db.models import Count, Max

from centers.models import LearningCenter, Office
from courses.models import Campaign, Submission, SubmissionStatus
from courses.periods import InvalidPeriod, Period, PeriodKind
from courses.reporting import PeriodReport, period_report
from reports.models import Reminder

# Which kind a dashboard opens on when an office collects several.
KIND_PREFERENCE = [
    PeriodKind.QUARTER,
    PeriodKind.MONTH,
    PeriodKind.HALF_YEAR,
    PeriodKind.SCHOOL_YEAR,
    PeriodKind.YEAR,
]
HISTORY_DAYS = 10 * 366  # how far back the period picker goes


def collected_kinds(office: Office) -> list[str]:
    kinds = set(office.collected_periods.values_list("kind", flat=True))
    return [kind for kind in KIND_PREFERENCE if kind in kinds] or [PeriodKind.QUARTER]


def default_period(office: Office, kinds: list[str], *, today: datetime.date) -> Period:
    """The latest ended period of the office's main kind inside its validity
    (a closed office opens on its last one)."""
    last_day = office.scope_date(today)
    period = Period.containing(kinds[0], last_day)
    return period.previous() if period.end > last_day else period


def waiting_periods(
    office: Office, kinds: list[str], *, today: datetime.date, limit: int = 6
) -> list[tuple[Period, int]]:
    """What there is to do: the periods (of `kinds` and campaigns, within
    the office's validity), newest first, with reports submitted by centers
    under the office and not yet decided, and how many. One query; the
    office's centers over its life are a subquery."""
    last_day = office.scope_date(today)
    centers = LearningCenter.objects.in_office_during(office, office.valid_from, last_day)
    rows = (
        Submission.objects.filter(
            status=SubmissionStatus.SUBMITTED,
            period_kind__in=[*kinds, PeriodKind.CAMPAIGN],
            period_start__gte=office.valid_from,
            period_end__lte=last_day,
            center__in=centers,
        )
        .values("period_key", "period_start")
        .annotate(n=Count("id"))
        .order_by("-period_start", "period_key")[:limit]
    )
    found = []
    for row in rows:
        try:
            found.append((Period.from_stored(row["period_key"]), row["n"]))
        except InvalidPeriod:
            continue  # a campaign deleted since
    return found


def period_choices(
    office: Office, kinds: list[str], *, today: datetime.date
) -> list[tuple[str, list[Period]]]:
    """Every period of the kinds the office collects, within its validity
    (at most the last ten years), and the campaigns — grouped by kind,
    newest first."""
    last_day = office.scope_date(today)
    first_day = max(office.valid_from, last_day - datetime.timedelta(days=HISTORY_DAYS))
    groups = []
    for kind in kinds:
        periods = list(Period.back_from(kind, last_day, until=first_day))
        groups.append((PeriodKind(kind).label, periods))
    campaigns = Campaign.objects.filter(start_date__lte=last_day, end_date__gte=first_day).order_by(
        "-start_date"
    )
    if campaigns:
        groups.append((PeriodKind.CAMPAIGN.label, [Period.campaign(c) for c in campaigns]))
    return groups


def office_report(office: Office, period: Period, *, viewer, today: datetime.date) -> PeriodReport:
    """Every center the office answers for in `period` that `viewer` may see,
    as the read model gives it, grouped by the level below the office as it
    was then, each row with the last reminder sent for the period. A fixed
    number of queries, whatever the number of centers."""
    centers = LearningCenter.objects.visible_to(viewer).in_office_during(
        office, period.start, period.end
    )
    report = period_report(
        viewer=viewer, centers=centers, period=period, today=today, root=office.unit
    )
    reminders = dict(
        Reminder.objects.filter(period_key=period.stored_key, center__in=centers)
        .order_by()
        .values("center")
        .annotate(last=Max("created_at"))
        .values_list("center", "last")
    )
    for row in report.rows:
        row.last_reminder = reminders.get(row.center.pk)
    return report


def period_is_in_office_life(office: Office, period: Period) -> bool:
    return period.end >= office.valid_from and (
        office.valid_until is None or period.start <= office.valid_until
    )
