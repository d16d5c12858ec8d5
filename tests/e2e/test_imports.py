"""From the browser: the city office's specialist downloads the course
template, fills it in, uploads it, reads the dry run's problems by row and
column, corrects the file, confirms, and sees the result; the same pages
fit a 360-px phone."""

import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from courses.models import Course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS")  # a folder: save what the pages look like


@pytest.fixture
def demo_site(transactional_db):
    from courses.demo import seed_demo

    seed_demo()


def _context(browser, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="vi-VN", accept_downloads=True
    )
    context.set_default_timeout(15_000)
    return context


def _log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("HocTapSuotDoi2020")
    page.get_by_role("button", name="Đăng nhập").click()


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _fill(template: bytes, rows: list[dict], path) -> str:
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    sub = [c.value for c in sheet[2]]
    for offset, row in enumerate(rows):
        for label, value in row.items():
            column = headers.index(label) if label in headers else sub.index(label)
            sheet.cell(row=4 + offset, column=column + 1, value=value)
    book.save(path)
    return str(path)


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1


ROW = {
    "Trung tâm học tập cộng đồng": "Trung tâm học tập cộng đồng xã Thạch Trung",
    "Tên lớp học, chuyên đề": "Tập huấn đan lát cho hội phụ nữ",
    "Lĩnh vực": "Khuyến công, dạy nghề ngắn hạn",
    "Hình thức": "Lớp học",
    "Từ ngày": "10/03/2021",
    "Tổng số": "1.200",
    "Nữ": 1500,  # more women than participations: refused
}


@pytest.mark.parametrize("size", [(1366, 768), (360, 740)], ids=["desktop", "phone"])
def test_an_office_specialist_imports_courses_from_the_template(
    live_server, demo_site, browser, tmp_path, size
):
    context = _context(browser, *size)
    page = context.new_page()
    tag = f"{size[0]}"
    _log_in(page, live_server.url, "phonggd.hatinh")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Nhập từ Excel").first.click()
    page.get_by_role("heading", name="Nhập dữ liệu từ Excel").wait_for()
    _shot(page, f"imports-list-{tag}")
    _no_sideways_scroll(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải tệp mẫu").nth(2).click()  # courses
    download = info.value
    assert download.suggested_filename == "mau-nhap-lop-hoc.xlsx"
    template = Path(download.path()).read_bytes()

    page.get_by_role("link", name="Tải tệp lên").nth(2).click()
    page.set_input_files("input[type=file]", _fill(template, [ROW], tmp_path / "sai.xlsx"))
    page.get_by_role("button", name="Kiểm tra tệp").click()

    problems = page.locator("#problems")
    problems.wait_for()
    assert "Nữ" in problems.inner_text()
    assert "Số lượt nữ không thể lớn hơn tổng số lượt người học." in problems.inner_text()
    assert page.get_by_role("button", name="Xác nhận nhập dữ liệu").count() == 0
    _shot(page, f"imports-refused-{tag}")
    _no_sideways_scroll(page)

    page.get_by_role("link", name="Tất cả các lần nhập").click()
    page.get_by_role("link", name="Tải tệp lên").nth(2).click()
    corrected = {**ROW, "Nữ": 700}
    page.set_input_files("input[type=file]", _fill(template, [corrected], tmp_path / "dung.xlsx"))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.get_by_text("Chạy thử không phát hiện vấn đề nào.").wait_for()
    _shot(page, f"imports-checked-{tag}")
    assert not Course.objects.filter(title="Tập huấn đan lát cho hội phụ nữ").exists()

    page.get_by_role("button", name="Xác nhận nhập dữ liệu").click()
    page.get_by_text("Đã nhập: tạo mới 1, đã có sẵn 0.").wait_for()
    _shot(page, f"imports-done-{tag}")
    _no_sideways_scroll(page)
    course = Course.objects.get(title="Tập huấn đan lát cho hội phụ nữ")
    assert course.participants_total == 1200 and course.participants_women == 700
    assert page.get_by_role("button", name="Hoàn tác lần nhập này").is_visible()
    context.close()
