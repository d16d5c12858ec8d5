"""A background export through a real Celery worker on Redis (the
production path): it runs once, reports its progress while it writes, and
its file is served to its requester only. PostgreSQL only, like the
reminder worker test whose worker fixture it shares."""

import time

import pytest
from django.urls import reverse

from reports import exports
from reports.models import Export, ExportStatus
from tests.reports.excel import data_rows, open_xlsx
from tests.reports.test_worker import worker  # noqa: F401  (the fixture)

# One xdist worker runs every test that shares Redis (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("shared-services")


def _slow_progress(monkeypatch, pause: float) -> None:
    """Tell the export its progress after every row, slowly enough that
    the status page can be seen while it runs."""
    monkeypatch.setattr("reports.excel.xlsx.PROGRESS_EVERY", 1)
    write = exports.write

    def slow(document, fmt, out, *, progress=None):
        def tell(rows: int) -> None:
            time.sleep(pause)
            progress(rows)

        return write(document, fmt, out, progress=tell)

    monkeypatch.setattr(exports, "write", slow)


def _poll(client, url: str, seconds: float = 30) -> list[str]:
    """The statuses the status page showed until the export finished."""
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get(url).content.decode()
        status = page.split('data-export-status="', 1)[1].split('"', 1)[0]
        if status == "running" and "aria-valuenow=" in page:
            percent = int(page.split('aria-valuenow="', 1)[1].split('"', 1)[0])
            seen.append(f"running {percent}")
        else:
            seen.append(status)
        if status in (ExportStatus.DONE, ExportStatus.FAILED):
            return seen
        time.sleep(0.05)
    raise AssertionError(f"the export did not finish: {seen[-5:]}")


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_builds_the_export_with_progress(
    worker,  # noqa: F811
    demo,
    client,
    settings,
    monkeypatch,
):
    settings.EXPORT_SYNC_MAX_ROWS = 3
    _slow_progress(monkeypatch, pause=0.1)
    client.force_login(demo.city_officer)
    params = {"kind": "courses", "unit": demo.city.pk, "period": "2020", "format": "xlsx"}

    response = client.get(reverse("reports:report_form"), params)
    seen = _poll(client, response.url)

    export = Export.objects.get()
    assert export.status == ExportStatus.DONE, export.error
    assert any(s.startswith("running ") and 0 < int(s.split()[1]) < 100 for s in seen), seen
    assert export.rows_done == export.rows_total
    download = client.get(reverse("reports:export_download", args=[export.pk]))
    rows = data_rows(open_xlsx(b"".join(download.streaming_content)).worksheets[0])
    assert len(rows) == export.rows_total + 1  # the courses and the total
    client.force_login(demo.province_officer)
    assert client.get(reverse("reports:export_download", args=[export.pk])).status_code == 404
