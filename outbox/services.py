"""Writes of the outbox: enqueue a mail, send one, sweep what is due."""

import datetime
import logging
import smtplib
import uuid
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from outbox.models import Message, MessageStatus

log = logging.getLogger(__name__)

# Errors of the mail transport we do not own: retried with backoff.
TRANSIENT = (smtplib.SMTPException, OSError)
# The server refused the address itself (5xx to RCPT TO): trying again
# cannot help, so the message is failed at once with the server's answer.
PERMANENT = (smtplib.SMTPRecipientsRefused,)


def message_enqueue(
    *,
    kind: str,
    recipient: str,
    subject: str,
    body: str,
    dedupe_key: str,
    html_body: str = "",
    attachment: str = "",
) -> Message:
    """Store a mail in the caller's transaction and hand it to a worker
    after the commit. The same `dedupe_key` twice stores one message.

    The hand-over is `transaction.on_commit` with a publish that survives a
    broker that is down (Celery's `delay_on_commit` would raise out of the
    commit and turn a recorded request into a 500): the message then waits,
    `published` is False on the returned object, and the sweep sends it.
    """
    message, created = Message.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "subject": subject[:255],
            "body": body,
            "html_body": html_body,
            "attachment": attachment,
            "max_attempts": settings.OUTBOX_MAX_ATTEMPTS,
        },
    )
    message.published = None  # not known until the commit
    if created:
        transaction.on_commit(partial(_publish, message))
    return message


def _publish(message: Message) -> None:
    from outbox.tasks import send_message  # the task module imports this one

    try:
        if send_message.app.conf.task_always_eager:
            # No broker: sent here and now. (Celery's eager `apply_async`
            # would still take a producer from its broker pool, and kombu
            # warn on every mail that no broker host was supplied.)
            send_message.apply((message.pk,))
        else:
            send_message.apply_async((message.pk,), retry=False)
    except (BrokerError, OSError) as error:
        log.warning(
            "Outbox: broker unavailable, message %s waits for the sweep: %s", message.pk, error
        )
        message.published = False
    else:
        message.published = True


def message_send(*, message_id: int) -> bool:
    """Send message `message_id` if it is due, once: a conditional update
    claims it (with a token, so a sender whose claim was taken over after
    the timeout cannot mark it), then the mail goes out and the claim is
    settled. Returns whether this call sent it. A transport error is
    recorded with the next attempt's time (exponential backoff) and
    re-raised for the caller's retry."""
    now = timezone.now()
    token = uuid.uuid4()
    claimed = (
        Message.objects.due(now)
        .filter(pk=message_id)
        .update(
            status=MessageStatus.SENDING,
            claim_token=token,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return False
    message = Message.objects.get(pk=message_id)
    try:
        _deliver(message)
    except Exception as error:  # settle the claim whatever failed, then re-raise
        _record_failure(message, token, error)
        raise
    Message.objects.filter(pk=message_id, claim_token=token).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), last_error="", claim_token=None
    )
    return True


def _deliver(message: Message) -> None:
    # The same Message-ID on every attempt: a mail server (or reader) that
    # got an attempt whose success we never heard of can tell the repeat.
    mail = EmailMultiAlternatives(
        message.subject,
        message.body,
        settings.DEFAULT_FROM_EMAIL,
        [message.recipient],
        headers={"Message-ID": f"<outbox-{message.pk}-{message.created_at:%Y%m%d%H%M%S}@clc>"},
    )
    if message.html_body:
        mail.attach_alternative(message.html_body, "text/html")
    if message.attachment:
        with default_storage.open(message.attachment, "rb") as handle:
            mail.attach(message.attachment.rsplit("/", 1)[-1], handle.read())
    mail.send()


def _record_failure(message: Message, token: uuid.UUID, error: Exception) -> None:
    delay = settings.OUTBOX_RETRY_SECONDS * 2 ** max(message.attempts - 1, 0)
    final = {"max_attempts": message.attempts} if isinstance(error, PERMANENT) else {}
    Message.objects.filter(pk=message.pk, claim_token=token).update(
        status=MessageStatus.FAILED,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
        last_error=f"{type(error).__name__}: {error}"[:1000],
        claim_token=None,
        **final,
    )


def outbox_sweep(*, limit: int = 500) -> int:
    """Send every message that is due — waiting (the broker was down when it
    was written), failed with attempts left, or stuck in a claim that timed
    out. Returns how many went out. Any failure is recorded on its message
    (`message_send`) and the sweep goes on with the next one: one bad mail
    (a header it cannot encode, say) never holds back the others."""
    sent = 0
    due = Message.objects.due(timezone.now()).order_by("next_attempt_at", "pk")
    for message_id in due.values_list("pk", flat=True)[:limit]:
        try:
            sent += message_send(message_id=message_id)
        except TRANSIENT as error:
            log.warning("Outbox: message %s not sent: %s", message_id, error)
        except Exception:
            log.exception("Outbox: message %s failed", message_id)
    return sent


def message_send_again(*, message_ids: list[int]) -> int:
    """Make messages due now with their attempts reset (the admin's "send
    again"), including sent ones; the next sweep or task sends them."""
    return (
        Message.objects.filter(pk__in=message_ids)
        .exclude(status=MessageStatus.SENDING)
        .update(
            status=MessageStatus.PENDING,
            attempts=0,
            max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
            next_attempt_at=timezone.now(),
            last_error="",
        )
    )
