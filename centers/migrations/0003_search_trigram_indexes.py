"""Trigram indexes for accent-free search on PostgreSQL.

`search()` filters `search_name LIKE '%key%'`, which a B-tree cannot serve;
a pg_trgm GIN index can, so typing "thach" stays fast over the national
list (and people). SQLite has no such index; it scans a few thousand short
rows, which is fast enough there. If the database user may not create the
extension, the migration goes on without the indexes (search still works).
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

INDEXES = [
    ("centers_administrativeunit", "unit_search_trgm"),
    ("centers_learningcenter", "center_search_trgm"),
    ("centers_appointment", "appointment_search_trgm"),
    ("centers_office", "office_search_trgm"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # permissions differ between hosts; search works without it
        logger.warning("pg_trgm unavailable, search indexes skipped: %s", exc)
        return
    for table, name in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("search_name" gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("centers", "0002_user_full_name_collation")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
