"""Reminders through the outbox and a real Celery worker on Redis (the
production path): the mail goes out once, a dropped SMTP connection is
retried, and a reminder recorded while the broker was down is sent by the
sweep once the broker is back.

They run on PostgreSQL, as production does: SQLite's shared in-memory test
database does not survive a second connection from the worker's thread.
"""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connection

from config.celery import app
from courses.periods import Period
from outbox.models import Message, MessageStatus
from outbox.tasks import sweep_outbox
from reports.services import reminder_send
from tests.conftest import skip_or_fail
from tests.outbox.test_outbox import broker_down
from tests.reports.failing_mail import FlakyBackend

# One xdist worker runs every test that shares Redis (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("shared-services")

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def worker(needs_postgres_db, settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}")
    settings.OUTBOX_RETRY_SECONDS = 0
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    # Eager calls in earlier tests opened a producer pool on the default
    # broker; drop it so publishing goes to this Redis.
    _reset_pools()
    app.connection_for_write().default_channel.client.flushdb()
    # The worker thread has its own database connection; close it after each
    # task, as Celery's Django fixup does in a real worker process, so the
    # test database can be flushed afterwards.
    task_postrun.connect(_close_connection, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        task_postrun.disconnect(_close_connection)
        app.conf.update(saved)
        _reset_pools()


def _reset_pools() -> None:
    app._pool = None
    app.amqp._producer_pool = None


def _close_connection(**kwargs):
    connection.close()


def _wait_for(message_id: int, status: str, seconds: float = 20) -> Message:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = Message.objects.get(pk=message_id)
        if message.status == status:
            return message
        time.sleep(0.1)
    raise AssertionError(f"mail still {message.status}, expected {status}")


def _remind(demo):
    thach_hung = demo.thach_trung_center.__class__.objects.get(unit__code="18109")
    return reminder_send(
        actor=demo.city_officer,
        office=demo.city_office,
        center=thach_hung,
        period=Period.parse("2020-Q4"),
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_sends_the_reminder_once(worker, demo):
    message = _wait_for(_remind(demo).message_id, MessageStatus.SENT)

    assert message.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [message.recipient]


@pytest.mark.django_db(transaction=True)
def test_a_worker_retries_a_dropped_smtp_connection(worker, demo, settings):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.FlakyBackend"
    FlakyBackend.failures_left = 1

    message = _wait_for(_remind(demo).message_id, MessageStatus.SENT)

    assert message.attempts == 2
    assert len(mail.outbox) == 1


@pytest.fixture
def reminder_while_the_broker_was_down(needs_postgres_db, demo):
    with broker_down():
        reminder = _remind(demo)
    assert reminder.message.published is False
    assert Message.objects.get(pk=reminder.message_id).status == MessageStatus.PENDING
    return reminder


@pytest.mark.django_db(transaction=True)
def test_a_reminder_recorded_while_the_broker_was_down_is_swept_out_once(
    reminder_while_the_broker_was_down, worker
):
    sweep_outbox.delay()
    sweep_outbox.delay()  # two sweeps racing for the same message

    message = _wait_for(reminder_while_the_broker_was_down.message_id, MessageStatus.SENT)
    time.sleep(0.5)  # let the second sweep finish
    assert message.attempts == 1
    assert len(mail.outbox) == 1
