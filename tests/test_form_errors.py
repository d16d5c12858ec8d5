"""Every form shows every error — of each visible field, of each hidden
field and of the form itself — on the page the user gets back.

Each page with a form is requested as its user would submit it, with
every form made to fail on every field and on the whole: the response
(after a redirect, where the view redirects) must contain each message.
A form's error that the template never shows (a hidden field's, one on a
field rendered by hand, the form's own) fails here. Every form class of
the project must be exercised by one of these pages, so a new form is
covered from the day it is added.
"""

import datetime
import uuid

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from centers.models import AdministrativeUnit, LearningCenter, User
from courses.models import Submission
from tests.factories import ActivityFactory, CampaignFactory, CourseFactory, TopicFactory

pytestmark = pytest.mark.django_db

# Text fields whose typed value must come back in the page.
TYPED_TEXT = {"title", "note", "comment", "reason", "q", "books", "on", "into_code", "username"}
PROJECT_APPS = {"centers", "courses", "reports", "outbox", "config"}
# Django's own forms that the site's pages render with its templates.
DJANGO_FORMS_ON_SITE_PAGES = {AuthenticationForm, PasswordChangeForm, SetPasswordForm}


def _field_message(form, name: str) -> str:
    return f"LOI-{type(form).__name__}-{name}"


def _form_message(form) -> str:
    return f"LOI-{type(form).__name__}-ALL"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The password pages count requests per address in the process's cache:
    leave the count as found, so later tests are not refused (429)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def failing_forms(monkeypatch):
    """Every bound form fails on every field and on the whole; the forms
    made are returned so the test knows which messages to look for."""
    made = []
    original = forms.BaseForm.full_clean

    def full_clean(self):
        original(self)
        if not self.is_bound:
            return
        for name in self.fields:
            self.add_error(name, _field_message(self, name))
        self.add_error(None, _form_message(self))
        made.append(self)

    monkeypatch.setattr(forms.BaseForm, "full_clean", full_clean)
    return made


def _expected(form_list) -> set[str]:
    expected = set()
    for form in form_list:
        expected.add(_form_message(form))
        expected.update(_field_message(form, name) for name in form.fields)
    return expected


def _thach_ha_center() -> LearningCenter:
    unit = AdministrativeUnit.objects.by_code("18100").valid_on(datetime.date(2020, 10, 1)).get()
    return LearningCenter.objects.get(unit=unit)


def _reset_link(client, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = client.get(reverse("password_reset_confirm", args=[uid, token]))
    return response.url  # the token moves to the session, the address to "set-password"


def _cases(demo):
    """(description, who, method, url, data) of every page with a form."""
    today = timezone.localdate()
    new, old = demo.tran_phu_center, demo.thach_trung_center
    topic = TopicFactory(name="Kỹ năng số")
    course = CourseFactory(center=new, topic=topic, start_date=today)
    activity = ActivityFactory(center=new, date=today)
    campaign = CampaignFactory(
        slug="tuan-le-nay",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=5),
        report_deadline=today + datetime.timedelta(days=14),
    )
    approved = Submission.objects.get(center=_thach_ha_center(), period_key="2020-Q4")
    assert approved.status == "approved"
    office = demo.city_office.pk
    return [
        (
            "course form",
            demo.director,
            "post",
            reverse("courses:course_create", args=[new.pk]),
            {"title": "Kỹ năng số", "form_token": str(uuid.uuid4())},
        ),
        (
            "course edit",
            demo.director,
            "post",
            reverse("courses:course_edit", args=[course.pk]),
            {"title": "x", "version": "1"},
        ),
        (
            "activity form",
            demo.director,
            "post",
            reverse("courses:activity_create", args=[new.pk]),
            {"title": "Họp", "form_token": str(uuid.uuid4())},
        ),
        (
            "activity edit",
            demo.director,
            "post",
            reverse("courses:activity_edit", args=[activity.pk]),
            {"title": "x", "version": "1"},
        ),
        (
            "campaign report",
            demo.director,
            "post",
            reverse("courses:campaign", args=[new.pk, campaign.slug]),
            {"books": "12.000"},
        ),
        (
            "course filter",
            demo.director,
            "get",
            reverse("courses:course_list", args=[new.pk]),
            {"q": "lac"},
        ),
        (
            "activity filter",
            demo.director,
            "get",
            reverse("courses:activity_list", args=[new.pk]),
            {"q": "hop"},
        ),
        (
            "report: prepare",
            demo.director,
            "post",
            reverse("courses:submission", args=[new.pk, "2025-Q4"]),
            {"action": "prepare", "note": "Đã tổng hợp"},
        ),
        (
            "report: return",
            demo.city_officer,
            "post",
            reverse("courses:submission", args=[old.pk, "2020-Q4"]),
            {"action": "return", "comment": "Thiếu số liệu"},
        ),
        (
            "report: reopen",
            demo.city_officer,
            "post",
            reverse("courses:submission", args=[approved.center_id, "2020-Q4"]),
            {"action": "reopen", "reason": "Sai số"},
        ),
        (
            "office dashboard filter",
            demo.city_officer,
            "get",
            reverse("reports:office_dashboard", args=[office]),
            {"period": "2020-Q4", "q": "thach"},
        ),
        (
            "deadline extension",
            demo.city_officer,
            "post",
            reverse("reports:office_extend", args=[office]),
            {"period": "2020-Q4", "deadline": "20/01/2021", "reason": "Tết"},
        ),
        (
            "reminder",
            demo.city_officer,
            "post",
            reverse("reports:office_remind", args=[office]),
            {"period": "2020-Q4", "center": str(old.pk)},
        ),
        (
            "reports page",
            demo.city_officer,
            "get",
            reverse("reports:report_form"),
            {"kind": "summary", "unit": str(demo.city.pk), "period": "2020-Q4"},
        ),
        (
            "centers as of a date",
            demo.city_officer,
            "get",
            reverse("centers:center_list"),
            {"on": "01/10/2020"},
        ),
        (
            "unit merge (admin)",
            demo.admin,
            "post",
            reverse("admin:centers_administrativeunit_merge") + f"?ids={demo.thach_trung.pk}",
            {"into_code": "18100", "on": "01/07/2025"},
        ),
        (
            "password change",
            demo.director,
            "post",
            reverse("password_change"),
            {"old_password": "x", "new_password1": "y", "new_password2": "z"},
        ),
        ("sign in", None, "post", reverse("login"), {"username": "a", "password": "b"}),
        ("password reset", None, "post", reverse("password_reset"), {"email": "a@example.com"}),
        (
            "new password from a reset link",
            None,
            "post",
            _reset_link,
            {"new_password1": "y", "new_password2": "z"},
        ),
    ]


def _project_forms() -> set[type]:
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_APPS:
            found.add(cls)
    return found | DJANGO_FORMS_ON_SITE_PAGES


def test_every_form_shows_every_error_beside_what_was_typed(client, demo, failing_forms):
    missing, exercised = [], set()
    for description, who, method, url, data in _cases(demo):
        client.logout()
        if who is not None:
            client.force_login(who)
        if callable(url):
            url = url(client, demo.director)
        failing_forms.clear()
        response = getattr(client, method)(url, data, follow=True)
        html = response.content.decode()
        assert response.status_code == 200, (description, response.status_code)
        assert failing_forms, f"{description}: no form was bound"
        for form in failing_forms:
            exercised.update(type(form).__mro__)
        shown = sorted(_expected(failing_forms))
        missing += [f"{description}: {m}" for m in shown if m not in html]
        kept = [v for k, v in data.items() if k in TYPED_TEXT and v not in html]
        assert not kept, f"{description}: what was typed is gone: {kept}"

    assert not missing, "errors not shown:\n" + "\n".join(missing)
    assert _project_forms() <= exercised, _project_forms() - exercised


def _center_of(code: str) -> LearningCenter:
    unit = AdministrativeUnit.objects.by_code(code).valid_on(datetime.date(2020, 10, 1)).get()
    return LearningCenter.objects.get(unit=unit)


@pytest.mark.parametrize(
    ("username", "code", "period", "ticked", "message"),
    [
        # Đồng Môn recorded nothing in Quý IV/2020 and did not tick the box.
        ("giamdoc.dongmon", "18103", "2020-Q4", "", "Chưa ghi nhận lớp học, chuyên đề hay"),
        # Thạch Trung recorded courses in Quý III/2020 but ticked the box.
        ("giamdoc.thachtrung", "18088", "2020-Q3", "on", "bỏ chọn “không có hoạt động trong kỳ”"),
    ],
)
def test_signing_a_report_that_contradicts_the_box_says_why_beside_it(
    client, demo, username, code, period, ticked, message
):
    center = _center_of(code)
    client.force_login(User.objects.get(username=username))
    data = {"action": "submit", "note": "Gửi Phòng", "nothing_to_report": ticked}

    response = client.post(reverse("courses:submission", args=[center.pk, period]), data)

    html = response.content.decode()
    assert response.status_code == 200
    form = html[html.index('id="prepare"') :]
    assert message in form[: form.index("</form>")]
    assert "Gửi Phòng" in form  # what was typed is kept
    assert not Submission.objects.filter(
        center=center, period_key=period, status="submitted"
    ).exists()


def test_a_refused_extension_shows_the_dashboard_with_the_reason_beside_the_date(client, demo):
    client.force_login(demo.city_officer)
    url = reverse("reports:office_extend", args=[demo.city_office.pk])

    response = client.post(url, {"period": "2020-Q4", "deadline": "01/12/2020", "reason": "Tết"})

    html = response.content.decode()
    assert response.status_code == 200
    message = "Hạn mới phải sau ngày kết thúc kỳ báo cáo (31/12/2020)"
    assert f'data-field-errors="deadline">{message}' in html
    assert 'value="Tết"' in html and 'value="01/12/2020"' in html
    assert "Quý IV/2020" in html  # the dashboard of the period the form was about
