"""Every route of the project — the site's and the admin's — requested with
GET and POST as every role, against one table of exact outcomes.

A = the Thạch Trung center (2020–2025), whose 2020-Q4 report is waiting
for approval; the Phòng GD&ĐT thành phố Hà Tĩnh is the office over A.
Roles: anonymous; A's director and staff; another center's director; the
office over A, an office not over A, the province office; the same office
and a staff member of A with `is_staff` and every model permission (the
admin's attackers); the administrator.

An outcome is the status code, and for a redirect where it goes
("302:login", "302:courses:course_detail"). The routes come from the URL
resolver and from the admin registry (each model admin's own URLs, its
actions and its autocomplete fields); a route missing from
`tests/url_matrix_table.py` fails the test, so a view added later must be
placed — and scoped — there before it can land. Run with
`MATRIX_RECORD=path.json` to write what every cell answers today (to
review, never to paste unread).
"""

import datetime
import json
import os
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone

from centers.models import AccountAction, AccountActionKind, Appointment, AppointmentRole, User
from courses.models import (
    Activity,
    Campaign,
    CampaignReport,
    Course,
    DeadlineExtension,
    Submission,
)
from imports.models import ImportBatch
from outbox.services import message_enqueue
from reports.models import (
    Export,
    ExportStatus,
    Reminder,
    Summary,
    SummaryKind,
    SummaryStatus,
    exports_storage,
)
from tests.factories import AppointmentFactory, OfficeFactory, UserFactory
from tests.url_matrix_table import ADMIN_EXPECTED, PAGE_EXPECTED

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "director_a",
    "staff_a",
    "director_b",
    "office_over_a",
    "office_not_over_a",
    "province_office",
    "office_staff_over_a",
    "center_staff_a",
    "admin",
]
METHODS = ["GET", "POST"]
IGNORED_NAMES = {"set_language"}  # Django's language switch: no data, no scope

# Routes that change or end the session or delete: requested last, in this order.
LAST = ["delete", "logout"]


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def page_routes() -> set[str]:
    return {
        name
        for name in _names(get_resolver().url_patterns)
        if not name.startswith("admin:") and name not in IGNORED_NAMES
    }


def admin_routes() -> set[str]:
    """Every URL name of the admin site and of each model admin, each action
    of each model admin ("<model>:action:<name>") and each autocomplete
    field ("autocomplete:<app>.<model>.<field>")."""
    routes = {f"admin:{name}" for name in _names(admin.site.get_urls()) if name}
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        actions = {
            "delete_selected",
            *(a if isinstance(a, str) else a.__name__ for a in model_admin.actions or []),
        }
        routes |= {f"{label}:action:{name}" for name in actions}
        routes |= {f"autocomplete:{label}.{field}" for field in model_admin.autocomplete_fields}
    return routes


def test_every_page_route_has_an_expectation():
    assert page_routes() == set(PAGE_EXPECTED)


def test_every_admin_route_has_an_expectation():
    assert admin_routes() == set(ADMIN_EXPECTED)


def test_every_cell_names_every_role_and_method():
    for table in (PAGE_EXPECTED, ADMIN_EXPECTED):
        for route, methods in table.items():
            assert set(methods) == set(METHODS), route
            for method in METHODS:
                assert set(methods[method]) == set(ROLES), (route, method)


# -- the world every role is tried in -----------------------------------------


def _all_permissions(user: User) -> User:
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.all())
    return user


@pytest.fixture
def world(demo):
    center_a = demo.thach_trung_center
    term = {"start_date": datetime.date(2020, 1, 1), "end_date": datetime.date(2025, 6, 30)}
    staff_a = UserFactory(username="canbo.thachtrung")
    AppointmentFactory(
        center=center_a, user=staff_a, role=AppointmentRole.STAFF, full_name="Trần Thị Lan", **term
    )
    center_staff = _all_permissions(UserFactory(username="canbo.quantri.thachtrung"))
    AppointmentFactory(
        center=center_a,
        user=center_staff,
        role=AppointmentRole.STAFF,
        full_name="Lê Văn Quản",
        **term,
    )
    office_staff = _all_permissions(UserFactory(username="phonggd.quantri"))
    demo.city_office.members.add(office_staff)
    other_office = OfficeFactory(members=[UserFactory(username="phonggd.khac")])
    users = {
        "anonymous": None,
        "director_a": demo.director,
        "staff_a": staff_a,
        "director_b": User.objects.get(username="giamdoc.dongmon"),
        "office_over_a": demo.city_officer,
        "office_not_over_a": other_office.members.get(),
        "province_office": demo.province_officer,
        "office_staff_over_a": office_staff,
        "center_staff_a": center_staff,
        "admin": demo.admin,
    }
    objects = _objects(demo, center_a, staff_a)
    return users, objects


def _objects(demo, center_a, staff_a) -> dict:
    course = Course.objects.filter(center=center_a, start_date__month=11).first()
    message = message_enqueue(
        kind="test", recipient="a@example.com", subject="s", body="b", dedupe_key="matrix"
    )
    reminder = Reminder.objects.create(
        center=center_a,
        office=demo.city_office,
        period_key="2020-Q4",
        recipient="a@example.com",
        sent_by=demo.city_officer,
        message=message,
    )
    AccountAction.objects.create(
        actor=demo.city_officer,
        user=demo.director,
        office=demo.city_office,
        kind=AccountActionKind.LOCKOUT_CLEARED,
    )
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.create(
            username="x",
            ip_address="192.0.2.1",
            user_agent="t",
            path_info="/",
            **(
                {"failures_since_start": 1, "get_data": "", "post_data": ""}
                if model is AccessAttempt
                else {}
            ),
        )
    return {
        "course": course,
        "activity": Activity.objects.filter(center=center_a, date__month=12).first(),
        "campaign": Campaign.objects.get(start_date__year=2020),
        "campaignreport": CampaignReport.objects.filter(center=center_a).first(),
        "submission": Submission.objects.get(center=center_a, period_key="2020-Q4"),
        "learningcenter": center_a,
        "administrativeunit": demo.thach_trung,
        "appointment": Appointment.objects.get(user=staff_a),
        "office": demo.city_office,
        "user": demo.director,
        "reminder": reminder,
        "message": message,
        "group": Group.objects.create(name="Nhóm thử"),
        "deadlineextension": DeadlineExtension.objects.create(
            office=demo.city_office,
            period_key="2020-Q4",
            center=center_a,
            deadline=datetime.date(2021, 2, 1),
            reason="Lũ lụt",
            created_by=demo.city_officer,
        ),
        "export": _finished_export(demo.city_officer),
        "summary": Summary.objects.create(
            office=demo.city_office,
            kind=SummaryKind.PERIOD,
            period_key="2020-Q4",
            status=SummaryStatus.SKIPPED,
            reason="Không có địa chỉ",
        ),
        **_schedules(),
        "importbatch": ImportBatch.objects.create(
            kind="courses",
            status="checked",
            created_by=demo.city_officer,
            center=center_a,
            on_behalf=True,
            filename="lop-hoc.xlsx",
            sha256="0" * 64,
        ),
        "center_a": center_a,
        "demo": demo,
    }


def _schedules() -> dict:
    """One of each kind of django-celery-beat schedule (the migrations make
    the crontabs and periodic tasks)."""
    from django_celery_beat.models import ClockedSchedule, IntervalSchedule, SolarSchedule

    return {
        "intervalschedule": IntervalSchedule.objects.create(every=60, period="seconds"),
        "solarschedule": SolarSchedule.objects.create(
            event="sunrise", latitude=18.34, longitude=105.9
        ),
        "clockedschedule": ClockedSchedule.objects.create(clocked_time=timezone.now()),
    }


def _finished_export(user):
    """A finished background export of office_over_a's (its requester)."""
    from django.core.files.base import ContentFile

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


# -- URLs -----------------------------------------------------------------------


def _page_url(name: str, objects: dict) -> str:
    """The URL of a site route about A (its course, activity, campaign,
    report, office …), found by trying the few keyword sets routes use."""
    center_a, demo = objects["center_a"], objects["demo"]
    route = name.split(":")[-1]
    specific = {
        "course_": {"pk": objects["course"].pk},
        "activity_": {"pk": objects["activity"].pk},
        "campaign": {"center_pk": center_a.pk, "slug": objects["campaign"].slug},
        "submission": {"center_pk": center_a.pk, "period_key": "2020-Q4"},
        "center_report_export": {"center_pk": center_a.pk, "period_key": "2020-Q4"},
        "export_": {"pk": objects["export"].pk},
        "batch_": {"pk": objects["importbatch"].pk},
        "import_": {"kind": "courses"},
        "office_account_": {"office_pk": demo.city_office.pk, "user_pk": demo.director.pk},
        "office_": {"office_pk": demo.city_office.pk},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    }
    candidates = [kwargs for prefix, kwargs in specific.items() if route.startswith(prefix)]
    candidates += [{}, {"center_pk": center_a.pk}, {"pk": center_a.pk}]
    for kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"no URL for {name}")


def _admin_request(route: str, objects: dict) -> tuple[str, dict]:
    """The URL and the POST body for an admin route."""
    if route.startswith("autocomplete:"):
        app_label, model_name, field = route.split(":", 1)[1].split(".")
        query = f"?app_label={app_label}&model_name={model_name}&field_name={field}&term=a"
        return reverse("admin:autocomplete") + query, {}
    if ":action:" in route:
        label, _, action = route.partition(":action:")
        app_label, model_name = label.split(".")
        obj = _object_for(app_label, model_name, objects)
        url = reverse(f"admin:{app_label}_{model_name}_changelist")
        return url, {"action": action, "_selected_action": [obj.pk] if obj else []}
    name = route.removeprefix("admin:")
    if name in {"app_list"}:
        return reverse(route, kwargs={"app_label": "courses"}), {}
    if name == "view_on_site":
        course_type = ContentType.objects.get_for_model(Course)
        return reverse(route, args=[course_type.pk, objects["course"].pk]), {}
    if name == "auth_user_password_change":
        return reverse(route, args=[objects["user"].pk]), {}
    app_label, model_name, view = _split_admin_name(name)
    if model_name is None:
        return reverse(route), {}
    obj = _object_for(app_label, model_name, objects)
    if view in {"changelist", "add", "merge"}:
        return reverse(route), {}
    if view == "simple_history":
        version = obj.history.order_by("history_id").first()
        return reverse(route, args=[obj.pk, version.history_id]), {}
    body = {"post": "yes"} if view == "delete" else {}
    return reverse(route, args=[obj.pk]), body


def _split_admin_name(name: str):
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model._meta.app_label, model._meta.model_name, name.removeprefix(prefix)
    return None, None, name


def _object_for(app_label: str, model_name: str, objects: dict):
    if model_name in objects:
        return objects[model_name]
    model = next(
        m for m in admin.site._registry if m._meta.label_lower == f"{app_label}.{model_name}"
    )
    return model.objects.order_by("pk").first()


def _outcome(response):
    code = response.status_code
    if code in (301, 302):
        path = urlsplit(response.url).path
        try:
            return f"{code}:{resolve(path).view_name}"
        except Resolver404:
            return f"{code}:{path}"
    return code


def _order(route: str) -> tuple[int, str]:
    for index, word in enumerate(LAST, start=1):
        if word in route:
            return index, route
    return 0, route


def _run(client, user, requests) -> dict:
    """Each (route, method, url, body) in order, as `user`."""
    actual = {}
    for route, method, url, body in requests:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url) if method == "GET" else client.post(url, body)
        actual[(route, method)] = _outcome(response)
    return actual


def _compare(actual: dict, table: dict, role: str, record_name: str):
    expected = {
        (route, method): table.get(route, {}).get(method, {}).get(role) for route, method in actual
    }
    record = os.environ.get("MATRIX_RECORD")
    if record:
        path = f"{record}.{record_name}.{role}.json"
        with open(path, "w") as handle:
            json.dump({f"{r}|{m}": v for (r, m), v in actual.items()}, handle)
    wrong = {key: (actual[key], expected[key]) for key in expected if actual[key] != expected[key]}
    assert wrong == {}, "(route, method): (got, expected)"


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_every_role_as_the_table_says(client, world, role):
    users, objects = world
    requests = [
        (route, method, _page_url(route, objects), {})
        for route in sorted(page_routes(), key=_order)
        for method in METHODS
    ]

    _compare(_run(client, users[role], requests), PAGE_EXPECTED, role, "pages")


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_route_answers_every_role_as_the_table_says(client, world, role):
    users, objects = world
    requests = []
    for route in sorted(admin_routes(), key=_order):
        url, body = _admin_request(route, objects)
        requests += [(route, "GET", url, {}), (route, "POST", url, body)]

    _compare(_run(client, users[role], requests), ADMIN_EXPECTED, role, "admin")


# -- what the table cannot show: nothing changed behind a refusal ------------------


@pytest.mark.parametrize(
    ("role", "status"), [("director_b", 404), ("office_not_over_a", 404), ("office_over_a", 403)]
)
def test_posting_to_a_courses_edit_page_changes_nothing(client, world, role, status):
    users, objects = world
    client.force_login(users[role])
    course = objects["course"]

    response = client.post(
        reverse("courses:course_edit", args=[course.pk]), {"title": "Bị sửa trái phép"}
    )

    assert response.status_code == status
    course.refresh_from_db()
    assert course.title != "Bị sửa trái phép"
