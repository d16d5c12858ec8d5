"""From the browser: the city's education office downloads its 2020
summary from the reports page and the Week 2020 campaign report, and its
dashboard's "Tải Excel"; the director downloads Thạch Trung's Quý IV/2020
report from its page, on a phone."""

import pytest

from centers.models import LearningCenter
from tests.reports.excel import data_rows, open_xlsx, texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(transactional_db):
    from courses.demo import seed_demo

    seed_demo()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("HocTapSuotDoi2020")
    page.get_by_role("button", name="Đăng nhập").click()


def _download(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    download = info.value
    with open(download.path(), "rb") as file:
        return download.suggested_filename, file.read()


def test_the_city_office_downloads_its_reports(live_server, demo_site, desktop):
    page = desktop
    _log_in(page, live_server.url, "phonggd.hatinh")
    page.get_by_role("link", name="Báo cáo", exact=True).first.click()

    page.get_by_label("Đơn vị hành chính", exact=True).select_option(
        label="— Thành phố Hà Tĩnh (01/01/2020 – 30/06/2025)"
    )
    page.get_by_label("Kỳ báo cáo", exact=True).fill("2020")
    name, content = _download(page, page.get_by_role("button", name="Tải về").click)

    assert name.endswith(".xlsx")
    rows = data_rows(open_xlsx(content).worksheets[0])
    assert len(rows) == 16 and rows[-1][0] == "Tổng cộng"

    page.get_by_label("Báo cáo", exact=True).select_option(value="campaign")
    page.get_by_label("Kỳ báo cáo", exact=True).fill("campaign:tuan-le-hoc-tap-suot-doi-2020")
    _name, content = _download(page, page.get_by_role("button", name="Tải về").click)
    assert (
        "BÁO CÁO KẾT QUẢ TUẦN LỄ HƯỞNG ỨNG HỌC TẬP SUỐT ĐỜI NĂM 2020"
        in " ".join(texts(open_xlsx(content).worksheets[0])).upper()
    )

    page.goto(f"{live_server.url}/")
    page.get_by_label("Kỳ báo cáo", exact=True).select_option(value="2020-Q4")
    page.get_by_role("button", name="Xem").click()
    _name, content = _download(page, page.get_by_role("link", name="Tải Excel").click)
    assert len(data_rows(open_xlsx(content).worksheets[0])) == 16


def test_the_director_downloads_the_q4_report_on_a_phone(live_server, demo_site, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    _log_in(page, live_server.url, "giamdoc.thachtrung")
    center = LearningCenter.objects.get(unit__code="18088").pk  # Thạch Trung (2020–2025)
    page.goto(f"{live_server.url}/centers/{center}/reports/2020-Q4/")

    _name, content = _download(
        page, page.get_by_role("link", name="Tải Excel (để in, ký và đóng dấu)").click
    )

    assert "Mai Văn Di" in texts(open_xlsx(content).worksheets[0])
    context.close()
