"""Background work of the reporting side. Tasks take ids, call a service,
and retry only mail-transport errors, with backoff."""

import smtplib

from celery import shared_task
from django.conf import settings

from reports.services import export_build, exports_expire, reminder_deliver

TRANSIENT = (smtplib.SMTPException, ConnectionError, TimeoutError)


@shared_task(bind=True, max_retries=5, acks_late=True)
def send_reminder(self, reminder_id: int) -> bool:
    """Mail reminder `reminder_id` once (see `reminder_deliver`). A refused
    or dropped connection is retried with backoff; when the retries run out
    — or when tasks run eagerly, without a worker to retry later — the
    reminder stays recorded as failed for the office to see."""
    try:
        return reminder_deliver(reminder_id=reminder_id)
    except TRANSIENT as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            return False
        countdown = settings.REMINDER_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(acks_late=True)
def build_export(export_id: int) -> bool:
    """Build background export `export_id` once (see `export_build`)."""
    return export_build(export_id=export_id)


@shared_task(name="reports.expire_exports")
def expire_exports() -> int:
    """Remove expired exports and their files (beat runs it hourly)."""
    return exports_expire()
