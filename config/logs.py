"""Request logging: one line per request, and the request's id on every log
line and every task it enqueues.

The id comes from the proxy (`X-Request-ID`, nginx's `$request_id`) when it
sends a sane one, so the proxy's access log and ours share it; otherwise it
is made here. It lives in a context variable, which a logging filter copies
onto each record, and Celery carries it in a message header to the worker
(see `config.celery`).
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

import sentry_sdk
from django.utils.functional import empty

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
user_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("user_id", default="-")

# What we accept from a proxy: short, printable, no spaces — it goes into
# every log line, so nothing that could forge one.
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEALTH_PATHS = frozenset({"/healthz", "/readyz"})

request_logger = logging.getLogger("clc.request")


def new_request_id(offered: str | None = None) -> str:
    """The proxy's id if it is sane, else a fresh random one."""
    if offered and _SANE_ID.match(offered):
        return offered
    return uuid.uuid4().hex


class RequestContextFilter(logging.Filter):
    """Puts the current request id and user id on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user_id = user_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors (LOG_FORMAT=json)."""

    EXTRA = ("request_id", "user_id", "method", "path", "status", "duration_ms", "task")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in self.EXTRA:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _user_id(request) -> str:
    """The signed-in user's id — without loading the user just to log it
    (a request the view did not authenticate stays "-")."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return "-"
    return str(user.pk) if user.is_authenticated else "-"


class RequestLogMiddleware:
    """Outermost middleware: sets the request id, logs one line per request
    (method, path, status, duration, user id) and returns the id in the
    `X-Request-ID` header. Health probes log at DEBUG, so a load balancer
    polling every few seconds does not fill the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        sentry_sdk.set_tag("request_id", request_id)  # a no-op without SENTRY_DSN
        id_token = request_id_var.set(request_id)
        user_token = user_id_var.set("-")
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response.headers["X-Request-ID"] = request_id
            return response
        finally:
            self._log(request, status, started)
            request_id_var.reset(id_token)
            user_id_var.reset(user_token)

    def _log(self, request, status: int, started: float) -> None:
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        user_id_var.set(_user_id(request))
        level = logging.DEBUG if request.path in HEALTH_PATHS else logging.INFO
        request_logger.log(
            level,
            "%s %s %s %.1fms",
            request.method,
            request.path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration_ms,
            },
        )


def logging_config(*, level: str, json_format: bool, mail_admins: bool) -> dict:
    """The LOGGING dict: console (text or JSON) with the request context on
    every record; errors of requests and tasks mailed to ADMINS when asked."""
    handlers = {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": "json" if json_format else "text",
        },
    }
    error_handlers = []
    if mail_admins:
        handlers["mail_admins"] = {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_context"],
        }
        error_handlers = ["mail_admins"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "config.logs.RequestContextFilter"}},
        "formatters": {
            "text": {
                "format": "%(asctime)s %(levelname)s %(name)s "
                "[request_id=%(request_id)s user_id=%(user_id)s] %(message)s"
            },
            "json": {"()": "config.logs.JsonFormatter"},
        },
        "handlers": handlers,
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's logger of failed requests, and Celery's of failed tasks.
            "django.request": {"handlers": error_handlers, "level": "WARNING"},
            "celery.app.trace": {"handlers": error_handlers, "level": "INFO"},
        },
    }
