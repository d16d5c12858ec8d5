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
from courses.models import Submission, SubmissionStatus
from courses.periods import Period
from outbox.models import Message
from outbox.services import message_enqueue
from reports.models import Reminder
from reports.selectors import office_deadline


def _reminder_address(center: LearningCenter, day: datetime.date) -> str:
    """The director's email on `day`, else the center's own."""
    director = center.director_on(day)
    return (director.email if director else "") or center.email


def reminder_send(
    *, actor: User, office: Office, center: LearningCenter, period: Period
) -> Reminder:
    """Remind a center under `office` to submit its report for `period`:
    record the reminder (who, when, by whom) and its mail in the outbox, in
    one transaction; the mail goes out after the commit, or with the sweep
    when the broker is down (`reminder.message.published` says which). One
    reminder per center, period and day; a center that has submitted is
    not reminded."""
    if not (actor.is_superuser or office.members.filter(pk=actor.pk).exists()):
        raise PermissionDenied(_("You do not work at this office."))
    day = office.scope_date(period.end)
    in_scope = LearningCenter.objects.visible_to(actor).under_office(office, on=day)
    if not in_scope.filter(pk=center.pk).exists():
        raise PermissionDenied(_("This center is not under your office in this period."))
    submitted = (
        Submission.objects.filter(center=center)
        .for_period(period)
        .filter(status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED])
        .exists()
    )
    if submitted:
        raise ValidationError(_("%(center)s has already submitted.") % {"center": center.name})
    recipient = _reminder_address(center, min(day, timezone.localdate()))
    if not recipient:
        raise ValidationError(
            _("No email address is recorded for %(center)s or its director; call them instead.")
            % {"center": center.name}
        )
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                center=center,
                office=office,
                period_key=period.key,
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
    period = Period.parse(reminder.period_key)
    deadline = office_deadline(reminder.office, period)
    link = settings.SITE_URL.rstrip("/") + reverse(
        "courses:submission", args=[reminder.center_id, reminder.period_key]
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
