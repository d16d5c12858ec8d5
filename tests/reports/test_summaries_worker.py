"""The summaries' promise end to end: a real Celery worker process on Redis
and a real SMTP server (aiosmtpd on a free loopback port). The worker is
killed with SIGKILL in the middle of a send and another one started; the
SMTP server is stopped while mails are going out and started again; every
office still receives its summary exactly once, and an address the server
refuses is recorded as failed with the server's answer.

PostgreSQL run only (the worker process reads the test database, which
SQLite's in-memory test database cannot share), like the other worker tests.
"""

import asyncio
import datetime
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from centers.models import Office
from config.celery import app
from outbox.models import Message, MessageStatus
from outbox.tasks import sweep_outbox
from reports import tasks
from reports.models import Summary
from tests.factories import DistrictFactory, OfficeFactory

# One xdist worker runs every test that shares Redis (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("shared-services")

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"
REFUSED = "hopthu.khongton@example.com"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """What the SMTP server received, and a server that stalls the first
    recipient it is given (so the worker can be killed mid-send) and refuses
    one address."""

    def __init__(self):
        self.received: list[tuple[str, str, bool]] = []
        self.stalled = threading.Event()
        self._stall_first = True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such user here"
        if self._stall_first:
            self._stall_first = False
            self.stalled.set()
            await asyncio.sleep(60)  # the worker is killed meanwhile
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        attached = any(part.get_filename() for part in message.walk())
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient, subject, attached))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, mailbox: Mailbox):
        self.mailbox, self.port, self.controller = mailbox, _free_port(), None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    def __init__(self, tmp: Path, redis_url: str, smtp_port: int):
        self.tmp, self.processes = tmp, []
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_", "CELERY_", "EMAIL_", "OUTBOX_"))
        }
        self.env.update(
            DEBUG="true",
            DATABASE_URL=_database_url(),
            CELERY_BROKER_URL=redis_url,
            EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
            OUTBOX_RETRY_SECONDS="1",
            OUTBOX_CLAIM_TIMEOUT_SECONDS="3",
            MEDIA_ROOT=str(tmp / "media"),
        )

    def start(self) -> subprocess.Popen:
        n = len(self.processes)
        log = open(self.tmp / f"worker{n}.log", "w")  # noqa: SIM115  (the process owns it)
        command = [str(CELERY), "-A", "config", "worker", "-P", "solo", "-l", "info"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(
            f"--- worker{n}\n" + (self.tmp / f"worker{n}.log").read_text()[-3000:]
            for n in range(len(self.processes))
        )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def broker(needs_postgres_db, redis_url):
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    _reset_pools()
    app.connection_for_write().default_channel.client.flushdb()
    try:
        yield redis_url
    finally:
        app.conf.update(saved)
        _reset_pools()


def _reset_pools() -> None:
    app._pool = None
    app.amqp._producer_pool = None


def _until(condition, seconds: float, what: str, workers: Workers, sweep: bool = False):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if sweep:  # what beat does every minute, here every second
            sweep_outbox.delay()
        time.sleep(1 if sweep else 0.1)
    raise AssertionError(f"{what} did not happen in {seconds} s\n{workers.logs()}")


def _more_offices(demo) -> None:
    """Three more district offices of 2020, two addresses each (one of them
    an address the SMTP server refuses)."""
    for n, name in enumerate(["Thạch Hà", "Cẩm Xuyên", "Can Lộc"]):
        district = DistrictFactory(parent=demo.province, name=f"Huyện {name}")
        recipients = [f"phong{n}@example.com", REFUSED if n == 0 else f"gdtx{n}@example.com"]
        office = OfficeFactory(unit=district, report_recipients="\n".join(recipients))
        office.collected_periods.create(kind="quarter", deadline_days=15)


@pytest.mark.django_db(transaction=True)
def test_every_office_gets_its_summary_once_through_a_killed_worker_and_an_smtp_outage(
    broker, demo, tmp_path
):
    _more_offices(demo)
    offices = list(Office.objects.valid_on(datetime.date(2020, 12, 31)).order_by("pk"))
    expected = Counter(r for office in offices for r in office.recipient_list if r != REFUSED)
    mailbox = Mailbox()
    smtp = SmtpServer(mailbox)
    workers = Workers(tmp_path, broker, smtp.port)
    smtp.start()
    try:
        first = workers.start()
        tasks.send_summaries.delay(kind="period", period="2020-Q4")

        # Mid-send: the worker is in the SMTP conversation of a summary.
        _until(mailbox.stalled.is_set, 40, "a send", workers)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        # The mail server goes away while the sends go on in a new worker.
        smtp.stop()
        workers.start()
        _until(
            lambda: Message.objects.filter(last_error__icontains="refused").exists(),
            20,
            "a send failing on the stopped server",
            workers,
            sweep=True,
        )
        smtp.start()
        _until(
            lambda: (
                not Message.objects.filter(kind="summary_period")
                .exclude(status__in=[MessageStatus.SENT, MessageStatus.FAILED])
                .exists()
                and Message.objects.filter(kind="summary_period", status=MessageStatus.SENT).count()
                == sum(expected.values())
            ),
            40,
            "every summary sent",
            workers,
            sweep=True,
        )
        time.sleep(1.5)  # anything still running would show as a duplicate
    finally:
        workers.stop()
        smtp.stop()

    received = Counter(recipient for recipient, _subject, _attached in mailbox.received)
    assert received == expected, workers.logs()
    for recipient, subject, attached in mailbox.received:
        office = next(o for o in offices if recipient in o.recipient_list)
        assert subject == f"Tóm tắt Quý IV/2020 — {office.name}"
        assert attached
    assert Summary.objects.filter(period_key="2020-Q4").count() == len(offices)
    refused = Message.objects.get(recipient=REFUSED)
    assert refused.status == MessageStatus.FAILED
    assert "550" in refused.last_error and "No such user" in refused.last_error
    killed = Message.objects.filter(kind="summary_period", attempts__gt=1)
    assert killed.exists()  # the killed send and those during the outage were tried again
