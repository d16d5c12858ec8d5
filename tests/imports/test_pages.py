"""The browser flow over HTTP: the template's content, upload → dry-run
report by row and column → confirm → result, a refused file, undo, and
the batch list's fixed number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import Course
from imports.models import BatchStatus, ImportBatch
from imports.workbook import LIST_SHEET, REQUIRED_FILL
from tests.imports.books import workbook

pytestmark = pytest.mark.django_db

KEYS = ["center", "title", "topic", "format", "start_date", "participants_total"]
CENTER = "Trung tâm học tập cộng đồng xã Thạch Trung"
GOOD = [
    [CENTER, "Lớp tin học cho người cao tuổi", "Ngoại ngữ, tin học", "Lớp học", "05/03/2021", 25]
]


def _upload(client, rows, kind="courses", name="lop.xlsx", query=""):
    content = io.BytesIO(workbook(kind, KEYS, rows))
    content.name = name
    url = reverse("imports:import_upload", args=[kind]) + query
    return client.post(url, {"file": content})


def test_the_course_template_has_instructions_shading_drop_downs_and_an_example(client, demo):
    client.force_login(demo.city_officer)
    response = client.get(reverse("imports:import_template", args=["courses"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [ws.title for ws in book.worksheets] == ["Lớp học, chuyên đề", "Hướng dẫn", LIST_SHEET]
    headers = [c.value for c in sheet[1]]
    assert "Tên lớp học, chuyên đề" in headers and "Lượt người học" in headers
    title = sheet.cell(row=1, column=headers.index("Tên lớp học, chuyên đề") + 1)
    assert title.fill.fgColor.rgb.endswith(REQUIRED_FILL.fgColor.rgb[-6:])
    assert sheet["A3"].value == "Ví dụ"
    lists = book[LIST_SHEET]
    listed = {lists.cell(row=1, column=c).value: c for c in range(1, lists.max_column + 1)}
    topics = [
        r[0]
        for r in lists.iter_rows(
            min_row=2, min_col=listed["Lĩnh vực"], max_col=listed["Lĩnh vực"], values_only=True
        )
        if r[0]
    ]
    assert "Kỹ năng sống" in topics
    centers = [
        r[0]
        for r in lists.iter_rows(
            min_row=2,
            min_col=listed["Trung tâm học tập cộng đồng"],
            max_col=listed["Trung tâm học tập cộng đồng"],
            values_only=True,
        )
        if r[0]
    ]
    assert CENTER in centers and not any("Đồng Nai" in c for c in centers)
    assert len(sheet.data_validations.dataValidation) >= 4


def test_the_downloaded_template_filled_in_imports(client, demo):
    """The template itself is a file the importer reads: its example row
    is skipped, the rows typed under it imported."""
    client.force_login(demo.director)
    response = client.get(reverse("imports:import_template", args=["courses"]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    values = {
        "Tên lớp học, chuyên đề": "Lớp đan lát",
        "Lĩnh vực": "Kỹ năng sống",
        "Hình thức": "Lớp học",
        "Từ ngày": "10/03/2021",
    }
    for label, value in values.items():
        sheet.cell(row=4, column=headers.index(label) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "mau.xlsx"
    url = (
        reverse("imports:import_upload", args=["courses"]) + f"?center={demo.thach_trung_center.pk}"
    )
    response = client.post(url, {"file": out, "center": demo.thach_trung_center.pk})
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.CHECKED, batch.problems
    assert batch.rows == 1


def test_a_name_that_looks_like_a_formula_stays_text_in_the_template(client, demo):
    from courses.models import Topic

    Topic.objects.create(name='=HYPERLINK("http://x")', position=999)
    client.force_login(demo.city_officer)

    response = client.get(reverse("imports:import_template", args=["courses"]))

    lists = load_workbook(io.BytesIO(response.content))[LIST_SHEET]
    cells = [c for row in lists.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_upload_dry_run_then_confirm(client, demo):
    client.force_login(demo.city_officer)

    response = _upload(client, GOOD)

    batch = ImportBatch.objects.get()
    assert response.url == batch.get_absolute_url()
    assert batch.status == BatchStatus.CHECKED and batch.created == 1
    assert not Course.objects.filter(title="Lớp tin học cho người cao tuổi").exists()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert reverse("imports:batch_confirm", args=[batch.pk]) in page

    response = client.post(reverse("imports:batch_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and bytes(batch.content) == b""
    assert Course.objects.filter(title="Lớp tin học cho người cao tuổi").exists()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert reverse("imports:batch_undo", args=[batch.pk]) in page

    client.post(reverse("imports:batch_undo", args=[batch.pk]))

    assert not Course.objects.filter(title="Lớp tin học cho người cao tuổi").exists()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE


def test_a_second_confirmation_from_a_stale_page_imports_nothing(client, demo):
    from django.core.exceptions import ValidationError

    from imports.services import batch_confirm

    client.force_login(demo.city_officer)
    _upload(client, GOOD)
    stale = ImportBatch.objects.get()  # what a second tab still shows: waiting
    assert batch_confirm(actor=demo.city_officer, batch=ImportBatch.objects.get()).ok

    with pytest.raises(ValidationError):
        batch_confirm(actor=demo.city_officer, batch=stale)

    assert Course.objects.filter(title="Lớp tin học cho người cao tuổi").count() == 1
    stale.refresh_from_db()
    assert stale.status == BatchStatus.DONE and stale.created == 1


def test_a_refused_file_shows_its_problems_by_row_and_column(client, demo):
    client.force_login(demo.city_officer)
    rows = [[CENTER, "Lớp tin học", "Ngoại ngữ, tin học", "Lớp học", "31/02/2021", "12,5"]]

    response = _upload(client, rows)

    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.REFUSED and bytes(batch.content) == b""
    page = client.get(response.url).content.decode()
    assert 'id="problems"' in page
    assert "Từ ngày" in page and "Tổng số" in page
    assert reverse("imports:batch_confirm", args=[batch.pk]) not in page
    assert client.post(reverse("imports:batch_confirm", args=[batch.pk])).status_code == 302
    assert not Course.objects.filter(title="Lớp tin học").exists()


def test_a_period_locked_between_dry_run_and_confirm_refuses_the_import(client, demo):
    from courses.models import Submission

    client.force_login(demo.city_officer)
    rows = [[CENTER, "Lớp tin học", "Ngoại ngữ, tin học", "Lớp học", "05/03/2021", 25]]
    _upload(client, rows)
    batch = ImportBatch.objects.get()
    locked = Submission.objects.get(center=demo.thach_trung_center, period_key="2020-Q4")
    Submission.objects.filter(pk=locked.pk).update(
        period_start="2021-01-01", period_end="2021-03-31"
    )

    client.post(reverse("imports:batch_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.status == BatchStatus.REFUSED and batch.errors
    assert not Course.objects.filter(title="Lớp tin học").exists()


def test_a_director_may_not_open_the_center_import(client, demo):
    client.force_login(demo.director)
    assert client.get(reverse("imports:import_upload", args=["centers"])).status_code == 403
    assert client.get(reverse("imports:import_template", args=["appointments"])).status_code == 403
    assert client.get(reverse("imports:import_upload", args=["nothing"])).status_code == 404


def _batches(user, count):
    for index in range(count):
        ImportBatch.objects.create(
            kind="courses",
            status=BatchStatus.DONE,
            created_by=user,
            filename=f"lop-{index}.xlsx",
            sha256=f"{index:064d}",
        )


def test_the_batch_list_costs_the_same_for_one_batch_and_for_thirty(client, demo):
    client.force_login(demo.city_officer)
    url = reverse("imports:batch_list")
    _batches(demo.city_officer, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _batches(demo.city_officer, 29)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "lop-28.xlsx" in response.content.decode()
    assert len(many) == len(few)


def test_the_batch_list_shows_only_ones_own_and_ones_centers(client, demo, stranger):
    _batches(demo.city_officer, 1)
    client.force_login(stranger)
    assert "lop-0.xlsx" not in client.get(reverse("imports:batch_list")).content.decode()


def test_a_check_nobody_confirms_expires_and_its_file_leaves_the_database(client, demo, settings):
    import datetime

    from django.utils import timezone

    from imports.services import checked_batches_expire

    settings.IMPORT_CHECKED_KEEP_HOURS = 48
    client.force_login(demo.city_officer)
    _upload(client, GOOD)
    forgotten = ImportBatch.objects.get()
    _upload(client, GOOD, name="hom-nay.xlsx")
    today = ImportBatch.objects.exclude(pk=forgotten.pk).get()
    two_days_ago = timezone.now() - datetime.timedelta(hours=48, minutes=1)
    ImportBatch.objects.filter(pk=forgotten.pk).update(created_at=two_days_ago)

    assert checked_batches_expire() == 1
    assert checked_batches_expire() == 0

    forgotten.refresh_from_db()
    today.refresh_from_db()
    assert forgotten.status == BatchStatus.EXPIRED and bytes(forgotten.content) == b""
    assert today.status == BatchStatus.CHECKED and bytes(today.content)
    page = client.get(forgotten.get_absolute_url()).content.decode()
    assert "Tải tệp lên lại" in page and "Sẽ tạo mới" in page  # nothing was created
    assert reverse("imports:batch_confirm", args=[forgotten.pk]) not in page
    refused = client.post(reverse("imports:batch_confirm", args=[forgotten.pk]), follow=True)
    assert "đã quá 48 giờ" in refused.content.decode()
    assert not Course.objects.filter(title="Lớp tin học cho người cao tuổi").exists()


def test_checked_uploads_expire_hourly_by_beat(settings):
    from config.celery import app

    app.loader.import_default_modules()  # what a worker and beat do on start
    entry = settings.CELERY_BEAT_SCHEDULE["expire-checked-imports"]
    assert entry["task"] == "imports.expire_checked_batches"
    assert "imports.expire_checked_batches" in app.tasks
