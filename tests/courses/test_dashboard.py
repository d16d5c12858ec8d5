"""The center dashboard as the home page of center staff, choosing among
several centers, and its fixed query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from centers.models import AppointmentRole
from courses.models import Course
from tests.factories import (
    ActivityFactory,
    AppointmentFactory,
    CampaignFactory,
    CenterFactory,
    CourseFactory,
)

pytestmark = pytest.mark.django_db


def _today_course(center, **extra):
    today = timezone.localdate()
    return CourseFactory(center=center, start_date=today, end_date=today, **extra)


def test_director_home_is_their_centers_dashboard_with_this_months_totals(client, cast):
    cast.director.appointments.update(end_date=None)  # a current term
    _today_course(cast.center, participants_total=1234, participants_women=700)
    _today_course(
        cast.center,
        participants_total=None,
        participants_women=None,
        participants_ethnic_minority=None,
    )
    _today_course(cast.other_center, participants_total=5000, participants_women=0)
    client.force_login(cast.director)

    response = client.get("/")

    totals = response.context["d"].totals
    assert response.templates[0].name == "courses/dashboard.html"
    assert (totals["month"].courses, totals["month"].participants_total) == (2, 1234)
    assert totals["school_year"].participants_women == 700
    page = response.content.decode()
    assert "1.234" in page
    assert "chưa thống kê số lượt người học" in page  # what is still missing


def test_the_dashboard_shows_the_open_campaign_and_latest_activities(client, cast, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2020, 10, 5))
    campaign = CampaignFactory()
    ActivityFactory(
        center=cast.center, title="Lễ khai mạc", date=datetime.date(2020, 10, 2), campaign=campaign
    )
    client.force_login(cast.director)

    page = client.get("/").content.decode()

    assert "Tuần lễ hưởng ứng học tập suốt đời năm 2020" in page
    assert "hạn 15/10/2020" in page
    assert "Lễ khai mạc" in page
    assert "Tháng 10/2020" in page and "Năm học 2020-2021" in page


def test_someone_with_two_current_appointments_chooses_a_center_first(client, cast):
    today = timezone.localdate()
    cast.director.appointments.update(end_date=None)
    second = CenterFactory()
    AppointmentFactory(
        center=second, user=cast.director, role=AppointmentRole.DEPUTY, start_date=today
    )
    client.force_login(cast.director)

    chooser = client.get("/")
    chosen = client.post(reverse("courses:choose_center"), {"center": second.pk})
    home = client.get("/")

    assert chooser.templates[0].name == "courses/choose_center.html"
    assert chosen.status_code == 302
    assert home.context["center"] == second
    assert home.context["several_centers"]


def test_one_cannot_choose_a_center_without_a_current_appointment(client, cast):
    client.force_login(cast.director)

    response = client.post(reverse("courses:choose_center"), {"center": cast.other_center.pk})

    assert response.status_code == 403


def test_office_users_land_on_their_offices_dashboard(client, cast):
    client.force_login(cast.officer)

    response = client.get("/")

    office = cast.officer.offices.get()
    assert response.url == reverse("reports:office_dashboard", args=[office.pk])


def test_dashboard_query_count_does_not_grow_with_courses(client, cast, django_assert_num_queries):
    # session, user, current appointments (three times: the home's role
    # check, the home's centers and the chooser link), the offices the user
    # works at (none), the figures of the school year and its month (courses
    # and activities, one grouped query each, from the reporting read model),
    # open campaign, latest activities, missing courses and their count,
    # write right, own appointment, and the reports still owed (the periods
    # the offices collect — none here, so no deadlines or reports to read —
    # and the campaigns).
    dashboard_queries = 17
    cast.director.appointments.update(end_date=None)
    _today_course(cast.center)
    client.force_login(cast.director)
    with django_assert_num_queries(dashboard_queries):
        client.get("/")
    for _ in range(49):
        _today_course(
            cast.center,
            participants_total=None,
            participants_women=None,
            participants_ethnic_minority=None,
        )
    ActivityFactory.create_batch(10, center=cast.center)

    with django_assert_num_queries(dashboard_queries):
        response = client.get("/")

    assert response.context["d"].totals["month"].courses == 50
    assert Course.objects.count() == 50


def test_read_only_pages_answer_head_and_refuse_post(client, cast):
    cast.director.appointments.update(end_date=None)
    client.force_login(cast.director)
    url = reverse("courses:dashboard", args=[cast.center.pk])

    assert client.head(url).status_code == 200  # monitors and link checkers
    assert client.post(url).status_code == 405
