"""A director on a phone adds a course, corrects a mistake without retyping,
and sees the course in the list and in the dashboard's totals."""

import re

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(transactional_db):
    from centers.demo import seed_demo
    from courses.demo import ensure_topics

    seed_demo()
    ensure_topics()


def _log_in(page, base_url):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("giamdoc.thachtrung")
    page.get_by_label("Mật khẩu").fill("HocTapSuotDoi2020")
    page.get_by_role("button", name="Đăng nhập").click()


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_director_adds_a_course_on_a_phone_and_fixes_a_mistake(live_server, demo_site, phone):
    page = phone
    _log_in(page, live_server.url)
    page.get_by_role("heading", name="Trung tâm học tập cộng đồng phường Trần Phú").wait_for()
    assert _fits_the_phone(page)

    page.get_by_role("link", name="Thêm lớp học / chuyên đề").click()
    page.get_by_label("Tên lớp học / chuyên đề").fill("Hướng dẫn sử dụng VNeID")
    page.get_by_label("Lĩnh vực").select_option(label="Kỹ năng số, chuyển đổi số")
    page.get_by_label("Hình thức").select_option(label="chuyên đề")
    assert page.get_by_label("Ngày bắt đầu").input_value() == timezone.localdate().strftime(
        "%d/%m/%Y"
    )
    page.get_by_label("Tổng số").fill("45")
    page.get_by_label("Trong đó nữ").fill("60")  # a mistake: more women than in all
    page.get_by_label("Trong đó dân tộc thiểu số").fill("3")
    page.get_by_text("Báo cáo viên, địa điểm, kinh phí, ghi chú").click()
    page.get_by_label("Giảng viên / báo cáo viên").fill("Công an phường Trần Phú")
    page.get_by_role("button", name="Lưu").click()

    page.get_by_text("Số lượt nữ không thể lớn hơn tổng số lượt người học.").wait_for()
    assert page.get_by_label("Tên lớp học / chuyên đề").input_value() == "Hướng dẫn sử dụng VNeID"
    assert page.get_by_label("Tổng số").input_value() == "45"
    assert page.get_by_label("Giảng viên / báo cáo viên").input_value() == (
        "Công an phường Trần Phú"
    )
    assert _fits_the_phone(page)

    women = page.get_by_label("Trong đó nữ")
    women.fill("30")
    women.press("Enter")  # the keyboard submits the form

    page.get_by_text("Đã lưu: Hướng dẫn sử dụng VNeID").wait_for()
    page.get_by_label("Đường dẫn").get_by_role("link", name="Lớp học").click()
    row = page.get_by_role("row").filter(has_text="Hướng dẫn sử dụng VNeID")
    assert re.search(r"45\s+30", row.inner_text())
    assert _fits_the_phone(page)

    page.get_by_role("link", name="CLC Tracker").first.click()
    month = page.locator("[data-totals=month]")
    assert month.locator("[data-figure=courses]").inner_text() == "1"
    assert month.locator("[data-figure=total]").inner_text() == "45"
    assert month.locator("[data-figure=women]").inner_text() == "30"
    assert month.locator("[data-figure=ethnic-minority]").inner_text() == "3"
