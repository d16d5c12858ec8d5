"""One log line per request, the request id on every line of it and on the
tasks it enqueues, JSON on request, errors to Sentry or to ADMINS."""

import gzip
import http.server
import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from config import celery as celery_wiring
from config.logs import JsonFormatter, RequestContextFilter, request_id_var

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.ops.urls")]
ROOT = Path(__file__).resolve().parents[2]


def _request_lines(caplog):
    return [r for r in caplog.records if r.name == "clc.request"]


def test_each_request_logs_one_line_with_id_user_status_and_duration(client, caplog, cast):
    client.force_login(cast.director)
    caplog.set_level(logging.INFO)

    response = client.get("/")

    (line,) = _request_lines(caplog)
    assert line.status == 200
    assert line.method == "GET" and line.path == "/"
    assert line.duration_ms >= 0
    assert line.user_id == str(cast.director.pk)
    assert line.request_id == response.headers["X-Request-ID"]
    assert len(line.request_id) == 32


def test_every_line_logged_during_the_request_carries_its_id(client, caplog):
    caplog.set_level(logging.INFO)

    response = client.get("/logs/", HTTP_X_REQUEST_ID="nginx-4f2a9c1e7b")

    view_line = next(r for r in caplog.records if r.name == "clc.test")
    assert view_line.request_id == "nginx-4f2a9c1e7b"
    assert response.headers["X-Request-ID"] == "nginx-4f2a9c1e7b"
    assert _request_lines(caplog)[0].user_id == "-"


def test_a_request_id_that_could_forge_a_log_line_is_replaced(client):
    response = client.get("/logs/", HTTP_X_REQUEST_ID="x\nlevel=ERROR forged")

    assert response.headers["X-Request-ID"] != "x\nlevel=ERROR forged"
    assert len(response.headers["X-Request-ID"]) == 32


def test_a_failing_request_is_logged_as_a_500(client, caplog):
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)

    client.get("/fails/")

    assert _request_lines(caplog)[0].status == 500


def test_health_probes_log_below_info(client, caplog):
    caplog.set_level(logging.INFO)

    client.get("/healthz")

    assert _request_lines(caplog) == []


def test_json_lines_carry_the_request_context():
    record = logging.LogRecord("clc.request", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.status = 200
    token = request_id_var.set("abc12345")
    try:
        RequestContextFilter().filter(record)
    finally:
        request_id_var.reset(token)

    entry = json.loads(JsonFormatter().format(record))

    assert entry["request_id"] == "abc12345"
    assert entry["status"] == 200
    assert entry["message"] == "GET / 200"
    assert entry["level"] == "INFO"


def test_a_task_published_during_a_request_carries_its_id():
    headers = {}
    token = request_id_var.set("abc12345")
    try:
        celery_wiring._send_request_id(headers=headers)
    finally:
        request_id_var.reset(token)

    assert headers == {celery_wiring.REQUEST_ID_HEADER: "abc12345"}


def _python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SENTRY_DSN"}}
    environment.update(
        DEBUG="false",
        SECRET_KEY="x7Gq-" + "k2Lp9Vz4Rt8Wm1Yc6Nb3Hd5Jf0Sa" * 2,
        ALLOWED_HOSTS="clc.example.gov.vn",
        DATABASE_URL="sqlite:///:memory:",
        DJANGO_SETTINGS_MODULE="config.settings",
        **env,
    )
    setup = "import django, logging; django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", setup + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_sentry_server_errors_are_mailed_to_admins():
    result = _python(
        'logging.getLogger("django.request").error("Internal Server Error: /x")',
        ADMINS="Quản trị <ops@example.gov.vn>",
        EMAIL_URL="consolemail://",
    )

    assert result.returncode == 0, result.stderr
    assert "To: ops@example.gov.vn" in result.stdout
    assert "Internal Server Error: /x" in result.stdout


def test_admins_are_empty_unless_configured():
    result = _python("from django.conf import settings; print(settings.ADMINS)")

    assert result.stdout.strip() == "[]", result.stderr


class _FakeSentry(http.server.BaseHTTPRequestHandler):
    received: list[str] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        _FakeSentry.received.append(self.path + " " + body.decode("utf-8", "replace"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_with_sentry_errors_go_to_sentry_and_not_by_mail():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeSentry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _FakeSentry.received.clear()
    try:
        result = _python(
            'logging.getLogger("reports.tasks").error("sentry-test-error")\n'
            "import sentry_sdk; sentry_sdk.flush(5)\n"
            "from django.conf import settings\n"
            'print(sorted(settings.LOGGING["handlers"]))',
            SENTRY_DSN=f"http://publickey@127.0.0.1:{server.server_port}/1",
            ADMINS="ops@example.gov.vn",
        )
    finally:
        server.shutdown()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['console']"
    assert any("/api/1/envelope/" in body for body in _FakeSentry.received)
    assert any("sentry-test-error" in body for body in _FakeSentry.received)
