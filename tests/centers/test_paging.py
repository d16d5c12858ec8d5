"""The admin's big lists count from the planner's statistics when unfiltered
(PostgreSQL), and exactly otherwise."""

import pytest
from django.db import connection

from centers import paging
from courses.models import Course
from tests.factories import CourseFactory


def test_an_unfiltered_list_uses_the_tables_statistics(needs_postgres_db, monkeypatch):
    CourseFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE courses_course")
        cursor.execute("UPDATE pg_class SET reltuples = 1000000 WHERE relname = 'courses_course'")
    monkeypatch.setattr(paging, "ESTIMATE_FROM", 1)

    whole = paging.EstimatedCountPaginator(Course.objects.all(), 100)
    filtered = paging.EstimatedCountPaginator(Course.objects.filter(participants_total=40), 100)

    assert whole.count == 1_000_000  # no COUNT(*) over the table
    assert filtered.count == 3


@pytest.mark.django_db
def test_small_tables_and_sqlite_are_counted_exactly():
    CourseFactory.create_batch(2)

    assert paging.EstimatedCountPaginator(Course.objects.all(), 100).count == 2


@pytest.mark.django_db
def test_a_filtered_list_counts_at_most_the_cap(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    CourseFactory.create_batch(5, participants_total=40)

    count = paging.EstimatedCountPaginator(Course.objects.filter(participants_total=40), 100).count

    assert count == 2  # at most the cap: narrow the filter to page further
