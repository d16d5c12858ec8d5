"""Every URL of the project, requested as every role, against one table.

A = the Thạch Trung center (2020–2025), whose 2020-Q4 report is waiting
for approval; the Phòng GD&ĐT thành phố Hà Tĩnh is the office over A.
Each cell is what that role must get: "ok" (200, or a redirect to its own
page), "login" (sent to the login page), 403 (may see, may not change),
404 (may not know it exists), 405 (wrong method). A URL pattern missing
from the table fails the test, so a view added later must be placed — and
scoped — here before it can land.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from centers.models import AppointmentRole, LearningCenter, User
from courses.models import Activity, Course
from tests.factories import AppointmentFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "director_a",
    "staff_a",
    "director_b",
    "office_over_a",
    "office_not_over_a",
    "province_office",
    "admin",
]

# Reading A's pages as the center's own people, an office over it, or an admin.
READ = {
    "anonymous": "login",
    "director_a": "ok",
    "staff_a": "ok",
    "director_b": 404,
    "office_over_a": "ok",
    "office_not_over_a": 404,
    "province_office": "ok",
    "admin": "ok",
}
# Writing A's records: its writing staff only; offices and admins read.
WRITE = READ | {"office_over_a": 403, "province_office": 403, "admin": 403}
# Pages every signed-in user has (their own home, their own lists).
OWN = dict.fromkeys(ROLES, "ok") | {"anonymous": "login"}
POST_ONLY = dict.fromkeys(ROLES, 405) | {"anonymous": "login"}

# -- Excel reports (branch excel): downloads and background exports. ----------------
# The office dashboard's download follows the dashboard; the reports page is
# for office users (each picks within their own scope); a center's report
# follows its page; an export is its requester's alone (office_over_a's).
OFFICE_DASHBOARD = {
    "anonymous": "login",
    "director_a": 404,
    "staff_a": 404,
    "director_b": 404,
    "office_over_a": "ok",
    "office_not_over_a": 404,
    "province_office": 404,
    "admin": "ok",
}
REQUESTER_ONLY = dict.fromkeys(ROLES, 404) | {"anonymous": "login", "office_over_a": "ok"}
EXCEL = {
    "reports:office_export": OFFICE_DASHBOARD,
    "reports:report_form": OWN | {"director_a": 404, "staff_a": 404, "director_b": 404},
    "reports:center_report_export": READ,
    "reports:export_status": REQUESTER_ONLY,
    "reports:export_download": REQUESTER_ONLY,
}
EXCEL_ROUTES = {"export_status", "export_download"}

EXPECTED = {
    "home": OWN,
    "login": dict.fromkeys(ROLES, "ok"),
    "logout": dict.fromkeys(ROLES, 405),
    "centers:center_list": OWN,
    "centers:center_detail": READ,
    "courses:choose_center": OWN,
    "courses:dashboard": READ,
    "courses:course_list": READ,
    "courses:course_create": WRITE,
    "courses:course_detail": READ,
    "courses:course_edit": WRITE,
    "courses:course_delete": WRITE,
    "courses:course_history": READ,
    "courses:activity_list": READ,
    "courses:activity_create": WRITE,
    "courses:activity_detail": READ,
    "courses:activity_edit": WRITE,
    "courses:activity_delete": WRITE,
    "courses:activity_history": READ,
    "courses:campaign": READ,
    "courses:submission_list": READ,
    "courses:submission": READ,
    "reports:office_dashboard": {
        "anonymous": "login",
        "director_a": 404,
        "staff_a": 404,
        "director_b": 404,
        "office_over_a": "ok",
        "office_not_over_a": 404,
        "province_office": 404,  # the Sở has its own dashboard, not the Phòng's
        "admin": "ok",
    },
    "reports:office_remind": POST_ONLY,
    "reports:office_extend": POST_ONLY,
    **EXCEL,
}
# Not ours to scope: Django's admin (staff-only, tested in its own module),
# the language switch and the admin's own views.
IGNORED_NAMESPACES = {"admin"}
IGNORED_NAMES = {"set_language"}


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def project_url_names() -> set[str]:
    return {
        name
        for name in _names(get_resolver().url_patterns)
        if name.split(":")[0] not in IGNORED_NAMESPACES and name not in IGNORED_NAMES
    }


def test_every_url_pattern_is_in_the_table():
    assert project_url_names() == set(EXPECTED)


@pytest.fixture
def world(demo):
    center_a = demo.thach_trung_center
    staff_a = UserFactory(username="canbo.thachtrung")
    AppointmentFactory(
        center=center_a,
        user=staff_a,
        role=AppointmentRole.STAFF,
        full_name="Trần Thị Lan",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2025, 6, 30),
    )
    other_office = OfficeFactory(members=[UserFactory(username="phonggd.khac")])
    users = {
        "anonymous": None,
        "director_a": demo.director,
        "staff_a": staff_a,
        "director_b": User.objects.get(username="giamdoc.dongmon"),
        "office_over_a": demo.city_officer,
        "office_not_over_a": other_office.members.get(),
        "province_office": demo.province_officer,
        "admin": demo.admin,
    }
    course = Course.objects.filter(center=center_a, start_date__month=11).first()
    activity = Activity.objects.filter(center=center_a, date__month=12).first()
    kwargs = {
        "center_pk": center_a.pk,
        "course": {"pk": course.pk},
        "activity": {"pk": activity.pk},
        "slug": "tuan-le-hoc-tap-suot-doi-2020",
        "period_key": "2020-Q4",
        "office_pk": demo.city_office.pk,
    }
    kwargs["export"] = {"pk": _finished_export(demo.city_officer).pk}
    return users, kwargs, center_a


def _finished_export(user):
    """A finished background export of office_over_a's (the Excel rows)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from reports.models import Export, ExportStatus, exports_storage

    storage = exports_storage()
    name = storage.save("matrix/probe.csv", ContentFile(b"\xef\xbb\xbfSTT\n"))
    return Export.objects.create(
        requested_by=user,
        params={},
        key="matrix",
        label="probe",
        status=ExportStatus.DONE,
        file=name,
        filename="probe.csv",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )


def _url(name: str, kwargs: dict, center_a: LearningCenter) -> str:
    route = name.split(":")[-1]
    if route in {"course_detail", "course_edit", "course_delete", "course_history"}:
        return reverse(name, kwargs=kwargs["course"])
    if route in {"activity_detail", "activity_edit", "activity_delete", "activity_history"}:
        return reverse(name, kwargs=kwargs["activity"])
    if route == "center_detail":
        return reverse(name, kwargs={"pk": center_a.pk})
    if route == "campaign":
        return reverse(name, kwargs={"center_pk": center_a.pk, "slug": kwargs["slug"]})
    if route == "submission":
        return reverse(name, kwargs={"center_pk": center_a.pk, "period_key": "2020-Q4"})
    if route in EXCEL_ROUTES:
        return reverse(name, kwargs=kwargs["export"])
    if route == "center_report_export":
        return reverse(name, kwargs={"center_pk": center_a.pk, "period_key": "2020-Q4"})
    if route.startswith("office_"):
        return reverse(name, kwargs={"office_pk": kwargs["office_pk"]})
    if name in {"home", "login", "logout", "centers:center_list", "courses:choose_center"} | {
        "reports:report_form"
    }:
        return reverse(name)
    return reverse(name, kwargs={"center_pk": center_a.pk})


def _outcome(response, url: str):
    if response.status_code == 302:
        if response.url.startswith(reverse("login")):
            return "login"
        return "ok"
    if response.status_code == 200:
        return "ok"
    return response.status_code


def test_every_url_answers_every_role_as_the_table_says(client, world):
    users, kwargs, center_a = world
    from courses.models import Campaign

    kwargs["slug"] = Campaign.objects.get(start_date__year=2020).slug
    actual, expected = {}, {}
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for name in sorted(EXPECTED):
            url = _url(name, kwargs, center_a)
            actual[(name, role)] = _outcome(client.get(url), url)
            expected[(name, role)] = EXPECTED[name][role]

    wrong = {key: (actual[key], expected[key]) for key in expected if actual[key] != expected[key]}
    assert wrong == {}, "(url, role): (got, expected)"


@pytest.mark.parametrize(
    ("role", "status"), [("director_b", 404), ("office_not_over_a", 404), ("office_over_a", 403)]
)
def test_posting_to_a_courses_edit_page_follows_the_same_table(client, world, role, status):
    users, kwargs, _center_a = world
    client.force_login(users[role])
    course = Course.objects.get(pk=kwargs["course"]["pk"])

    response = client.post(
        reverse("courses:course_edit", kwargs=kwargs["course"]), {"title": "Bị sửa trái phép"}
    )

    assert response.status_code == status
    course.refresh_from_db()
    assert course.title != "Bị sửa trái phép"


@pytest.mark.parametrize("role", ["director_a", "director_b", "office_not_over_a"])
def test_only_the_office_may_post_a_reminder(client, world, role):
    users, kwargs, center_a = world
    client.force_login(users[role])
    url = reverse("reports:office_remind", kwargs={"office_pk": kwargs["office_pk"]})

    response = client.post(url, {"center": center_a.pk, "period": "2020-Q4"})

    assert response.status_code == 404
