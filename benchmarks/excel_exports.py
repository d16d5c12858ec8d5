"""Benchmark the Excel exports at national scale (a benchmark, not a test).

    createdb -h 127.0.0.1 -U postgres clc_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/clc_bench
    make seed-national          # benchmarks/seed_national.py, the one seeder
    make excel-benchmark        # this script

Measures, in one run, end to end (queryset → file), each case in a forked
process of its own so that its peak RSS is its own:

- the national center summary (every center of the country, grouped by
  province, with the same period a year earlier): wall time, peak RSS and
  number of queries; and as the reference the same rows written with
  xlsxwriter in constant-memory mode;
- the course list of every course of the five years (about 1,000,000
  rows): openpyxl write-only at several sizes (peak RSS must stay flat as
  rows grow), xlsxwriter in constant-memory mode as the reference, our CSV
  and a plain `csv` write of the same query as its reference.

Targets (issue 11): the summary ≤ 2.0× its reference with a fixed number of
queries and ≤ 200 MiB; the course list ≤ 2.0× its reference, RSS flat; CSV
within 2× of the plain write.
"""

import argparse
import csv
import datetime
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django
from django.apps import apps

if not apps.ready:
    django.setup()

from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from courses.periods import Period, PeriodKind
from courses.reporting import SYSTEM, course_list
from reports import exports
from reports.excel.document import COUNT, DATE, MONEY, SHARE, Document
from reports.excel.xlsx import workbook
from reports.exports import ReportRequest

# Every course of the seeder's five years: one period over all of them (the
# product's periods are at most a year; this only feeds the same builder).
FIVE_YEARS = Period(datetime.date(2019, 1, 1), datetime.date(2026, 12, 31), PeriodKind.YEAR, 2026)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _summary_document(period: Period) -> Document:
    request = ReportRequest(kind="summary", period=period, unit=None)
    return exports.document(SYSTEM, request, today=datetime.date.today())


def _course_document(limit: int | None) -> Document:
    request = ReportRequest(kind="courses", period=FIVE_YEARS, unit=None)
    document = exports.document(SYSTEM, request, today=datetime.date.today())
    if limit:
        rows = document.tables[0].rows
        document.tables[0].rows = (row for _n, row in zip(range(limit), rows, strict=False))
    return document


def _xlsxwriter(document: Document, path: str) -> None:
    """The reference: the same header and rows, xlsxwriter constant-memory,
    one format per column kind (no merges: the trap of constant-memory mode
    with vertical merges is avoided by writing the header flat)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = book.add_worksheet()
    base = {"font_name": "Times New Roman", "font_size": 11, "border": 1}
    formats = {
        COUNT: book.add_format(base | {"num_format": "#,##0"}),
        MONEY: book.add_format(base | {"num_format": "#,##0"}),
        SHARE: book.add_format(base | {"num_format": "0.0%"}),
        DATE: book.add_format(base | {"num_format": "dd/mm/yyyy"}),
    }
    text = book.add_format(base | {"text_wrap": True})
    table = document.tables[0]
    kinds = [formats.get(c.kind, text) for c in table.columns]
    ws.write_row(0, 0, [c.label for c in table.columns], text)
    row_index = 1
    for row in table.rows:
        for col, (value, fmt) in enumerate(zip(row.values, kinds, strict=False)):
            if value is not None:
                ws.write(row_index, col, value, fmt)
        row_index += 1
    book.close()


def _plain_csv(limit: int | None, path: str) -> None:
    rows = course_list(SYSTEM, _all_centers(), FIVE_YEARS).iterator(chunk_size=5_000)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for _n, row in zip(range(limit or 10**9), rows, strict=False):
            writer.writerow(row)


def _all_centers():
    from centers.models import LearningCenter

    return LearningCenter.objects.all()


def case(name: str, size: int | None, period: Period) -> dict:
    """Run one case in this (forked) process; returns its measurements."""
    connections.close_all()
    started_rss = _rss_mib()
    with tempfile.NamedTemporaryFile(suffix=".out", delete=False) as out:
        pass
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        if name == "summary":
            workbook(_summary_document(period)).save(out.name)
        elif name == "summary-xlsxwriter":
            _xlsxwriter(_summary_document(period), out.name)
        elif name == "courses":
            workbook(_course_document(size)).save(out.name)
        elif name == "courses-xlsxwriter":
            _xlsxwriter(_course_document(size), out.name)
        elif name == "courses-csv":
            with open(out.name, "wb") as target:
                exports.write(_course_document(size), "csv", target)
        elif name == "courses-plain-csv":
            _plain_csv(size, out.name)
    seconds = time.perf_counter() - started
    size_mb = os.path.getsize(out.name) / 2**20
    os.unlink(out.name)
    return {
        "case": name,
        "rows": size or "all",
        "seconds": seconds,
        "peak_rss_mib": _rss_mib(),
        "rss_at_start_mib": started_rss,
        "queries": len(queries),
        "file_mib": size_mb,
    }


def _child(queue, *args) -> None:
    try:
        queue.put(case(*args))
    except BaseException as error:  # report it to the parent, which would wait forever
        queue.put({"error": repr(error)})
        raise


def run(name: str, size: int | None, period: Period) -> dict:
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, name, size, period))
    process.start()
    result = queue.get()
    process.join()
    if "error" in result:
        sys.exit(f"{name} failed: {result['error']}")
    print(
        f"{result['case']:>20} {result['rows']!s:>9} rows: {result['seconds']:8.1f} s, "
        f"peak RSS {result['peak_rss_mib']:6.0f} MiB (at start {result['rss_at_start_mib']:.0f}), "
        f"{result['queries']:3d} queries, file {result['file_mib']:.1f} MiB",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--period", default="2025", help="the summary's period (default 2025)")
    parser.add_argument(
        "--sizes", default="250000,500000", help="course-list sizes to show RSS is flat"
    )
    parser.add_argument("--skip-large", action="store_true", help="leave out the 1,000,000 rows")
    parser.add_argument(
        "--only", default="summary,courses,csv", help="which parts: summary, courses, csv"
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    period = Period.parse(args.period)
    from centers.models import LearningCenter
    from courses.models import Course

    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}: "
        f"{LearningCenter.objects.count():,} centers, {Course.objects.count():,} courses"
    )
    if "summary" in parts:
        summary = run("summary", None, period)
        reference = run("summary-xlsxwriter", None, period)
        print(f"summary / xlsxwriter: {summary['seconds'] / reference['seconds']:.2f}×")
    if "courses" in parts:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            run("courses", size, period)
        if not args.skip_large:
            courses = run("courses", None, period)
            reference = run("courses-xlsxwriter", None, period)
            print(f"courses / xlsxwriter: {courses['seconds'] / reference['seconds']:.2f}×")
    if "csv" in parts:
        ours = run("courses-csv", None, period)
        plain = run("courses-plain-csv", None, period)
        print(f"CSV / plain csv: {ours['seconds'] / plain['seconds']:.2f}×")


if __name__ == "__main__":
    main()
