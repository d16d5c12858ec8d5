import datetime

import pytest
from django.core import mail
from django.urls import reverse

from centers.models import LearningCenter
from courses import services
from courses.models import CollectedPeriod, Submission
from courses.periods import Period
from courses.reporting import ReportStatus, Verdict
from outbox.models import MessageStatus
from outbox.services import message_send
from reports.models import Reminder
from reports.selectors import office_report
from tests.factories import (
    AppointmentFactory,
    CenterFactory,
    CourseFactory,
    OfficeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Q4 = Period.parse("2020-Q4")
TODAY = datetime.date(2026, 11, 30)


def _dashboard(client, office, **params):
    return client.get(reverse("reports:office_dashboard", args=[office.pk]), params)


def test_the_city_office_sees_thach_trung_submitted_for_2020_q4(client, demo):
    client.force_login(demo.city_officer)

    response = _dashboard(client, demo.city_office, period="2020-Q4")

    rows = {row.center.name: row for row in response.context["table"].data}
    thach_trung = rows["Trung tâm học tập cộng đồng xã Thạch Trung"]
    assert thach_trung.status == ReportStatus.SUBMITTED
    assert thach_trung.verdict == Verdict.ON_TIME
    assert thach_trung.figures.courses == Course_count(demo)
    counts = response.context["counts"]
    assert (counts.rows, counts.expected, counts.reported) == (15, 15, 2)
    assert counts.by_status == {"not_started": 12, "draft": 1, "submitted": 1, "nothing": 1}
    assert counts.late == 13  # 12 never submitted + the draft, both past 15/01/2021


def Course_count(demo):
    from courses.models import Course

    return Course.objects.filter(center=demo.thach_trung_center).in_period(Q4).count()


def test_the_totals_equal_an_independent_recount(client, demo):
    from courses.models import Course

    client.force_login(demo.city_officer)
    response = _dashboard(client, demo.city_office, period="2020-Q4")

    rows = response.context["table"].data
    assert len(rows) == 15
    for row in rows:
        courses = Course.objects.filter(
            center_id=row.center.pk, start_date__range=(Q4.start, Q4.end)
        )
        figures = row.figures
        assert figures.participants_total == sum(c.participants_total or 0 for c in courses)
        assert figures.participants_women == sum(c.participants_women or 0 for c in courses)
        assert figures.participants_ethnic_minority == sum(
            c.participants_ethnic_minority or 0 for c in courses
        )


def test_the_city_office_opens_on_its_last_quarter(client, demo):
    client.force_login(demo.city_officer)

    response = client.get("/", follow=True)

    assert response.context["period"].key == "2025-Q2"
    assert response.context["office"] == demo.city_office


def test_the_province_office_sees_the_69_new_centers_today(client, demo):
    client.force_login(demo.province_officer)

    response = _dashboard(client, demo.province_office)

    assert response.context["counts"].rows == 69
    assert response.context["period"].end < datetime.date.today()


def test_filters_by_status_and_lateness(client, demo):
    client.force_login(demo.city_officer)

    submitted = _dashboard(client, demo.city_office, period="2020-Q4", status="submitted")
    late = _dashboard(client, demo.city_office, period="2020-Q4", timeliness="late")
    search = _dashboard(client, demo.city_office, period="2020-Q4", q="thach trung")

    assert [r.center.name for r in submitted.context["table"].data] == [
        "Trung tâm học tập cộng đồng xã Thạch Trung"
    ]
    assert len(late.context["table"].data) == 13
    assert len(search.context["table"].data) == 1


def test_a_bad_period_is_explained_and_the_default_shown(client, demo):
    client.force_login(demo.city_officer)

    response = _dashboard(client, demo.city_office, period="2020-Q5")

    assert response.status_code == 200
    assert response.context["period"].key == "2025-Q2"
    assert "2020-Q5" in response.content.decode()


def test_an_office_user_cannot_open_another_offices_dashboard(client, demo):
    client.force_login(demo.city_officer)

    assert _dashboard(client, demo.province_office).status_code == 404


def test_the_not_reported_list_has_the_directors_contacts(client, demo):
    client.force_login(demo.city_officer)

    response = _dashboard(client, demo.city_office, period="2020-Q4")

    missing = {row.center.name: row for row in response.context["missing"].data}
    assert len(missing) == 13
    thach_hung = missing["Trung tâm học tập cộng đồng xã Thạch Hưng"]
    assert thach_hung.director.full_name == "Lê Văn Bình"
    assert thach_hung.director.phone and thach_hung.director.email
    assert "Trung tâm học tập cộng đồng xã Thạch Trung" not in missing


def _remind(client, office, center, period="2020-Q4"):
    return client.post(
        reverse("reports:office_remind", args=[office.pk]),
        {"center": center.pk, "period": period},
        follow=True,
    )


def test_one_click_reminds_a_center_and_records_it(
    client, demo, django_capture_on_commit_callbacks
):
    thach_hung = demo.thach_trung_center.__class__.objects.get(unit__code="18109")
    client.force_login(demo.city_officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(client, demo.city_office, thach_hung)

    assert "Đã gửi nhắc tới" in response.content.decode()
    reminder = Reminder.objects.get()
    assert (reminder.sent_by, reminder.center, reminder.period_key) == (
        demo.city_officer, thach_hung, "2020-Q4",
    )  # fmt: skip
    assert reminder.message.status == MessageStatus.SENT and reminder.message.sent_at
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reminder.recipient]
    assert "Quý IV/2020" in message.subject and "/reports/2020-Q4/" in message.body


def test_a_second_reminder_the_same_day_is_refused(
    client, demo, django_capture_on_commit_callbacks
):
    thach_hung = demo.thach_trung_center.__class__.objects.get(unit__code="18109")
    client.force_login(demo.city_officer)

    with django_capture_on_commit_callbacks(execute=True):
        _remind(client, demo.city_office, thach_hung)
        response = _remind(client, demo.city_office, thach_hung)

    assert "đã được nhắc hôm nay" in response.content.decode()
    assert Reminder.objects.count() == 1 and len(mail.outbox) == 1


def test_a_center_that_submitted_is_not_reminded(client, demo):
    client.force_login(demo.city_officer)

    response = _remind(client, demo.city_office, demo.thach_trung_center)

    assert "đã gửi báo cáo" in response.content.decode()
    assert not Reminder.objects.exists()


def test_delivering_a_reminder_twice_sends_once(client, demo, django_capture_on_commit_callbacks):
    thach_hung = demo.thach_trung_center.__class__.objects.get(unit__code="18109")
    client.force_login(demo.city_officer)
    with django_capture_on_commit_callbacks(execute=True):
        _remind(client, demo.city_office, thach_hung)

    assert message_send(message_id=Reminder.objects.get().message_id) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_is_recorded_as_failed(
    client, demo, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.Backend"
    thach_hung = demo.thach_trung_center.__class__.objects.get(unit__code="18109")
    client.force_login(demo.city_officer)

    with django_capture_on_commit_callbacks(execute=True):
        _remind(client, demo.city_office, thach_hung)

    message = Reminder.objects.get().message
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 1  # eager tasks (no broker): the sweep retries later
    assert "SMTP" in message.last_error


def _office_with_centers(n: int):
    officer = UserFactory()
    office = OfficeFactory(members=[officer])
    CollectedPeriod.objects.create(office=office, kind="quarter", deadline_days=15)
    for index in range(n):
        center = CenterFactory(unit__parent=office.unit)
        AppointmentFactory(center=center)
        CourseFactory(center=center, start_date=datetime.date(2020, 11, 2))
        if index % 2:
            Submission.objects.create(
                center=center, period_key="2020-Q4", period_kind="quarter",
                period_start=Q4.start, period_end=Q4.end,
            )  # fmt: skip
    return officer, office


def test_dashboard_query_count_is_the_same_for_1_and_50_centers(client, django_assert_num_queries):
    counts = []
    for n in (1, 50):
        officer, office = _office_with_centers(n)
        client.force_login(officer)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = _dashboard(client, office, period="2020-Q4")
        assert response.context["counts"].rows == n
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_completeness_counts_with_mixed_statuses(cast):
    services.submission_submit(
        actor=cast.other_director, center=cast.other_center, period=Q4, nothing_to_report=True
    )
    office = cast.officer.offices.get()

    counts = office_report(office, Q4, viewer=cast.officer, today=TODAY).counts

    assert counts.rows == counts.expected == 2
    assert counts.by_status == {"nothing": 1, "not_started": 1}
    assert counts.reported == 1


def test_the_command_line_takes_the_same_period_text(demo, capsys):
    from django.core.management import call_command

    call_command("report_status", "--office", demo.city_office.name, "--period", "2020-Q4")

    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Phòng Giáo dục và Đào tạo thành phố Hà Tĩnh — Quý IV/2020"
    assert lines[1] == "2/15 đã báo cáo"
    assert lines[2].startswith("Tổng cộng: 6 lớp học, chuyên đề; ")
    assert "  - Trung tâm học tập cộng đồng xã Đồng Môn; bản nháp; trễ hạn" in lines


def test_the_command_line_refuses_a_bad_period(demo):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=r"Q5|quý"):
        call_command("report_status", "--office", demo.city_office.name, "--period", "2020-Q5")


def test_the_offices_campaign_view_shows_the_resources_reported(client, demo):
    client.force_login(demo.city_officer)

    response = _dashboard(client, demo.city_office, period="campaign:tuan-le-hoc-tap-suot-doi-2020")

    row = next(r for r in response.context["table"].data if r.center == demo.thach_trung_center)
    assert (row.figures.books, row.figures.bookcases, row.figures.money) == (520, 4, 12_500_000)
    assert "12.500.000" in response.content.decode()


@pytest.mark.parametrize("period", ["1900", "2999", "2030-Q1", "2020", "2020-10", "2026-Q4"])
def test_reminders_only_for_periods_the_office_collects_and_that_are_due(client, demo, period):
    """A closed Phòng once sent ten reminders in seconds to one director for
    "1900", "2999", "2030-Q1"…: no more."""
    thach_hung = LearningCenter.objects.get(unit__code="18109")

    response = _remind(client_logged_in(client, demo), demo.city_office, thach_hung, period)

    assert "Đã gửi nhắc" not in response.content.decode()
    assert not Reminder.objects.exists()


def client_logged_in(client, demo):
    client.force_login(demo.city_officer)
    return client


def test_one_address_gets_at_most_three_reminders_a_day(client, demo, settings):
    settings.REMINDER_DAILY_CAP = 3
    thach_hung = LearningCenter.objects.get(unit__code="18109")
    client.force_login(demo.city_officer)

    for period in ("2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"):
        response = _remind(client, demo.city_office, thach_hung, period)

    assert Reminder.objects.count() == 3
    assert "đã được nhắc 3 lần hôm nay" in response.content.decode()


def test_the_dashboard_offers_first_the_periods_with_a_report_waiting(client, demo):
    """The demo's Phòng opens on its last quarter (Quý II/2025), where nothing
    waits; above it, a link to Quý IV/2020, where Thạch Trung's report waits
    for its decision."""
    client.force_login(demo.city_officer)
    url = reverse("reports:office_dashboard", args=[demo.city_office.pk])

    html = client.get(url).content.decode()

    waiting = html.split("data-waiting>")[1].split("</div>")[0]
    assert "?period=2020-Q4&amp;status=submitted" in waiting and "Quý IV/2020 (1)" in waiting
    Submission.objects.filter(status="submitted").delete()
    assert "data-waiting" not in client.get(url).content.decode()
