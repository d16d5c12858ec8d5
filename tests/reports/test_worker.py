"""Reminders through a real Celery worker on Redis (the production path):
the mail goes out once, and a dropped SMTP connection is retried.

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
from reports.models import Reminder, ReminderStatus
from reports.services import reminder_send
from tests.conftest import skip_or_fail
from tests.reports.failing_mail import FlakyBackend

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def worker(needs_postgres_db, settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}")
    settings.REMINDER_RETRY_SECONDS = 0
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


def _wait_for(reminder_id: int, status: str, seconds: float = 20) -> Reminder:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        reminder = Reminder.objects.get(pk=reminder_id)
        if reminder.status == status:
            return reminder
        time.sleep(0.1)
    raise AssertionError(f"reminder still {reminder.status}, expected {status}")


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
    reminder = _wait_for(_remind(demo).pk, ReminderStatus.SENT)

    assert reminder.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reminder.recipient]


@pytest.mark.django_db(transaction=True)
def test_a_worker_retries_a_dropped_smtp_connection(worker, demo, settings):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.FlakyBackend"
    FlakyBackend.failures_left = 1

    reminder = _wait_for(_remind(demo).pk, ReminderStatus.SENT)

    assert reminder.attempts == 2
    assert len(mail.outbox) == 1
