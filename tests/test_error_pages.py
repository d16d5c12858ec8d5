"""The error pages with DEBUG off: Vietnamese, in the site's layout, with a
way home and no English "Not Found" anywhere — the title included. An
unknown address is a 404 for anyone, signed in or not, never a redirect
to a login page; the 500 page renders without touching the database."""

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import path, reverse

from config import errors
from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def _fails(request):
    raise RuntimeError("a bug")


def _bad(request):
    raise SuspiciousOperation("a forged request")


def _refuses(request):
    raise PermissionDenied


def _missing(request):
    raise Http404


# This module is also the URLconf of the tests marked below: the site's
# routes, its handlers, and views that fail in each way.
urlpatterns = [
    path("test/fails/", _fails),
    path("test/bad/", _bad),
    path("test/refuses/", _refuses),
    path("test/missing/", _missing),
    *site_urlpatterns,
]

ENGLISH = ["Not Found", "Not found", "Bad Request", "Forbidden", "Server Error", "Resolver404"]
ENGLISH += ["Http404", "PermissionDenied", "was not found on this server", "matches the given"]


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _assert_vietnamese_page(response, status: int, heading: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert _title(html).startswith(heading), _title(html)
    assert f'<h1 class="h4">{heading}</h1>' in html
    assert 'href="/">Về trang chủ</a>' in html  # the way home
    assert 'class="navbar' in html  # the site's layout
    for word in ENGLISH:
        assert word not in html, word
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/khong-co-trang-nay/", "/admin/khong-co/", "/centers/x/"])
def test_an_unknown_address_is_the_vietnamese_404_for_a_visitor(client, address):
    response = client.get(address)

    html = _assert_vietnamese_page(response, 404, "Không tìm thấy trang")
    assert "data-reason" not in html  # no class name or pattern list as a "reason"


@pytest.mark.parametrize("address", ["/khong-co-trang-nay/", "/admin/khong-co/", "/centers/99999/"])
def test_an_unknown_address_is_the_vietnamese_404_when_signed_in(client, demo, address):
    client.force_login(demo.admin)

    response = client.get(address)

    html = _assert_vietnamese_page(response, 404, "Không tìm thấy trang")
    assert "Quản trị" in html  # the signed-in user's menu is there


def test_a_404_with_a_reason_written_for_people_shows_it(client, demo):
    client.force_login(demo.director)
    address = reverse("courses:submission", args=[demo.thach_trung_center.pk, "2020-Q9"])

    html = _assert_vietnamese_page(client.get(address), 404, "Không tìm thấy trang")

    assert re.search(r"<p class=\"lead\" data-reason>[^<]*2020-Q9", html)


def test_a_refusal_is_the_vietnamese_403_with_its_reason(client, demo):
    client.force_login(demo.city_officer)  # reads the center's records, changes none

    response = client.get(reverse("courses:course_create", args=[demo.thach_trung_center.pk]))

    html = _assert_vietnamese_page(response, 403, "Không được phép")
    assert "nhưng không được thay đổi" in html


@pytest.mark.django_db
@pytest.mark.urls("tests.test_error_pages")
def test_each_kind_of_failure_has_its_vietnamese_page():
    client = Client(raise_request_exception=False)

    _assert_vietnamese_page(client.get("/test/fails/"), 500, "Đã có lỗi ở phía hệ thống")
    _assert_vietnamese_page(client.get("/test/bad/"), 400, "Yêu cầu không hợp lệ")
    _assert_vietnamese_page(client.get("/test/refuses/"), 403, "Không được phép")
    _assert_vietnamese_page(client.get("/test/missing/"), 404, "Không tìm thấy trang")


@pytest.mark.django_db
def test_a_forged_host_is_the_vietnamese_400(client):
    response = client.get("/", HTTP_HOST="evil.example")

    _assert_vietnamese_page(response, 400, "Yêu cầu không hợp lệ")


@pytest.mark.django_db
def test_a_form_sent_without_its_token_is_the_vietnamese_403(demo):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "a", "password": "b"})

    _assert_vietnamese_page(response, 403, "Biểu mẫu đã hết hạn")


def test_the_500_page_renders_without_the_database():
    """No `db` fixture: any query here fails the test. The 500 page is what
    people see when the database itself is down."""
    request = RequestFactory().get("/somewhere/")

    response = errors.server_error(request)

    _assert_vietnamese_page(response, 500, "Đã có lỗi ở phía hệ thống")
