"""Shared fixtures: the demo, a fixed cast of users, and the rule for tests
that need something the machine may lack (PostgreSQL, Redis, Chromium):
they skip with a printed reason, and under CI=true such a skip fails."""

import os

import pytest
from django.db import connection
from django.db.models.signals import post_migrate

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def skip_or_fail(reason: str) -> None:
    """Skip for a missing service; under CI=true the same is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} — CI=true, so a missing service is a failure", pytrace=False)
    pytest.skip(reason)


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return True
    except Exception:  # any failure to connect means "not available here"
        return False


@pytest.fixture
def needs_postgres_db(db):
    """For tests that must run on the PostgreSQL test database. On a SQLite
    run they skip — the PostgreSQL run of .ci/run covers them — unless no
    PostgreSQL is reachable at all, which under CI=true is a failure."""
    if connection.vendor == "postgresql":
        return
    if postgres_reachable():
        pytest.skip("PostgreSQL-only test; this run uses SQLite (the PostgreSQL run covers it)")
    skip_or_fail(f"PostgreSQL is not reachable at {POSTGRES_URL}")


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo's rows, seeded once per test session through the services
    (the slow part) and kept in memory; the seeding itself is rolled back,
    so tests without the demo start from an empty database."""
    from django.test import override_settings

    from tests.snapshot import take_snapshot

    # The demo users' passwords hashed as the tests check them (see below).
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return take_snapshot()


@pytest.fixture
def redis_url() -> str:
    """TEST_REDIS_URL, for tests that need a real Redis (skip or fail without)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def demo(db, demo_snapshot):
    """The whole Hà Tĩnh demo: units of both eras, centers, offices, users,
    the centers' records and the 2020-Q4 reports — copied into the test's
    database from the session's snapshot (rolled back with the test)."""
    from tests.cast import Demo
    from tests.snapshot import restore_snapshot

    restore_snapshot(demo_snapshot)
    return Demo.load()


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"
    from django.utils import translation

    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; the production hasher costs ~0.25 s each."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _exports_in_a_temporary_folder(settings, tmp_path_factory):
    """Background exports (reports.Export) write under a folder of the test
    run's, not the checkout's exports/."""
    settings.STORAGES = settings.STORAGES | {
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.getbasetemp() / "exports")},
        }
    }


# Tests that share one outside service among the suite's processes — the
# Redis database of TEST_REDIS_URL (flushed by the worker tests), the
# production stack's ports and database — run in one pytest-xdist worker,
# one after another (`make test` runs `pytest -n auto --dist loadgroup`).
# The mark must be written on the test or its module (xdist reads it before
# this conftest's hooks run); this check refuses a test that forgets it.
SHARED_SERVICE_FIXTURES = {"redis_url", "worker"}
SHARED_GROUP = "shared-services"


def pytest_collection_modifyitems(config, items):
    for item in items:
        uses_shared = SHARED_SERVICE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if not (uses_shared or item.get_closest_marker("production")):
            continue
        groups = {m.args[0] for m in item.iter_markers("xdist_group") if m.args}
        if SHARED_GROUP not in groups:
            raise pytest.UsageError(
                f"{item.nodeid} uses Redis or the production stack: mark it "
                f'pytest.mark.xdist_group("{SHARED_GROUP}")'
            )


@pytest.fixture(scope="session", autouse=True)
def _reference_rows_survive_flushes(django_db_setup, django_db_blocker):
    """A transactional test ends with a flush that empties every table, the
    rows the data migrations wrote too (the topics, the default schedules).
    pytest-django runs such tests after all others in one process; xdist's
    workers interleave them, so after each flush (which sends post_migrate)
    the rows come back as the migrations left them, with their keys."""
    from django.apps import apps

    from tests.snapshot import restore_snapshot, take_reference

    # pytest-django creates the test database only when a collected test
    # uses it (`pytest tests/ops/test_production.py` alone does not); then
    # the connection still points at the configured database: leave it be.
    if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
        yield
        return
    with django_db_blocker.unblock():
        reference = take_reference()
    last_app = list(apps.get_app_configs())[-1]

    def restore(sender, **kwargs):
        if sender is last_app:  # once per flush, after every app's signal
            restore_snapshot(reference)

    post_migrate.connect(restore, dispatch_uid="tests-reference-rows", weak=False)
    yield
    post_migrate.disconnect(dispatch_uid="tests-reference-rows")
