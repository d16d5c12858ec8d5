"""Trigram indexes for the accent-free search of course and activity titles
on PostgreSQL (`search_title LIKE '%key%'`), as centers/0003 made for names:
at a million courses the admin's and the lists' search would otherwise scan
the table. SQLite goes without (a center's rows are few)."""

from django.db import migrations

INDEXES = [
    ("courses_course", "course_search_trgm"),
    ("courses_activity", "activity_search_trgm"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:  # centers/0003 could not create it here
            return
    for table, name in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("search_title" gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0003_search_trigram_indexes"),
        ("courses", "0008_indexes_for_national_scale"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
