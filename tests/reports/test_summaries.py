"""Scheduled summaries: what an office reads, to whom it goes, exactly once,
and what is recorded when it cannot go. Tasks run eagerly (no broker), mail
goes to the locmem backend, the clock is frozen where time matters."""

import datetime
import io
import smtplib

import openpyxl
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from centers.models import LearningCenter
from courses.periods import Period
from courses.reporting import SYSTEM
from outbox.models import Message, MessageStatus
from outbox.services import outbox_sweep
from reports import exports, tasks
from reports.models import Summary, SummaryKind, SummaryStatus
from reports.selectors import office_report
from reports.summaries import (
    ALREADY,
    SENT,
    SKIPPED,
    summaries_send,
    summary_render,
    summary_send,
)
from tests.factories import CenterFactory, CommuneFactory, DistrictFactory, OfficeFactory

Q4 = Period.parse("2020-Q4")
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a function as a job would, its transactions committed: the
    outbox's hand-over to the (eager) worker runs after the commit."""

    def call(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return call


def _mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def _text(message) -> str:
    return message.body


def _cells(workbook: bytes) -> set[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).worksheets[0]
    return {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}


def _html(message) -> str:
    return next(content for content, kind in message.alternatives if kind == "text/html")


# -- content --------------------------------------------------------------------------------


def test_the_city_office_reads_its_period_in_vietnamese_with_the_workbook(demo, run):
    outcome = run(summary_send, office=demo.city_office, period=Q4, today=TODAY)

    assert outcome.status == SENT
    [message] = _mails_to("phonggd.tphatinh@example.com")
    report = office_report(demo.city_office, Q4, viewer=SYSTEM, today=TODAY)
    previous = office_report(demo.city_office, Q4.previous(), viewer=SYSTEM, today=TODAY)
    text = _text(message)
    assert message.subject == f"Tóm tắt Quý IV/2020 — {demo.city_office.name}"
    counts = report.counts
    assert f"Số trung tâm đã báo cáo: {counts.reported}/{counts.expected}" in text
    assert f"Đúng hạn: {round(100 * counts.on_time_rate)}%" in text
    total, before = report.total, previous.total
    change = total.participants_total - before.participants_total
    assert f"Lượt người học: {total.participants_total} (+{change}," in text
    assert f"Lớp học và chuyên đề: {total.courses} (" in text
    assert "so với Quý III/2020" in text
    # The centers still missing, each with its director's name, phone and email.
    missing = [row for row in report.rows if row.is_missing]
    assert f"{len(missing)} trung tâm chưa báo cáo" in text
    for row in missing:
        assert row.center.name in text
        if row.director:
            line = next(line for line in text.splitlines() if row.center.name in line)
            assert row.director.full_name in line
            assert row.director.phone in line and row.director.email in line
    reported = [row for row in report.rows if not row.is_missing]
    assert reported and all(f"- {row.center.name} (" not in text for row in reported)
    assert f"http://127.0.0.1:8000/offices/{demo.city_office.pk}/?period=2020-Q4" in text
    # The HTML alternative says the same.
    html = _html(message)
    assert "<table" in html and f"{counts.reported}/{counts.expected}" in html
    assert all(row.center.name in html for row in missing)
    # The center summary workbook, from the Excel builder.
    [(name, content, kind)] = message.attachments
    assert name.endswith(".xlsx") and kind == exports.CONTENT_TYPES[exports.XLSX]
    assert demo.thach_trung_center.name in _cells(content)


def test_the_top_topics_are_the_read_models_largest(demo, run):
    run(summary_send, office=demo.city_office, period=Q4, today=TODAY)

    text = _text(_mails_to("phonggd.tphatinh@example.com")[0])
    total = office_report(demo.city_office, Q4, viewer=SYSTEM, today=TODAY).total
    top = max(total.participants_by_topic, key=total.participants_by_topic.get)
    from courses.models import Topic

    first = text.split("Lĩnh vực nhiều lượt người học nhất:\n", 1)[1].splitlines()[0]
    assert first == f"- {Topic.objects.get(pk=top).name}: {total.participants_by_topic[top]}"


def test_a_workbook_over_the_size_limit_is_a_link(demo, settings, run):
    settings.SUMMARY_ATTACHMENT_MAX_BYTES = 100

    run(summary_send, office=demo.city_office, period=Q4, today=TODAY)

    [message] = _mails_to("phonggd.tphatinh@example.com")
    assert message.attachments == []
    link = f"http://127.0.0.1:8000/offices/{demo.city_office.pk}/export/?period=2020-Q4"
    assert "quá lớn để đính kèm" in message.body and link in message.body
    assert Summary.objects.get().attachment == ""


# -- scope ------------------------------------------------------------------------------------


def test_an_office_never_sees_another_offices_centers(demo, run):
    district = DistrictFactory(parent=demo.province, name="Huyện Thạch Hà")
    other = CenterFactory(unit=CommuneFactory(parent=district, name="Xã Thạch Khê"))
    office = OfficeFactory(unit=district, report_recipients="phong.thachha@example.com")
    office.collected_periods.create(kind="quarter", deadline_days=15)

    run(summaries_send, today=TODAY, period=Q4)

    city = _mails_to("phonggd.tphatinh@example.com")[0]
    theirs = _mails_to("phong.thachha@example.com")[0]
    province = _mails_to("sogddt@example.com")[0]
    assert other.name not in city.body and other.name not in _html(city)
    assert demo.thach_trung_center.name not in theirs.body
    assert other.name in theirs.body
    assert other.name in province.body
    assert demo.thach_trung_center.name in _cells(province.attachments[0][1])
    assert other.name in _cells(province.attachments[0][1])
    assert other.name not in _cells(city.attachments[0][1])


def test_the_provinces_2020_summary_holds_the_citys_centers_and_2026_todays(demo, run):
    old_centers = LearningCenter.objects.filter(unit__parent=demo.city)
    assert old_centers.count() == 15

    run(summary_send, office=demo.province_office, period=Q4, today=TODAY)
    run(summary_send, office=demo.province_office, period=Period.parse("2026-Q1"), today=TODAY)

    old, new = _mails_to("sogddt@example.com")
    assert "Quý IV/2020" in old.subject and "Quý I/2026" in new.subject
    old_names = {c.name for c in old_centers}
    today_names = {c.name for c in LearningCenter.objects.active_on(TODAY)}
    only_today = today_names - old_names  # names are reused (phường Trần Phú)
    assert len(only_today) > 50
    assert old_names <= _cells(old.attachments[0][1])
    assert not only_today & _cells(old.attachments[0][1])
    assert only_today <= _cells(new.attachments[0][1])
    closed = {c.name for c in old_centers.filter(closed_on__lt=datetime.date(2026, 1, 1))}
    assert not (closed - today_names) & _cells(new.attachments[0][1])


# -- exactly once -----------------------------------------------------------------------------


def test_a_second_run_sends_nothing_more(demo, run):
    first = run(summaries_send, today=TODAY, period=Q4)
    second = run(summaries_send, today=TODAY, period=Q4)

    assert {o.status for o in first} == {SENT}
    assert {o.status for o in second} == {ALREADY}
    recipients = demo.city_office.recipient_list + demo.province_office.recipient_list
    assert sorted(m.to[0] for m in mail.outbox) == sorted(recipients)
    assert Message.objects.filter(kind="summary_period").count() == len(recipients)


def test_two_runs_racing_past_the_first_check_store_and_send_one_summary(demo, run):
    from reports.summaries import _summary_enqueue, summary_render

    recipients = demo.city_office.recipient_list
    rendered = summary_render(demo.city_office, Q4, today=TODAY)
    first = run(_summary_enqueue, demo.city_office, Q4, "period", "", recipients, rendered)
    second = run(_summary_enqueue, demo.city_office, Q4, "period", "", recipients, rendered)

    assert (first.status, second.status) == (SENT, ALREADY)
    assert Summary.objects.count() == 1 and len(mail.outbox) == 1


def test_a_weekly_summary_goes_once_a_week(demo, run):
    with time_machine.travel(
        datetime.datetime(2026, 11, 30, 7, 0, tzinfo=timezone.get_current_timezone())
    ):
        run(tasks.send_summaries.delay, kind=SummaryKind.WEEKLY)
        run(tasks.send_summaries.delay, kind=SummaryKind.WEEKLY)
    assert len(_mails_to("sogddt@example.com")) == 1
    summary = Summary.objects.get(office=demo.province_office, kind=SummaryKind.WEEKLY)
    assert (summary.period_key, summary.edition) == ("2026-Q3", "2026-W49")
    with time_machine.travel(
        datetime.datetime(2026, 12, 7, 7, 0, tzinfo=timezone.get_current_timezone())
    ):
        run(tasks.send_summaries.delay, kind=SummaryKind.WEEKLY)
    assert len(_mails_to("sogddt@example.com")) == 2
    # The city's Phòng closed on 30/06/2025: no weekly summary for it.
    assert not _mails_to("phonggd.tphatinh@example.com")


def test_the_command_sends_once_and_a_dry_run_sends_nothing(demo, capsys, run):
    call_command("send_summaries", "--period", "2020-Q4", "--dry-run")
    out = capsys.readouterr().out
    assert "phonggd.tphatinh@example.com" in out and "sogddt@example.com" in out
    assert not mail.outbox and not Summary.objects.exists()

    run(call_command, "send_summaries", "--period", "2020-Q4")
    assert len(mail.outbox) == 3
    assert all(m.attachments for m in mail.outbox)
    run(call_command, "send_summaries", "--period", "2020-Q4", "--office", str(demo.city_office.pk))
    run(call_command, "send_summaries", "--period", "2020-Q4")
    assert len(mail.outbox) == 3
    assert "0/2" in capsys.readouterr().out


def test_the_command_refuses_an_unknown_period_or_office(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Q1 đến Q4"):
        call_command("send_summaries", "--period", "2020-Q5")
    with pytest.raises(CommandError, match="99999"):
        call_command("send_summaries", "--office", "99999")


# -- bad input: recorded with a reason, the others still sent -----------------------------------


def test_an_office_without_a_recipient_is_recorded_and_the_others_sent(demo, run):
    demo.city_office.report_recipients = ""
    demo.city_office.save()

    outcomes = {o.office.pk: o for o in run(summaries_send, today=TODAY, period=Q4)}

    skipped = outcomes[demo.city_office.pk]
    assert skipped.status == SKIPPED
    summary = Summary.objects.get(office=demo.city_office)
    assert summary.status == SummaryStatus.SKIPPED
    assert "chưa có địa chỉ email nhận báo cáo" in summary.reason
    assert outcomes[demo.province_office.pk].status == SENT
    assert len(mail.outbox) == 2
    # Given an address, the next run sends it.
    demo.city_office.report_recipients = "phonggd.tphatinh@example.com"
    demo.city_office.save()
    assert run(summary_send, office=demo.city_office, period=Q4, today=TODAY).status == SENT
    assert len(mail.outbox) == 3


def test_a_period_the_office_does_not_collect_is_recorded_with_the_reason(demo, run):
    outcome = run(
        summary_send, office=demo.city_office, period=Period.parse("2020-10"), today=TODAY
    )

    assert outcome.status == SKIPPED
    assert "không thu báo cáo Tháng 10/2020" in Summary.objects.get().reason
    assert not mail.outbox


class RefusingOne:
    """An SMTP server that refuses one address (550) and takes the others."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        for message in messages:
            if message.to == ["gdtx.sogddt@example.com"]:
                raise smtplib.SMTPRecipientsRefused(
                    {"gdtx.sogddt@example.com": (550, b"5.1.1 No such user")}
                )
            mail.outbox.append(message)
        return len(messages)


def test_a_refused_recipient_fails_for_good_and_the_others_are_sent(demo, settings, run):
    settings.EMAIL_BACKEND = "tests.reports.test_summaries.RefusingOne"

    run(summaries_send, today=TODAY, period=Q4)

    refused = Message.objects.get(recipient="gdtx.sogddt@example.com", kind="summary_period")
    assert refused.status == MessageStatus.FAILED
    assert "No such user" in refused.last_error and refused.attempts == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert run(outbox_sweep) == 0  # never tried again
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == (MessageStatus.FAILED, 1)
    assert {m.to[0] for m in mail.outbox} == {"phonggd.tphatinh@example.com", "sogddt@example.com"}


def test_a_failed_send_is_retried_with_backoff_then_sent_once(demo, settings, run):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.Backend"
    settings.OUTBOX_RETRY_SECONDS = 60
    start = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        run(summary_send, office=demo.city_office, period=Q4, today=TODAY)
        message = Message.objects.get(kind="summary_period")
        assert (message.status, message.attempts) == (MessageStatus.FAILED, 1)
        assert message.next_attempt_at == start + datetime.timedelta(seconds=60)
        assert "SMTPServerDisconnected" in message.last_error
        clock.shift(59)
        assert run(outbox_sweep) == 0  # not due yet
        clock.shift(1)
        assert run(outbox_sweep) == 0  # due, fails again: the wait doubles
        message.refresh_from_db()
        assert message.attempts == 2
        assert message.next_attempt_at == start + datetime.timedelta(seconds=60 + 120)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.shift(120)
        assert run(outbox_sweep) == 1
        assert run(outbox_sweep) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 3, "")
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_mail_is_failed_with_its_error(demo, settings, run):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.Backend"
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.OUTBOX_RETRY_SECONDS = 1
    with time_machine.travel(datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)) as clock:
        run(summary_send, office=demo.city_office, period=Q4, today=TODAY)
        clock.shift(10)
        run(outbox_sweep)
        clock.shift(3600)
        assert run(outbox_sweep) == 0
    message = Message.objects.get(kind="summary_period")
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 2)
    assert "SMTP server went away" in message.last_error


def test_a_send_claimed_by_a_worker_that_died_is_taken_over(demo, settings, run):
    settings.OUTBOX_CLAIM_TIMEOUT_SECONDS = 600
    with time_machine.travel(datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)) as clock:
        from outbox.services import message_enqueue

        # The worker claimed the message, then was killed before sending.
        message = message_enqueue(
            kind="summary_period", recipient="a@example.com", subject="s", body="b", dedupe_key="k"
        )
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENDING, claimed_at=timezone.now(), attempts=1
        )
        clock.shift(599)
        assert run(outbox_sweep) == 0
        clock.shift(2)
        assert run(outbox_sweep) == 1
    assert len(mail.outbox) == 1


# -- schedules ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_default_schedules_are_in_the_database_in_vietnam_time(settings):
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
    tasks_by_name = {t.name: t for t in PeriodicTask.objects.select_related("crontab")}
    weekly = next(t for t in tasks_by_name.values() if '"weekly"' in t.kwargs)
    assert weekly.task == "reports.send_summaries"
    crontab = weekly.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("0", "7", "1")
    assert str(crontab.timezone) == "Asia/Ho_Chi_Minh"
    monthly = next(t for t in tasks_by_name.values() if '"monthly"' in t.kwargs)
    assert (monthly.crontab.day_of_month, monthly.crontab.hour) == ("1", "7")
    registered = {t.task for t in tasks_by_name.values()}
    assert {"reports.send_reminders", "reports.send_campaign_summaries"} <= registered
    from config.celery import app

    assert registered <= set(app.tasks)


def test_the_campaign_summary_goes_the_day_after_its_deadline(demo, run):
    from courses.models import Campaign

    campaign = Campaign.objects.get(slug__contains="2020")
    day_after = campaign.report_deadline + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(7, 30))):
        run(tasks.send_campaign_summaries.delay)
        run(tasks.send_campaign_summaries.delay)
    subjects = [m.subject for m in _mails_to("phonggd.tphatinh@example.com")]
    assert subjects == [f"Tóm tắt {campaign.name} — {demo.city_office.name}"]


# -- the admin: preview and send now ---------------------------------------------------------


def test_the_admin_previews_a_summary_without_sending_it(demo, client, run):
    demo.city_office.report_recipients = ""
    demo.city_office.save()
    run(summary_send, office=demo.city_office, period=Q4, today=TODAY)
    summary = Summary.objects.get()
    client.force_login(demo.admin)

    response = client.post(
        "/admin/reports/summary/", {"action": "preview", "_selected_action": [summary.pk]}
    )

    assert response.status_code == 200
    assert "Tóm tắt Quý IV/2020" in response.content.decode()
    assert not mail.outbox


def test_send_now_sends_a_summary_recorded_as_not_sendable(demo, client, run):
    demo.city_office.report_recipients = ""
    demo.city_office.save()
    run(summary_send, office=demo.city_office, period=Q4, today=TODAY)
    demo.city_office.report_recipients = "phonggd.tphatinh@example.com"
    demo.city_office.save()
    client.force_login(demo.admin)

    run(
        client.post,
        "/admin/reports/summary/",
        {"action": "send_now", "_selected_action": [Summary.objects.get().pk]},
    )

    assert Summary.objects.get().status == SummaryStatus.QUEUED
    assert [m.to for m in mail.outbox] == [["phonggd.tphatinh@example.com"]]


def test_office_staff_with_every_permission_cannot_open_the_schedules(demo, client):
    from django.contrib.auth.models import Permission

    demo.city_officer.is_staff = True
    demo.city_officer.save()
    demo.city_officer.user_permissions.add(*Permission.objects.all())
    client.force_login(demo.city_officer)

    for url in ("/admin/django_celery_beat/periodictask/", "/admin/reports/summary/"):
        assert client.get(url).status_code == 403


# -- cost -----------------------------------------------------------------------------------------


def _office_with_centers(n: int):
    from tests.factories import AppointmentFactory, CourseFactory

    office = OfficeFactory(report_recipients="phong@example.com")
    office.collected_periods.create(kind="quarter", deadline_days=15)
    for _ in range(n):
        center = CenterFactory(unit=CommuneFactory(parent=office.unit))
        AppointmentFactory(center=center, email="gd@example.com", phone="0912 000 000")
        CourseFactory(center=center)
    return office


@pytest.mark.django_db
def test_a_summary_costs_the_same_queries_for_few_and_many_centers():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (2, 12):
        office = _office_with_centers(n)
        with CaptureQueriesContext(connection) as queries:
            summary_render(office, Q4, today=TODAY)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_one_offices_failure_is_recorded_and_the_others_still_go(demo, monkeypatch):
    from reports import summaries

    real = summaries.summary_send

    def failing_for_the_city(*, office, **kwargs):
        if office == demo.city_office:
            raise RuntimeError("the workbook could not be written")
        return real(office=office, **kwargs)

    monkeypatch.setattr(summaries, "summary_send", failing_for_the_city)

    outcomes = summaries_send(
        today=datetime.date(2021, 2, 1), period=Period.parse("2020-Q4"), dry_run=True
    )

    status = {outcome.office: outcome.status for outcome in outcomes}
    assert status[demo.city_office] == "failed"
    assert status[demo.province_office] != "failed"
