"""Who may read and write a center's records: strangers get a 404, readers
who may not write (another term, an office, a collaborator) a 403, and
the services refuse the same writes whatever the view."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Activity, Course, may_write
from tests.factories import (
    ActivityFactory,
    AppointmentFactory,
    CourseFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

COURSE_PAGES = ["course_detail", "course_edit", "course_delete", "course_history"]
ACTIVITY_PAGES = ["activity_detail", "activity_edit", "activity_delete", "activity_history"]


def _course_post(topic, **overrides):
    data = {
        "title": "Phòng chống dịch bệnh cho gia súc",
        "topic": topic.pk,
        "format": "chuyen_de",
        "start_date": "10/11/2020",
        "end_date": "",
        "sessions": "1",
        "participants_total": "50",
        "participants_women": "20",
        "participants_ethnic_minority": "0",
    }
    return data | overrides


@pytest.mark.parametrize("page", COURSE_PAGES)
def test_director_cannot_open_another_centers_course(client, cast, page):
    course = CourseFactory(center=cast.other_center)
    client.force_login(cast.director)

    assert client.get(reverse(f"courses:{page}", args=[course.pk])).status_code == 404


@pytest.mark.parametrize("page", ACTIVITY_PAGES)
def test_director_cannot_open_another_centers_activity(client, cast, page):
    activity = ActivityFactory(center=cast.other_center)
    client.force_login(cast.director)

    assert client.get(reverse(f"courses:{page}", args=[activity.pk])).status_code == 404


def test_director_cannot_edit_or_delete_another_centers_course_by_post(client, cast):
    course = CourseFactory(center=cast.other_center, title="Kỹ thuật nuôi hươu")
    client.force_login(cast.director)
    topic = course.topic

    edit = client.post(
        reverse("courses:course_edit", args=[course.pk]), _course_post(topic, title="Bị sửa")
    )
    delete = client.post(reverse("courses:course_delete", args=[course.pk]))

    assert (edit.status_code, delete.status_code) == (404, 404)
    course.refresh_from_db()
    assert course.title == "Kỹ thuật nuôi hươu"


def test_director_cannot_edit_or_delete_another_centers_activity_by_post(client, cast):
    activity = ActivityFactory(center=cast.other_center, title="Họp thôn")
    client.force_login(cast.director)

    edit = client.post(
        reverse("courses:activity_edit", args=[activity.pk]),
        {"title": "Bị sửa", "date": "10/11/2020", "kind": "hop"},
    )
    delete = client.post(reverse("courses:activity_delete", args=[activity.pk]))

    assert (edit.status_code, delete.status_code) == (404, 404)
    assert Activity.objects.get(pk=activity.pk).title == "Họp thôn"


def test_director_cannot_add_records_to_another_center(client, cast):
    client.force_login(cast.director)
    topic = TopicFactory()

    course = client.post(
        reverse("courses:course_create", args=[cast.other_center.pk]), _course_post(topic)
    )
    activity = client.post(
        reverse("courses:activity_create", args=[cast.other_center.pk]),
        {"title": "Họp", "date": "10/11/2020", "kind": "hop"},
    )
    lists = [
        client.get(reverse(f"courses:{name}", args=[cast.other_center.pk])).status_code
        for name in ("course_list", "activity_list", "dashboard")
    ]

    assert (course.status_code, activity.status_code) == (404, 404)
    assert lists == [404, 404, 404]
    assert not Course.objects.exists() and not Activity.objects.exists()


def test_director_cannot_read_or_change_a_course_dated_after_their_term(client, cast):
    course = CourseFactory(center=cast.center, start_date=datetime.date(2025, 8, 1))
    client.force_login(cast.director)

    detail = client.get(course.get_absolute_url())
    edit = client.get(reverse("courses:course_edit", args=[course.pk]))
    delete = client.post(reverse("courses:course_delete", args=[course.pk]))

    assert (detail.status_code, edit.status_code, delete.status_code) == (404, 404, 404)
    assert Course.objects.filter(pk=course.pk).exists()


def test_director_cannot_date_a_new_course_after_their_term(client, cast):
    client.force_login(cast.director)
    topic = TopicFactory()

    response = client.post(
        reverse("courses:course_create", args=[cast.center.pk]),
        _course_post(
            topic, start_date="01/08/2025", form_token="8d4f2a53-8f0e-4a43-9c3b-1f1f0e2b7a11"
        ),
    )

    assert response.status_code == 200
    assert not Course.objects.exists()
    errors = response.context["form"].errors["start_date"]
    assert "nhiệm kỳ" in errors[0]


def test_director_cannot_move_a_course_out_of_their_term(client, cast):
    course = CourseFactory(center=cast.center)
    client.force_login(cast.director)

    response = client.post(
        reverse("courses:course_edit", args=[course.pk]),
        _course_post(course.topic, start_date="01/08/2025"),
    )

    assert response.status_code == 200
    assert "start_date" in response.context["form"].errors
    course.refresh_from_db()
    assert course.start_date == datetime.date(2020, 11, 10)


def test_mai_van_di_cannot_record_at_thach_trung_after_his_term_there(demo):
    topic = TopicFactory()

    with pytest.raises(ValidationError) as refused:
        services.course_create(
            actor=demo.director,
            center=demo.thach_trung_center,
            title="Hướng dẫn sử dụng VNeID",
            topic=topic,
            format="chuyen_de",
            start_date=datetime.date(2025, 8, 1),
            end_date=datetime.date(2025, 8, 1),
        )

    assert "start_date" in refused.value.message_dict
    assert may_write(demo.director, demo.thach_trung_center, datetime.date(2025, 6, 30))
    assert not may_write(demo.director, demo.thach_trung_center, datetime.date(2025, 7, 1))
    assert may_write(demo.director, demo.tran_phu_center, datetime.date(2025, 8, 1))


def test_mai_van_di_cannot_edit_a_thach_trung_course_dated_after_his_term(client, demo):
    course = CourseFactory(center=demo.thach_trung_center, start_date=datetime.date(2025, 8, 1))
    client.force_login(demo.director)

    response = client.post(
        reverse("courses:course_edit", args=[course.pk]),
        _course_post(course.topic, start_date="01/08/2025", title="Sửa"),
    )

    assert response.status_code == 404  # dated outside his term: not his to read
    assert client.get(course.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError):
        services.course_update(actor=demo.director, course=course, title="Sửa")
    course.refresh_from_db()
    assert course.title != "Sửa"


@pytest.mark.parametrize("who", ["officer", "collaborator"])
def test_readers_can_read_a_centers_records_but_not_write(client, cast, who):
    course = CourseFactory(center=cast.center)
    client.force_login(getattr(cast, who))

    assert client.get(course.get_absolute_url()).status_code == 200
    assert client.get(reverse("courses:course_list", args=[cast.center.pk])).status_code == 200
    assert client.get(reverse("courses:course_edit", args=[course.pk])).status_code == 403
    assert client.get(reverse("courses:course_create", args=[cast.center.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.course_delete(actor=getattr(cast, who), course=course)


def test_anonymous_users_are_sent_to_the_login_page(client, cast):
    course = CourseFactory(center=cast.center)

    response = client.get(course.get_absolute_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_scoping_querysets_follow_centers_and_terms(cast):
    inside = CourseFactory(center=cast.center)
    after_term = CourseFactory(center=cast.center, start_date=datetime.date(2025, 8, 1))
    elsewhere = CourseFactory(center=cast.other_center)

    assert set(Course.objects.visible_to(cast.director)) == {inside}  # his term only
    assert set(Course.objects.writable_by(cast.director)) == {inside}
    assert set(Course.objects.visible_to(cast.officer)) == {inside, after_term, elsewhere}
    assert not Course.objects.writable_by(cast.officer).exists()
    assert not Course.objects.writable_by(cast.collaborator).exists()
    assert set(Course.objects.writable_by(cast.other_director)) == {elsewhere}


def test_activity_scoping_uses_the_activity_date(cast):
    inside = ActivityFactory(center=cast.center, date=datetime.date(2025, 6, 30))
    ActivityFactory(center=cast.center, date=datetime.date(2025, 7, 1))

    assert list(Activity.objects.writable_by(cast.director)) == [inside]
    assert list(Activity.objects.visible_to(cast.director)) == [inside]
    assert Activity.objects.visible_to(cast.officer).count() == 2


def test_a_former_director_does_not_see_his_successors_records_on_the_dashboard(client, cast):
    successor = UserFactory(username="frank")
    cast.center.appointments.filter(user=cast.director).update(end_date=datetime.date(2025, 6, 30))
    AppointmentFactory(center=cast.center, user=successor, start_date=datetime.date(2025, 7, 1))
    today = timezone.localdate()
    ActivityFactory(center=cast.center, date=today, title="Họp của nhiệm kỳ mới")
    client.force_login(cast.director)

    page = client.get(reverse("courses:dashboard", args=[cast.center.pk])).content.decode()

    assert "Họp của nhiệm kỳ mới" not in page
