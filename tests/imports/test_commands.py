"""import_centers, import_appointments and import_courses: exit status 0
when every row is accepted, a CommandError (status 1, no traceback)
whenever the file or a row is refused — with or without --dry-run."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses.models import Course
from imports.models import ImportBatch
from tests.imports.books import workbook

pytestmark = pytest.mark.django_db

KEYS = ["center", "title", "topic", "format", "start_date", "participants_total"]
CENTER = "Trung tâm học tập cộng đồng xã Thạch Trung"
GOOD = [
    [CENTER, "Lớp tin học cho người cao tuổi", "Ngoại ngữ, tin học", "Lớp học", "05/03/2021", 25]
]
BAD = [[CENTER, "Lớp tin học", "Ngoại ngữ, tin học", "Lớp học", "31/02/2021", 25]]


def _file(tmp_path, rows, name="lop.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(workbook("courses", KEYS, rows))
    return str(path)


def test_a_dry_run_reports_and_writes_nothing(demo, tmp_path, capsys):
    call_command("import_courses", _file(tmp_path, GOOD), "--as", "phonggd.hatinh", "--dry-run")
    assert "1" in capsys.readouterr().out
    assert not Course.objects.filter(title="Lớp tin học cho người cao tuổi").exists()


def test_an_import_prints_its_batch(demo, tmp_path, capsys):
    call_command("import_courses", _file(tmp_path, GOOD), "--as", "phonggd.hatinh")
    batch = ImportBatch.objects.get()
    assert f"#{batch.pk}" in capsys.readouterr().out
    assert Course.objects.filter(title="Lớp tin học cho người cao tuổi").exists()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_refused_row_is_a_command_error_naming_row_and_column(demo, tmp_path, capsys, dry_run):
    with pytest.raises(CommandError):
        call_command("import_courses", _file(tmp_path, BAD), "--as", "phonggd.hatinh", *dry_run)
    err = capsys.readouterr().err
    assert "3" in err and "Từ ngày" in err  # row 3, column "From"
    assert not ImportBatch.objects.exists()


def test_a_file_that_is_not_a_workbook_is_a_command_error(demo, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_text("Họ tên,Ngày\n")
    with pytest.raises(CommandError):
        call_command("import_centers", str(path), "--as", "phonggd.hatinh", "--dry-run")


def test_a_director_may_not_import_centers(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_centers", _file(tmp_path, GOOD), "--as", "giamdoc.thachtrung")


def test_an_unknown_user_or_file_is_a_command_error(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_appointments", _file(tmp_path, GOOD), "--as", "ai.do")
    with pytest.raises(CommandError):
        call_command("import_appointments", str(tmp_path / "none.xlsx"), "--as", "phonggd.hatinh")


def test_the_exit_status_is_one_without_a_traceback(tmp_path):
    """The real process, refused before it needs a database: no such file."""
    path = tmp_path / "khong-co.xlsx"
    process = subprocess.run(
        [sys.executable, "manage.py", "import_courses", str(path), "--as", "ai.do", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DEBUG": "true"},
    )
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
