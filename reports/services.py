"""Writes of the reporting side: reminders to centers that have not reported."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter, Office, User
from courses.periods import Period, PeriodKind
from courses.reporting import SYSTEM, ReportStatus, center_period
from outbox.models import Message
from outbox.services import message_enqueue
from reports.models import Reminder
from reports.selectors import period_is_in_office_life


def reminder_send(
    *, actor: User, office: Office, center: LearningCenter, period: Period
) -> Reminder:
    """Remind a center under `office` to submit its report for `period`:
    record the reminder (who, when, by whom) and its mail in the outbox, in
    one transaction; the mail goes out after the commit, or with the sweep
    when the broker is down (`reminder.message.published` says which). One
    reminder per center, period and day; a center that has submitted is
    not reminded; only periods the office collects, inside its life, that
    have ended or fall due within REMINDER_DUE_SOON_DAYS; at most
    REMINDER_DAILY_CAP reminders a day to one address."""
    if not (actor.is_superuser or office.members.filter(pk=actor.pk).exists()):
        raise PermissionDenied(_("You do not work at this office."))
    today = timezone.localdate()
    _require_remindable_period(office, period, today)
    in_scope = LearningCenter.objects.visible_to(actor).in_office_during(
        office, period.start, period.end
    )
    if not in_scope.filter(pk=center.pk).exists():
        raise PermissionDenied(_("This center is not under your office in this period."))
    row = center_period(viewer=SYSTEM, center=center, period=period, today=today)
    if row.status == ReportStatus.CLOSED:
        raise ValidationError(
            _("%(center)s closed before %(period)s ended and owes no report.")
            % {"center": center.name, "period": period.label}
        )
    if row.status in ReportStatus.REPORTED:
        raise ValidationError(_("%(center)s has already submitted.") % {"center": center.name})
    # The director on the center's last day in the period, else the center.
    recipient = (row.director.email if row.director else "") or center.email
    if not recipient:
        raise ValidationError(
            _("No email address is recorded for %(center)s or its director; call them instead.")
            % {"center": center.name}
        )
    _require_under_daily_cap(recipient, today)
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                center=center,
                office=office,
                period_key=period.stored_key,
                recipient=recipient,
                sent_by=actor,
            )
            reminder.message = _reminder_enqueue(reminder)
            reminder.save(update_fields=["message"])
    except IntegrityError:
        raise ValidationError(
            _("%(center)s was already reminded today.") % {"center": center.name}
        ) from None
    return reminder


def _require_remindable_period(office: Office, period: Period, today) -> None:
    """A reminder is about a report the office asks for: a kind of period it
    collects (or a campaign), within its life, over or falling due soon."""
    collected = period.kind == PeriodKind.CAMPAIGN or (
        office.collected_periods.filter(kind=period.kind).exists()
    )
    if not collected or not period_is_in_office_life(office, period):
        raise ValidationError(
            _("%(office)s does not collect reports for %(period)s.")
            % {"office": office.name, "period": period.label}
        )
    soon = today + datetime.timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
    if period.end > soon:
        raise ValidationError(
            _("%(period)s is not over yet; reminders start %(days)s days before it ends.")
            % {"period": period.label, "days": settings.REMINDER_DUE_SOON_DAYS}
        )


def _require_under_daily_cap(recipient: str, today) -> None:
    """No address gets more than REMINDER_DAILY_CAP reminders a day, whatever
    the periods (summaries and notifications are not counted)."""
    sent_today = Reminder.objects.filter(recipient=recipient, created_on=today).count()
    if sent_today >= settings.REMINDER_DAILY_CAP:
        raise ValidationError(
            _("%(recipient)s has already been reminded %(count)s times today.")
            % {"recipient": recipient, "count": sent_today}
        )


def _reminder_enqueue(reminder: Reminder) -> Message:
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _reminder_message(reminder)
    return message_enqueue(
        kind="reminder",
        recipient=reminder.recipient,
        subject=subject,
        body=body,
        dedupe_key=f"reminder:{reminder.pk}",
    )


def _reminder_message(reminder: Reminder) -> tuple[str, str]:
    period = Period.from_stored(reminder.period_key)
    row = center_period(
        viewer=SYSTEM, center=reminder.center, period=period, today=timezone.localdate()
    )
    deadline = row.deadline
    link = settings.SITE_URL.rstrip("/") + reverse(
        "courses:submission", args=[reminder.center_id, period.key]
    )
    context = {
        "reminder": reminder,
        "period": period,
        "deadline": date_format(deadline, "SHORT_DATE_FORMAT") if deadline else None,
        "link": link,
    }
    subject = _("Reminder: report for %(period)s — %(center)s") % {
        "period": period.label,
        "center": reminder.center.name,
    }
    return subject, render_to_string("reports/email/reminder.txt", context)
