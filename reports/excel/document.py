"""What a report is before it is a file: a heading, a title, tables of typed
rows, notes and a chart. Builders (`reports.excel.builders`) turn the
reporting read model's rows into a `Document`; renderers write it as an
official-layout workbook (`reports.excel.xlsx`) or as CSV
(`reports.excel.csvfile`). Nothing here touches the database."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

# Column kinds: how a value is typed and formatted.
TEXT = "text"
COUNT = "count"  # whole numbers, #,##0
SHARE = "share"  # a ratio 0–1 shown as a percentage
DATE = "date"  # dd/mm/yyyy
ORDINAL = "ordinal"  # the STT column: numbers and labels, centred
MONEY = "money"  # đồng, #,##0

# Row kinds: a center (or course), a unit's subtotal, the grand total.
DATA = "data"
SUBTOTAL = "subtotal"
TOTAL = "total"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    # The header over several columns ("Số lượt người học" over Tổng số,
    # Nữ, DTTS); consecutive columns with the same group share one cell.
    group: str = ""
    width: float = 12


@dataclass(frozen=True)
class Row:
    values: Sequence
    kind: str = DATA
    # The first value spans this many columns ("Tổng cộng" over STT, unit,
    # center and director).
    span: int = 1


@dataclass
class Table:
    columns: list[Column]
    rows: Iterable[Row]
    caption: str = ""
    # Said under the header when the table has no data row.
    empty_note: str = ""


@dataclass(frozen=True)
class Heading:
    """The official document's frame: the issuing unit top left, the place
    and day of the date line, and who signs."""

    authority: str  # "UBND thành phố Hà Tĩnh"
    issuer: str  # "Phòng Giáo dục và Đào tạo"
    number: str  # "Số: …/BC-PGDĐT"
    place: str  # "Hà Tĩnh"
    day: datetime.date
    head_title: str  # "Trưởng phòng"
    signer_title: str = ""  # "Phó Trưởng phòng" when a deputy signs
    signer_name: str = ""
    preparer_name: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    category_label: str
    value_label: str
    points: list[tuple[str, int]]


@dataclass
class Document:
    heading: Heading
    title: str
    # Bold centred lines under the title (the unit, the period's name).
    lines: list[str]
    period_line: str  # "Từ ngày 01/10/2020 đến ngày 31/12/2020"
    tables: list[Table]
    sheet_name: str
    filename: str  # without extension
    notes: list[str] = field(default_factory=list)
    chart: Chart | None = None
    # For the progress of a background export (data rows expected).
    expected_rows: int = 0
    # The table whose header repeats on printed pages and that a CSV holds
    # (the course list of a center's report).
    main_table: int = 0


Progress = Callable[[int], None]
