"""Reads across centers for an office: the completeness dashboard.

Every center under the office for a period, with its report's status, on
time or late, its totals and its director — one annotated queryset, so the
page costs the same number of queries for 15 centers or 3,321.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.models import Appointment, Office
from courses.models import Activity, Campaign, CollectedPeriod, Course, Submission
from courses.periods import Period, PeriodKind
from courses.selectors import campaign_deadline
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


class Status:
    """A center's standing for a period, as the dashboard shows it."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    NOTHING = "nothing"

    CHOICES = [
        (NOT_STARTED, _("not started")),
        (DRAFT, _("draft")),
        (SUBMITTED, _("submitted")),
        (RETURNED, _("returned")),
        (APPROVED, _("approved")),
        (NOTHING, _("nothing to report")),
    ]
    # Not yet in the office's hands: the "not reported" list.
    MISSING = (NOT_STARTED, DRAFT, RETURNED)


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


def office_deadline(office: Office, period: Period) -> datetime.date | None:
    if period.kind == PeriodKind.CAMPAIGN:
        return campaign_deadline(period)
    rule = CollectedPeriod.objects.filter(office=office, kind=period.kind).first()
    return rule.deadline(period) if rule else None


@dataclass
class Completeness:
    total: int
    by_status: dict[str, int]
    late: int

    @property
    def reported(self) -> int:
        return self.total - sum(self.by_status.get(s, 0) for s in Status.MISSING)

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the dashboard's order."""
        return [(key, label, self.by_status.get(key, 0)) for key, label in Status.CHOICES]


def _count(queryset: QuerySet, aggregate) -> Subquery:
    """A per-center aggregate of `queryset` as a subquery (0 when none)."""
    values = queryset.order_by().values("center").annotate(value=aggregate).values("value")
    return Coalesce(Subquery(values[:1], output_field=IntegerField()), 0)


def office_rows(
    office: Office,
    period: Period,
    *,
    centers: QuerySet,
    deadline: datetime.date | None,
    today: datetime.date,
) -> QuerySet:
    """Every center of `centers` (a viewer's `LearningCenter.objects.visible_to`)
    under `office` and open during `period`, annotated with its report for
    the period, totals, director and last reminder. All in one query."""
    day = office.scope_date(period.end)
    centers = (
        centers.under_office(office, on=day)
        .active_during(period.start, period.end)
        .select_related("unit__parent")
    )
    report = Submission.objects.filter(center=OuterRef("pk")).for_period(period)
    courses = Course.objects.filter(center=OuterRef("pk")).in_period(period)
    activities = Activity.objects.filter(center=OuterRef("pk")).in_period(period)
    director = Appointment.objects.director_of_each_center(min(day, today))
    reminders = Reminder.objects.filter(center=OuterRef("pk"), period_key=period.key)
    rows = centers.annotate(
        report_status=Subquery(report.values("status")[:1]),
        report_nothing=Subquery(report.values("nothing_to_report")[:1]),
        submitted_at=Subquery(report.values("submitted_at")[:1]),
        courses_count=_count(courses, Count("pk")),
        participants_total=_count(courses, Sum("participants_total")),
        participants_women=_count(courses, Sum("participants_women")),
        participants_minority=_count(courses, Sum("participants_ethnic_minority")),
        activities_count=_count(activities, Count("pk")),
        director_name=Subquery(director.values("full_name")[:1]),
        director_phone=Subquery(director.values("phone")[:1]),
        director_email=Subquery(director.values("email")[:1]),
        last_reminder=Subquery(reminders.order_by("-created_at").values("created_at")[:1]),
    )
    return rows.annotate(
        report_state=_status_expression(), is_late=_late_expression(deadline, today)
    ).order_by("name", "pk")


def _status_expression() -> Case:
    return Case(
        When(report_status__isnull=True, then=Value(Status.NOT_STARTED)),
        When(
            report_nothing=True,
            report_status__in=[Status.SUBMITTED, Status.APPROVED],
            then=Value(Status.NOTHING),
        ),
        default="report_status",
        output_field=CharField(),
    )


def _late_expression(deadline: datetime.date | None, today: datetime.date) -> Case | Value:
    """`courses.selectors.is_late` in SQL: submitted after the deadline's
    day, or not submitted once it passed."""
    if deadline is None:
        return Value(False, output_field=BooleanField())
    day_after = timezone.make_aware(
        datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time.min)
    )
    return Case(
        When(submitted_at__gte=day_after, then=Value(True)),
        When(submitted_at__isnull=True, then=Value(today > deadline)),
        default=Value(False),
        output_field=BooleanField(),
    )


def completeness(rows: QuerySet) -> Completeness:
    """Counts per status and late, for the whole (unfiltered) list, in one query."""
    counts = rows.order_by().aggregate(
        total=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        **{key: Count("pk", filter=Q(report_state=key)) for key, _label in Status.CHOICES},
    )
    return Completeness(total=counts.pop("total"), late=counts.pop("late"), by_status=counts)
