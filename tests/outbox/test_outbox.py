"""The outbox every mail goes through (issue 9, hole 5): stored with the
business record, sent once, retried with backoff, swept when the broker was
down, claims taken over after their timeout, sent again from the admin."""

import datetime
from contextlib import contextmanager

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from config.celery import app
from outbox.models import Message, MessageStatus
from outbox.services import message_enqueue, message_send, outbox_sweep
from reports.models import Reminder

pytestmark = pytest.mark.django_db

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _enqueue(key="test:1", **overrides) -> Message:
    fields = {
        "kind": "test",
        "recipient": "giamdoc@example.com",
        "subject": "Nhắc báo cáo",
        "body": "Xin gửi báo cáo.",
        "dedupe_key": key,
    }
    return message_enqueue(**(fields | overrides))


@contextmanager
def broker_down():
    """Celery publishing to a broker that refuses connections."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=DEAD_BROKER, task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None


def test_a_message_is_sent_after_the_commit_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _enqueue()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["giamdoc@example.com"]
    assert message_send(message_id=message.pk) is False
    assert outbox_sweep() == 0
    assert len(mail.outbox) == 1


def test_the_same_dedupe_key_stores_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _enqueue()
        second = _enqueue(subject="Khác")

    assert first.pk == second.pk
    assert Message.objects.count() == 1 and len(mail.outbox) == 1


def test_html_and_an_attachment_go_with_the_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "bao-cao.xlsx").write_bytes(b"PK...")
    message = _enqueue(html_body="<p>Xin gửi báo cáo.</p>", attachment="exports/bao-cao.xlsx")

    assert message_send(message_id=message.pk) is True

    sent = mail.outbox[0]
    assert sent.alternatives[0][0] == "<p>Xin gửi báo cáo.</p>"
    assert sent.attachments[0][0] == "bao-cao.xlsx"


def test_a_mail_that_fails_otherwise_is_recorded_and_the_sweep_goes_on(settings):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.PickyBackend"
    bad = _enqueue("test:bad", recipient="hong@example.com")
    good = _enqueue("test:good")

    assert outbox_sweep() == 1

    bad.refresh_from_db()
    good.refresh_from_db()
    assert (bad.status, good.status) == (MessageStatus.FAILED, MessageStatus.SENT)
    assert "ValueError" in bad.last_error
    assert [m.to for m in mail.outbox] == [["giamdoc@example.com"]]


def test_a_transport_error_is_recorded_and_retried_with_backoff(settings):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.Backend"
    settings.OUTBOX_RETRY_SECONDS = 60
    message = _enqueue()

    with pytest.raises(OSError):
        message_send(message_id=message.pk)
    message.refresh_from_db()
    first_retry = message.next_attempt_at
    assert message.status == MessageStatus.FAILED
    assert "SMTPServerDisconnected" in message.last_error
    assert outbox_sweep() == 0  # not due yet

    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert outbox_sweep() == 0  # due, tried, failed again: recorded, not raised
    message.refresh_from_db()
    assert message.attempts == 2
    delay = message.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=110) < delay <= datetime.timedelta(seconds=120)
    assert first_retry < message.next_attempt_at

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert outbox_sweep() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 3, "")


def test_a_message_is_given_up_after_its_last_attempt(settings):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.Backend"
    message = _enqueue()
    Message.objects.filter(pk=message.pk).update(attempts=5, max_attempts=6)

    assert outbox_sweep() == 0
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())

    assert outbox_sweep() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 6)
    assert not Message.objects.due(timezone.now()).exists()


def test_a_claim_left_by_a_dead_worker_is_taken_over_after_the_timeout(settings):
    settings.OUTBOX_CLAIM_TIMEOUT_SECONDS = 600
    message = _enqueue()
    claimed = timezone.now() - datetime.timedelta(seconds=30)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, claimed_at=claimed, attempts=1
    )

    assert outbox_sweep() == 0  # still someone else's
    Message.objects.filter(pk=message.pk).update(claimed_at=claimed - datetime.timedelta(hours=1))
    assert outbox_sweep() == 1
    assert len(mail.outbox) == 1


def test_the_admin_sends_a_message_again(client, demo):
    message = _enqueue()
    message_send(message_id=message.pk)
    client.force_login(demo.admin)

    response = client.post(
        reverse("admin:outbox_message_changelist"),
        {"action": "send_again", "_selected_action": [message.pk]},
    )

    assert response.status_code == 302
    assert outbox_sweep() == 1
    assert len(mail.outbox) == 2


def test_only_administrators_see_the_outbox(client, demo):
    demo.city_officer.is_staff = True
    demo.city_officer.save()
    client.force_login(demo.city_officer)

    assert client.get(reverse("admin:outbox_message_changelist")).status_code == 403


@pytest.mark.django_db(transaction=True)  # the request's own commit publishes the task
def test_with_the_broker_down_a_reminder_is_recorded_and_swept_later_once(client, demo):
    thach_hung = demo.thach_trung_center.__class__.objects.get(unit__code="18109")
    client.force_login(demo.city_officer)

    with broker_down():
        response = client.post(
            reverse("reports:office_remind", args=[demo.city_office.pk]),
            {"center": thach_hung.pk, "period": "2020-Q4"},
            follow=True,
        )

    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("gửi tự động" in text for text in shown), shown
    reminder = Reminder.objects.get()
    assert reminder.message.status == MessageStatus.PENDING
    assert mail.outbox == []

    assert outbox_sweep() == 1
    assert outbox_sweep() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [reminder.recipient]
    again = client.post(
        reverse("reports:office_remind", args=[demo.city_office.pk]),
        {"center": thach_hung.pk, "period": "2020-Q4"},
    )
    assert again.status_code == 302 and Reminder.objects.count() == 1


def test_the_outbox_imports_none_of_the_apps_above_it():
    import ast
    from pathlib import Path

    above = {"centers", "courses", "reports"}
    for path in Path(__file__).resolve().parents[2].joinpath("outbox").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in above, path
            elif isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & above, path


def test_without_a_broker_a_mail_goes_at_once_and_nothing_warns(
    django_capture_on_commit_callbacks, caplog
):
    app._pool = None  # as on a fresh start: Celery would make its broker pool now
    app.amqp._producer_pool = None
    with caplog.at_level("WARNING"), django_capture_on_commit_callbacks(execute=True):
        message = _enqueue(key="test:no-broker")

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.published
    assert not [r for r in caplog.records if r.levelname == "WARNING"]  # kombu's "no hostname"
