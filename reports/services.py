"""Writes of the reporting side: reminders to centers that have not reported."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter, Office, User
from courses.periods import Period
from courses.reporting import SYSTEM, ReportStatus, center_period
from reports.models import Reminder, ReminderStatus


def reminder_send(
    *, actor: User, office: Office, center: LearningCenter, period: Period
) -> Reminder:
    """Remind a center under `office` to submit its report for `period`:
    record the reminder (who, when, by whom), then mail it after the commit
    (`reports.tasks.send_reminder`). One reminder per center, period and
    day; a center that has submitted is not reminded."""
    from reports.tasks import send_reminder  # the task module imports this one

    if not (actor.is_superuser or office.members.filter(pk=actor.pk).exists()):
        raise PermissionDenied(_("You do not work at this office."))
    in_scope = LearningCenter.objects.visible_to(actor).in_office_during(
        office, period.start, period.end
    )
    if not in_scope.filter(pk=center.pk).exists():
        raise PermissionDenied(_("This center is not under your office in this period."))
    today = timezone.localdate()
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
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                center=center,
                office=office,
                period_key=period.stored_key,
                recipient=recipient,
                sent_by=actor,
            )
            send_reminder.delay_on_commit(reminder.pk)
    except IntegrityError:
        raise ValidationError(
            _("%(center)s was already reminded today.") % {"center": center.name}
        ) from None
    return reminder


def reminder_deliver(*, reminder_id: int) -> bool:
    """Mail a recorded reminder once. The conditional update claims it, so
    a task delivered twice (or retried after a crash) sends one mail.
    Returns whether this call sent it. Mail errors propagate (the task
    retries them) after the claim is released."""
    claimed = Reminder.objects.filter(
        pk=reminder_id, status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]
    ).update(status=ReminderStatus.SENDING)
    if not claimed:
        return False
    reminder = Reminder.objects.select_related("center", "office", "sent_by").get(pk=reminder_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = _reminder_message(reminder)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [reminder.recipient])
    except Exception as error:  # release the claim whatever failed, then re-raise
        Reminder.objects.filter(pk=reminder_id).update(
            status=ReminderStatus.FAILED, attempts=reminder.attempts + 1, error=str(error)[:500]
        )
        raise
    Reminder.objects.filter(pk=reminder_id).update(
        status=ReminderStatus.SENT, sent_at=timezone.now(), attempts=reminder.attempts + 1, error=""
    )
    return True


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
