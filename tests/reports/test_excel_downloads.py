"""Downloading the reports: from the office dashboard, the reports page and
a center's report page; background exports for the large ones; the
export_report command; who may have what."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from courses.models import Submission
from reports.models import Export, ExportStatus, exports_storage
from reports.services import exports_expire
from tests.factories import OfficeFactory, UserFactory
from tests.reports.excel import column_index, data_rows, open_xlsx, texts, values

pytestmark = pytest.mark.django_db

CAMPAIGN = "campaign:tuan-le-hoc-tap-suot-doi-2020"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(client, **params):
    return client.get(reverse("reports:report_form"), params)


def _data(content: bytes) -> list[tuple]:
    return data_rows(open_xlsx(content).worksheets[0])


def test_the_city_office_downloads_its_2020_summary_from_the_reports_page(client, demo):
    client.force_login(demo.city_officer)

    response = _form(client, kind="summary", unit=demo.city.pk, period="2020", format="xlsx")

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    ws = open_xlsx(response.content).worksheets[0]
    rows = data_rows(ws)
    assert len(rows) == 16 and rows[-1][0] == "Tổng cộng"  # 15 centers of 2020 and the total
    assert "Thành phố Hà Tĩnh" in texts(ws) and "Năm 2020" in texts(ws)
    assert {r[1] for r in rows[:-1]} >= {"Xã Thạch Trung", "Xã Đồng Môn", "Phường Nguyễn Du"}
    assert "Chuyên viên Phòng GD&ĐT thành phố Hà Tĩnh" in texts(ws)  # người lập biểu


def test_the_city_office_downloads_the_week_2020_campaign_report(client, demo):
    client.force_login(demo.city_officer)

    response = _form(client, kind="campaign", unit=demo.city.pk, period=CAMPAIGN, format="xlsx")

    ws = open_xlsx(response.content).worksheets[0]
    rows = data_rows(ws)
    thach_trung = next(r for r in rows if r[2] == "Trung tâm học tập cộng đồng xã Thạch Trung")
    total = rows[-1]
    books = column_index(ws, "Sách (cuốn)")
    assert thach_trung[books] > 0 and total[books] == sum(r[books] for r in rows[:-1])


def test_the_dashboards_download_has_the_period_and_filters_it_shows(client, demo):
    client.force_login(demo.city_officer)
    url = reverse("reports:office_export", args=[demo.city_office.pk])

    response = client.get(url, {"period": "2020-Q4", "status": "submitted"})

    rows = _data(response.content)
    assert [r[2] for r in rows[:-1]] == ["Trung tâm học tập cộng đồng xã Thạch Trung"]
    dashboard = client.get(reverse("reports:office_dashboard", args=[demo.city_office.pk]), {
        "period": "2020-Q4", "status": "submitted"
    })  # fmt: skip
    assert f"{url}?period=2020-Q4&amp;status=submitted" in dashboard.content.decode()


def test_the_director_downloads_the_signed_q4_report(client, demo):
    client.force_login(demo.director)
    submission = Submission.objects.get(center=demo.thach_trung_center, period_key="2020-Q4")

    response = client.get(
        reverse("reports:center_report_export", args=[demo.thach_trung_center.pk, "2020-Q4"])
    )

    ws = open_xlsx(response.content).worksheets[0]
    figures = {r[1]: r[3] for r in values(ws) if r[0] in {"1", "2", "4"}}
    assert figures["Lớp học, chuyên đề"] == submission.figures["courses"]
    assert figures["Lượt người học"] == submission.figures["participants_total"]
    assert any(t.startswith("Số liệu theo báo cáo do") for t in texts(ws))
    assert "UBND XÃ THẠCH TRUNG" in texts(ws) and "Mai Văn Di" in texts(ws)
    page = client.get(reverse("courses:submission", args=[demo.thach_trung_center.pk, "2020-Q4"]))
    assert "/excel/" in page.content.decode()


def test_the_command_line_writes_the_same_files(client, demo, tmp_path):
    client.force_login(demo.city_officer)
    browser = _form(client, kind="summary", unit=demo.city.pk, period="2020", format="xlsx")
    out = tmp_path / "tong-hop-2020.xlsx"

    call_command("export_report", "summary", "--unit", "436", "--period", "2020", "-o", str(out))

    assert _data(out.read_bytes()) == _data(browser.content)
    campaign = tmp_path / "tuan-le.xlsx"
    call_command(
        "export_report", "campaign", "--unit", "436", "--period", CAMPAIGN, "-o", str(campaign)
    )
    center = tmp_path / "thach-trung.xlsx"
    call_command(
        "export_report", "center", "--center", str(demo.thach_trung_center.pk),
        "--period", "2020-Q4", "-o", str(center),
    )  # fmt: skip
    director = client.get(
        reverse("reports:center_report_export", args=[demo.thach_trung_center.pk, "2020-Q4"])
    )
    assert (
        values(open_xlsx(center.read_bytes()).worksheets[0])[8:40]
        == values(open_xlsx(director.content).worksheets[0])[8:40]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--unit", "99999", "--period", "2020"], "99999"),
        (["summary", "--unit", "436", "--period", "2020-Q5"], "Q1"),
        (["summary", "--unit", "436", "--period", "2026"], "436"),  # no district in 2026
        (["campaign", "--unit", "436", "--period", "2020"], "campaign"),
        (["center", "--period", "2020-Q4"], "--center"),
    ],
)
def test_the_command_refuses_what_it_cannot_answer(demo, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_report", *args, "-o", str(tmp_path / "x.xlsx"))


def test_summary_of_2020_by_code_is_the_city_as_it_was(demo, tmp_path):
    out = tmp_path / "a.csv"

    call_command("export_report", "summary", "--unit", "436", "--period", "2020", "--format", "csv",
                 "-o", str(out))  # fmt: skip

    content = out.read_bytes()
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert "Xã Thạch Trung" in text and "Phường Trần Phú" in text and "Tổng cộng" in text


def test_the_course_list_as_csv_has_the_course_lists_columns(client, demo):
    client.force_login(demo.city_officer)

    response = _form(client, kind="courses", unit=demo.city.pk, period="2020-Q4", format="csv")

    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("STT,Mã lớp,Đơn vị hành chính,Trung tâm học tập cộng đồng")
    assert len(lines) == 1 + 6 + 1  # header, Thạch Trung's six courses, the total


def test_a_director_cannot_download_an_office_report(client, demo):
    client.force_login(demo.director)

    assert _form(client).status_code == 404
    response = _form(client, kind="summary", unit=demo.city.pk, period="2020", format="xlsx")
    assert response.status_code == 404
    export = reverse("reports:office_export", args=[demo.city_office.pk])
    assert client.get(export, {"period": "2020"}).status_code == 404


def test_an_office_user_cannot_pick_a_unit_outside_their_scope(client, demo):
    other = OfficeFactory(members=[UserFactory(username="phong.khac")])
    client.force_login(demo.city_officer)

    outside = _form(client, kind="summary", unit=other.unit.pk, period="2020", format="xlsx")
    province = _form(client, kind="summary", unit=demo.province.pk, period="2020", format="xlsx")
    later = _form(client, kind="summary", unit=demo.city.pk, period="2026", format="xlsx")

    assert outside.status_code == province.status_code == later.status_code == 404
    assert "không thuộc cơ quan bạn công tác" in province.content.decode()
    assert "không tồn tại trong" in later.content.decode()
    page = _form(client)
    choices = page.context["form"].fields["unit"].widget.choices
    assert demo.province.pk not in [pk for pk, _label in choices]


def test_a_period_with_no_data_is_a_workbook_with_zero_rows_and_a_note(client, demo):
    client.force_login(demo.city_officer)

    response = _form(client, kind="courses", unit=demo.city.pk, period="2022-Q1", format="xlsx")

    ws = open_xlsx(response.content).worksheets[0]
    assert data_rows(ws)[0][0].startswith("Không có lớp học")


def test_a_large_report_becomes_a_background_export_for_its_requester_only(
    client, demo, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 3
    client.force_login(demo.city_officer)

    with django_capture_on_commit_callbacks(execute=True):
        first = _form(client, kind="courses", unit=demo.city.pk, period="2020", format="xlsx")
        again = _form(client, kind="courses", unit=demo.city.pk, period="2020", format="xlsx")

    export = Export.objects.get()  # asked twice, one file
    assert first.url == again.url == reverse("reports:export_status", args=[export.pk])
    assert export.status == ExportStatus.DONE and export.rows_done == export.rows_total > 3
    status = client.get(first.url)
    assert "Tải " in status.content.decode()
    download = client.get(reverse("reports:export_download", args=[export.pk]))
    content = b"".join(download.streaming_content)
    assert len(_data(content)) == export.rows_total + 1
    client.force_login(demo.province_officer)
    assert client.get(first.url).status_code == 404
    assert client.get(reverse("reports:export_download", args=[export.pk])).status_code == 404


def test_expired_exports_and_their_files_are_removed(
    client, demo, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 3
    client.force_login(demo.city_officer)
    with django_capture_on_commit_callbacks(execute=True):
        _form(client, kind="courses", unit=demo.city.pk, period="2020", format="csv")
    export = Export.objects.get()
    storage = exports_storage()
    assert storage.exists(export.file.name)

    assert exports_expire(now=export.expires_at) == 0
    assert exports_expire(now=export.expires_at + datetime.timedelta(seconds=1)) == 1

    assert not storage.exists(export.file.name) and not Export.objects.exists()


def test_bad_input_on_the_reports_page_is_explained(client, demo):
    client.force_login(demo.city_officer)

    response = _form(client, kind="summary", unit=demo.city.pk, period="2020-Q9", format="xlsx")

    assert response.status_code == 200
    assert "Q1" in response.content.decode()


def test_files_go_through_the_exports_storage(settings, tmp_path):
    from django.core.files.storage import storages

    assert "exports" in settings.STORAGES
    storage = storages["exports"]
    name = storage.save("probe.txt", io.BytesIO(b"x"))
    assert storage.exists(name)
    storage.delete(name)


def test_rolled_up_units_group_the_old_communes_under_todays(demo):
    from tests.reports.excel import build, request

    ws = build(request("summary", "2025-H1", "42", roll_up=True)).worksheets[0]

    rows = data_rows(ws)
    labels = [r[0] for r in rows if isinstance(r[0], str)]
    tran_phu = labels.index(next(x for x in labels if x.endswith(". Phường Trần Phú")))
    start = next(i for i, r in enumerate(rows) if r[0] == labels[tran_phu])
    group = []
    for row in rows[start + 1 :]:
        if not isinstance(row[0], int):
            break
        group.append(row[1])
    assert {"Xã Thạch Trung", "Xã Đồng Môn", "Xã Thạch Hạ"} <= set(group)
    assert "Phường Đại Nài (*)" in [r[1] for r in rows]  # split between two new wards
    assert any("(*)" in t for t in texts(ws)[-12:])


def test_the_summary_of_2020_names_the_director_of_then(demo):
    from tests.reports.excel import build, request

    rows = data_rows(build(request("summary", "2020", "436")).worksheets[0])

    thach_trung = next(r for r in rows if r[1] == "Xã Thạch Trung")
    assert thach_trung[3] == "Mai Văn Di"


def test_the_whole_country_is_for_administrators_only(client, demo):
    from reports import exports
    from reports.exports import ReportError, ReportRequest

    nationwide = ReportRequest(kind="summary", period=exports.parse_period("2020"), unit=None)

    exports.check_scope(demo.admin, nationwide)
    with pytest.raises(ReportError):
        exports.check_scope(demo.province_officer, nationwide)


def test_expired_exports_are_removed_hourly_by_beat(settings):
    from config.celery import app

    app.loader.import_default_modules()  # what a worker and beat do on start
    entry = settings.CELERY_BEAT_SCHEDULE["expire-exports"]
    assert entry["task"] == "reports.expire_exports"
    assert "reports.expire_exports" in app.tasks
