"""What the reporting side keeps: reminders sent to centers that have not
reported (who, when, by whom; the mail and its delivery are in the outbox)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.models import LearningCenter, Office
from outbox.models import Message


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
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
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
