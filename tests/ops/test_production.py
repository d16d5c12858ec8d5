"""The production start exactly as README gives it, end to end.

DEBUG off with a real secret, a PostgreSQL database of its own, `migrate`,
`collectstatic`, the demo (for people to log in as), gunicorn on a free
loopback port, a Celery worker and beat on Redis, and nginx in front with
the example site from deploy/ (TLS with a throwaway certificate). Then:
people log in and open their dashboards, static files come compressed,
cache-busted and cached for a year, HTTPS is recognised behind the proxy
and only there, a reminder goes through Redis to the worker with the
request's id, and /readyz follows the database going away and coming back.

It runs once per CI run, in the PostgreSQL run (it makes its own database,
whatever the suite's is). A missing PostgreSQL, Redis or nginx skips it on
a developer's machine and fails it under CI=true.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.db import connection

from tests.conftest import POSTGRES_URL, postgres_reachable, skip_or_fail
from tests.ops.site import SiteClient, wait_until_up

RESETS_PER_IP = 3  # password-reset requests an hour from one address, in this stack

# One xdist worker runs every test that shares Redis or the stack (tests/conftest.py).
pytestmark = [pytest.mark.production, pytest.mark.xdist_group("shared-services")]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "HocTapSuotDoi2020"  # the demo's
DATABASE = f"clc_prod_e2e_{os.getpid()}"
NGINX_SITE = ROOT / "deploy" / "nginx" / "clc-tracker.conf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin_sql(*statements: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def _query(database_url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute(sql).fetchall()


def _requirements(redis_url: str) -> None:
    if connection.vendor != "postgresql":
        if postgres_reachable():
            pytest.skip("the production path runs in the PostgreSQL run of the suite")
        skip_or_fail(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    if shutil.which("nginx") is None:
        skip_or_fail("nginx is not installed (Debian package nginx)")
    if shutil.which("openssl") is None:
        skip_or_fail("openssl is not installed")


class Stack:
    """The processes of one production start, and where their logs go."""

    def __init__(self, tmp: Path, redis_url: str):
        self.tmp = tmp
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: list = []
        self.port = _free_port()
        self.nginx_http, self.nginx_https = _free_port(), _free_port()
        self.database_url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{DATABASE}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "SENTRY_", "EMAIL_"))
        }
        self.env.update(
            DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # The site's public address, as an operator sets it (README).
            CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{self.nginx_https}",
            DATABASE_URL=self.database_url,
            CELERY_BROKER_URL=redis_url,
            # Django's cache in the same Redis (README, several servers): the
            # rate limits count once for both gunicorn workers.
            CACHE_URL=redis_url,
            PASSWORD_RESET_PER_IP=str(RESETS_PER_IP),
            STATIC_ROOT=str(tmp / "static"),
            MEDIA_ROOT=str(tmp / "media"),
            LOG_FORMAT="json",
        )

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"
        return result.stdout

    def start(self, name: str, *command: str) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115  (closed in stop())
        self.logs.append(log)
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text(errors="replace")

    def json_lines(self, name: str) -> list[dict]:
        lines = []
        for line in self.log(name).splitlines():
            if line.startswith("{"):
                try:
                    lines.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        return lines

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()

    def nginx_config(self) -> Path:
        """The example site from deploy/, pointed at this test's ports and a
        throwaway certificate, inside a minimal nginx.conf of its own."""
        cert, key = self.tmp / "cert.pem", self.tmp / "key.pem"
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
                *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
            ],
            check=True,
            capture_output=True,
        )
        site = NGINX_SITE.read_text()
        for old, new in [
            ("listen 80;", f"listen 127.0.0.1:{self.nginx_http};"),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{self.nginx_https} ssl;"),
            ("server 127.0.0.1:8001", f"server 127.0.0.1:{self.port}"),
            ("/etc/ssl/certs/clc.example.gov.vn.pem", str(cert)),
            ("/etc/ssl/private/clc.example.gov.vn.key", str(key)),
            ("/var/log/nginx/clc-tracker.access.log", str(self.tmp / "nginx-access.log")),
            ("clc.example.gov.vn", "127.0.0.1"),
        ]:
            assert old in site, f"deploy/nginx site no longer has {old!r}"
            site = site.replace(old, new)
        site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
        (self.tmp / "site.conf").write_text(site)
        temp = self.tmp / "nginx-temp"
        temp.mkdir()
        config = self.tmp / "nginx.conf"
        config.write_text(
            f"""daemon off;
user root;
worker_processes 1;
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/nginx-error.log;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    access_log {self.tmp}/nginx-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.tmp}/site.conf;
}}
"""
        )
        return config


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    from tests.conftest import REDIS_URL

    _requirements(REDIS_URL)
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}")
    stack = Stack(tmp_path_factory.mktemp("production"), REDIS_URL)
    _admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}"', f'CREATE DATABASE "{DATABASE}"')
    try:
        # README's production start, in its order.
        stack.manage("migrate", "--noinput")
        stack.manage("collectstatic", "--noinput")
        stack.manage("load_units")
        stack.manage("seed_demo")  # people to log in as (README's demo)
        web = stack.start(
            "gunicorn",
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{stack.port}",
            "--workers",
            "2",
        )
        stack.start(
            "worker", str(BIN / "celery"), "-A", "config", "worker", "-l", "info", "-c", "1"
        )
        stack.start(
            "beat",
            str(BIN / "celery"),
            "-A",
            "config",
            "beat",
            "-l",
            "info",
            "-s",
            str(stack.tmp / "celerybeat-schedule"),
        )
        nginx = stack.start("nginx", "nginx", "-c", str(stack.nginx_config()), "-e", "stderr")
        for name, url, process in [
            ("gunicorn", f"http://127.0.0.1:{stack.port}/readyz", web),
            ("nginx", f"https://127.0.0.1:{stack.nginx_https}/healthz", nginx),
        ]:
            try:
                wait_until_up(url, process=process)
            except AssertionError as error:
                raise AssertionError(f"{error}\n{name}'s log:\n{stack.log(name)[-3000:]}") from None
        yield stack
    finally:
        stack.stop()
        _admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


@pytest.fixture
def site(stack):
    """A browser talking to nginx over HTTPS."""
    client = SiteClient(f"https://127.0.0.1:{stack.nginx_https}")
    yield client
    client.close()


def test_people_log_in_and_open_their_dashboards(site):
    for username, text in [
        ("phonggd.hatinh", "Thạch Trung"),
        ("so.hatinh", "Thạch Trung"),
        ("giamdoc.thachtrung", "Trần Phú"),
    ]:
        site.cookies.clear()
        site.login(username, PASSWORD)
        home = site.get("/")
        if home.status_code == 302:  # offices land on their dashboard
            home = site.get(home.headers["Location"] + "?period=2020-Q4")

        assert home.status_code == 200, username
        assert text in home.text, username


def test_a_rate_limit_counts_once_for_all_the_web_workers(stack):
    import redis

    from tests.conftest import REDIS_URL

    codes = []
    for _ in range(RESETS_PER_IP + 3):  # a new connection each: either worker answers
        with SiteClient(f"https://127.0.0.1:{stack.nginx_https}") as client:
            codes.append(
                client.post_form(
                    "/accounts/password/reset/", {"email": "ai@example.com"}
                ).status_code
            )

    assert codes == [302] * RESETS_PER_IP + [429] * 3
    keys = redis.Redis.from_url(REDIS_URL).keys("*ratelimit:password-reset-ip:*")
    assert len(keys) == 1  # counted in the shared Redis, not in each process


def test_the_login_page_is_where_readme_says(site):
    response = site.get("/accounts/login/")

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_static_files_are_compressed_cache_busted_and_cached_for_a_year(site):
    page = site.get("/accounts/login/").text
    css = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
    js = re.search(
        r'src="(/static/vendor/bootstrap/bootstrap\.bundle\.min\.[0-9a-f]{12}\.js)"', page
    )
    assert css and js, "static URLs are not hashed"

    for url in (css.group(1), js.group(1)):
        response = site.get(url, headers={"Accept-Encoding": "gzip"})

        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]


def test_https_is_recognised_behind_the_proxy_and_only_there(stack, site):
    direct = httpx.get(f"http://127.0.0.1:{stack.port}/accounts/login/")
    proxied = site.get("/accounts/login/")
    plain_to_nginx = httpx.get(
        f"http://127.0.0.1:{stack.nginx_http}/accounts/login/",
        headers={"X-Forwarded-Proto": "https"},  # a client's claim: not believed
    )

    assert direct.status_code == 301
    assert direct.headers["Location"].startswith("https://")
    assert proxied.status_code == 200
    assert "max-age=31536000" in proxied.headers["Strict-Transport-Security"]
    assert "Secure" in proxied.headers["Set-Cookie"]
    assert plain_to_nginx.status_code == 301
    assert plain_to_nginx.headers["Location"].startswith("https://")


def test_a_reminder_goes_through_redis_to_the_worker_with_the_request_id(stack, site):
    site.login("phonggd.hatinh", PASSWORD)
    dashboard_url = site.get("/").headers["Location"] + "?period=2020-Q4"
    dashboard = site.get(dashboard_url)
    remind = re.search(r'action="(/offices/\d+/remind/)"', dashboard.text).group(1)
    center = re.search(r'name="center" value="(\d+)"', dashboard.text).group(1)

    response = site.post_form(remind, {"center": center, "period": "2020-Q4"}, page=dashboard)

    request_id = response.headers["X-Request-ID"]
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        rows = _query(
            stack.database_url,
            "SELECT m.status, m.attempts FROM reports_reminder r"
            " JOIN outbox_message m ON m.id = r.message_id",
        )
        if rows and rows[0][0] == "sent":
            break
        time.sleep(0.2)
    assert rows == [("sent", 1)]
    web_lines = [e for e in stack.json_lines("gunicorn") if e.get("request_id") == request_id]
    worker_lines = [e for e in stack.json_lines("worker") if e.get("request_id") == request_id]
    assert [(e["method"], e["status"]) for e in web_lines if e["logger"] == "clc.request"] == [
        ("POST", 302)
    ]
    assert web_lines[-1]["user_id"] != "-"
    assert worker_lines, "the worker's lines do not carry the request id"


def test_every_request_is_one_json_line_with_id_user_status_and_duration(stack, site):
    response = site.get("/accounts/login/", headers={"X-Request-ID": "forged-by-the-client"})

    request_id = response.headers["X-Request-ID"]  # nginx's $request_id, not the client's
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    # nginx and gunicorn write their line after the response has gone out.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [e for e in stack.json_lines("gunicorn") if e.get("request_id") == request_id]
        logged = request_id in (stack.tmp / "nginx-access.log").read_text()
        if lines and logged:
            break
        time.sleep(0.1)
    assert logged, "nginx's access log has no line with the request id"
    assert len(lines) == 1
    assert lines[0]["status"] == 200 and lines[0]["path"] == "/accounts/login/"
    assert {"user_id", "duration_ms", "time", "level"} <= set(lines[0])


def test_beat_runs_beside_the_worker(stack):
    assert stack.processes["beat"].poll() is None, stack.log("beat")
    assert stack.processes["worker"].poll() is None, stack.log("worker")
    assert "beat: Starting" in stack.log("beat")
    # Beat keeps its schedules in the database (django-celery-beat): the
    # migrations' summaries and reminders, and the settings' entries, which
    # it copies there when it starts.
    names = "SELECT name, task FROM django_celery_beat_periodictask"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        rows = dict(_query(stack.database_url, names))
        if "clear-expired-sessions" in rows:
            break
        time.sleep(0.5)
    assert rows.get("clear-expired-sessions") == "config.clear_expired_sessions", rows
    assert {"reports.send_summaries", "reports.send_reminders"} <= set(rows.values())
    assert "DatabaseScheduler" in stack.log("beat")


def test_readyz_follows_the_database_going_away_and_coming_back(stack):
    ready = f"http://127.0.0.1:{stack.port}/readyz"
    assert httpx.get(ready).text.splitlines() == ["database: ok", "broker: ok"]

    _admin_sql(
        f'ALTER DATABASE "{DATABASE}" ALLOW_CONNECTIONS false',
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DATABASE}'",
    )
    try:
        down = httpx.get(ready)
        alive = httpx.get(f"http://127.0.0.1:{stack.port}/healthz")
    finally:
        _admin_sql(f'ALTER DATABASE "{DATABASE}" ALLOW_CONNECTIONS true')
    back = httpx.get(ready)

    assert down.status_code == 503
    assert down.text.splitlines()[0] == "database: unavailable"
    assert alive.status_code == 200
    assert back.status_code == 200
