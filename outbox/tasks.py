"""Background work of the outbox: send one message, sweep what is due.
Tasks take ids and call a service; the service's conditional claim makes a
task delivered twice send once."""

from celery import shared_task
from django.conf import settings

from outbox.services import PERMANENT, TRANSIENT, message_send, outbox_sweep


@shared_task(bind=True, max_retries=5, acks_late=True)
def send_message(self, message_id: int) -> bool:
    """Send message `message_id` (see `message_send`). A transport error is
    retried with the same backoff the message records; when tasks run
    eagerly (no worker) or the retries run out, the sweep takes over."""
    try:
        return message_send(message_id=message_id)
    except PERMANENT:  # recorded as failed for good on the message
        return False
    except TRANSIENT as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            return False
        countdown = settings.OUTBOX_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task
def sweep_outbox() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): send what is due."""
    return outbox_sweep()
