"""The city's education office approves Thạch Trung's report for 2020-Q4
from its dashboard; the director then finds the period locked, with the
reason and whom to ask, when he tries to change a November course."""

import re

import pytest

from courses.models import Course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(transactional_db):
    from courses.demo import seed_demo

    seed_demo()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("HocTapSuotDoi2020")
    page.get_by_role("button", name="Đăng nhập").click()


def test_the_office_approves_and_the_director_meets_the_lock(
    live_server, demo_site, desktop, phone
):
    office = desktop
    _log_in(office, live_server.url, "phonggd.hatinh")
    office.get_by_role("heading", name="Phòng Giáo dục và Đào tạo thành phố Hà Tĩnh").wait_for()
    office.get_by_label("Kỳ báo cáo", exact=True).select_option(label="Quý IV/2020")
    office.get_by_role("button", name="Xem").first.click()
    office.get_by_role("heading", name=re.compile(r"^Quý IV\/2020")).wait_for()

    row = office.get_by_role("row", name=re.compile("xã Thạch Trung"))
    row.first.get_by_text("đã gửi").wait_for()
    row.first.get_by_role("link", name="Trung tâm học tập cộng đồng xã Thạch Trung").click()
    office.get_by_role("heading", name="Báo cáo Quý IV/2020").wait_for()
    office.get_by_role("button", name="Phê duyệt").click()
    office.get_by_role("heading", name="Phê duyệt báo cáo?").wait_for()
    office.get_by_role("button", name="Xác nhận").click()
    office.get_by_text("Đã phê duyệt báo cáo; kỳ báo cáo đã được khóa.").wait_for()

    director = phone
    _log_in(director, live_server.url, "giamdoc.thachtrung")
    course = Course.objects.get(title="Vệ sinh an toàn thực phẩm")  # 20/11/2020, Thạch Trung
    director.goto(f"{live_server.url}/courses/{course.pk}/")
    lock = director.get_by_role("status").filter(has_text="Kỳ báo cáo Quý IV/2020")
    lock.wait_for()
    text = lock.inner_text()
    assert "đã được Phòng Giáo dục và Đào tạo thành phố Hà Tĩnh phê duyệt ngày" in text
    assert "liên hệ" in text and "để mở lại" in text

    # The edit page shows the record read-only with the reason, no form to save.
    director.goto(f"{live_server.url}/courses/{course.pk}/edit/")
    director.get_by_role("status").filter(has_text="Kỳ báo cáo Quý IV/2020").wait_for()
    assert director.get_by_role("button", name="Lưu").count() == 0
    assert director.get_by_label("Tên lớp học / chuyên đề").count() == 0
    course.refresh_from_db()
    assert course.title == "Vệ sinh an toàn thực phẩm"
