"""A `Document`'s tables as CSV, for people who only need the data: UTF-8
with a byte-order mark (so Excel shows the diacritics), one header line
(a sub-column's header is its group's and its own), then the rows. Text
that a spreadsheet could take for a formula is prefixed with an apostrophe."""

import csv
import datetime
from typing import TextIO

from reports.excel.document import SHARE, Document, Progress
from reports.excel.xlsx import FORMULA_STARTS, PROGRESS_EVERY

BOM = "\ufeff"


def _header(column) -> str:
    return f"{column.group} - {column.label}" if column.group else column.label


def _value(value, kind: str):
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if kind == SHARE:
        return f"{value:.4f}"
    return value


def write_csv(document: Document, out: TextIO, *, progress: Progress | None = None) -> int:
    """Write the document's data table (open `out` with newline="")."""
    table = document.tables[document.main_table]
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([_header(c) for c in table.columns])
    kinds = [c.kind for c in table.columns]
    written = 0
    for row in table.rows:
        writer.writerow([_value(v, k) for v, k in zip(row.values, kinds, strict=False)])
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
    if progress is not None:
        progress(written)
    return written
