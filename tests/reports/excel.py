"""Helpers for the Excel tests: build a report as the system or a user and
open it with openpyxl the way an office's spreadsheet program would."""

import datetime
import io

from openpyxl import load_workbook

from courses.reporting import SYSTEM
from reports import exports
from reports.exports import ReportRequest

TODAY = datetime.date(2026, 11, 30)


def request(kind: str, period: str, unit: str | None = None, center=None, **kwargs):
    period = exports.parse_period(period)
    return ReportRequest(
        kind=kind,
        period=period,
        unit=exports.unit_during(unit, period) if unit else None,
        center=center,
        **kwargs,
    )


def build(report: ReportRequest, viewer=SYSTEM, **kwargs):
    """The report's workbook, saved and opened again."""
    document = exports.document(viewer, report, today=TODAY, **kwargs)
    return open_xlsx(write(document))


def write(document, fmt: str = "xlsx") -> bytes:
    out = io.BytesIO()
    exports.write(document, fmt, out)
    return out.getvalue()


def open_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content))


def values(ws) -> list[tuple]:
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def texts(ws) -> list[str]:
    return [v for row in values(ws) for v in row if isinstance(v, str)]


def numbered_row(ws) -> int:
    """The 1-based index of the row of column numbers (1) (2) (3)…"""
    for index, row in enumerate(values(ws), 1):
        if row and row[0] == "(1)":
            return index
    raise AssertionError("no numbered row")


def data_rows(ws) -> list[tuple]:
    """The rows below the numbered row up to the first empty one."""
    rows = values(ws)[numbered_row(ws) :]
    result = []
    for row in rows:
        if all(v is None for v in row):
            break
        result.append(row)
    return result


def column_index(ws, label: str, group: str | None = None) -> int:
    """The 0-based column whose header (and group header) is `label`."""
    header = numbered_row(ws)
    rows = values(ws)
    top, bottom = rows[header - 3], rows[header - 2]
    current_group = None
    for index, (above, below) in enumerate(zip(top, bottom, strict=False)):
        if above is not None:
            current_group = above
        leaf = below if below is not None else above
        if leaf == label and (group is None or current_group == group):
            return index
    raise AssertionError(f"no column {group}/{label}")
