"""Reads across centers for an office: its dashboard's period choices and
rows. The rows are the reporting read model's (`courses.reporting`) for
the centers the office answers for in the period — nothing here adds up a
figure or decides a deadline of its own.
"""

import datetime

from django.db.models import Max

from centers.models import LearningCenter, Office
from courses.models import Campaign
from courses.periods import Period, PeriodKind
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
