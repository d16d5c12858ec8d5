"""A center's figures for one period and their life cycle, and which periods
each office collects.

draft → submitted → approved (locks the period) or returned (with a
comment) → submitted again …; an office may reopen an approved period,
giving a reason. "Nothing to report this period" is a submission too, so
an office can tell it from "not reported". The transitions live in
`courses.services.submissions`; the lock they create is enforced wherever
a course or activity is written (`Submission.objects.lock_for`).
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


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


class SubmissionQuerySet(models.QuerySet):
    def for_period(self, period: Period):
        return self.filter(period_key=period.key)

    def visible_to(self, user):
        return self.filter(center__in=LearningCenter.objects.visible_to(user))

    def lock_for(self, center_id: int, day: datetime.date) -> "Submission | None":
        """The approved submission whose period holds `day` at this center —
        the reason a record dated `day` may not change — or None."""
        return (
            self.filter(
                center_id=center_id,
                status=SubmissionStatus.APPROVED,
                period_start__lte=day,
                period_end__gte=day,
            )
            .select_related("decided_office", "decided_by")
            .order_by("period_start")
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
    # The period in its compact text form ("2020-Q4"), with its kind and
    # days kept beside it so locks and dashboards filter in the database.
    period_key = models.CharField(_("period"), max_length=80)
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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-period_start", "center__name"]
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
            # Office dashboard: every submission of a period, by status.
            models.Index(fields=["period_key", "status"], name="submission_period_idx"),
            # Locks: an approved period holding a record's date at a center.
            models.Index(
                fields=["center", "period_start", "period_end"],
                condition=Q(status=SubmissionStatus.APPROVED),
                name="submission_lock_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.center} — {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse("courses:submission", args=[self.center_id, self.period_key])

    @property
    def period(self) -> Period:
        return Period.parse(self.period_key)

    @property
    def is_locked(self) -> bool:
        return self.status == SubmissionStatus.APPROVED

    def lock_message(self) -> str:
        """Why records in this period cannot change, and whom to ask."""
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
