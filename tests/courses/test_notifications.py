"""People are told: the office's report addresses when a center submits, the
director when the office returns (with its comment) or approves — through
the outbox, after the commit, once."""

import pytest
from django.core import mail

from centers.models import LearningCenter, User
from courses import services
from courses.periods import Period
from outbox.models import Message

pytestmark = pytest.mark.django_db

Q4 = Period.parse("2020-Q4")


@pytest.fixture
def dong_mon(demo):
    return LearningCenter.objects.get(unit__code="18103", closed_on__isnull=False)


def _submit(dong_mon, capture):
    director = User.objects.get(username="giamdoc.dongmon")
    with capture(execute=True):
        return services.submission_submit(
            actor=director, center=dong_mon, period=Q4, nothing_to_report=True
        )


def test_the_office_is_told_when_a_center_submits(dong_mon, django_capture_on_commit_callbacks):
    _submit(dong_mon, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["phonggd.tphatinh@example.com"]]
    message = mail.outbox[0]
    assert "Trung tâm học tập cộng đồng xã Đồng Môn" in message.subject
    assert "Quý IV/2020" in message.subject
    assert f"/centers/{dong_mon.pk}/reports/2020-Q4/" in message.body
    assert Message.objects.filter(recipient="phonggd.tphatinh@example.com").latest("pk").kind == (
        "report_submitted"
    )


def test_the_director_is_told_of_a_return_with_the_comment(
    demo, dong_mon, django_capture_on_commit_callbacks
):
    submission = _submit(dong_mon, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.submission_return(
            actor=demo.city_officer, submission=submission, comment="Thiếu báo cáo lớp xóa mù chữ"
        )

    assert [m.to for m in mail.outbox] == [["giamdoc.dongmon@example.com"]]
    assert "Thiếu báo cáo lớp xóa mù chữ" in mail.outbox[0].body
    assert "trả lại" in mail.outbox[0].subject


def test_the_director_is_told_of_an_approval_once(
    demo, dong_mon, django_capture_on_commit_callbacks
):
    submission = _submit(dong_mon, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.submission_approve(actor=demo.city_officer, submission=submission)

    assert [m.to for m in mail.outbox] == [["giamdoc.dongmon@example.com"]]
    assert "phê duyệt" in mail.outbox[0].subject
    assert Message.objects.filter(recipient="giamdoc.dongmon@example.com").count() == 1


def test_nothing_is_sent_when_the_step_is_refused(demo, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    thach_trung = demo.thach_trung_center
    before = Message.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.submission_submit(actor=demo.director, center=thach_trung, period=Q4)

    assert mail.outbox == [] and Message.objects.count() == before
