"""The admin's history and revert pages (django-simple-history) follow the
change page: the same scoped queryset, the change permission, the locks
(issue 9, hole 1)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.models import Course, Submission, SubmissionStatus
from tests.factories import CenterFactory, CourseFactory

pytestmark = pytest.mark.django_db

ALL_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("view", "change", "delete")
    for model in ("course", "submission", "activity", "campaignreport")
]


def _staff(user, codenames=ALL_PERMISSIONS):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def _history_url(obj, version=None) -> str:
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
    if version is None:
        return reverse(f"{name}_history", args=[obj.pk])
    return reverse(f"{name}_simple_history", args=[obj.pk, version.history_id])


def _course_form(course: Course, **changes) -> dict:
    data = {
        "center": course.center_id,
        "title": course.title,
        "topic": course.topic_id,
        "format": course.format,
        "start_date": course.start_date.strftime("%d/%m/%Y"),
        "end_date": course.end_date.strftime("%d/%m/%Y"),
        "sessions": course.sessions,
        "participants_total": course.participants_total or "",
        "participants_women": course.participants_women or "",
        "participants_ethnic_minority": course.participants_ethnic_minority or "",
        "instructor": course.instructor,
        "location": course.location,
        "funding_source": course.funding_source,
        "funding_amount": course.funding_amount or "",
        "notes": course.notes,
    }
    return data | changes


def test_staff_cannot_open_the_history_of_a_course_outside_their_scope(client, demo):
    outsider = CourseFactory(center=CenterFactory(), title="Lớp học ở Hà Nội")
    version = outsider.history.latest()
    client.force_login(_staff(demo.city_officer))

    assert client.get(_history_url(outsider)).status_code == 404
    assert client.get(_history_url(outsider, version)).status_code == 404
    response = client.post(_history_url(outsider, version), _course_form(outsider, title="Bị sửa"))

    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.title == "Lớp học ở Hà Nội"


def test_view_only_staff_read_the_history_of_their_centers_but_cannot_revert(client, demo):
    course = Course.objects.filter(center=demo.thach_trung_center).first()
    version = course.history.latest()
    client.force_login(_staff(demo.city_officer))

    assert client.get(_history_url(course)).status_code == 200
    page = client.get(_history_url(course, version))
    response = client.post(_history_url(course, version), _course_form(course, title="Bị sửa"))

    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    assert response.status_code == 403
    course.refresh_from_db()
    assert course.title != "Bị sửa"


def test_nobody_reverts_a_submission_through_its_history_page(client, demo):
    approved = Submission.objects.get(
        center__unit__code="18100", status=SubmissionStatus.APPROVED, period_key="2020-Q4"
    )
    version = approved.history.earliest()
    assert version.status != SubmissionStatus.APPROVED  # first recorded as a draft or sent
    client.force_login(demo.admin)

    response = client.post(
        _history_url(approved, version),
        {"status": version.status, "period_key": approved.period_key},
    )

    assert response.status_code == 403
    approved.refresh_from_db()
    assert approved.status == SubmissionStatus.APPROVED


def test_an_administrator_cannot_revert_a_course_inside_an_approved_period(client, demo):
    approved = Submission.objects.get(
        center__unit__code="18100", status=SubmissionStatus.APPROVED, period_key="2020-Q4"
    )
    course = CourseFactory(center=approved.center, start_date=approved.period_start)
    Course.objects.filter(pk=course.pk).update(title="Tên đã duyệt")  # as it was approved
    version = course.history.earliest()
    client.force_login(demo.admin)

    response = client.post(_history_url(course, version), _course_form(course, title="Sửa lại"))

    assert response.status_code == 200  # the form again, with the lock's reason
    assert response.context["errors"]
    course.refresh_from_db()
    assert course.title == "Tên đã duyệt"


def test_an_administrator_may_still_revert_an_unlocked_course(client, demo):
    course = Course.objects.filter(center=demo.tran_phu_center).first()
    version = course.history.latest()
    client.force_login(demo.admin)

    response = client.post(_history_url(course, version), _course_form(course, title="Đã sửa"))

    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Đã sửa"
