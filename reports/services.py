"""Writes of the reporting side: reminders to centers that have not
reported, and background exports of large reports."""

import datetime
import hashlib
import logging
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
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
from reports import exports
from reports.models import Export, ExportStatus, Reminder, ReminderStage, exports_storage
from reports.selectors import period_is_in_office_life

logger = logging.getLogger(__name__)


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
        return _reminder_create(
            office, center, period, recipient, ReminderStage.DIRECTOR, actor, row.deadline
        )
    except IntegrityError:
        raise ValidationError(
            _("%(center)s was already reminded today.") % {"center": center.name}
        ) from None


def reminder_record(
    *,
    office: Office,
    center: LearningCenter,
    period: Period,
    recipient: str,
    stage: str,
    today: datetime.date,
    deadline: datetime.date | None,
) -> Reminder | None:
    """A reminder the schedule sends (`reports.summaries.reminders_send`),
    by the one-click reminder's rules: a period the office collects, once a
    day per center and period, at most REMINDER_DAILY_CAP a day to one
    address. Returns None (and records nothing) when a rule says no."""
    try:
        _require_remindable_period(office, period, today)
        _require_under_daily_cap(recipient, today)
        return _reminder_create(office, center, period, recipient, stage, None, deadline)
    except (ValidationError, IntegrityError) as error:
        logger.info("No reminder to %s for %s: %s", center, period.key, error)
        return None


def _reminder_create(office, center, period, recipient, stage, actor, deadline) -> Reminder:
    with transaction.atomic():
        reminder = Reminder.objects.create(
            center=center,
            office=office,
            period_key=period.stored_key,
            recipient=recipient,
            sent_by=actor,
            stage=stage,
        )
        reminder.message = _reminder_enqueue(reminder, deadline)
        reminder.save(update_fields=["message"])
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


def _reminder_enqueue(reminder: Reminder, deadline: datetime.date | None) -> Message:
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _reminder_message(reminder, deadline)
    return message_enqueue(
        kind="reminder",
        recipient=reminder.recipient,
        subject=subject,
        body=body,
        dedupe_key=f"reminder:{reminder.pk}",
    )


def _reminder_message(reminder: Reminder, deadline: datetime.date | None) -> tuple[str, str]:
    """The mail; `deadline` is the center's, as the caller read it from the
    reporting read model (the one rule for deadlines)."""
    period = Period.from_stored(reminder.period_key)
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


# -- background exports -------------------------------------------------------------------


def export_request(
    *, requester: User, request: "exports.ReportRequest", rows: int, today: datetime.date
) -> Export:
    """Ask for a report to be built in the background (after the commit,
    `reports.tasks.build_export`). The same request by the same person on
    the same day is one export — asked twice, one file; one that failed is
    tried again. The scope is checked now and again when it is built."""
    from reports.tasks import build_export  # the task module imports this one

    exports.check_scope(requester, request)
    key = hashlib.sha256(f"{request.key}:{today.isoformat()}".encode()).hexdigest()
    keep = datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)
    with transaction.atomic():
        export, created = Export.objects.get_or_create(
            requested_by=requester,
            key=key,
            defaults={
                "params": request.params(),
                "label": request.label[:500],
                "rows_total": rows,
                "expires_at": timezone.now() + keep,
            },
        )
        retried = not created and (
            Export.objects.filter(pk=export.pk, status=ExportStatus.FAILED).update(
                status=ExportStatus.QUEUED, error="", rows_done=0, rows_total=rows
            )
        )
        if created or retried:
            build_export.delay_on_commit(export.pk)
    return export


def export_build(*, export_id: int) -> bool:
    """Build a queued export once: the conditional update claims it, so a
    task delivered twice builds one file. Writes the file through
    `STORAGES["exports"]`, telling the export its progress as rows are
    written. A refusal (the requester's scope changed) or an error marks it
    failed with a message; an unexpected error is re-raised after that."""
    claimed = Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return False
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            name = _export_write(export)
    except exports.ReportError as error:
        _export_failed(export_id, str(error))
        return False
    except Exception:
        _export_failed(export_id, _("The report could not be built; please try again later."))
        raise
    Export.objects.filter(pk=export_id).update(
        status=ExportStatus.DONE,
        rows_total=F("rows_done"),  # the rows written, whatever was counted before
        file=name,
        finished_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(days=settings.EXPORT_KEEP_DAYS),
    )
    return True


def _export_failed(export_id: int, message: str) -> None:
    Export.objects.filter(pk=export_id).update(
        status=ExportStatus.FAILED, error=message[:1000], finished_at=timezone.now()
    )


def _export_write(export: Export) -> str:
    request = exports.ReportRequest.from_params(export.params)
    user = export.requested_by
    today = timezone.localtime(export.created_at).date()
    document = exports.document(user, request, today=today, preparer=user.full_name)
    filename = exports.filename(document, request.format)
    Export.objects.filter(pk=export.pk).update(filename=filename)

    def progress(rows: int) -> None:
        Export.objects.filter(pk=export.pk).update(rows_done=rows)

    with tempfile.TemporaryFile() as out:
        exports.write(document, request.format, out, progress=progress)
        out.seek(0)
        storage = exports_storage()
        return storage.save(f"{export.pk}/{filename}", File(out, name=filename))


def exports_expire(*, now: datetime.datetime | None = None) -> int:
    """Remove the exports whose time is up, files first; returns how many.
    Idempotent: a file already gone is skipped."""
    now = now or timezone.now()
    expired = list(Export.objects.filter(expires_at__lt=now))
    storage = exports_storage()
    for export in expired:
        if export.file.name and storage.exists(export.file.name):
            storage.delete(export.file.name)
    Export.objects.filter(pk__in=[e.pk for e in expired]).delete()
    if expired:
        logger.info("removed %s expired exports", len(expired))
    return len(expired)
