"""The reporting read model: the one answer to "what are these centers'
figures for this period, is each one's report in, when was it due, and was
it on time?"

Everything that shows a period's figures reads them here, and nowhere
else: the center dashboard, the course list's totals, the submission and
campaign pages, the office dashboard, `report_status`, the figures frozen
when a director signs — and the Excel reports and scheduled summaries built
on top. Start from `period_report()`; what it promises:

- **Scoped at the start.** Records are read through
  `Course/Activity/CampaignReport.objects.visible_to(viewer)`, and the
  caller passes centers already scoped to the viewer. `SYSTEM`
  (`courses.scoping`) reads as the system, for commands and jobs.
- **Centers in a period** are `LearningCenter.objects.in_office_during`:
  every center open on some day of the period under the office's units,
  as the units were then. A center that closed before the period ended is
  not expected to report it (`expects_report`): its row shows what it
  recorded and what it became, its figures count in every total, and it
  is never missing, late or reminded.
- **One deadline** (`deadline_of`): set by the nearest office above the
  center that collects that kind of period, moved later by the offices'
  extensions; a campaign's own deadline for a campaign.
- **One on-time rule** (`verdict_of`): a report is on time when it was in
  the office's hands (submitted or approved, not returned or withdrawn) at
  the end of the deadline day, Asia/Ho_Chi_Minh; with no deadline the
  verdict is "not applicable".
- **Figures add up.** A course counts in the period that holds its start
  date, an activity in the one holding its date (a campaign's: those
  logged for it); every total is the sum of its rows, so a year equals its
  quarters whatever merged in between.

A report costs the same dozen queries for one center or ten thousand.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import cached_property

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centers.models import AdministrativeUnit, Appointment, LearningCenter
from centers.text import vietnamese_sort_key
from courses.models import (
    IN_HANDS,
    IN_HANDS_AFTER,
    Activity,
    Campaign,
    CampaignReport,
    CollectedPeriod,
    Course,
    DeadlineExtension,
    Submission,
    SubmissionEvent,
)
from courses.periods import Period, PeriodKind
from courses.scoping import SYSTEM

__all__ = [
    "SYSTEM",
    "CenterPeriod",
    "Figures",
    "PeriodReport",
    "ReportStatus",
    "Verdict",
    "center_figures",
    "center_figures_with_part",
    "center_period",
    "course_list",
    "course_rows",
    "deadline_of",
    "expects_report",
    "figures_by_center",
    "figures_of",
    "period_report",
    "snapshot",
    "verdict_of",
]

COUNT_FIELDS = ("participants_total", "participants_women", "participants_ethnic_minority")
GROUP_CHUNK = 10_000


# -- figures ------------------------------------------------------------------------


@dataclass
class Figures:
    """What was recorded: courses (by format, by topic), participations
    (lượt người: total, women, ethnic minority), activities (by kind) and
    their participations, and for a campaign the resources mobilised.
    Figures add: `a + b` is the figures of both."""

    courses: int = 0
    courses_by_format: dict[str, int] = field(default_factory=dict)
    participants_total: int = 0
    participants_women: int = 0
    participants_ethnic_minority: int = 0
    # Participations by topic id (topics are data; their names can change).
    participants_by_topic: dict[int, int] = field(default_factory=dict)
    activities: int = 0
    activities_by_kind: dict[str, int] = field(default_factory=dict)
    activity_participants: int = 0
    activity_participants_by_kind: dict[str, int] = field(default_factory=dict)
    books: int = 0
    bookcases: int = 0
    money: int = 0

    def __add__(self, other: "Figures") -> "Figures":
        result = Figures()
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, dict):
                merged = dict(mine)
                for key, value in theirs.items():
                    merged[key] = merged.get(key, 0) + value
                setattr(result, f.name, merged)
            else:
                setattr(result, f.name, mine + theirs)
        return result

    @property
    def is_empty(self) -> bool:
        """Nothing recorded: no course and no activity."""
        return not (self.courses or self.activities)

    @property
    def records(self) -> int:
        return self.courses + self.activities

    @property
    def women_share(self) -> float | None:
        """Women's share of participations, 0–1 (None without participations)."""
        return (
            self.participants_women / self.participants_total if self.participants_total else None
        )

    @property
    def minority_share(self) -> float | None:
        total = self.participants_total
        return self.participants_ethnic_minority / total if total else None

    def as_dict(self) -> dict:
        """A JSON-safe copy (dictionary keys become text), as stored with a
        submission when the director signs."""
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = (
                {str(k): v for k, v in value.items()} if isinstance(value, dict) else value
            )
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Figures":
        figures = cls()
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "participants_by_topic":
                value = {int(k): v for k, v in value.items()}
            setattr(figures, f.name, value)
        return figures


def _add(mapping: dict, key, value: int) -> None:
    if value:
        mapping[key] = mapping.get(key, 0) + value


def _course_groups(courses: QuerySet, *by: str) -> QuerySet:
    """Courses counted and summed per (`by`…, format, topic): one grouped
    query, the only way courses are added up."""
    return (
        courses.order_by()
        .values(*by, "format", "topic")
        .annotate(
            n=Count("pk"),
            **{name: Coalesce(Sum(name), 0) for name in COUNT_FIELDS},
        )
    )


def _add_courses(figures: Figures, row: dict) -> None:
    figures.courses += row["n"]
    _add(figures.courses_by_format, row["format"], row["n"])
    for name in COUNT_FIELDS:
        setattr(figures, name, getattr(figures, name) + row[name])
    _add(figures.participants_by_topic, row["topic"], row["participants_total"])


def _activity_groups(activities: QuerySet, *by: str) -> QuerySet:
    return (
        activities.order_by()
        .values(*by, "kind")
        .annotate(n=Count("pk"), participants=Coalesce(Sum("participants"), 0))
    )


def _add_activities(figures: Figures, row: dict) -> None:
    figures.activities += row["n"]
    _add(figures.activities_by_kind, row["kind"], row["n"])
    figures.activity_participants += row["participants"]
    _add(figures.activity_participants_by_kind, row["kind"], row["participants"])


def figures_of(courses: QuerySet) -> Figures:
    """The figures of a list of courses (a filtered course list's totals) —
    one query. `courses` must come from `Course.objects.visible_to`."""
    figures = Figures()
    for row in _course_groups(courses):
        _add_courses(figures, row)
    return figures


def figures_by_center(viewer, centers: QuerySet, period: Period) -> dict[int, Figures]:
    """Each center's figures in `period`, as `viewer` may read them: two
    grouped queries (three for a campaign, with its resources)."""
    result: dict[int, Figures] = defaultdict(Figures)
    courses = Course.objects.visible_to(viewer).filter(center__in=centers).in_period(period)
    # Streamed (`iterator`): a country's groups are hundreds of thousands of
    # small rows, never needed all at once.
    for row in _course_groups(courses, "center").iterator(chunk_size=GROUP_CHUNK):
        _add_courses(result[row["center"]], row)
    activities = Activity.objects.visible_to(viewer).filter(center__in=centers).in_period(period)
    for row in _activity_groups(activities, "center").iterator(chunk_size=GROUP_CHUNK):
        _add_activities(result[row["center"]], row)
    if period.kind == PeriodKind.CAMPAIGN:
        reports = CampaignReport.objects.visible_to(viewer).filter(
            center__in=centers, campaign_id=period.campaign_id
        )
        for report in reports.values("center", "books", "bookcases", "money"):
            figures = result[report["center"]]
            figures.books, figures.bookcases = report["books"], report["bookcases"]
            figures.money = report["money"]
    return result


def center_figures(viewer, center: LearningCenter, period: Period) -> Figures:
    """One center's figures in `period`, as `viewer` may read them."""
    centers = LearningCenter.objects.filter(pk=center.pk)
    return figures_by_center(viewer, centers, period).get(center.pk, Figures())


def center_figures_with_part(
    viewer, center: LearningCenter, period: Period, part: Period
) -> tuple[Figures, Figures]:
    """One center's figures in `period` and in `part`, a period inside it
    (the dashboard's school year and month), as `viewer` may read them:
    the same two grouped queries as `period` alone, each group split by
    whether its records fall in `part`."""
    if not (period.start <= part.start and part.end <= period.end):
        raise ValueError(f"{part.key} is not inside {period.key}")
    whole, inside = Figures(), Figures()
    records = (
        (Course.objects, _course_groups, _add_courses),
        (Activity.objects, _activity_groups, _add_activities),
    )
    for manager, groups, add in records:
        scoped = manager.visible_to(viewer).filter(center=center).in_period(period)
        in_part = Q(**{f"{scoped.date_field}__range": (part.start, part.end)})
        split = scoped.annotate(in_part=ExpressionWrapper(in_part, output_field=BooleanField()))
        for row in groups(split, "in_part"):
            add(whole, row)
            if row["in_part"]:
                add(inside, row)
    return whole, inside


COURSE_ROW_FIELDS = (
    "id",
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
    *COUNT_FIELDS,
)


def course_rows(viewer, centers: QuerySet, period: Period) -> QuerySet:
    """The courses that count in `period` at `centers`, as `viewer` may read
    them: one dictionary per course (the fields of the signed report and
    the course list), oldest first."""
    return (
        Course.objects.visible_to(viewer)
        .filter(center__in=centers)
        .in_period(period)
        .order_by("start_date", "pk")
        .values("center", *COURSE_ROW_FIELDS)
    )


COURSE_LIST_FIELDS = (
    "id",
    "center__name",
    "center__unit__name",
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
    *COUNT_FIELDS,
    "notes",
)


def course_list(viewer, centers: QuerySet, period: Period) -> QuerySet:
    """Every course that counts in `period` at `centers`, as `viewer` may
    read them, with its center and the center's unit (as it was): one tuple
    of `COURSE_LIST_FIELDS` per course, in center order then oldest first.
    One query; stream it with `.iterator()` — it can hold a million rows."""
    return (
        Course.objects.visible_to(viewer)
        .filter(center__in=centers)
        .in_period(period)
        .order_by("center__unit__path", "center_id", "start_date", "pk")
        .values_list(*COURSE_LIST_FIELDS)
    )


def snapshot(center: LearningCenter, period: Period) -> tuple[dict, list[dict]]:
    """What a director signs: the center's figures for the period and its
    course rows, everything recorded (read as the system), JSON-safe."""
    centers = LearningCenter.objects.filter(pk=center.pk)
    figures = figures_by_center(SYSTEM, centers, period).get(center.pk, Figures())
    rows = []
    for row in course_rows(SYSTEM, centers, period):
        row.pop("center")
        row["topic"] = row.pop("topic__name")
        row["start_date"], row["end_date"] = (
            row["start_date"].isoformat(),
            row["end_date"].isoformat(),
        )
        rows.append(row)
    return figures.as_dict(), rows


# -- deadlines and the on-time rule ---------------------------------------------------


@dataclass
class DeadlineRules:
    """What deadlines are made of, loaded once for many centers and periods:
    which offices collect which kinds (and how many days after the period's
    end), the extensions of the periods, the campaigns' deadlines."""

    # kind -> unit id -> [(office valid_from, valid_until, days)]
    collected: dict[str, dict[int, list[tuple]]]
    # period stored key -> [extension]
    extensions: dict[str, list[DeadlineExtension]]
    campaigns: dict[int, datetime.date]

    @classmethod
    def load(cls, periods: list[Period]) -> "DeadlineRules":
        """Two or three queries, whatever the number of centers."""
        collected: dict[str, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
        kinds = {p.kind for p in periods if p.kind != PeriodKind.CAMPAIGN}
        if kinds:
            rules = CollectedPeriod.objects.filter(kind__in=kinds).values_list(
                "kind", "office__unit", "office__valid_from", "office__valid_until", "deadline_days"
            )
            for kind, unit_id, valid_from, valid_until, days in rules:
                collected[kind][unit_id].append((valid_from, valid_until, days))
        extensions = defaultdict(list)
        keys = [p.stored_key for p in periods]
        for extension in DeadlineExtension.objects.filter(period_key__in=keys).select_related(
            "office"
        ):
            extensions[extension.period_key].append(extension)
        campaign_ids = [p.campaign_id for p in periods if p.kind == PeriodKind.CAMPAIGN]
        campaigns = (
            dict(Campaign.objects.filter(pk__in=campaign_ids).values_list("pk", "report_deadline"))
            if campaign_ids
            else {}
        )
        return cls(collected, extensions, campaigns)


def deadline_of(
    center: LearningCenter, period: Period, rules: DeadlineRules
) -> datetime.date | None:
    """The one deadline of `center`'s report for `period`: the rule of the
    nearest office above the center that collects this kind of period while
    valid during it (a campaign: the campaign's own deadline), moved later
    by any extension an office above the center gave for this period — to
    all its centers or to this one. None when nobody collects the period."""
    ancestors = center.unit.ancestor_ids
    if period.kind == PeriodKind.CAMPAIGN:
        base = rules.campaigns.get(period.campaign_id)
    else:
        base = None
        by_unit = rules.collected.get(period.kind, {})
        for unit_id in reversed(ancestors):  # nearest office first
            days = [
                d
                for valid_from, valid_until, d in by_unit.get(unit_id, [])
                if valid_from <= period.end and (valid_until is None or valid_until >= period.start)
            ]
            if days:
                base = period.end + datetime.timedelta(days=min(days))
                break
    if base is None:
        return None
    for extension in rules.extensions.get(period.stored_key, []):
        applies = extension.center_id == center.pk or (
            extension.center_id is None and extension.office.unit_id in ancestors
        )
        if applies and extension.deadline > base:
            base = extension.deadline
    return base


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in the site's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


def in_hands_at(events: list[tuple[str, datetime.datetime]], moment: datetime.datetime) -> bool:
    """Whether the report was in the office's hands just before `moment`,
    replaying its events (action, when) in order: submitting hands it over;
    returning, reopening or withdrawing takes it back; approving keeps it."""
    state = False
    for action, at in events:
        if at >= moment:
            break
        change = IN_HANDS_AFTER.get(action)
        if change is not None:
            state = change
    return state


class Verdict:
    ON_TIME = "on_time"
    LATE = "late"
    NOT_DUE = "not_due"
    NOT_APPLICABLE = "not_applicable"

    CHOICES = [
        (ON_TIME, _("on time")),
        (LATE, _("late")),
        (NOT_DUE, _("not due yet")),
        (NOT_APPLICABLE, _("not applicable")),
    ]


def verdict_of(
    *,
    deadline: datetime.date | None,
    events: list[tuple[str, datetime.datetime]],
    expected: bool,
    today: datetime.date,
) -> str:
    """The one on-time rule. On time: in the office's hands at the end of
    the deadline day (a report returned before it and not sent again is
    not; one sent back after it was). Late: not in its hands then, once the
    day has passed. Not due: the deadline is still ahead and it has not
    been sent. Not applicable: no deadline, or a center that closed before
    the period ended and owes no report."""
    if not expected or deadline is None:
        return Verdict.NOT_APPLICABLE
    if in_hands_at(events, end_of_day(deadline)):
        return Verdict.ON_TIME
    return Verdict.LATE if today > deadline else Verdict.NOT_DUE


# -- one center, one period -------------------------------------------------------------


def expects_report(center: LearningCenter, period: Period) -> bool:
    """Whether the center owes a report for the period: it was open on the
    period's last day. One that closed earlier (merged, dissolved) shows
    its figures but owes nothing."""
    return center.established_on <= period.end and (
        center.closed_on is None or center.closed_on >= period.end
    )


class ReportStatus:
    """A center's standing for a period, as every screen and file shows it."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    NOTHING = "nothing"
    CLOSED = "closed"

    CHOICES = [
        (NOT_STARTED, _("not reported")),
        (DRAFT, _("draft")),
        (SUBMITTED, _("submitted")),
        (RETURNED, _("returned")),
        (APPROVED, _("approved")),
        (NOTHING, _("nothing to report")),
        (CLOSED, _("no longer operating")),
    ]
    # Bootstrap badge classes, one look for a status on every page.
    BADGES = {
        NOT_STARTED: "text-bg-secondary",
        DRAFT: "text-bg-light border",
        SUBMITTED: "text-bg-primary",
        RETURNED: "text-bg-warning",
        APPROVED: "text-bg-success",
        NOTHING: "text-bg-info",
        CLOSED: "text-bg-light border text-body-secondary",
    }
    # Owed but not in the office's hands: the "not reported" list.
    MISSING = (NOT_STARTED, DRAFT, RETURNED)
    # In the office's hands.
    REPORTED = (SUBMITTED, APPROVED, NOTHING)


def status_of(submission: Submission | None, expected: bool) -> str:
    if submission is not None and submission.status in IN_HANDS:
        return ReportStatus.NOTHING if submission.nothing_to_report else submission.status
    if not expected:
        return ReportStatus.CLOSED
    return submission.status if submission is not None else ReportStatus.NOT_STARTED


@dataclass
class CenterPeriod:
    """One center's row for one period."""

    center: LearningCenter
    period: Period
    figures: Figures
    submission: Submission | None
    expected: bool
    status: str
    deadline: datetime.date | None
    verdict: str
    director: Appointment | None
    group: AdministrativeUnit | None = None
    # The office dashboard adds the last reminder sent for the period.
    last_reminder: datetime.datetime | None = None
    # The same period a year earlier (`period_report(compare=True)`); None
    # when not asked for or when there is no such period (a campaign).
    earlier: Figures | None = None

    @property
    def sort_name(self) -> tuple:
        return vietnamese_sort_key(self.center.name)

    @property
    def status_label(self) -> str:
        return str(dict(ReportStatus.CHOICES)[self.status])

    @property
    def status_badge(self) -> str:
        return ReportStatus.BADGES[self.status]

    @property
    def verdict_label(self) -> str:
        return str(dict(Verdict.CHOICES)[self.verdict])

    @property
    def is_missing(self) -> bool:
        return self.status in ReportStatus.MISSING

    @property
    def is_late(self) -> bool:
        return self.verdict == Verdict.LATE

    @property
    def submitted_at(self) -> datetime.datetime | None:
        if self.submission is None or self.submission.status not in IN_HANDS:
            return None
        return self.submission.submitted_at

    @property
    def closed_note(self) -> str:
        """ "merged into …" / "dissolved" for a center that closed before
        the period ended (empty otherwise)."""
        if self.expected or not self.center.closed_on:
            return ""
        successors = [c.name for c in _successors(self.center)]
        if successors:
            return gettext("merged into %(centers)s") % {"centers": ", ".join(successors)}
        return gettext("dissolved")


def _successors(center: LearningCenter) -> list[LearningCenter]:
    """The centers a center became: prefetched as a list by `period_report`
    (a list, not a queryset per center: lighter for ten thousand)."""
    prefetched = getattr(center, "successor_list", None)
    return prefetched if prefetched is not None else list(center.successors.all())


def _directors(centers: QuerySet, period: Period) -> dict[int, list[Appointment]]:
    """Every director appointment of the centers that touches the period."""
    appointments = (
        Appointment.objects.directors()
        .filter(center__in=centers, start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .order_by("center", "-start_date")
    )
    by_center: dict[int, list[Appointment]] = defaultdict(list)
    for appointment in appointments:
        by_center[appointment.center_id].append(appointment)
    return by_center


def _director_on(appointments: list[Appointment], day: datetime.date) -> Appointment | None:
    current = [a for a in appointments if a.covers(day)]
    return (current or [a for a in appointments if a.start_date <= day] or [None])[0]


def _events(submissions: QuerySet) -> dict[int, list[tuple[str, datetime.datetime]]]:
    """Each submission's events (action, when), in order — one query."""
    by_submission: dict[int, list] = defaultdict(list)
    events = SubmissionEvent.objects.filter(submission__in=submissions).order_by("at", "pk")
    for submission_id, action, at in events.values_list("submission", "action", "at"):
        by_submission[submission_id].append((action, at))
    return by_submission


# -- many centers, one period -------------------------------------------------------------


@dataclass
class Group:
    """The rows under one unit of the level below the report's root (a
    district of a province before the reform), with their subtotal."""

    unit: AdministrativeUnit | None
    label: str
    rows: list[CenterPeriod]

    @cached_property
    def total(self) -> Figures:
        return sum((row.figures for row in self.rows), Figures())

    @cached_property
    def earlier_total(self) -> Figures | None:
        return _earlier_total(self.rows)


def _earlier_total(rows: list[CenterPeriod]) -> Figures | None:
    """The rows' figures a year earlier, added up (None unless compared)."""
    if not rows or any(row.earlier is None for row in rows):
        return None
    return sum((row.earlier for row in rows), Figures())


@dataclass
class Completeness:
    """Who has reported, of those who owe a report."""

    rows: int
    expected: int
    reported: int
    on_time: int
    late: int
    by_status: dict[str, int]

    @property
    def missing(self) -> int:
        return self.expected - self.reported

    @property
    def on_time_rate(self) -> float | None:
        """Reports in on time, of those owed (0–1; None when none is owed)."""
        return self.on_time / self.expected if self.expected else None

    @property
    def status_rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the dashboard's order."""
        return [(key, label, self.by_status.get(key, 0)) for key, label in ReportStatus.CHOICES]


@dataclass
class PeriodReport:
    """Every center's row for one period, their groups and totals."""

    period: Period
    rows: list[CenterPeriod]
    root: AdministrativeUnit | None = None

    @cached_property
    def total(self) -> Figures:
        return sum((row.figures for row in self.rows), Figures())

    @cached_property
    def earlier_total(self) -> Figures | None:
        return _earlier_total(self.rows)

    @cached_property
    def groups(self) -> list[Group]:
        """Rows by the unit of the level below `root` they belonged to (in
        Vietnamese order); centers directly under `root` come last."""
        by_unit: dict[int | None, Group] = {}
        for row in self.rows:
            unit = row.group
            key = unit.pk if unit else None
            if key not in by_unit:
                label = unit.name if unit else _direct_label(self.root)
                by_unit[key] = Group(unit, label, [])
            by_unit[key].rows.append(row)
        return sorted(
            by_unit.values(), key=lambda g: (g.unit is None, vietnamese_sort_key(g.label))
        )

    @cached_property
    def counts(self) -> Completeness:
        by_status: dict[str, int] = defaultdict(int)
        for row in self.rows:
            by_status[row.status] += 1
        expected = [row for row in self.rows if row.expected]
        return Completeness(
            rows=len(self.rows),
            expected=len(expected),
            reported=sum(row.status in ReportStatus.REPORTED for row in expected),
            on_time=sum(row.verdict == Verdict.ON_TIME for row in expected),
            late=sum(row.is_late for row in expected),
            by_status=dict(by_status),
        )

    @property
    def missing(self) -> list[CenterPeriod]:
        return [row for row in self.rows if row.is_missing]


def _direct_label(root: AdministrativeUnit | None) -> str:
    if root is None:
        return gettext("Other centers")
    return gettext("Directly under %(unit)s") % {"unit": root.name_in_sentence}


def _group_unit(unit: AdministrativeUnit, root: AdministrativeUnit | None):
    """The unit of the level just below `root` above `unit` (None when the
    center's commune lies directly under `root`). Reads the select_related
    parents, no query."""
    chain = []
    while unit is not None:
        chain.append(unit)
        unit = unit.parent
    chain.reverse()  # province, [district], commune
    depth = len(root.ancestor_ids) if root is not None else 0
    if len(chain) > depth + 1:
        return chain[depth]
    return None


def _shared_parents(centers: list[LearningCenter]) -> list[LearningCenter]:
    """One instance per district and province: select_related gives each
    center copies of its unit's parents, which for a country's 10,600
    centers is most of the report's memory."""
    seen: dict[int, AdministrativeUnit] = {}
    for center in centers:
        unit = center.unit
        while unit.parent_id is not None:
            parent = seen.setdefault(unit.parent_id, unit.parent)
            unit.parent = parent
            unit = parent
    return centers


def period_report(
    *,
    viewer,
    centers: QuerySet,
    period: Period,
    today: datetime.date,
    root: AdministrativeUnit | None = None,
    compare: bool = False,
) -> PeriodReport:
    """Every center of `centers` (already scoped to `viewer`, e.g.
    `LearningCenter.objects.visible_to(user).in_office_during(office, …)`)
    for `period`: its figures as `viewer` may read them, its report and
    status, deadline and verdict, its director on its last day in the
    period, and the unit of the level below `root` it belonged to. With
    `compare`, each row also holds the same centers' figures a year
    earlier (`Period.year_earlier`; two more queries).
    A fixed number of queries (about ten)."""
    center_list = _shared_parents(
        list(
            centers.select_related("unit__parent__parent").prefetch_related(
                Prefetch("successors", to_attr="successor_list")
            )
        )
    )
    figures = figures_by_center(viewer, centers, period)
    reports = Submission.objects.filter(center__in=centers).for_period(period)
    # Without what was signed (figures and course rows: large, and read from
    # the report's own page) — a country's reports in little memory.
    submissions = {s.center_id: s for s in reports.defer("figures", "course_rows")}
    events = _events(reports)
    directors = _directors(centers, period)
    rules = DeadlineRules.load([period])
    earlier_period = period.year_earlier() if compare else None
    earlier = figures_by_center(viewer, centers, earlier_period) if earlier_period else None
    rows = []
    for center in center_list:
        submission = submissions.get(center.pk)
        expected = expects_report(center, period)
        deadline = deadline_of(center, period, rules)
        last_day = min(d for d in (period.end, center.closed_on, today) if d is not None)
        rows.append(
            CenterPeriod(
                center=center,
                period=period,
                figures=figures.get(center.pk, Figures()),
                submission=submission,
                expected=expected,
                status=status_of(submission, expected),
                deadline=deadline,
                verdict=verdict_of(
                    deadline=deadline,
                    events=events.get(submission.pk, []) if submission else [],
                    expected=expected,
                    today=today,
                ),
                director=_director_on(directors.get(center.pk, []), last_day),
                group=_group_unit(center.unit, root),
                earlier=earlier.get(center.pk, Figures()) if earlier is not None else None,
            )
        )
    rows.sort(key=lambda r: vietnamese_sort_key(r.center.name))
    return PeriodReport(period, rows, root)


def center_period(
    *, viewer, center: LearningCenter, period: Period, today: datetime.date
) -> CenterPeriod:
    """One center's row for one period (`center` already visible to `viewer`)."""
    centers = LearningCenter.objects.filter(pk=center.pk)
    return period_report(viewer=viewer, centers=centers, period=period, today=today).rows[0]


# -- one center, many periods --------------------------------------------------------------


@dataclass
class PeriodRow:
    """A period a center reports on, with its report, deadline and verdict."""

    period: Period
    submission: Submission | None
    status: str
    deadline: datetime.date | None
    verdict: str

    @property
    def status_label(self) -> str:
        return str(dict(ReportStatus.CHOICES)[self.status])

    @property
    def status_badge(self) -> str:
        return ReportStatus.BADGES[self.status]

    @property
    def verdict_label(self) -> str:
        return str(dict(Verdict.CHOICES)[self.verdict])


def period_rows(
    center: LearningCenter, periods: list[Period], *, today: datetime.date
) -> list[PeriodRow]:
    """The center's report, deadline and verdict for each of `periods`, by
    the same rules as `period_report` — four queries, whatever the number
    of periods."""
    rules = DeadlineRules.load(periods)
    # Without what was signed: a year's course rows are for the report's page.
    reports = Submission.objects.filter(
        center=center, period_key__in=[p.stored_key for p in periods]
    ).defer("figures", "course_rows")
    submissions = {s.period_key: s for s in reports}
    events = _events(reports)
    rows = []
    for period in periods:
        submission = submissions.get(period.stored_key)
        expected = expects_report(center, period)
        deadline = deadline_of(center, period, rules)
        verdict = verdict_of(
            deadline=deadline,
            events=events.get(submission.pk, []) if submission else [],
            expected=expected,
            today=today,
        )
        rows.append(
            PeriodRow(period, submission, status_of(submission, expected), deadline, verdict)
        )
    return rows


def collected_kinds(center: LearningCenter, start: datetime.date, end: datetime.date) -> set[str]:
    """The kinds of period offices over the center collect at some time in
    [start, end]."""
    return set(
        CollectedPeriod.objects.filter(office__unit__in=center.unit.ancestor_ids)
        .filter(office__valid_from__lte=end)
        .filter(Q(office__valid_until__isnull=True) | Q(office__valid_until__gte=start))
        .values_list("kind", flat=True)
    )
