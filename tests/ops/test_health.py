"""/healthz and /readyz: cheap, unauthenticated, revealing nothing, and
/readyz refuses while the database or a migration is missing."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from config import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert len(queries) == 0


def test_readyz_is_ready_with_one_query_and_no_broker(client, settings):
    settings.CELERY_BROKER_URL = ""

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["database: ok", "broker: not configured"]
    assert len(queries) == 1
    assert response.headers["Cache-Control"] == "no-store"


def test_probes_need_no_login_no_https_and_no_known_host(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["clc.example.gov.vn"]

    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.0.0.7:8001")

        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers


def test_readyz_fails_while_a_migration_is_not_applied(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = %s AND name = %s",
            ["reports", "0001_reminders"],
        )

    response = client.get("/readyz")

    assert response.status_code == 503
    assert "migrations: pending" in response.content.decode()
    assert "0001" not in response.content.decode()


def test_readyz_fails_while_the_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused to db.internal:5432")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content.decode().splitlines()[0] == "database: unavailable"
    assert "db.internal" not in response.content.decode()


def test_readyz_fails_while_the_configured_broker_is_down(client, settings):
    from config.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    saved = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = saved

    assert response.status_code == 503
    assert "broker: unavailable" in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.xdist_group("shared-services")
def test_readyz_pings_a_configured_broker(client, settings, redis_url):
    from config.celery import app

    settings.CELERY_BROKER_URL = redis_url
    saved = app.conf.broker_url
    app.conf.broker_url = redis_url
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = saved

    assert response.status_code == 200
    assert "broker: ok" in response.content.decode()


def test_the_migrations_on_disk_include_every_app():
    apps = {app for app, _name in health._migrations_on_disk()}

    assert {"centers", "courses", "reports", "sessions", "axes"} <= apps
