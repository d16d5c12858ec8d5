"""Benchmark: import a national-sized statistics-office list of units.

    make benchmark            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clc_tracker make benchmark

Generates a workbook of the national list's shape (63 provinces, 705
districts, 10,603 communes — the early-2020s list), imports it into a
throwaway test database, re-imports it (must add nothing), and reports the
file size, seconds, and peak Python memory (tracemalloc) for the full list
and for a quarter of it, so memory growth can be read as a ratio. Figures
are noisy on a shared machine: read them as ratios from one run, never as
assertions.
"""

import datetime
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.db import connection  # noqa: E402

from centers.imports import units_import  # noqa: E402
from centers.models import AdministrativeUnit  # noqa: E402
from tests.centers.xlsx import national_rows, workbook_bytes  # noqa: E402

VALID_FROM = datetime.date(2020, 1, 1)


def _timed_import(content) -> tuple[float, object]:
    content.seek(0)
    started = time.perf_counter()
    result = units_import(file=content, valid_from=VALID_FROM)
    return time.perf_counter() - started, result


def _peak_memory(content) -> int:
    for level in (3, 2, 1):  # children first: parents are PROTECTed
        units = AdministrativeUnit.objects.filter(level=level)
        units._raw_delete(units.db)
    content.seek(0)
    tracemalloc.start()
    units_import(file=content, valid_from=VALID_FROM)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        full = workbook_bytes(national_rows(), title=False)
        quarter = workbook_bytes(
            national_rows(provinces=16, districts=176, communes=2_650), title=False
        )
        seconds, result = _timed_import(full)
        print(f"database: {connection.vendor}")
        print(f"file: {len(full.getvalue()) / 1024:.0f} KiB, 10,603 communes")
        print(f"first import: {seconds:.1f} s ({result.created} units created)")
        seconds, result = _timed_import(full)
        print(
            f"re-import: {seconds:.1f} s ({result.created} created, "
            f"{result.updated} updated, {result.unchanged} unchanged)"
        )
        peak_full, peak_quarter = _peak_memory(full), _peak_memory(quarter)
        print(f"peak Python memory, full list: {peak_full / 2**20:.1f} MiB")
        print(f"peak Python memory, quarter list: {peak_quarter / 2**20:.1f} MiB")
        print(f"ratio full/quarter: {peak_full / peak_quarter:.2f} (rows ratio 4.00)")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"max resident set size of the process: {rss:.0f} MiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
