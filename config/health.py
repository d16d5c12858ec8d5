"""Health probes for load balancers and process supervisors.

- `/healthz`: the process answers (liveness). Touches nothing.
- `/readyz`: this node can serve (readiness): the database answers, every
  migration on disk is applied, and the Celery broker answers when one is
  configured.

They are answered by a middleware that sits before the security, session
and host checks, so a probe costs at most one query and one broker ping, is
not redirected to HTTPS, needs no allowed Host header (balancers probe by
address) and never touches a session. The body says only "ok" or
"unavailable" per check; what went wrong is logged, not shown.
"""

import functools
import logging

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.http import HttpResponse

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


@functools.cache
def _migrations_on_disk() -> frozenset[tuple[str, str]]:
    """Every (app, name) migration the code ships. Read once per process:
    the files do not change under a running server."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


def _database_check() -> str:
    """One query: the applied migrations (which also proves the database
    answers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    except DatabaseError:
        logger.warning("readyz: database unavailable", exc_info=True)
        return "database: unavailable"
    missing = _migrations_on_disk() - applied
    if missing:
        logger.warning("readyz: %d migrations not applied: %s", len(missing), sorted(missing)[:5])
        return "migrations: pending"
    return "database: ok"


def _broker_check() -> str:
    if not settings.CELERY_BROKER_URL:
        return "broker: not configured"
    from config.celery import app

    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
            # Redis connects lazily; a ping proves the server answers.
            client = getattr(broker.default_channel, "client", None)
            if client is not None:
                client.ping()
    except (OSError, kombu.exceptions.OperationalError, redis.exceptions.RedisError):
        logger.warning("readyz: broker unavailable", exc_info=True)
        return "broker: unavailable"
    return "broker: ok"


def _text(lines: list[str], status: int) -> HttpResponse:
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain", status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def healthz() -> HttpResponse:
    return _text(["ok"], 200)


def readyz() -> HttpResponse:
    lines = [_database_check(), _broker_check()]
    ready = all(line.endswith((": ok", ": not configured")) for line in lines)
    return _text(lines, 200 if ready else 503)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answers the probes before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe()
        return self.get_response(request)
