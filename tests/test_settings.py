import datetime
import os
import subprocess
import sys
from pathlib import Path

from django import forms
from django.template import Context, Template
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_debug_off():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7Gq-" + "k2Lp9Vz4Rt8Wm1Yc6Nb3Hd5Jf0Sa" * 2,
        ALLOWED_HOSTS="clc.example.gov.vn",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_there_is_no_default_secret():
    result = _manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_day_first_dates_parse_as_day_first():
    field = forms.DateField()

    with translation.override("vi"):
        assert field.clean("05/03/2020") == datetime.date(2020, 3, 5)
    with translation.override("en"):
        assert field.clean("05/03/2020") == datetime.date(2020, 3, 5)


def test_vietnamese_dates_and_numbers_render_in_vietnamese_style():
    template = Template("{{ day }} {{ number }}")

    with translation.override("vi"):
        text = template.render(Context({"day": datetime.date(2020, 3, 5), "number": 1234567}))

    assert text == "05/03/2020 1.234.567"
    assert formats.get_format("DATE_INPUT_FORMATS", lang="vi")[0] == "%d/%m/%Y"


def test_a_date_typed_without_separators_is_day_first():
    with translation.override("vi"):
        assert forms.DateField().clean("05032020") == datetime.date(2020, 3, 5)
