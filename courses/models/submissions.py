"""A center's figures for one period and their life cycle, and which periods
each office collects.

draft → submitted (signed by the director; its figures are frozen with
it) → approved or returned (with a comment) → submitted again …; the
director may withdraw a report the office has not decided on, and an office
may reopen an approved period, giving a reason. "Nothing to report this
period" is a submission too, so an office can tell it from "not reported".

From submission until it is returned (or withdrawn), a report is in the
office's hands, and the center's records dated in its period are locked
(`Submission.objects.lock_for`), in every write path. Each step is an
event (`SubmissionEvent`): who, when, what they wrote — the history page
and the on-time rule (`courses.reporting`) read them. The transitions live
in `courses.services`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centers.fields import NFCTextField
from centers.models import LearningCenter, Office
from courses.periods import Period, PeriodKind

DEFAULT_DEADLINE_DAYS = 15


class CollectedPeriod(models.Model):
    """One kind of period an office collects, and how many days after the
    period ends the figures are due (e.g. quarters, due 15 days after)."""

    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        related_name="collected_periods",
    )
    kind = models.CharField(
        _("period"),
        max_length=16,
        choices=[(k.value, k.label) for k in PeriodKind if k != PeriodKind.CAMPAIGN],
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("due (days after the period ends)"), default=DEFAULT_DEADLINE_DAYS
    )

    class Meta:
        verbose_name = _("collected period")
        verbose_name_plural = _("collected periods")
        ordering = ["office", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind"],
                name="collected_period_unique",
                violation_error_message=_("The office already collects this kind of period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.office}: {self.get_kind_display()}"

    def deadline(self, period: Period) -> datetime.date:
        return period.end + datetime.timedelta(days=self.deadline_days)


class DeadlineExtension(models.Model):
    """An office's extension (gia hạn) of a period's deadline, for all the
    centers under it or for one — around Tết, say. The deadline rule in
    `courses.reporting` reads it: a center's deadline is the latest of its
    office's rule and the extensions that apply to it."""

    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="deadline_extensions",
    )
    # The period as stored (`Period.stored_key`): campaigns by their id.
    period_key = models.CharField(_("period"), max_length=80)
    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        related_name="deadline_extensions",
        null=True,
        blank=True,
        help_text=_("Leave empty to extend the deadline for every center under the office."),
    )
    deadline = models.DateField(_("new deadline"))
    reason = NFCTextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extended by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "period_key", "center"],
                name="deadline_extension_once_per_center",
                violation_error_message=_("This deadline was already extended; change it."),
            ),
            models.UniqueConstraint(
                fields=["office", "period_key"],
                condition=Q(center__isnull=True),
                name="deadline_extension_once_per_office",
                violation_error_message=_("This deadline was already extended; change it."),
            ),
        ]
        indexes = [
            # The deadline rule: every extension of one period.
            models.Index(fields=["period_key"], name="deadline_extension_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.office} — {self.period_key} — {self.deadline}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


# A report in these states is in the office's hands: it counts as reported,
# and the center's records dated in its period are locked.
IN_HANDS = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


class SubmissionQuerySet(models.QuerySet):
    def for_period(self, period: Period):
        return self.filter(period_key=period.stored_key)

    def visible_to(self, user):
        return self.filter(center__in=LearningCenter.objects.visible_to(user))

    def in_hands(self):
        return self.filter(status__in=IN_HANDS)

    def lock_for(self, center_id: int, day: datetime.date) -> "Submission | None":
        """The submitted or approved report whose period holds `day` at this
        center — the reason a record dated `day` may not change — or None.
        An approved one is named before a submitted one."""
        return (
            self.filter(center_id=center_id, period_start__lte=day, period_end__gte=day)
            .in_hands()
            .select_related("decided_office", "decided_by", "submitted_by", "campaign")
            .order_by("status", "period_start")  # "approved" < "submitted"
            .first()
        )


class Submission(models.Model):
    """A center's figures for one period (báo cáo kỳ)."""

    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    # The period as stored (`Period.stored_key`: "2020-Q4", a campaign by its
    # id), with its kind and days kept beside it so locks and dashboards
    # filter in the database.
    period_key = models.CharField(_("period"), max_length=80)
    campaign = models.ForeignKey(
        "courses.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="submissions",
        null=True,
        blank=True,
    )
    period_kind = models.CharField(_("kind of period"), max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    nothing_to_report = models.BooleanField(
        _("nothing to report this period"),
        default=False,
        help_text=_("The center ran no course or activity in the period."),
    )
    note = NFCTextField(_("note from the center"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or returned by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_office = models.ForeignKey(
        Office,
        verbose_name=_("office that decided"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("approved or returned at"), null=True, blank=True)
    office_comment = NFCTextField(
        _("office's comment"),
        blank=True,
        help_text=_("Why the submission was returned or the period reopened."),
    )
    # What the director signed: the figures and course rows of the period as
    # `courses.reporting.snapshot` gave them at submission (empty before).
    figures = models.JSONField(_("figures as signed"), default=dict, blank=True)
    course_rows = models.JSONField(_("courses as signed"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["figures", "course_rows", "updated_at"])
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        # No join in the default ordering: lists and subqueries sort on the
        # table's own columns (submission_newest_idx).
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "period_key"],
                name="submission_one_per_center_and_period",
                violation_error_message=_("This center already has a report for this period."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="submission_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status=SubmissionStatus.DRAFT)
                | Q(submitted_at__isnull=False, submitted_by__isnull=False),
                name="submission_submitted_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.APPROVED)
                | Q(decided_at__isnull=False, decided_by__isnull=False),
                name="submission_approved_has_who_and_when",
            ),
        ]
        indexes = [
            # The admin's list, newest period first.
            models.Index(fields=["-period_start", "-id"], name="submission_newest_idx"),
            # Office dashboard: every submission of a period, by status.
            models.Index(fields=["period_key", "status"], name="submission_period_idx"),
            # Locks: a submitted or approved period holding a record's date.
            models.Index(
                fields=["center", "period_start", "period_end"],
                condition=Q(status__in=IN_HANDS),
                name="submission_in_hands_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.center} — {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse("courses:submission", args=[self.center_id, self.period.key])

    @property
    def period(self) -> Period:
        if self.campaign_id:
            return Period.campaign(self.campaign)
        return Period.from_stored(self.period_key)

    @property
    def is_locked(self) -> bool:
        return self.status in IN_HANDS

    def lock_message(self) -> str:
        """Why records in this period cannot change, and whom to ask."""
        if self.status == SubmissionStatus.SUBMITTED:
            return gettext(
                "The report for %(period)s was submitted on %(day)s; withdraw it "
                "(or ask the office to return it) to make changes."
            ) % {
                "period": self.period.label,
                "day": date_format(timezone.localtime(self.submitted_at), "SHORT_DATE_FORMAT")
                if self.submitted_at
                else "…",
            }
        office = self.decided_office
        office_name = office.name if office else gettext("the education office")
        contact = office_name
        if office and office.recipient_list:
            contact = f"{office_name} ({office.recipient_list[0]})"
        return gettext(
            "The reporting period %(period)s was approved by %(office)s on %(day)s; "
            "contact %(contact)s to reopen it."
        ) % {
            "period": self.period.label,
            "office": office_name,
            "day": date_format(timezone.localtime(self.decided_at), "SHORT_DATE_FORMAT")
            if self.decided_at
            else "…",
            "contact": contact,
        }


class SubmissionAction(models.TextChoices):
    PREPARED = "prepared", _("prepared the draft")
    SUBMITTED = "submitted", _("signed and submitted")
    WITHDRAWN = "withdrawn", _("withdrew the report")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned to the center")
    REOPENED = "reopened", _("reopened the period")


# What each step does to "in the office's hands" (None: no change).
IN_HANDS_AFTER = {
    SubmissionAction.PREPARED: None,
    SubmissionAction.SUBMITTED: True,
    SubmissionAction.WITHDRAWN: False,
    SubmissionAction.APPROVED: None,
    SubmissionAction.RETURNED: False,
    SubmissionAction.REOPENED: False,
}


class SubmissionEvent(models.Model):
    """One step in a report's life: who, when, and what they wrote."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=10, choices=SubmissionAction.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    comment = NFCTextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        ordering = ["at", "pk"]
        indexes = [
            # The on-time rule and the history: a submission's events in order.
            models.Index(fields=["submission", "at"], name="submission_event_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.submission} — {self.get_action_display()}"
