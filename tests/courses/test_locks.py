"""Locks without holes: from signing until the office returns it, a report
locks the center's records of its period in every write path — pages,
services, the admin (change, move, delete, bulk delete) and campaign
reports; what was signed is frozen with it; periods are signed once over."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses import services
from courses.models import (
    CampaignReport,
    Course,
    Submission,
    SubmissionAction,
    SubmissionStatus,
)
from courses.periods import Period
from tests.factories import ActivityFactory, CampaignFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db

Q4 = Period.parse("2020-Q4")
NOVEMBER = datetime.date(2020, 11, 12)


@pytest.fixture(autouse=True)
def _director_still_in_office(cast):
    cast.director.appointments.update(end_date=None)


@pytest.fixture
def course(cast):
    return CourseFactory(center=cast.center, start_date=NOVEMBER, end_date=NOVEMBER)


def _submit(cast, period=Q4, **kwargs):
    return services.submission_submit(
        actor=cast.director, center=cast.center, period=period, **kwargs
    )


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


# -- signing freezes, and locks until returned or withdrawn ----------------------------


def test_signing_stores_the_figures_and_courses_signed(cast, course):
    submission = _submit(cast)

    assert submission.figures["courses"] == 1
    assert submission.figures["participants_total"] == course.participants_total
    assert [row["title"] for row in submission.course_rows] == [course.title]
    assert submission.events.get().action == SubmissionAction.SUBMITTED


def test_a_submitted_report_locks_its_period_until_withdrawn(cast, course):
    submission = _submit(cast)

    with pytest.raises(ValidationError, match="đã gửi ngày"):
        services.course_update(actor=cast.director, course=course, participants_total=900)
    with pytest.raises(ValidationError, match="rút lại báo cáo"):
        services.course_create(
            actor=cast.director, center=cast.center, **_course_fields(cast, NOVEMBER)
        )

    services.submission_withdraw(actor=cast.director, submission=submission)
    services.course_update(actor=cast.director, course=course, participants_total=900)

    assert Submission.objects.get().status == SubmissionStatus.DRAFT
    assert Course.objects.get(pk=course.pk).participants_total == 900


def test_only_the_director_withdraws_and_only_before_the_office_decides(cast, course):
    submission = _submit(cast)
    with pytest.raises(PermissionDenied):
        services.submission_withdraw(actor=cast.collaborator, submission=submission)
    services.submission_approve(actor=cast.officer, submission=submission)

    with pytest.raises(ValidationError, match="phê duyệt"):
        services.submission_withdraw(actor=cast.director, submission=submission)


def test_returning_unlocks_the_period(cast, course):
    submission = _submit(cast)
    services.submission_return(actor=cast.officer, submission=submission, comment="Thiếu nữ")

    services.course_update(actor=cast.director, course=course, participants_total=41)


def test_approval_refuses_figures_changed_after_signing(cast, course):
    submission = _submit(cast)
    # A change that slipped past the services (a database console, say).
    Course.objects.filter(pk=course.pk).update(participants_total=900)

    with pytest.raises(ValidationError, match="không còn khớp"):
        services.submission_approve(actor=cast.officer, submission=submission)
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_nothing_to_report_stands_alone(cast):
    _submit(cast, nothing_to_report=True)

    with pytest.raises(ValidationError, match="Quý IV/2020"):
        services.course_create(
            actor=cast.director, center=cast.center, **_course_fields(cast, NOVEMBER)
        )
    assert not Course.objects.exists()


def _course_fields(cast, day):
    from tests.factories import TopicFactory

    return {
        "title": "Lớp mới",
        "topic": TopicFactory(),
        "format": "lop_hoc",
        "start_date": day,
        "end_date": day,
        "participants_total": 10,
    }


# -- periods are signed once over, decided once signed -----------------------------------


@pytest.mark.parametrize("text", ["2027-Q1", "2999-Q4", "2026"])
def test_a_period_not_yet_over_cannot_be_submitted(cast, text):
    with pytest.raises(ValidationError, match="kết thúc ngày"):
        _submit(cast, period=Period.parse(text), nothing_to_report=True)
    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()


def test_the_page_refuses_a_future_period_with_the_reason(client, cast):
    client.force_login(cast.director)
    url = reverse("courses:submission", args=[cast.center.pk, "2027-Q1"])

    response = client.post(url, {"action": "submit", "nothing_to_report": "on"})

    assert response.status_code == 200
    assert "kết thúc ngày 31/03/2027" in response.content.decode()
    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()


def test_a_draft_cannot_be_approved(cast, course):
    draft = services.submission_prepare(actor=cast.director, center=cast.center, period=Q4)

    with pytest.raises(ValidationError, match="chưa được gửi"):
        services.submission_approve(actor=cast.officer, submission=draft)


# -- pages and the admin ------------------------------------------------------------------


def test_deleting_a_locked_course_from_its_page_says_why(client, cast, course):
    _submit(cast)
    client.force_login(cast.director)

    response = client.post(reverse("courses:course_delete", args=[course.pk]), follow=True)

    assert response.status_code == 200
    assert "Quý IV/2020" in response.content.decode()
    assert Course.objects.filter(pk=course.pk).exists()


def test_deleting_a_locked_activity_from_its_page_says_why(client, cast):
    activity = ActivityFactory(center=cast.center, date=NOVEMBER)
    _submit(cast)
    client.force_login(cast.director)

    response = client.post(reverse("courses:activity_delete", args=[activity.pk]), follow=True)

    assert response.status_code == 200 and "Quý IV/2020" in response.content.decode()
    assert activity.__class__.objects.filter(pk=activity.pk).exists()


def _admin_course_data(course, **changes) -> dict:
    data = {
        "center": course.center_id,
        "title": course.title,
        "topic": course.topic_id,
        "format": course.format,
        "start_date": course.start_date.strftime("%d/%m/%Y"),
        "end_date": course.end_date.strftime("%d/%m/%Y"),
        "sessions": course.sessions,
        "instructor": "",
        "location": "",
        "funding_source": "",
        "funding_amount": "",
        "participants_total": course.participants_total,
        "participants_women": course.participants_women,
        "participants_ethnic_minority": course.participants_ethnic_minority,
        "notes": "",
        "_save": "Lưu",
    }
    return data | changes


@pytest.mark.parametrize("direction", ["out_of", "into"])
def test_the_admin_cannot_move_a_course_across_a_locked_period(
    client, cast, course, root, direction
):
    other = CourseFactory(center=cast.other_center, start_date=NOVEMBER)
    _submit(cast)
    client.force_login(root)
    moved, target = (course, cast.other_center) if direction == "out_of" else (other, cast.center)

    response = client.post(
        reverse("admin:courses_course_change", args=[moved.pk]),
        _admin_course_data(moved, center=target.pk),
    )

    assert response.status_code == 200  # the form again, with the reason
    assert "Quý IV/2020" in response.content.decode()
    assert Course.objects.get(pk=moved.pk).center_id == moved.center_id


def test_the_admin_bulk_delete_spares_locked_records(client, cast, course, root):
    free = CourseFactory(center=cast.center, start_date=datetime.date(2021, 2, 1))
    _submit(cast)
    client.force_login(root)

    response = client.post(
        reverse("admin:courses_course_changelist"),
        {"action": "delete_selected", "_selected_action": [course.pk, free.pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert list(Course.objects.values_list("pk", flat=True)) == [course.pk]
    assert "không bị xóa" in response.content.decode()


def test_a_campaign_report_obeys_the_lock_in_the_service_and_the_admin(client, cast, root):
    campaign = CampaignFactory()
    report = services.campaign_report_save(
        actor=cast.director, center=cast.center, campaign=campaign, on=campaign.start_date, books=5
    )
    ActivityFactory(center=cast.center, date=NOVEMBER)
    _submit(cast)

    with pytest.raises(ValidationError, match="Quý IV/2020"):
        services.campaign_report_save(
            actor=cast.director,
            center=cast.center,
            campaign=campaign,
            on=campaign.start_date,
            books=500,
        )
    client.force_login(root)
    response = client.post(
        reverse("admin:courses_campaignreport_change", args=[report.pk]),
        {
            "center": cast.center.pk,
            "campaign": campaign.pk,
            "books": 999,
            "bookcases": 0,
            "money": 0,
            "notes": "",
        },
    )
    assert response.status_code == 200 and "Quý IV/2020" in response.content.decode()
    assert CampaignReport.objects.get().books == 5


# -- campaign periods refer to the campaign, not its slug --------------------------------


def test_renaming_a_campaigns_slug_changes_nothing_recorded(client, cast, root):
    campaign = CampaignFactory()
    period = Period.campaign(campaign)
    activity = ActivityFactory(center=cast.center, campaign=campaign, date=campaign.start_date)
    submission = _submit(cast, period=period)
    services.submission_approve(actor=cast.officer, submission=submission)

    campaign.slug = "tuan-le-hoc-tap-suot-doi-2020-moi"
    campaign.save()

    client.force_login(cast.director)
    assert client.get(activity.get_absolute_url()).status_code == 200
    page = client.get(
        reverse("courses:submission", args=[cast.center.pk, f"campaign:{campaign.slug}"])
    )
    assert page.status_code == 200 and page.context["submission"] == submission
    assert Submission.objects.get().period.key == f"campaign:{campaign.slug}"
    with pytest.raises(ValidationError, match=campaign.name):
        services.activity_update(actor=cast.director, activity=activity, participants=1)
    old = client.get(reverse("courses:submission", args=[cast.center.pk, "campaign:tuan-le-2020"]))
    assert old.status_code == 404
