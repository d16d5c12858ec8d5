"""Background work of the reporting side. Tasks take ids and call a
service. (Reminders are mailed by the outbox's tasks.)"""

from celery import shared_task

from reports.services import export_build, exports_expire


@shared_task(acks_late=True)
def build_export(export_id: int) -> bool:
    """Build background export `export_id` once (see `export_build`)."""
    return export_build(export_id=export_id)


@shared_task(name="reports.expire_exports")
def expire_exports() -> int:
    """Remove expired exports and their files (beat runs it hourly)."""
    return exports_expire()
