import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from centers.models import LearningCenter
from tests.factories import CenterFactory

pytestmark = pytest.mark.django_db


def _fail_login(client, username, times):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "sai-mat-khau"})


def test_five_failed_logins_lock_the_account_with_a_vietnamese_message(client, demo):
    _fail_login(client, "giamdoc.thachtrung", 5)

    response = client.post(
        reverse("login"), {"username": "giamdoc.thachtrung", "password": "HocTapSuotDoi2020"}
    )

    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failed_logins_still_let_the_right_password_in(client, demo):
    _fail_login(client, "giamdoc.thachtrung", 4)

    response = client.post(
        reverse("login"), {"username": "giamdoc.thachtrung", "password": "HocTapSuotDoi2020"}
    )

    assert response.status_code == 302


def test_a_wrong_password_gets_a_vietnamese_message(client, demo):
    response = client.post(reverse("login"), {"username": "so.hatinh", "password": "x"})

    assert "mật khẩu chính xác" in response.content.decode()


def test_sessions_expire(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_weak_passwords_are_refused(demo):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678", user=demo.director)


def test_staff_office_user_sees_only_their_centers_in_the_admin(client, demo):
    officer = demo.city_officer
    officer.is_staff = True
    officer.save()
    officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_learningcenter", "view_administrativeunit"])
    )
    outsider = CenterFactory()
    client.force_login(officer)

    response = client.get(reverse("admin:centers_learningcenter_changelist"))

    centers = set(response.context["cl"].queryset)
    assert demo.thach_trung_center in centers
    assert outsider not in centers
    assert len(centers) == LearningCenter.objects.visible_to(officer).count() == 15
    assert client.get(reverse("admin:centers_user_changelist")).status_code == 403
    outsider_url = reverse("admin:centers_learningcenter_change", args=[outsider.pk])
    assert client.get(outsider_url).status_code == 302  # "does not exist" redirect


def test_staff_cannot_create_a_center_for_a_unit_outside_their_scope(client, demo):
    from centers.models import AdministrativeUnit

    officer = demo.city_officer
    officer.is_staff = True
    officer.save()
    officer.user_permissions.add(*Permission.objects.filter(codename__in=["add_learningcenter"]))
    elsewhere = AdministrativeUnit.objects.by_code("18652").get()  # today's unit, not the city's
    client.force_login(officer)
    before = LearningCenter.objects.count()

    response = client.post(
        reverse("admin:centers_learningcenter_add"),
        {
            "name": "Trung tâm lạ",
            "unit": elsewhere.pk,
            "established_on": "01/01/2021",
            "status": "active",
            "appointments-TOTAL_FORMS": "0",
            "appointments-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200  # the form again, with the error
    assert LearningCenter.objects.count() == before


def test_staff_only_read_courses_in_the_admin(client, demo):
    from courses.models import Course

    officer = demo.city_officer
    officer.is_staff = True
    officer.save()
    officer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_course", "change_course", "delete_course", "view_course"]
        )
    )
    course = Course.objects.filter(center=demo.thach_trung_center).first()
    client.force_login(officer)

    assert client.get(reverse("admin:courses_course_changelist")).status_code == 200
    assert client.get(reverse("admin:courses_course_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:courses_course_delete", args=[course.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Course.objects.filter(pk=course.pk).exists()


# -- the lockout behind a reverse proxy (issue 9, hole 3) ----------------------

PROXY = "10.0.0.1"  # every request reaches Django from the proxy


def _login_through_proxy(client, forwarded_for: str, password: str):
    return client.post(
        reverse("login"),
        {"username": "giamdoc.thachtrung", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_an_attacker_locks_only_his_own_address(client, demo, settings):
    settings.REVERSE_PROXY_COUNT = 1
    for _ in range(5):
        _login_through_proxy(client, "198.51.100.7", "sai-mat-khau")

    attacker = _login_through_proxy(client, "198.51.100.7", "HocTapSuotDoi2020")
    director = _login_through_proxy(client, "203.0.113.9", "HocTapSuotDoi2020")

    assert attacker.status_code == 429
    assert director.status_code == 302


def test_a_forged_forwarded_for_does_not_move_the_attacker(client, demo, settings):
    settings.REVERSE_PROXY_COUNT = 1
    for number in range(5):  # the proxy appends the real address after the forged ones
        _login_through_proxy(client, f"192.0.2.{number}, 198.51.100.7", "sai-mat-khau")

    response = _login_through_proxy(client, "203.0.113.9, 198.51.100.7", "HocTapSuotDoi2020")

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "198.51.100.7", PROXY),  # no proxy configured: the header is the client's word
        (1, "", PROXY),  # a request that bypassed the proxy
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "192.0.2.1, 198.51.100.7", "198.51.100.7"),
        (2, "192.0.2.1, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, "not-an-address", PROXY),
        (1, "198.51.100.7:52100", "198.51.100.7"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_proxy_counts_entry_from_the_right(
    rf, settings, count, forwarded, expected
):
    from config.client_ip import client_ip

    settings.REVERSE_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
