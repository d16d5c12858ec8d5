"""The outbox: every mail the product sends, kept until it has gone out.

A bottom-layer app: it imports nothing from centers, courses or reports, so
any of them can enqueue a mail (reminders now; notifications and summaries
later) without importing the others. A message is written in the same
transaction as the business record that asks for it (`message_enqueue`),
so a broker that is down loses nothing: the periodic sweep sends what the
task could not.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class MessageQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime):
        """Messages a sender may claim at `now`: waiting and due, failed with
        attempts left and due again (exponential backoff), or claimed by a
        sender that has not finished within the claim timeout (it crashed)."""
        stale = now - datetime.timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS)
        return self.filter(
            Q(status=MessageStatus.PENDING, next_attempt_at__lte=now)
            | Q(
                status=MessageStatus.FAILED,
                attempts__lt=F("max_attempts"),
                next_attempt_at__lte=now,
            )
            | Q(status=MessageStatus.SENDING, claimed_at__lt=stale)
        )


class Message(models.Model):
    """One mail to one recipient. `dedupe_key` names what it is about (e.g.
    "reminder:42"): asking twice for the same mail stores it once."""

    kind = models.CharField(_("kind"), max_length=40)
    dedupe_key = models.CharField(_("dedupe key"), max_length=200, unique=True)
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    attachment = models.CharField(
        _("attachment"),
        max_length=255,
        blank=True,
        help_text=_("Path of a file in the media storage, attached when sending."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=6)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sweep: due() by status and time.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}: {self.subject}"
