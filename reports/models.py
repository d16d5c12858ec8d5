"""What the reporting side keeps: reminders sent to centers that have not
reported (who, when, by whom or by the schedule; the mail and its delivery
are in the outbox), the summaries sent to offices, and background exports."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from centers.models import LearningCenter, Office
from outbox.models import Message


class ReminderStage(models.TextChoices):
    """Who a reminder goes to. An office's one-click reminder goes to the
    director; the schedule escalates: the staff who prepare the figures
    before the deadline, the director the day after it (the office is then
    told who is still missing: a `Summary` of kind MISSING)."""

    STAFF = "staff", _("staff who prepare the figures")
    DIRECTOR = "director", _("director")


class Reminder(models.Model):
    """A reminder to a center to submit its report for a period."""

    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        related_name="reminders",
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="reminders"
    )
    period_key = models.CharField(_("period"), max_length=80)
    recipient = models.EmailField(_("recipient"))
    # Empty for the reminders the schedule sends.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    stage = models.CharField(
        _("sent to"), max_length=10, choices=ReminderStage.choices, default=ReminderStage.DIRECTOR
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The day it was asked for: one reminder per center, period and day.
    created_on = models.DateField(_("day"), default=timezone.localdate)
    # The mail itself, and whether it went out, is the outbox's.
    message = models.OneToOneField(
        Message,
        verbose_name=_("mail"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "period_key", "created_on"],
                name="reminder_once_a_day",
                violation_error_message=_("This center was already reminded today."),
            )
        ]
        indexes = [
            # Office dashboard: the last reminder of each center for a period.
            models.Index(fields=["period_key", "center", "-created_at"], name="reminder_last_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.center} — {self.period_key} — {self.recipient}"


class SummaryKind(models.TextChoices):
    WEEKLY = "weekly", _("weekly summary")
    MONTHLY = "monthly", _("monthly summary")
    PERIOD = "period", _("period summary")
    MISSING = "missing", _("centers still missing")


class SummaryStatus(models.TextChoices):
    QUEUED = "queued", _("in the outbox")
    SKIPPED = "skipped", _("not sent")


class Summary(models.Model):
    """A summary mailed to an office's report addresses: one per office,
    kind, period and edition (the ISO week of a weekly summary, the month
    of a monthly one) — the row that makes it exactly once. Its mails are
    in the outbox (dedupe key "summary:<id>:<recipient>"); one that could
    not be sent (no address, a period the office does not collect) is
    recorded with the reason and tried again by the next run."""

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="summaries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SummaryKind.choices)
    period_key = models.CharField(_("period"), max_length=80)
    edition = models.CharField(_("edition"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SummaryStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    # The center summary workbook, in the default storage (empty when it was
    # too large to attach: the mail links to the reports page instead).
    attachment = models.CharField(_("attachment"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind", "period_key", "edition"], name="summary_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office} — {self.get_kind_display()} — {self.period_key} {self.edition}"

    @property
    def dedupe_prefix(self) -> str:
        return f"summary:{self.pk}:"


def exports_storage():
    """Where export files go: `STORAGES["exports"]` (the file system by
    default; an S3-compatible store by configuration alone)."""
    from django.core.files.storage import storages

    return storages["exports"]


class ExportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("export", "queued")
    RUNNING = "running", pgettext_lazy("export", "running")
    DONE = "done", pgettext_lazy("export", "done")
    FAILED = "failed", pgettext_lazy("export", "failed")


class Export(models.Model):
    """A report too large to build while the browser waits: built by a
    worker (`reports.tasks.build_export`), downloaded later by the person who
    asked for it alone, removed when it expires (`expire_exports`)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    # What was asked (`reports.exports.ReportRequest.params`) and its
    # fingerprint with the day: the same request the same day is one file.
    params = models.JSONField(_("parameters"))
    key = models.CharField(_("key"), max_length=64)
    label = models.CharField(_("report"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), storage=exports_storage, max_length=255, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"))

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["requested_by", "key"], name="export_once_per_request")
        ]
        indexes = [
            # expire_exports: the exports whose time is up.
            models.Index(fields=["expires_at"], name="export_expiry_idx"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:export_status", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, 100 * self.rows_done // self.rows_total) if self.rows_total else 0
