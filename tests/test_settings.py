import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent


# Variables a production start may leave unset; the tests unset them too.
OPTIONAL = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "SITE_URL",
    "SENTRY_DSN",
    "ADMINS",
    "CACHE_URL",
    "CONN_MAX_AGE",
}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Gq-" + "k2Lp9Vz4Rt8Wm1Yc6Nb3Hd5Jf0Sa" * 2,
    "ALLOWED_HOSTS": "clc.example.gov.vn",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in OPTIONAL}
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
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_with_debug_off_only_the_secret_hosts_and_database_are_required():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER)",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"  # no broker: tasks run eagerly


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        (None, "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/2", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_and_persistent_connections_come_from_the_environment(cache_url, backend):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(settings.CACHES['default']['BACKEND'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    extra = {"CACHE_URL": cache_url} if cache_url else {}

    result = _manage("shell", "-c", code, **PRODUCTION, **extra)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"{backend} 60 True"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_with_debug_off_each_required_variable_is_named_when_missing(missing):
    result = _manage("check", **{k: v for k, v in PRODUCTION.items() if k != missing})

    assert result.returncode != 0
    assert missing in result.stderr


def test_static_and_login_addresses_are_the_documented_ones(settings):
    from django.urls import reverse

    assert settings.STATIC_URL == "/static/"
    assert reverse("login") == "/accounts/login/"


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


def test_postgresql_sessions_run_without_jit_and_plan_cursors_for_every_row(needs_postgres_db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
        cursor.execute("SHOW cursor_tuple_fraction")
        fraction = cursor.fetchone()[0]

    assert (jit, fraction) == ("off", "1")
