"""What a center records — topics, courses, activities, campaigns and each
center's campaign report. Who may read and write them is decided in
`courses.scoping` (re-exported here: `Course.objects.visible_to(user)`,
`writable_by(user)`, `may_write(user, center, day)`)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centers.fields import NFCCharField, NFCTextField, SearchKeyField
from centers.models import LearningCenter
from centers.text import COLLATION, same_name
from courses.models.submissions import Submission
from courses.periods import Period, PeriodKind
from courses.scoping import CenterRecordQuerySet, may_write, writer_terms

__all__ = [
    "Activity",
    "ActivityKind",
    "Course",
    "CourseFormat",
    "FundingSource",
    "Topic",
    "UsedFormToken",
    "may_write",
    "writer_terms",
]

# How far ahead a record may be dated (a planned course, not a typo for 2062).
MAX_DAYS_AHEAD = 365


def _fmt(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "…"


def _date_errors(
    center: LearningCenter | None, day: datetime.date | None, field: str
) -> dict[str, str]:
    """A record's date: not more than a year ahead, and within the center's life."""
    if day is None:
        return {}
    today = timezone.localdate()
    if day > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
        return {field: _("The date cannot be more than a year from today.")}
    if center is not None and not center.is_active_on(day):
        return {
            field: _("%(center)s operated %(life)s; this date falls outside it.")
            % {
                "center": center.name,
                "life": f"{_fmt(center.established_on)} – {_fmt(center.closed_on)}",
            }
        }
    return {}


def _lock_errors(record, field: str) -> dict[str, str]:
    """Refuse a record whose place — center and date — lies inside a
    submitted or approved period: where it goes, and where it was stored (a
    record moved out of a locked period, to another date or another center,
    changes that period too). This sits in clean(), so views, services, the
    admin and imports all meet it; the services hold the centers' row locks
    while it runs."""
    places = set()
    if record.center_id and record.record_date is not None:
        places.add((record.center_id, record.record_date))
    if record.pk:
        stored = type(record)._base_manager.filter(pk=record.pk).first()
        if stored is not None and stored.record_date is not None:
            places.add((stored.center_id, stored.record_date))
    for center_id, day in sorted(places):
        lock = Submission.objects.lock_for(center_id, day)
        if lock:
            return {field: lock.lock_message()}
    return {}


def _center_or_none(record) -> LearningCenter | None:
    try:
        return record.center
    except LearningCenter.DoesNotExist:
        return None


# ---------------------------------------------------------------------------
# Topics
# ---------------------------------------------------------------------------


class Topic(models.Model):
    """A field (lĩnh vực). There is no official national list, so topics are
    editable data; the first migration seeds DOMAIN.md's list."""

    name = NFCCharField(_("name"), max_length=150, unique=True, db_collation=COLLATION)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Topics are listed in this order.")
    )
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Topics no longer in use are not offered in forms.")
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:courses_topic_change", args=[self.pk])

    def clean(self):
        # The unique index compares exactly; "xóa mù chữ" beside "Xóa mù chữ"
        # is the same topic. Topics are a short list, so compare them all.
        others = Topic.objects.exclude(pk=self.pk).values_list("name", flat=True)
        if self.name and any(same_name(self.name, other) for other in others):
            raise ValidationError({"name": _("A topic with this name already exists.")})


# ---------------------------------------------------------------------------
# Courses
# ---------------------------------------------------------------------------


class CourseFormat(models.TextChoices):
    CLASS = "lop_hoc", _("class")
    THEMATIC = "chuyen_de", _("thematic session")
    CLUB = "cau_lac_bo", _("club")
    SEMINAR = "hoi_thao", _("seminar / discussion")
    ONLINE = "truc_tuyen", _("online")


class FundingSource(models.TextChoices):
    STATE = "ngan_sach", _("state budget")
    SOCIALISED = "xa_hoi_hoa", _("socialised (donors, businesses)")
    PEOPLE = "nhan_dan", _("contributions from the people")


class CourseQuerySet(CenterRecordQuerySet):
    date_field = "start_date"  # a course counts in the period of its start


# Ceilings that catch a typo (an extra zero or three) before it reaches a
# report: no commune's course reaches a million participations.
MAX_PARTICIPATIONS = 1_000_000
MAX_SESSIONS = 1_000
MAX_AMOUNT = 100_000_000_000  # 100 tỷ đồng


def _at_most(limit: int) -> MaxValueValidator:
    return MaxValueValidator(limit, message=_("This figure is too large; please check it."))


def _count_field(verbose_name, help_text=""):
    # Blank is "not counted yet" (a planned course), distinct from a counted 0.
    return models.PositiveIntegerField(
        verbose_name,
        null=True,
        blank=True,
        help_text=help_text,
        validators=[_at_most(MAX_PARTICIPATIONS)],
    )


def _counts_constraints(prefix: str, total: str, parts: dict[str, str]) -> list:
    """Counts are ≥ 0 and each breakdown is at most the total (a breakdown
    needs a total). PositiveIntegerField already checks ≥ 0; these named
    constraints carry the message users see."""
    constraints = [
        models.CheckConstraint(
            condition=Q(**{f"{total}__isnull": True}) | Q(**{f"{total}__gte": 0}),
            name=f"{prefix}_{total}_not_negative",
            violation_error_message=_("Counts cannot be negative."),
        )
    ]
    for field, message in parts.items():
        constraints += [
            models.CheckConstraint(
                condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
                name=f"{prefix}_{field}_not_negative",
                violation_error_message=_("Counts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(**{f"{field}__isnull": True})
                | Q(**{f"{total}__isnull": False, f"{field}__lte": models.F(total)}),
                name=f"{prefix}_{field}_within_total",
                violation_error_message=message,
            ),
        ]
    return constraints


WOMEN_OVER_TOTAL = _("The number of women cannot be greater than the total.")
MINORITY_OVER_TOTAL = _(
    "The number of ethnic minority participants cannot be greater than the total."
)
BREAKDOWN_WITHOUT_TOTAL = _("Enter the total number of participations first.")


class Authored(models.Model):
    """Who created a center's record and when; history keeps the rest."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Raised by one on every save: a form opened at version 3 cannot save
    # over a change made meanwhile (courses.services.records.record_save).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def get_constraints(self):
        """The constraints full_clean() checks: not the CheckConstraints. They
        restate, for the database, rules clean() already checks with their
        messages (dates in order, breakdowns within the total); checking
        them again in Python costs a query each, twice a save (form and
        service). The database still refuses a row that breaks one."""
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]


class Course(Authored):
    """A class, thematic session, club or seminar a center ran, with its
    dates and participations (lượt người: person-visits, not people). It
    counts in the period that contains its start date."""

    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        related_name="courses",
        db_index=False,  # course_center_start_idx leads with it
    )
    title = NFCCharField(_("course title"), max_length=255, db_collation=COLLATION)
    search_title = SearchKeyField(source="title")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="courses"
    )
    format = models.CharField(
        _("format"), max_length=16, choices=CourseFormat.choices, default=CourseFormat.THEMATIC
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), help_text=_("Leave empty for a one-day session."))
    sessions = models.PositiveSmallIntegerField(
        _("number of sessions"),
        default=1,
        validators=[
            MinValueValidator(1, message=_("A course has at least one session.")),
            _at_most(MAX_SESSIONS),
        ],
    )
    instructor = NFCCharField(_("instructor / speaker"), max_length=255, blank=True)
    location = NFCCharField(_("location"), max_length=255, blank=True)
    funding_source = models.CharField(
        _("funding source"), max_length=16, choices=FundingSource.choices, blank=True
    )
    funding_amount = models.PositiveBigIntegerField(
        _("funding (đồng)"), null=True, blank=True, validators=[_at_most(MAX_AMOUNT)]
    )
    participants_total = _count_field(
        _("participations"), _("Person-visits in all sessions. Leave empty until counted.")
    )
    participants_women = _count_field(_("of whom women"))
    participants_ethnic_minority = _count_field(_("of whom ethnic minority"))
    notes = NFCTextField(_("notes"), blank=True)

    history = HistoricalRecords(excluded_fields=["search_title", "updated_at"])
    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="course_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(sessions__gte=1),
                name="course_at_least_one_session",
                violation_error_message=_("A course has at least one session."),
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="course_funding_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            *_counts_constraints(
                "course",
                "participants_total",
                {
                    "participants_women": WOMEN_OVER_TOTAL,
                    "participants_ethnic_minority": MINORITY_OVER_TOTAL,
                },
            ),
        ]
        indexes = [
            # The course list, the dashboard and every period report:
            # a center's courses by start date. (It serves the foreign key's
            # lookups too, so `center` has no index of its own.)
            models.Index(fields=["center", "start_date"], name="course_center_start_idx"),
            # The admin's course list, newest first, a page at a time.
            models.Index(fields=["-start_date", "-id"], name="course_newest_idx"),
            # The plausibility warning: the center's course entered last.
            models.Index(fields=["center", "created_at", "id"], name="course_center_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({_fmt(self.start_date)})"

    def get_absolute_url(self) -> str:
        return reverse("courses:course_detail", args=[self.pk])

    @property
    def record_date(self) -> datetime.date:
        return self.start_date

    def clean(self):
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        errors |= _date_errors(_center_or_none(self), self.start_date, "start_date")
        errors = _date_errors(_center_or_none(self), self.end_date, "end_date") | errors
        errors = _lock_errors(self, "start_date") | errors
        errors |= _count_errors(
            self.participants_total,
            {
                "participants_women": (self.participants_women, WOMEN_OVER_TOTAL),
                "participants_ethnic_minority": (
                    self.participants_ethnic_minority,
                    MINORITY_OVER_TOTAL,
                ),
            },
        )
        if self.funding_amount and not self.funding_source:
            errors["funding_source"] = _("Say where the money came from.")
        if errors:
            raise ValidationError(errors)


def _count_errors(total: int | None, parts: dict[str, tuple[int | None, str]]) -> dict:
    errors = {}
    for field, (value, message) in parts.items():
        if value is None:
            continue
        if total is None:
            errors[field] = BREAKDOWN_WITHOUT_TOTAL
        elif value > total:
            errors[field] = message
    return errors


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


class ActivityKind(models.TextChoices):
    OPENING = "khai_mac", _("opening / launch ceremony")
    COMMUNICATION = "tuyen_truyen", _("communication")
    BOOK_FAIR = "doc_sach", _("reading day / book fair")
    LESSON = "buoi_hoc", _("lesson")
    CONTEST = "hoi_thi", _("contest")
    MEETING = "hop", _("meeting")
    OTHER = "khac", _("other")


class ActivityQuerySet(CenterRecordQuerySet):
    date_field = "date"

    def in_period(self, period: Period):
        """The activities that count in `period`: dated inside it — for a
        campaign, those logged as part of it."""
        if period.kind == PeriodKind.CAMPAIGN:
            return self.filter(campaign_id=period.campaign_id)
        return super().in_period(period)


class Activity(Authored):
    """A dated entry in a center's log: a ceremony, a meeting, a campaign
    action. It counts in the period containing its date."""

    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        related_name="activities",
        db_index=False,  # activity_center_date_idx leads with it
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    title = NFCCharField(_("title"), max_length=255, db_collation=COLLATION)
    search_title = SearchKeyField(source="title")
    description = NFCTextField(_("description"), blank=True)
    location = NFCCharField(_("location"), max_length=255, blank=True)
    participants = _count_field(_("participations"), _("Leave empty until counted."))
    campaign = models.ForeignKey(
        "courses.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
    )

    history = HistoricalRecords(excluded_fields=["search_title", "updated_at"])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__isnull=True) | Q(participants__gte=0),
                name="activity_participants_not_negative",
                violation_error_message=_("Counts cannot be negative."),
            ),
        ]
        indexes = [
            # The activity log and the dashboard's latest activities: a
            # center's activities by date (the foreign key's lookups too).
            models.Index(fields=["center", "date"], name="activity_center_date_idx"),
            # The admin's activity list, newest first.
            models.Index(fields=["-date", "-id"], name="activity_newest_idx"),
            # The plausibility warning: the center's activity entered last.
            models.Index(fields=["center", "created_at", "id"], name="activity_center_created_idx"),
            # The campaign report: a center's activities in one campaign.
            models.Index(fields=["campaign", "center"], name="activity_campaign_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({_fmt(self.date)})"

    def get_absolute_url(self) -> str:
        return reverse("courses:activity_detail", args=[self.pk])

    @property
    def record_date(self) -> datetime.date:
        return self.date

    def clean(self):
        errors = _date_errors(_center_or_none(self), self.date, "date")
        errors = _lock_errors(self, "date") | errors
        campaign = self.campaign if self.campaign_id else None
        if campaign and self.date and self.date not in campaign.period:
            errors["date"] = _(
                "An activity of %(campaign)s must take place during it (%(window)s)."
            ) % {"campaign": campaign.name, "window": campaign.window_display}
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------
# Double submits
# ---------------------------------------------------------------------------


class UsedFormToken(models.Model):
    """A create form's one-time token, claimed in the same transaction that
    creates the record. Pressing Save twice sends the token twice; the
    unique constraint lets one request through and tells the other where
    the record it already made lives."""

    token = models.UUIDField(_("token"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("used at"), auto_now_add=True)
    result_url = models.CharField(_("result"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["token"], name="form_token_used_once"),
        ]

    def __str__(self) -> str:
        return str(self.token)

    def get_absolute_url(self) -> str:
        return self.result_url
