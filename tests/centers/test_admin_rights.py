"""Staff cannot raise their own rights in the admin (issue 9, hole 2): user
pickers offer only the editor's scope, nobody edits their own appointments
or office membership, and appointments at a center are managed by the
offices above it."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from centers.models import Appointment, AppointmentRole, User
from tests.factories import AppointmentFactory, CenterFactory, UserFactory

pytestmark = pytest.mark.django_db

PERMISSIONS = [
    f"{action}_{model}"
    for action in ("view", "add", "change", "delete")
    for model in ("appointment", "office", "learningcenter")
]


def _staff(user: User) -> User:
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=PERMISSIONS))
    return user


def _appointment_form(center, user, **changes) -> dict:
    return {
        "center": center.pk,
        "full_name": "Nguyễn Văn Phó",
        "role": AppointmentRole.DEPUTY,
        "home_post": "",
        "phone": "",
        "email": "",
        "start_date": "01/01/2020",
        "end_date": "",
        "user": user.pk if user else "",
    } | changes


def _office_form(office, members) -> dict:
    return {
        "name": office.name,
        "report_recipients": office.report_recipients,
        "members": [member.pk for member in members],
    }


def test_office_staff_cannot_appoint_themselves_at_a_center(client, demo):
    officer = _staff(demo.city_officer)
    client.force_login(officer)

    response = client.post(
        reverse("admin:centers_appointment_add"),
        _appointment_form(demo.thach_trung_center, officer),
    )

    assert response.status_code == 200  # the form again: not a valid choice
    assert "user" in response.context["adminform"].form.errors
    assert not Appointment.objects.filter(user=officer).exists()


def test_office_staff_appoint_a_user_of_their_scope(client, demo):
    officer = _staff(demo.city_officer)
    teacher = UserFactory(username="giaovien.thachtrung")
    AppointmentFactory(
        center=demo.thach_trung_center,
        user=teacher,
        role=AppointmentRole.STAFF,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2025, 6, 30),
    )
    client.force_login(officer)

    response = client.post(
        reverse("admin:centers_appointment_add"),
        _appointment_form(demo.thach_trung_center, teacher, end_date="30/06/2025"),
    )

    assert response.status_code == 302
    assert Appointment.objects.filter(user=teacher, role=AppointmentRole.DEPUTY).exists()


def test_the_user_picker_offers_only_the_editors_scope(client, demo):
    officer = _staff(demo.city_officer)
    outsider = UserFactory(username="hanoi.canbo")
    AppointmentFactory(center=CenterFactory(), user=outsider)
    client.force_login(officer)

    response = client.get(reverse("admin:centers_appointment_add"))

    choices = set(response.context["adminform"].form.fields["user"].queryset)
    assert demo.director in choices
    assert outsider not in choices
    assert officer not in choices
    assert demo.admin not in choices


def test_a_former_director_cannot_reopen_his_own_ended_appointment(client, demo):
    director = _staff(demo.director)
    ended = Appointment.objects.get(user=director, center=demo.thach_trung_center)
    client.force_login(director)

    response = client.post(
        reverse("admin:centers_appointment_change", args=[ended.pk]),
        _appointment_form(
            ended.center,
            director,
            full_name=ended.full_name,
            role=ended.role,
            end_date="",
        ),
    )

    assert response.status_code == 403
    ended.refresh_from_db()
    assert ended.end_date == datetime.date(2025, 6, 30)


def test_a_center_director_does_not_manage_appointments_at_his_own_center(client, demo):
    director = _staff(demo.director)
    deputy = AppointmentFactory(
        center=demo.tran_phu_center,
        role=AppointmentRole.DEPUTY,
        start_date=datetime.date(2025, 7, 1),
        user=UserFactory(username="phogiamdoc.tranphu"),
    )
    client.force_login(director)

    change = client.post(
        reverse("admin:centers_appointment_change", args=[deputy.pk]),
        _appointment_form(deputy.center, director, start_date="01/07/2025"),
    )
    add = client.post(
        reverse("admin:centers_appointment_add"),
        _appointment_form(demo.tran_phu_center, None, start_date="01/07/2025"),
    )

    assert change.status_code == 403
    assert add.status_code == 200  # the center is not a valid choice for him
    assert "center" in add.context["adminform"].form.errors
    deputy.refresh_from_db()
    assert deputy.user.username == "phogiamdoc.tranphu"


def test_office_staff_cannot_add_an_outsider_to_their_office(client, demo):
    officer = _staff(demo.city_officer)
    outsider = UserFactory(username="hanoi.canbo")
    AppointmentFactory(center=CenterFactory(), user=outsider)
    client.force_login(officer)
    office = demo.city_office

    response = client.post(
        reverse("admin:centers_office_change", args=[office.pk]),
        _office_form(office, [officer, outsider]),
    )

    assert response.status_code == 200
    assert "members" in response.context["adminform"].form.errors
    assert set(office.members.all()) == {officer}


def test_office_staff_keep_their_own_membership_when_naming_colleagues(client, demo):
    officer = _staff(demo.city_officer)
    colleague = demo.director  # appointed at a center under the office
    client.force_login(officer)
    office = demo.city_office

    response = client.post(
        reverse("admin:centers_office_change", args=[office.pk]),
        _office_form(office, [colleague]),
    )

    assert response.status_code == 302
    assert set(office.members.all()) == {officer, colleague}


def test_office_staff_cannot_move_their_office_to_a_higher_unit(client, demo):
    officer = _staff(demo.city_officer)
    client.force_login(officer)
    office = demo.city_office

    client.post(
        reverse("admin:centers_office_change", args=[office.pk]),
        _office_form(office, []) | {"unit": demo.province.pk, "valid_until": ""},
    )

    office.refresh_from_db()
    assert office.unit == demo.city
    assert office.valid_until == datetime.date(2025, 6, 30)


def test_office_members_add_keeps_working(demo):
    user = UserFactory()

    demo.city_office.members.add(user)

    assert demo.city_office.members.filter(pk=user.pk).exists()


def test_office_staff_cannot_change_their_own_appointment_at_a_center_of_theirs(client, demo):
    officer = _staff(demo.city_officer)
    own = AppointmentFactory(
        center=demo.thach_trung_center,
        user=officer,
        role=AppointmentRole.COLLABORATOR,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    client.force_login(officer)

    response = client.post(
        reverse("admin:centers_appointment_change", args=[own.pk]),
        _appointment_form(own.center, None, full_name=own.full_name, role=AppointmentRole.DIRECTOR),
    )

    assert response.status_code == 403
    own.refresh_from_db()
    assert own.role == AppointmentRole.COLLABORATOR
