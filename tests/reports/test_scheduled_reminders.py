"""Reminders the schedule sends, escalating: the center's staff before the
deadline, its director the day after it, then the office is told who is
still missing — by the one-click reminder's record and rules."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from centers.models import Appointment, AppointmentRole
from courses.periods import Period
from courses.reporting import SYSTEM
from reports import tasks
from reports.models import Reminder, ReminderStage, Summary, SummaryKind
from reports.selectors import office_report
from reports.services import reminder_send

Q4 = Period.parse("2020-Q4")
DEADLINE = datetime.date(2021, 1, 15)  # the city's Phòng: 15 days after the quarter


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the day's reminders at 08:00 of `day`, committed (the outbox
    hands its mails to the eager worker after the commit)."""

    def on(day: datetime.date) -> dict:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
        with time_machine.travel(moment), django_capture_on_commit_callbacks(execute=True):
            return tasks.send_reminders.delay().get()

    return on


def _missing(demo, day):
    report = office_report(demo.city_office, Q4, viewer=SYSTEM, today=day)
    rows = [row for row in report.rows if row.is_missing]
    assert rows and all(row.deadline == DEADLINE for row in rows)
    return rows


def _q4(stage):
    return Reminder.objects.filter(period_key="2020-Q4", stage=stage)


def test_nothing_is_sent_before_the_reminder_window(demo, run):
    run(DEADLINE - datetime.timedelta(days=4))

    assert not _q4(ReminderStage.STAFF).exists()


def test_staff_are_reminded_before_the_deadline_once(demo, run):
    dong_mon = next(r.center for r in _missing(demo, DEADLINE) if "Đồng Môn" in r.center.name)
    Appointment.objects.create(
        center=dong_mon,
        full_name="Nguyễn Thị Lan",
        role=AppointmentRole.STAFF,
        email="canbo.dongmon@example.com",
        start_date=datetime.date(2020, 1, 1),
    )
    three_days_before = DEADLINE - datetime.timedelta(days=3)

    run(three_days_before)
    run(three_days_before)  # twice the same day: once
    run(three_days_before + datetime.timedelta(days=1))  # the next day: not again

    reminded = {r.center_id: r for r in _q4(ReminderStage.STAFF)}
    missing = _missing(demo, three_days_before)
    expected = {
        row.center.pk
        for row in missing
        if row.center.email or (row.director and row.director.email)
    }
    assert set(reminded) == expected
    assert _q4(ReminderStage.STAFF).count() == len(expected)  # once each, over two days
    assert reminded[dong_mon.pk].recipient == "canbo.dongmon@example.com"
    assert reminded[dong_mon.pk].sent_by is None
    assert demo.thach_trung_center.pk not in reminded  # it has submitted
    body = next(m.body for m in mail.outbox if m.to == ["canbo.dongmon@example.com"])
    assert body.startswith("Kính gửi cán bộ Trung tâm học tập cộng đồng xã Đồng Môn")
    assert "gửi tự động theo lịch nhắc báo cáo" in body
    assert not _q4(ReminderStage.DIRECTOR).exists()


def test_the_director_is_reminded_the_day_after_the_deadline(demo, run):
    run(DEADLINE - datetime.timedelta(days=2))
    run(DEADLINE + datetime.timedelta(days=1))
    run(DEADLINE + datetime.timedelta(days=2))
    run(DEADLINE + datetime.timedelta(days=40))  # long past: nobody

    directors = list(_q4(ReminderStage.DIRECTOR))
    rows = {row.center.pk: row for row in _missing(demo, DEADLINE)}
    assert {r.center_id for r in directors} == {
        pk for pk, row in rows.items() if (row.director and row.director.email) or row.center.email
    }
    for reminder in directors:
        row = rows[reminder.center_id]
        assert (
            reminder.recipient == (row.director.email if row.director else "") or row.center.email
        )
        assert reminder.created_on == DEADLINE + datetime.timedelta(days=1)
        assert "15/01/2021" in reminder.message.body  # the center's deadline, said


def test_a_center_reminded_by_hand_today_is_not_reminded_again_today(demo, run):
    day_after = DEADLINE + datetime.timedelta(days=1)
    thach_hung = next(r.center for r in _missing(demo, day_after) if "Thạch Hưng" in r.center.name)
    moment = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time(7)))
    with time_machine.travel(moment):
        reminder_send(
            actor=demo.city_officer, office=demo.city_office, center=thach_hung, period=Q4
        )

    run(day_after)

    assert Reminder.objects.filter(center=thach_hung, period_key="2020-Q4").count() == 1


def test_a_reminder_by_hand_before_the_deadline_does_not_stand_in_for_the_directors(demo, run):
    day_before = DEADLINE - datetime.timedelta(days=1)
    thach_hung = next(r.center for r in _missing(demo, day_before) if "Thạch Hưng" in r.center.name)
    moment = timezone.make_aware(datetime.datetime.combine(day_before, datetime.time(7)))
    with time_machine.travel(moment):
        reminder_send(
            actor=demo.city_officer, office=demo.city_office, center=thach_hung, period=Q4
        )

    run(DEADLINE + datetime.timedelta(days=1))

    scheduled = _q4(ReminderStage.DIRECTOR).filter(center=thach_hung, sent_by__isnull=True)
    assert scheduled.count() == 1


def test_one_offices_failure_leaves_the_others_reminded(demo, run, monkeypatch):
    from reports import summaries

    real, done = summaries._remind_for, []

    def failing_for_the_city(office, period, today, sent):
        if office == demo.city_office:
            raise RuntimeError("the city's report could not be read")
        real(office, period, today, sent)
        done.append(office)

    monkeypatch.setattr(summaries, "_remind_for", failing_for_the_city)

    run(DEADLINE + datetime.timedelta(days=1))

    assert demo.province_office in done


def test_the_office_is_told_who_is_still_missing_a_week_later_once(demo, run):
    run(DEADLINE + datetime.timedelta(days=6))
    assert not Summary.objects.filter(kind=SummaryKind.MISSING, period_key="2020-Q4").exists()

    week_later = DEADLINE + datetime.timedelta(days=7)
    run(week_later)
    run(week_later + datetime.timedelta(days=1))

    notice = Summary.objects.get(
        kind=SummaryKind.MISSING, period_key="2020-Q4", office=demo.city_office
    )
    assert notice.recipients == demo.city_office.report_recipients
    [message] = [
        m
        for m in mail.outbox
        if m.to == ["phonggd.tphatinh@example.com"] and "Còn thiếu báo cáo Quý IV/2020" in m.subject
    ]
    for row in _missing(demo, week_later):
        assert row.center.name in message.body
    assert demo.thach_trung_center.name not in message.body
