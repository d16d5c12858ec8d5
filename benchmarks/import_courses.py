"""Benchmark: import a 10,000-row course file.

    make import-benchmark     # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clc_bench make import-benchmark

Builds a center, an office over it and the course workbook (the template's
header, text dates and "1.200"-style numbers), then in a throwaway test
database: the dry run, the import, the re-import (must add nothing), and
the process's peak resident memory (run it with ROWS=2500 too to read the
growth as a ratio); with MEMORY=1 also tracemalloc's peak for a dry run of
the full file and of a quarter of it. Figures are noisy on
a shared machine: read them as ratios from one run, never as assertions.
"""

import datetime
import io
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

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # no query log growing with the rows (DEBUG=true is only for the secret)

from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402
from openpyxl import Workbook  # noqa: E402

ROWS = int(os.environ.get("ROWS", "10000"))
KEYS = ["ordinal", "center", "title", "topic", "format", "start_date", "end_date", "sessions",
        "participants_total", "participants_women"]  # fmt: skip


def _workbook(center_name: str, topic: str, rows: int) -> bytes:
    from tests.imports.books import header

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header("courses", KEYS))
    first = datetime.date(2021, 1, 4)
    for number in range(1, rows + 1):
        day = first + datetime.timedelta(days=number % 1_000)
        sheet.append(
            [number, center_name, f"Lớp số {number}", topic, "Lớp học",
             day.strftime("%d/%m/%Y"), None, 2, f"{1_000 + number % 500:,}".replace(",", "."), 40]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cast():
    from tests.factories import CenterFactory, OfficeFactory, TopicFactory, UserFactory

    topic = TopicFactory(name="Kỹ năng sống thử")
    center = CenterFactory(established_on=datetime.date(2019, 1, 1))
    officer = UserFactory(username="phonggd.benchmark")
    OfficeFactory(unit=center.unit.parent, members=[officer])
    return center, topic, officer


def _timed(run, **kwargs):
    started = time.perf_counter()
    result = run(**kwargs)
    return time.perf_counter() - started, result


def _peak(content: bytes, officer) -> int:
    from imports.services import import_check

    tracemalloc.start()
    import_check(kind="courses", content=content, filename="b.xlsx", actor=officer)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    from imports.services import import_check, import_run

    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        with translation.override("vi"):
            center, topic, officer = _cast()
            full = _workbook(center.name, topic.name, ROWS)
            quarter = (
                _workbook(center.name, topic.name, ROWS // 4) if os.environ.get("MEMORY") else b""
            )
            args = {"kind": "courses", "content": full, "filename": "b.xlsx", "actor": officer}
            print(f"database: {connection.vendor}")
            print(f"file: {len(full) / 1024:.0f} KiB, {ROWS:,} courses")
            seconds, result = _timed(import_check, **args)
            assert result.ok, [str(p) for p in result.errors[:5]]
            print(f"dry run: {seconds:.1f} s ({result.created} would be created)")
            seconds, result = _timed(import_run, **args)
            print(f"import: {seconds:.1f} s ({result.created} created)")
            seconds, result = _timed(import_run, **args)
            print(
                f"re-import: {seconds:.1f} s ({result.created} created, {result.skipped} present)"
            )
            if os.environ.get("MEMORY"):  # tracemalloc slows Python down: on request
                peak_full, peak_quarter = _peak(full, officer), _peak(quarter, officer)
                print(f"peak Python memory, dry run of the full file: {peak_full / 2**20:.1f} MiB")
                print(f"peak Python memory, a quarter of it: {peak_quarter / 2**20:.1f} MiB")
                print(f"ratio full/quarter: {peak_full / peak_quarter:.2f} (rows ratio 4.00)")
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"max resident set size of the process: {rss:.0f} MiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
