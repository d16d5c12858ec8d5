"""Background work of the reporting side. Tasks take ids and primitives and
call a service. (Mails are sent by the outbox's tasks; the scheduled ones
are django-celery-beat's periodic tasks, by these names.)"""

from celery import shared_task
from django.utils import timezone

from courses.periods import Period
from reports.models import SummaryKind
from reports.services import export_build, exports_expire
from reports.summaries import campaign_summaries_send, reminders_send, summaries_send


@shared_task(acks_late=True)
def build_export(export_id: int) -> bool:
    """Build background export `export_id` once (see `export_build`)."""
    return export_build(export_id=export_id)


@shared_task(name="reports.expire_exports")
def expire_exports() -> int:
    """Remove expired exports and their files (beat runs it hourly)."""
    return exports_expire()


@shared_task(name="reports.send_summaries", acks_late=True)
def send_summaries(kind: str = SummaryKind.WEEKLY, period: str = "") -> dict[str, int]:
    """Every office's summary (beat: weekly on Monday 07:00, monthly on the
    1st): of `period` if given, else of each office's latest ended period.
    Idempotent: a rerun, or a task delivered twice, sends nothing more."""
    outcomes = summaries_send(
        today=timezone.localdate(),
        kind=kind,
        period=Period.parse(period) if period else None,
    )
    return _count(outcomes)


@shared_task(name="reports.send_campaign_summaries", acks_late=True)
def send_campaign_summaries() -> dict[str, int]:
    """The campaign summary the day after a campaign's report deadline."""
    return _count(campaign_summaries_send(today=timezone.localdate()))


@shared_task(name="reports.send_reminders", acks_late=True)
def send_reminders() -> dict[str, int]:
    """The day's escalating reminders (see `reminders_send`)."""
    return {str(k): v for k, v in reminders_send(today=timezone.localdate()).items()}


def _count(outcomes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts
