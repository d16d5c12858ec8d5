"""Background work of the imports: the hourly expiry of checked uploads
(django-celery-beat runs it by this name, CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from imports.services import checked_batches_expire


@shared_task(name="imports.expire_checked_batches")
def expire_checked_batches() -> int:
    """Drop the files of checked uploads nobody confirmed in time."""
    return checked_batches_expire()
