"""Admin lists of the big tables — a million courses nationally — must not
read the whole table to say how many rows it has."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections

# Below this many rows an exact COUNT(*) is cheap enough and exact.
ESTIMATE_FROM = 100_000
# A filtered list counts at most this many rows (then shows this many:
# narrow the filter to see further) — counting a tenth of a million-row
# table takes most of a second.
COUNT_CAP = 10_000


class EstimatedCountPaginator(Paginator):
    """A paginator whose count does not read the table: an unfiltered list
    on PostgreSQL takes it from the planner's statistics (pg_class.reltuples,
    refreshed by autovacuum) instead of COUNT(*), a sequential scan; a
    filtered, searched or scoped list counts at most COUNT_CAP rows."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        estimate = self._estimate(queryset) if not queryset.query.where else None
        if estimate is not None and estimate >= ESTIMATE_FROM:
            return estimate
        # Unordered, so the database stops at the cap instead of sorting.
        return min(queryset.order_by()[:COUNT_CAP].count(), COUNT_CAP)

    @staticmethod
    def _estimate(queryset) -> int | None:
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        return row[0] if row and row[0] > 0 else None
