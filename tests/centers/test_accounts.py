"""Accounts (issue 9, hole 9): password change and reset by email in
Vietnamese, rate-limited, never saying whether an address exists; the
office's own reset and unlock for its centers' accounts, recorded; no empty
SECRET_KEY in production."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from centers.models import AccountAction, AccountActionKind
from tests.factories import UserFactory
from tests.test_settings import _manage

pytestmark = pytest.mark.django_db

PASSWORD = "HocTapSuotDoi2020"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _reset(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def test_a_reset_mail_in_vietnamese_leads_to_a_new_password(
    client, demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(client, "maivandi@example.com")
    assert response.status_code == 302  # no director email on the account yet
    demo.director.email = "maivandi@example.com"
    demo.director.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(client, "maivandi@example.com")

    assert response.url == reverse("password_reset_done")
    sent = mail.outbox[-1]
    assert sent.to == ["maivandi@example.com"] and "mật khẩu mới" in sent.subject
    link = re.search(r"https?://\S+", sent.body).group(0)
    form = client.get(link, follow=True)
    assert "Chọn mật khẩu mới" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Lop-hoc-2026!", "new_password2": "Lop-hoc-2026!"},
    )
    assert done.status_code == 302
    demo.director.refresh_from_db()
    assert demo.director.check_password("Lop-hoc-2026!")


def test_a_reset_never_says_whether_the_address_exists(client, demo):
    demo.director.email = "maivandi@example.com"
    demo.director.save()

    known = _reset(client, "maivandi@example.com")
    unknown = _reset(client, "khongco@example.com")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    page = client.get(known.url).content.decode()
    assert "Nếu có tài khoản dùng địa chỉ này" in page


def test_resets_are_rate_limited_per_address_and_per_client(client, demo, settings, monkeypatch):
    settings.PASSWORD_RESET_PER_ADDRESS = 2
    settings.PASSWORD_RESET_PER_IP = 4
    demo.director.email = "maivandi@example.com"
    demo.director.save()
    sent = []
    monkeypatch.setattr(
        "centers.accounts.OutboxPasswordResetForm.send_mail", lambda self, *a, **k: sent.append(a)
    )

    answers = [_reset(client, "maivandi@example.com").status_code for _ in range(4)]
    refused = _reset(client, "khac@example.com")

    assert answers == [302, 302, 302, 302]  # the same answer, though not sent
    assert len(sent) == 2
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.content.decode()


def test_a_signed_in_user_changes_the_password_in_vietnamese(client, demo):
    client.force_login(demo.director)

    page = client.get(reverse("password_change"))
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "Lop-hoc-2026!", "new_password2": "Lop-hoc-2026!"},
    )
    right = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Lop-hoc-2026!",
            "new_password2": "Lop-hoc-2026!",
        },
    )

    assert "Đổi mật khẩu" in page.content.decode()
    assert wrong.status_code == 200 and wrong.context["form"].errors["old_password"]
    assert right.status_code == 302
    demo.director.refresh_from_db()
    assert demo.director.check_password("Lop-hoc-2026!")


def test_guessing_the_current_password_is_rate_limited(client, demo, settings):
    settings.PASSWORD_CHANGE_PER_QUARTER_HOUR = 3
    client.force_login(demo.director)
    data = {"old_password": "sai", "new_password1": "Lop-hoc-2026!", "new_password2": "x"}

    codes = [client.post(reverse("password_change"), data).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def _accounts_url(office, user=None, action=None) -> str:
    if user is None:
        return reverse("centers:office_accounts", args=[office.pk])
    return reverse(f"centers:office_account_{action}", args=[office.pk, user.pk])


def test_the_office_gives_a_director_a_new_password_once_and_records_it(client, demo):
    client.force_login(demo.city_officer)

    listing = client.get(_accounts_url(demo.city_office))
    response = client.post(_accounts_url(demo.city_office, demo.director, "password"))

    assert demo.director in [account for account, _locked in listing.context["rows"]]
    password = response.context["password"]
    assert response.headers["Cache-Control"] == "no-store"
    demo.director.refresh_from_db()
    assert demo.director.check_password(password)
    action = AccountAction.objects.get()
    assert (action.actor, action.user, action.kind) == (
        demo.city_officer,
        demo.director,
        AccountActionKind.PASSWORD_RESET,
    )


def test_the_office_clears_a_lockout_and_records_it(client, demo):
    for _ in range(5):
        client.post(reverse("login"), {"username": demo.director.username, "password": "sai"})
    assert AccessAttempt.objects.filter(username=demo.director.username).exists()
    client.force_login(demo.city_officer)

    listing = client.get(_accounts_url(demo.city_office))
    response = client.post(_accounts_url(demo.city_office, demo.director, "unlock"))

    assert dict(listing.context["rows"])[demo.director] is True
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=demo.director.username).exists()
    assert AccountAction.objects.get().kind == AccountActionKind.LOCKOUT_CLEARED
    client.logout()
    login = client.post(
        reverse("login"), {"username": demo.director.username, "password": PASSWORD}
    )
    assert login.status_code == 302


def test_the_office_cannot_reset_accounts_outside_its_centers(client, demo):
    stranger = UserFactory(username="nguoi.la")
    client.force_login(demo.city_officer)

    for target in (stranger, demo.province_officer, demo.admin, demo.city_officer):
        response = client.post(_accounts_url(demo.city_office, target, "password"))
        assert response.status_code == 404
    assert not AccountAction.objects.exists()


def test_a_center_director_has_no_accounts_page(client, demo):
    client.force_login(demo.director)

    assert client.get(_accounts_url(demo.city_office)).status_code == 404
    response = client.post(_accounts_url(demo.city_office, demo.director, "password"))
    assert response.status_code == 404


@pytest.mark.parametrize("secret", ["", "   ", "short"])
def test_an_empty_or_short_secret_key_is_refused_at_startup(secret):
    result = _manage("check", DEBUG="false", SECRET_KEY=secret, ALLOWED_HOSTS="x")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_office_cannot_reset_a_colleague_appointed_at_one_of_its_centers(client, demo):
    from centers.models import AppointmentRole
    from tests.factories import AppointmentFactory

    colleague = UserFactory(username="phonggd.dongnghiep")
    demo.city_office.members.add(colleague)
    staff_user = UserFactory(username="canbo.quantri", is_staff=True)
    for user in (colleague, staff_user, demo.province_officer):
        AppointmentFactory(
            center=demo.thach_trung_center, user=user, role=AppointmentRole.COLLABORATOR
        )
    client.force_login(demo.city_officer)

    listing = client.get(_accounts_url(demo.city_office))
    for target in (colleague, staff_user, demo.province_officer):
        response = client.post(_accounts_url(demo.city_office, target, "password"))
        assert response.status_code == 404

    listed = {account for account, _locked in listing.context["rows"]}
    assert not listed & {colleague, staff_user, demo.province_officer}
    assert not AccountAction.objects.exists()


def _issue_password(client, demo) -> str:
    client.force_login(demo.city_officer)
    response = client.post(_accounts_url(demo.city_office, demo.director, "password"))
    client.logout()
    return response.context["password"]


def _sign_in(client, username: str, password: str) -> bool:
    """Through the login form, as the user would (django-axes checks it)."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def test_a_password_the_office_issued_must_be_changed_before_anything_else(client, demo):
    issued = _issue_password(client, demo)
    demo.director.refresh_from_db()
    assert demo.director.must_change_password
    client.force_login(demo.city_officer)
    listing = client.get(_accounts_url(demo.city_office)).content.decode()
    assert listing.count("data-issued") == 1 and "mật khẩu được cấp chưa đổi" in listing
    client.logout()

    assert _sign_in(client, demo.director.username, issued)
    home = client.get("/")
    course_list = client.get(reverse("courses:course_list", args=[demo.thach_trung_center.pk]))
    posted = client.post(reverse("courses:course_create", args=[demo.thach_trung_center.pk]), {})
    admin_change = client.get(reverse("admin:password_change"))
    form = client.get(reverse("password_change"))

    change = reverse("password_change")
    assert [r.status_code for r in (home, course_list, posted, admin_change)] == [302] * 4
    assert {r.url for r in (home, course_list, posted, admin_change)} == {change}
    assert "Hãy chọn mật khẩu của riêng bạn" in form.content.decode()
    new = {
        "old_password": issued,
        "new_password1": "Lop-hoc-2026!",
        "new_password2": "Lop-hoc-2026!",
    }
    assert client.post(change, new).url == reverse("password_change_done")
    demo.director.refresh_from_db()
    assert not demo.director.must_change_password
    assert client.get("/").status_code in (200, 302)
    assert client.get("/", follow=True).request["PATH_INFO"] != change


def test_signing_out_and_the_language_work_before_the_change(client, demo):
    issued = _issue_password(client, demo)
    assert _sign_in(client, demo.director.username, issued)

    language = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    signed_out = client.post(reverse("logout"))

    assert language.status_code == 302 and language.url == "/"
    assert signed_out.status_code == 302 and signed_out.url != reverse("password_change")


def test_a_reset_by_mail_is_the_users_own_password(
    client, demo, django_capture_on_commit_callbacks
):
    _issue_password(client, demo)
    demo.director.refresh_from_db()
    assert demo.director.must_change_password
    demo.director.email = "maivandi@example.com"
    demo.director.save()
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, "maivandi@example.com")
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    form = client.get(link, follow=True)

    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Lop-hoc-2026!", "new_password2": "Lop-hoc-2026!"},
    )

    demo.director.refresh_from_db()
    assert demo.director.check_password("Lop-hoc-2026!")
    assert not demo.director.must_change_password


def test_the_issued_password_cannot_be_kept_as_ones_own(client, demo):
    issued = _issue_password(client, demo)
    assert _sign_in(client, demo.director.username, issued)

    same = {"old_password": issued, "new_password1": issued, "new_password2": issued}
    response = client.post(reverse("password_change"), same)

    assert response.status_code == 200
    assert "khác mật khẩu hiện tại" in response.content.decode()
    demo.director.refresh_from_db()
    assert demo.director.must_change_password


def test_a_cache_that_does_not_answer_lets_the_password_pages_work(client, demo, caplog):
    from django.test import override_settings

    dead_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    client.force_login(demo.director)
    data = {"old_password": "sai", "new_password1": "Lop-hoc-2026!", "new_password2": "x"}

    with override_settings(CACHES=dead_redis):
        response = client.post(reverse("password_change"), data)

    assert response.status_code == 200  # the form again, with its errors: not a 500
    assert "not counted: the cache did not answer" in caplog.text
