"""The one settings module, read from the environment (django-environ).

Development defaults just work (`make run`: SQLite, console email, tasks run
eagerly). With DEBUG off nothing secret has a default and the security
settings are on, so `manage.py check --deploy` is clean. Every variable is
documented in README.md and `.env.example`.
"""

import datetime
from email.utils import parseaddr
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Only development has a default key; production must set SECRET_KEY — and
# not to an empty or short one, which `env()` alone would accept.
if DEBUG:
    SECRET_KEY = env(
        "SECRET_KEY", default="django-insecure-dev-only-4f9c2b7e1d8a6035c2e9b7d4a1f8e3c6b5a0d9e2"
    )
else:
    SECRET_KEY = env("SECRET_KEY")
    if len(SECRET_KEY.strip()) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to 50 or more random characters when DEBUG is off."
        )

# With DEBUG off, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL are the only
# required variables; everything else has a working default.
if DEBUG:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
else:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A form refused for its CSRF token gets a Vietnamese page (config/errors.py).
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "config.axes_app.AxesConfig",  # django-axes, named in Vietnamese in the admin
    "django_celery_beat",
    "outbox",
    "centers",
    "courses",
    "reports",
    "imports",
]

MIDDLEWARE = [
    # First: the request id and the one log line per request (config.logs),
    # then the health probes, answered before host, HTTPS and session checks.
    "config.logs.RequestLogMiddleware",
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A password an office issued is changed before anything else.
    "config.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who changed a course or activity (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
]

# Production serves static files through WhiteNoise (after `collectstatic`);
# development uses runserver's own static view.
if not DEBUG:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "courses.context_processors.workspace",
            ],
        },
    },
]

# SQLite by default in development (`make run`); PostgreSQL in production
# and CI, where DATABASE_URL is required.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    if DEBUG
    else env.db("DATABASE_URL"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Take the write lock when a transaction starts, so two saves at once
    # queue instead of failing with "database is locked" halfway.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation. The pages' queries are small (one office's centers,
    # a period's courses, read through index ranges), but the planner costs
    # the scoping subqueries high enough to compile them, which took 400 ms
    # of a Sở dashboard's 500 at national scale; without it the same query
    # runs in 70-120 ms. Exports stream the same grouped queries and gain
    # nothing from JIT either (measured with benchmarks/excel_exports.py).
    # Streamed reads (`QuerySet.iterator()`, a server-side cursor) are always
    # read to the end here: planned for the first 10% of rows (PostgreSQL's
    # default cursor_tuple_fraction), a Sở's quarter of course groups took
    # 152 ms instead of the 19 ms the same query takes planned for all rows.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c cursor_tuple_fraction=1"
    )
# Each worker keeps its connection between requests: opening one costs the
# database a new backend (a process, authentication, cold catalog caches)
# for every page. A connection the database has dropped is noticed and
# replaced before use. Behind PgBouncer in transaction mode, set 0.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "centers.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# django-axes: after 5 failed logins for one username from one address, that
# pair is locked for 30 minutes. Username *and* address, because a commune
# office often shares one public IP: one person's typos must not lock out
# the whole office.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind N reverse proxies the client's address is the N-th entry from the
# right of X-Forwarded-For (config/client_ip.py); without, REMOTE_ADDR.
REVERSE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"

# Password reset by email and password change (centers/accounts.py).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day
PASSWORD_RESET_PER_IP = env.int("PASSWORD_RESET_PER_IP", default=10)  # requests an hour
PASSWORD_RESET_PER_ADDRESS = 3  # mails an hour to one address
PASSWORD_CHANGE_PER_QUARTER_HOUR = 10

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English available. The format module overrides Django's
# `vi` locale: dd/mm/yyyy in and out, 1.234.567 grouping.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Background exports (reports.Export), never served publicly: only the
    # person who asked downloads them, through the application. Several web
    # servers share one store by pointing EXPORT_STORAGE_BACKEND (and its
    # OPTIONS, as JSON) at an S3-compatible backend, e.g. django-storages'.
    "exports": {
        "BACKEND": env(
            "EXPORT_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json(
            "EXPORT_STORAGE_OPTIONS",
            default={"location": str(env.path("EXPORT_ROOT", default=BASE_DIR / "exports"))},
        ),
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: console in development, SMTP (or any backend) from EMAIL_URL.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="CLC Tracker <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who gets server errors by mail when Sentry is not configured:
# "Name <address>" or bare addresses, comma-separated. Empty by default.
ADMINS = [
    ("", address) if "<" not in address else tuple(parseaddr(address))
    for address in env.list("ADMINS", default=[])
]

# Django's cache holds the rate limits of password resets and changes
# (config.ratelimit). The default is per process: with several gunicorn
# workers or servers, point CACHE_URL at the shared Redis
# (redis://127.0.0.1:6379/2) so each limit counts once for the site.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Celery: Redis in production. Without a broker, tasks run eagerly so the
# embedded default needs no server.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# The worker logs through LOGGING below (request ids on task lines) instead
# of replacing the root logger with its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic tasks, sent by the one beat of the installation. The schedules
# live in the database (django-celery-beat, editable in the admin under
# "Periodic tasks"): the summaries and reminders are created there by
# reports' migration 0005 in Asia/Ho_Chi_Minh time; the entries below are
# copied there by beat when it starts.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    # The outbox's sweep sends what a task could not (broker down, retries
    # spent, a worker that died mid-send).
    "outbox-sweep": {"task": "outbox.tasks.sweep_outbox", "schedule": 60.0},
    "clear-expired-sessions": {
        "task": "config.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    "expire-exports": {
        "task": "reports.expire_exports",
        "schedule": crontab(minute=41),  # hourly
    },
    "expire-checked-imports": {
        "task": "imports.expire_checked_batches",
        "schedule": crontab(minute=47),  # hourly
    },
}

# Sessions end when the browser closes or after SESSION_COOKIE_AGE seconds.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Security: on whenever DEBUG is off.
# Behind a TLS-terminating proxy, a request is HTTPS when the proxy says so
# in X-Forwarded-Proto. The proxy must set (overwrite) that header on every
# request, or a client could claim HTTPS itself (deploy/nginx shows how).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

DJANGO_TABLES2_TEMPLATE = "tables/bootstrap5.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

# Errors go to Sentry when SENTRY_DSN is set, otherwise by mail to ADMINS.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        # No names, addresses or cookies leave the server.
        send_default_pii=False,
    )

# One line per request with its id, user id, status and duration, and the
# request id on every line logged while serving it (config.logs).
LOGGING = logging_config(
    level=env("LOG_LEVEL", default="INFO"),
    json_format=env("LOG_FORMAT", default="text") == "json",
    mail_admins=bool(ADMINS) and not SENTRY_DSN,
)

# Statistics-office list imports (manage.py import_units): refuse bigger files.
UNIT_IMPORT_MAX_ROWS = env.int("UNIT_IMPORT_MAX_ROWS", default=50_000)
# Every uploaded workbook (centers/workbooks.py): the file's size, what it
# may expand to, and how many different texts it may hold. Peak memory
# stays under 200 MiB for any file within these (benchmarks/hostile_workbooks.py).
WORKBOOK_MAX_BYTES = env.int("WORKBOOK_MAX_MB", default=10) * 2**20
WORKBOOK_MAX_UNCOMPRESSED_BYTES = env.int("WORKBOOK_MAX_UNCOMPRESSED_MB", default=64) * 2**20
WORKBOOK_MAX_SHARED_STRINGS = env.int("WORKBOOK_MAX_SHARED_STRINGS", default=300_000)
# Data rows of one imported sheet of centers, appointments or courses (imports/).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)
# A checked upload not confirmed within this many hours expires: its file
# (kept in the database until then) is dropped, and it must be uploaded again.
IMPORT_CHECKED_KEEP_HOURS = env.int("IMPORT_CHECKED_KEEP_HOURS", default=48)

# The site's address, for links in emails (reminders, summaries).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# The outbox: first retry of a failed mail after this many seconds, then
# doubling, for at most OUTBOX_MAX_ATTEMPTS attempts; a send claimed longer
# than the timeout ago is taken over by the next sweep (its sender died).
OUTBOX_RETRY_SECONDS = env.int("OUTBOX_RETRY_SECONDS", default=60)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
OUTBOX_CLAIM_TIMEOUT_SECONDS = env.int("OUTBOX_CLAIM_TIMEOUT_SECONDS", default=600)
# Reminders: from this many days before a period ends, and at most this
# many a day to one address, whatever the periods.
REMINDER_DUE_SOON_DAYS = env.int("REMINDER_DUE_SOON_DAYS", default=7)
REMINDER_DAILY_CAP = env.int("REMINDER_DAILY_CAP", default=3)
# Scheduled reminders escalate: the center's staff from this many days
# before a report's deadline, its director the day after it, and the
# office's report addresses (who is still missing) this many days after.
REMINDER_BEFORE_DEADLINE_DAYS = env.int("REMINDER_BEFORE_DEADLINE_DAYS", default=3)
REMINDER_OFFICE_AFTER_DAYS = env.int("REMINDER_OFFICE_AFTER_DAYS", default=7)
# Summaries: the center summary workbook is attached up to this size; a
# larger one is replaced by a link to the reports page.
SUMMARY_ATTACHMENT_MAX_BYTES = env.int("SUMMARY_ATTACHMENT_MAX_KB", default=5 * 1024) * 1024

# Excel exports: reports with more data rows than this are built in the
# background (a status page, then a download); smaller ones at once.
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=5_000)
# Days a background export is kept before the periodic task removes it.
EXPORT_KEEP_DAYS = env.int("EXPORT_KEEP_DAYS", default=7)
