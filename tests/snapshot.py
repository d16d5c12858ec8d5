"""The demo, seeded once per test session and copied into each test that
asks for it. Seeding goes through the services (full_clean, history,
locks) and costs most of a second; copying its rows costs a few
milliseconds, and rolls back with the test like anything else."""

from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass
class Snapshot:
    # (model, attribute names, rows) for each table the demo writes to.
    tables: list[tuple[type, list[str], list[tuple]]]


# Rebuilt by Django itself after a transactional test flushes the database.
SKIPPED_APPS = {"contenttypes", "sessions", "admin"}


def _models() -> list[type]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in SKIPPED_APPS
        and model._meta.model_name != "permission"
    ]


def take_snapshot() -> Snapshot:
    """Seed the demo inside a transaction, read every row there is then (the
    topics that migrations seed included: a transactional test's flush
    removes them), roll back."""
    from courses.demo import seed_demo

    with transaction.atomic():
        seed_demo()
        _as_after_the_commit()
        snapshot = take_reference()
        transaction.set_rollback(True)
    return snapshot


def take_reference() -> Snapshot:
    """Every row there is now: right after the migrations, the rows their
    data migrations wrote (the topics, the default schedules)."""
    tables = []
    for model in _models():
        if not model._base_manager.exists():
            continue
        names = [field.attname for field in model._meta.concrete_fields]
        rows = list(model._base_manager.order_by("pk").values_list(*names))
        tables.append((model, names, rows))
    return Snapshot(tables)


def _as_after_the_commit() -> None:
    """The demo's report steps put their notifications in the outbox, which
    sends them once the seeding commits (`make run` prints them). The
    snapshot is taken before that commit: keep those mails as sent, as
    they would be, so a test's sweep finds only the mails it writes."""
    from django.utils import timezone

    from outbox.models import Message, MessageStatus

    Message.objects.filter(status=MessageStatus.PENDING).update(
        status=MessageStatus.SENT, attempts=1, sent_at=timezone.now()
    )


def restore_snapshot(snapshot: Snapshot) -> None:
    """Insert the snapshot's rows with their primary keys (foreign keys are
    checked at commit on both SQLite and PostgreSQL, so order is free;
    rows already there, such as the migrations' topics, are kept), then
    move the sequences past them. One transaction, so that a
    transactional test (autocommit) also checks the keys only at the end."""
    with transaction.atomic():
        _insert(snapshot)


def _insert(snapshot: Snapshot) -> None:
    for model, names, rows in snapshot.tables:
        model._base_manager.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in rows],
            batch_size=500,
            ignore_conflicts=True,
        )
    statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _n, _r in snapshot.tables])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
