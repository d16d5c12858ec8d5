"""The Celery app. Broker from CELERY_BROKER_URL (Redis in production);
without one, settings make tasks run eagerly in the web process.

A task enqueued while serving a request carries that request's id in a
message header; the worker puts it back into the logging context while the
task runs, so its log lines (and the Sentry events it raises) can be found
together with the request's (config.logs).
"""

import os
from importlib import import_module

import sentry_sdk
from celery import Celery, signals

from config.logs import request_id_var

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("clc_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

REQUEST_ID_HEADER = "clc_request_id"


@signals.before_task_publish.connect
def _send_request_id(headers=None, **kwargs):
    request_id = request_id_var.get()
    if headers is not None and request_id != "-":
        headers[REQUEST_ID_HEADER] = request_id


@signals.task_prerun.connect
def _receive_request_id(task=None, **kwargs):
    """Each task runs under its request's id (or its own task id). It is not
    reset when the task ends, so the worker's "succeeded" or "failed" line
    that follows still carries it; the next task sets its own."""
    # Eager tasks run inside the request and already have its id.
    if task is None or task.request.is_eager:
        return
    request_id = getattr(task.request, REQUEST_ID_HEADER, None) or f"task-{task.request.id}"
    request_id_var.set(request_id)
    sentry_sdk.set_tag("request_id", request_id)


@app.task(name="config.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Delete expired sessions (what `manage.py clearsessions` does). Sessions
    live in the database that every web node shares, so nothing else ever
    removes them; beat runs this nightly (CELERY_BEAT_SCHEDULE). Idempotent."""
    from django.conf import settings

    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
