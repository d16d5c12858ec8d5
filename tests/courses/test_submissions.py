import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from centers.models import AppointmentRole
from courses import services
from courses.models import Course, Submission, SubmissionStatus
from courses.periods import InvalidPeriod, Period
from tests.factories import (
    ActivityFactory,
    AppointmentFactory,
    CourseFactory,
    OfficeFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Q4 = Period.parse("2020-Q4")
NOVEMBER = datetime.date(2020, 11, 12)


@pytest.fixture(autouse=True)
def _director_still_in_office(cast):
    """Only the director on the day of signing signs: here alice still is."""
    cast.director.appointments.update(end_date=None)


@pytest.fixture
def clerk(cast):
    user = UserFactory(username="erin")
    AppointmentFactory(
        center=cast.center, user=user, role=AppointmentRole.STAFF, start_date=cast_start()
    )
    return user


def cast_start():
    return datetime.date(2020, 1, 1)


@pytest.fixture
def course(cast):
    return CourseFactory(center=cast.center, start_date=NOVEMBER, end_date=NOVEMBER)


def _submit(cast, **kwargs):
    return services.submission_submit(actor=cast.director, center=cast.center, period=Q4, **kwargs)


def _approve(cast, submission):
    return services.submission_approve(actor=cast.officer, submission=submission)


def test_a_clerk_prepares_and_only_the_director_submits(cast, clerk, course):
    draft = services.submission_prepare(
        actor=clerk, center=cast.center, period=Q4, note="Đủ số liệu"
    )

    with pytest.raises(PermissionDenied):
        services.submission_submit(actor=clerk, center=cast.center, period=Q4)
    submitted = _submit(cast)

    assert draft.pk == submitted.pk
    assert submitted.status == SubmissionStatus.SUBMITTED
    assert (submitted.prepared_by, submitted.submitted_by) == (clerk, cast.director)
    assert submitted.note == "Đủ số liệu"


def test_the_office_approves_and_the_period_locks(cast, course):
    submission = _approve(cast, _submit(cast))

    assert submission.status == SubmissionStatus.APPROVED
    assert submission.decided_office.members.filter(pk=cast.officer.pk).exists()
    assert Submission.objects.lock_for(cast.center.pk, NOVEMBER) == submission
    assert Submission.objects.lock_for(cast.center.pk, datetime.date(2021, 1, 1)) is None


def test_the_lock_message_says_who_approved_and_whom_to_ask(cast, course):
    office = cast.officer.offices.get()
    office.report_recipients = "pgd@example.com"
    office.save()
    submission = _approve(cast, _submit(cast))

    message = submission.lock_message()

    assert message.startswith(f"Kỳ báo cáo Quý IV/2020 đã được {office.name} phê duyệt ngày ")
    assert "liên hệ" in message and "pgd@example.com" in message and "để mở lại" in message


def test_the_lock_refuses_edits_moves_new_records_and_deletes(cast, course):
    _approve(cast, _submit(cast))
    topic = TopicFactory()
    lock_text = "đã được"

    with pytest.raises(ValidationError, match=lock_text):
        services.course_update(actor=cast.director, course=course, title="Sửa sau khi duyệt")
    with pytest.raises(ValidationError, match=lock_text):  # moving it out of the period
        january = datetime.date(2021, 1, 4)
        services.course_update(
            actor=cast.director, course=course, start_date=january, end_date=january
        )
    with pytest.raises(ValidationError, match=lock_text):
        services.course_create(
            actor=cast.director,
            center=cast.center,
            title="Lớp mới",
            topic=topic,
            format="lop_hoc",
            start_date=NOVEMBER,
            end_date=NOVEMBER,
        )
    with pytest.raises(ValidationError, match=lock_text):
        services.course_delete(actor=cast.director, course=course)

    course.refresh_from_db()
    assert course.title != "Sửa sau khi duyệt" and course.start_date == NOVEMBER


def test_the_lock_covers_activities_too(cast, course):
    activity = ActivityFactory(center=cast.center, date=NOVEMBER)
    _approve(cast, _submit(cast))

    with pytest.raises(ValidationError, match="Quý IV/2020"):
        services.activity_update(actor=cast.director, activity=activity, title="Sửa")
    with pytest.raises(ValidationError, match="Quý IV/2020"):
        services.activity_delete(actor=cast.director, activity=activity)


def test_the_lock_refuses_the_edit_page_with_the_reason(client, cast, course):
    _approve(cast, _submit(cast))
    client.force_login(cast.director)

    response = client.post(
        reverse("courses:course_edit", args=[course.pk]),
        {"title": "Sửa sau khi duyệt", "start_date": "12/11/2020", "end_date": "12/11/2020"},
    )

    page = client.get(reverse("courses:course_edit", args=[course.pk])).content.decode()

    assert response.status_code == 200
    assert "Kỳ báo cáo Quý IV/2020 đã được" in response.content.decode()
    course.refresh_from_db()
    assert course.title != "Sửa sau khi duyệt"
    assert "Kỳ báo cáo Quý IV/2020 đã được" in page  # read-only, with the reason
    assert (
        'name="title"' not in page
        and "<form"
        not in page.split("<main", 1)[1].replace('action="/i18n/setlang/"', "").split("</main>")[0]
    )


def test_the_admin_cannot_change_or_delete_a_locked_course(client, cast, course):
    _approve(cast, _submit(cast))
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.post(
        reverse("admin:courses_course_delete", args=[course.pk]), {"post": "yes"}, follow=True
    )

    assert response.redirect_chain[0][0] == reverse("admin:courses_course_change", args=[course.pk])
    assert "Quý IV/2020" in response.content.decode()  # the lock's reason
    assert Course.objects.filter(pk=course.pk).exists()
    course.title = "Sửa trong quản trị"
    with pytest.raises(ValidationError, match="Quý IV/2020"):
        course.full_clean()


def test_reopening_unlocks_with_a_reason(cast, course):
    approved = _approve(cast, _submit(cast))

    with pytest.raises(ValidationError):
        services.submission_reopen(actor=cast.officer, submission=approved, reason="  ")
    reopened = services.submission_reopen(
        actor=cast.officer, submission=approved, reason="Sai số liệu nữ"
    )

    assert reopened.status == SubmissionStatus.RETURNED
    assert "Sai số liệu nữ" in reopened.office_comment
    services.course_update(actor=cast.director, course=course, participants_women=1)


def test_returning_needs_a_comment_and_allows_a_new_submission(cast, course):
    submitted = _submit(cast)

    with pytest.raises(ValidationError) as excinfo:
        services.submission_return(actor=cast.officer, submission=submitted, comment="")
    returned = services.submission_return(
        actor=cast.officer, submission=submitted, comment="Thiếu DTTS"
    )
    resubmitted = _submit(cast)

    assert "comment" in excinfo.value.message_dict
    assert returned.office_comment == "Thiếu DTTS"
    assert resubmitted.status == SubmissionStatus.SUBMITTED


def test_approving_twice_is_refused_and_changes_nothing(cast, course):
    approved = _approve(cast, _submit(cast))

    with pytest.raises(ValidationError, match=r"đã được .* phê duyệt"):
        _approve(cast, approved)

    approved.refresh_from_db()
    assert approved.status == SubmissionStatus.APPROVED


def test_submitting_after_approval_is_refused(cast, course):
    _approve(cast, _submit(cast))

    with pytest.raises(ValidationError):
        _submit(cast)


def test_nothing_to_report_is_a_submission_distinct_from_missing(cast):
    submission = _submit(cast, nothing_to_report=True)

    assert submission.status == SubmissionStatus.SUBMITTED and submission.nothing_to_report
    assert not Submission.objects.filter(center=cast.other_center).exists()


def test_nothing_to_report_with_records_is_refused(cast, course):
    with pytest.raises(ValidationError, match="bỏ chọn “không có hoạt động trong kỳ”"):
        _submit(cast, nothing_to_report=True)

    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()


def test_an_empty_report_is_refused(cast):
    with pytest.raises(ValidationError, match="Chưa ghi nhận lớp học, chuyên đề hay hoạt động nào"):
        _submit(cast)


def test_a_director_of_another_center_cannot_post_to_this_centers_report(client, cast, course):
    client.force_login(cast.other_director)
    url = reverse("courses:submission", args=[cast.center.pk, Q4.key])

    response = client.post(url, {"action": "submit"})

    assert response.status_code == 404
    assert not Submission.objects.exists()


def test_an_office_not_over_the_center_cannot_approve(cast, course):
    submission = _submit(cast)
    stranger = UserFactory(username="mallory")
    OfficeFactory(members=[stranger])

    with pytest.raises(PermissionDenied):
        services.submission_approve(actor=stranger, submission=submission)

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_an_office_reads_but_cannot_submit(client, cast, course):
    client.force_login(cast.officer)
    url = reverse("courses:submission", args=[cast.center.pk, Q4.key])

    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "submit"}).status_code == 403


@pytest.mark.parametrize("text", ["2020-Q5", "2020-H3", "2020-13", "NH2020-2022", "hôm qua", ""])
def test_bad_period_strings_get_a_clear_message(text):
    with pytest.raises(InvalidPeriod) as excinfo:
        Period.parse(text)

    assert str(excinfo.value)


def test_a_bad_period_in_the_url_is_a_404_with_the_reason(client, cast):
    client.force_login(cast.director)

    response = client.get(reverse("courses:submission", args=[cast.center.pk, "2020-Q5"]))
    outside = client.get(reverse("courses:submission", args=[cast.center.pk, "2019-Q4"]))
    nul = client.get(reverse("courses:submission", args=[cast.center.pk, "campaign:\x00"]))

    assert response.status_code == 404
    assert "“2020-Q5”: quý phải từ Q1 đến Q4." in response.content.decode()
    assert (
        outside.status_code == 404
        and "không hoạt động trong Quý IV/2019" in outside.content.decode()
    )
    assert nul.status_code == 404 and "ký tự không hợp lệ" in nul.content.decode()


def test_the_report_page_keeps_the_note_when_submitting_fails(client, cast):
    client.force_login(cast.director)
    url = reverse("courses:submission", args=[cast.center.pk, Q4.key])

    response = client.post(url, {"action": "submit", "note": "Ghi chú gửi Phòng"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ghi chú gửi Phòng" in page
    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()


def test_the_director_signs_and_submits_from_the_page_after_confirming(client, cast, course):
    client.force_login(cast.director)
    url = reverse("courses:submission", args=[cast.center.pk, Q4.key])

    first = client.post(url, {"action": "submit", "note": "Đủ số liệu"})
    assert first.status_code == 200 and not Submission.objects.exists()
    page = first.content.decode()
    assert "Ký và gửi báo cáo?" in page and 'name="confirmed" value="yes"' in page
    assert 'name="note" value="Đủ số liệu"' in page

    response = client.post(
        url, {"action": "submit", "note": "Đủ số liệu", "confirmed": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED
    assert Submission.objects.get().note == "Đủ số liệu"
    assert "đã được ký" in response.content.decode()


def test_the_office_confirms_before_approving(client, cast, course):
    services.submission_submit(actor=cast.director, center=cast.center, period=Q4)
    client.force_login(cast.officer)
    url = reverse("courses:submission", args=[cast.center.pk, Q4.key])

    assert client.post(url, {"action": "approve"}).status_code == 200
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED
    client.post(url, {"action": "approve", "confirmed": "yes"})
    assert Submission.objects.get().status == SubmissionStatus.APPROVED


def test_the_history_has_one_line_per_step_with_who_and_what_they_wrote(client, cast, course):
    first = _submit(cast, note="Số liệu quý IV")
    services.submission_return(actor=cast.officer, submission=first, comment="Thiếu DTTS")
    _submit(cast, note="Đã bổ sung DTTS")
    client.force_login(cast.director)

    html = client.get(reverse("courses:submission", args=[cast.center.pk, "2020-Q4"])).content
    history = html.decode().split('id="history"')[1].split("</ul>")[0]

    lines = [line.split("</li>")[0] for line in history.split("<li>")[1:]]
    director, officer = cast.director.full_name, cast.officer.full_name
    assert len(lines) == 3
    assert f"{director}: ký và gửi báo cáo — “Số liệu quý IV”" in lines[0]
    assert officer in lines[1] and "trả lại" in lines[1] and "“Thiếu DTTS”" in lines[1]
    assert f"{director}: ký và gửi báo cáo — “Đã bổ sung DTTS”" in lines[2]
    assert "Thiếu DTTS" not in lines[2]  # the office's comment is not the director's
