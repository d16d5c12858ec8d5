"""A `Document` as a workbook in the layout of Vietnamese administrative
statistical tables (DOMAIN.md, "Official report layout"): the issuing unit
top left and the national motto top right, the title in bold capitals, an
italic period line, merged header rows with sub-columns, a row of column
numbers, typed cells with thin borders, subtotals and a bold total, then
the date line and the signature blocks. Times New Roman, A4 landscape
fitted to the page width, header rows repeated on every printed page,
panes frozen below the header; a second sheet holds a bar chart.

openpyxl in write-only mode, so memory stays flat however many rows
stream through (a million courses): rows are appended once, never looked
up again (`ws.max_row` or `ws[r]` would make it quadratic), and styles are
registered once as named styles whose style arrays every cell shares.
"""

import datetime
from copy import copy

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties

from reports.excel.document import (
    COUNT,
    DATA,
    DATE,
    MONEY,
    ORDINAL,
    SHARE,
    TEXT,
    TOTAL,
    Column,
    Document,
    Progress,
    Row,
    Table,
)

FONT = "Times New Roman"
# Excel's last row; a longer table goes on in a new sheet.
MAX_ROWS = 1_048_576
PROGRESS_EVERY = 2_000
# The national motto: part of every official document, in Vietnamese in
# every interface language (like a unit's name).
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# Text starting with one of these could be read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMATS = {COUNT: "#,##0", MONEY: "#,##0", SHARE: "0.0%", DATE: "DD/MM/YYYY"}

_thin = Side(style="thin")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def _named(
    name,
    *,
    size=12,
    bold=False,
    italic=False,
    underline=None,
    align=_CENTER,
    border=None,
    number_format="General",
) -> NamedStyle:
    style = NamedStyle(name=name)
    style.font = Font(name=FONT, size=size, bold=bold, italic=italic, underline=underline)
    style.alignment = align
    if border is not None:
        style.border = border
    style.number_format = number_format
    return style


def _styles() -> list[NamedStyle]:
    frame = [
        _named("clc_authority"),
        _named("clc_issuer", bold=True),
        _named("clc_motto", bold=True),
        _named("clc_motto_line", size=13, bold=True, underline="single"),
        _named("clc_number"),
        _named("clc_title", size=14, bold=True),
        _named("clc_line", bold=True),
        _named("clc_period", italic=True),
        _named("clc_caption", bold=True, align=_WRAP_LEFT),
        _named("clc_note", size=11, italic=True, align=_WRAP_LEFT),
        _named("clc_day", italic=True),
        _named("clc_sign", bold=True),
        _named("clc_sign_hint", italic=True),
        _named("clc_head", size=11, bold=True, border=_BORDER),
        _named("clc_numbering", size=11, italic=True, border=_BORDER),
    ]
    cells = []
    for weight in ("", "_b"):
        bold = weight == "_b"
        cells += [
            _named(f"clc_text{weight}", size=11, bold=bold, align=_WRAP_LEFT, border=_BORDER),
            _named(f"clc_ordinal{weight}", size=11, bold=bold, border=_BORDER),
            _named(
                f"clc_date{weight}",
                size=11,
                bold=bold,
                border=_BORDER,
                number_format=NUMBER_FORMATS[DATE],
            ),
        ]
        for kind in (COUNT, SHARE):
            cells.append(
                _named(
                    f"clc_{kind}{weight}",
                    size=11,
                    bold=bold,
                    align=_RIGHT,
                    border=_BORDER,
                    number_format=NUMBER_FORMATS[kind],
                )
            )
    return frame + cells


class _Worksheet(WriteOnlyWorksheet):
    """openpyxl's write-only sheet, given rows of ready cells (or None):
    its own `append` tries each value as a cell value first and catches the
    error for a cell — an exception per cell, the larger part of its cost."""

    def _values_to_row(self, values, row_idx):
        for col_idx, cell in enumerate(values, 1):
            if cell is None:
                continue
            cell.column = col_idx
            cell.row = row_idx
            yield cell


class Sheet:
    """One write-only worksheet and the row it is at. Cells are built with
    the shared style arrays of the workbook's named styles; a data row
    reuses one cell per column and style (written out before the next row
    is set), so a million rows allocate no cell of their own."""

    def __init__(self, book: "Book", title: str):
        self.book = book
        self.ws = _Worksheet(parent=book.wb, title=title[:31])
        book.wb._add_sheet(self.ws)
        self.row = 0  # rows written so far
        # The left block's last column and the right block's first.
        self.blocks = (1, 2)
        self._reused: dict[tuple, WriteOnlyCell] = {}

    def reused(self, column: int, value, style: str) -> WriteOnlyCell:
        """The cell of `column` and `style`, holding `value` (typed here, as
        openpyxl would, without its per-cell checks for the types we write)."""
        quoted = type(value) is str and value.startswith(FORMULA_STARTS)
        key = (column, style, quoted)
        cell = self._reused.get(key)
        if cell is None:
            cell = self._reused[key] = WriteOnlyCell(self.ws)
            cell._style = (self.book.quoted if quoted else self.book.arrays)[style]
        kind = type(value)
        if value is None or kind is int or kind is float:
            cell._value, cell.data_type = value, "n"
        elif kind is str:
            if ILLEGAL_CHARACTERS_RE.search(value):  # control characters: not XML
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell._value, cell.data_type = value[:32767], "s"
        elif isinstance(value, datetime.date):
            cell._value, cell.data_type = value, "d"
        else:
            cell.value = value
            if quoted:
                cell.data_type = "s"
        return cell

    def cell(self, value, style: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            # Stored as text and flagged so: Excel never evaluates it, not
            # even after an edit.
            cell.data_type = "s"
            cell._style = self.book.quoted[style]
            return cell
        cell._style = self.book.arrays[style]
        return cell

    def append(self, cells: list) -> int:
        self.ws.append(cells)
        self.row += 1
        return self.row

    def merge(self, first_col: int, last_col: int, rows: int = 1) -> None:
        if last_col > first_col or rows > 1:
            last = get_column_letter(last_col)
            self.ws.merged_cells.add(
                f"{get_column_letter(first_col)}{self.row - rows + 1}:{last}{self.row}"
            )


class Book:
    def __init__(self):
        self.wb = Workbook(write_only=True)
        self.arrays, self.quoted = {}, {}
        probe = self.wb.create_sheet("probe")
        for style in _styles():
            self.wb.add_named_style(style)
            cell = WriteOnlyCell(probe)
            cell.style = style.name
            self.arrays[style.name] = cell._style
            quoted = copy(cell._style)
            quoted.quotePrefix = 1
            self.quoted[style.name] = quoted
        self.wb.remove(probe)


def workbook(document: Document, *, progress: Progress | None = None) -> Workbook:
    """The document as an official-layout workbook (write-only: save it
    once). `progress(n)` is told every few thousand data rows."""
    book = Book()
    sheet = Sheet(book, document.sheet_name)
    # Column widths are the widest table's (a center's course list).
    columns = max((table.columns for table in document.tables), key=len)
    width = len(columns)
    _setup(sheet, columns, width)
    _freeze(sheet, document)
    _frame(sheet, document, width)
    written = 0
    for index, table in enumerate(document.tables):
        sheet, written = _table(
            sheet,
            table,
            width,
            written,
            progress,
            repeat=index == document.main_table,
            document=document,
        )
    _signatures(sheet, document, width)
    if document.chart is not None:
        _chart(book, document.chart)
    if progress is not None:
        progress(written)
    return book.wb


def _setup(sheet: Sheet, columns: list[Column], width: int) -> None:
    ws = sheet.ws
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for index in range(len(columns) + 1, width + 1):
        ws.column_dimensions[get_column_letter(index)].width = 12
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def _freeze(sheet: Sheet, document: Document) -> None:
    """Freeze the panes below the first table's header and right of its
    name columns. A write-only sheet writes its view with its first row, so
    this is worked out before anything is written: the frame's rows (the
    three heading rows, a blank, the title, the lines, the period line, a
    blank), the caption, the header rows and the numbered row."""
    table = document.tables[0]
    grouped = any(c.group for c in table.columns)
    row = 7 + len(document.lines) + bool(table.caption) + (2 if grouped else 1) + 1
    column = next(
        (i for i, c in enumerate(table.columns) if c.kind not in (TEXT, ORDINAL)),
        len(table.columns),
    )
    sheet.ws.freeze_panes = f"{get_column_letter(min(column, 3) + 1)}{row + 1}"


def _blocks(columns: list[Column], width: int) -> tuple[int, int]:
    """The last column of the left block (issuing unit) and the first of the
    right block (motto, date line, head's signature): each wide enough for
    its text, and apart."""
    widths = [c.width for c in columns] + [12] * (width - len(columns))
    left, acc = 1, widths[0]
    while acc < 46 and left < width // 2:
        acc += widths[left]
        left += 1
    right, acc = width, widths[-1]
    while acc < 48 and right - 1 > left + 1:
        right -= 1
        acc += widths[right - 1]
    return left, max(right, left + 1)


def _two_blocks(sheet: Sheet, width: int, left_text, left_style, right_text, right_style):
    left_end, right_start = sheet.blocks
    cells = [sheet.cell(left_text, left_style)] if left_text is not None else [None]
    cells += [None] * (right_start - 2)
    cells.append(sheet.cell(right_text, right_style) if right_text is not None else None)
    sheet.append(cells)
    if left_text is not None:
        sheet.merge(1, left_end)
    if right_text is not None:
        sheet.merge(right_start, width)


def _line(sheet: Sheet, text: str, style: str, width: int, height: float | None = None) -> None:
    if height:
        sheet.ws.row_dimensions[sheet.row + 1].height = height
    sheet.append([sheet.cell(text, style)])
    sheet.merge(1, width)


def _frame(sheet: Sheet, document: Document, width: int) -> None:
    heading = document.heading
    sheet.blocks = _blocks(max((t.columns for t in document.tables), key=len), width)
    _two_blocks(sheet, width, heading.authority.upper(), "clc_authority", MOTTO[0], "clc_motto")
    if len(heading.issuer) > 40:  # a center's long name wraps onto two lines
        sheet.ws.row_dimensions[sheet.row + 1].height = 32
    _two_blocks(sheet, width, heading.issuer.upper(), "clc_issuer", MOTTO[1], "clc_motto_line")
    _two_blocks(sheet, width, heading.number, "clc_number", None, None)
    sheet.append([])
    _line(sheet, document.title.upper(), "clc_title", width, height=36)
    for text in document.lines:
        _line(sheet, text, "clc_line", width)
    _line(sheet, document.period_line, "clc_period", width)
    sheet.append([])


def _header(sheet: Sheet, columns: list[Column]) -> tuple[int, int]:
    """The merged header rows and the numbered row; their first and last rows."""
    grouped = any(c.group for c in columns)
    first = sheet.row + 1
    sheet.ws.row_dimensions[first].height = 32 if grouped else 45
    if grouped:
        sheet.ws.row_dimensions[first + 1].height = 62
        top = [sheet.cell(c.group or c.label, "clc_head") for c in columns]
        sheet.append(top)
        sheet.append([sheet.cell(c.label if c.group else None, "clc_head") for c in columns])
        index = 0
        while index < len(columns):
            column = columns[index]
            end = index
            if column.group:
                while end + 1 < len(columns) and columns[end + 1].group == column.group:
                    end += 1
                _merge_at(sheet, first, index + 1, first, end + 1)
            else:
                _merge_at(sheet, first, index + 1, first + 1, index + 1)
            index = end + 1
    else:
        sheet.append([sheet.cell(c.label, "clc_head") for c in columns])
    sheet.append([sheet.cell(f"({i})", "clc_numbering") for i in range(1, len(columns) + 1)])
    return first, sheet.row


def _merge_at(sheet: Sheet, row1: int, col1: int, row2: int, col2: int) -> None:
    if (row1, col1) != (row2, col2):
        sheet.ws.merged_cells.add(
            f"{get_column_letter(col1)}{row1}:{get_column_letter(col2)}{row2}"
        )


def _style_names(columns: list[Column]) -> list[tuple[str, str]]:
    names = []
    for column in columns:
        base = {
            COUNT: "clc_count",
            MONEY: "clc_count",
            SHARE: "clc_share",
            DATE: "clc_date",
            ORDINAL: "clc_ordinal",
        }.get(column.kind, "clc_text")
        names.append((base, base + "_b"))
    return names


def _table(sheet, table: Table, width, written, progress, *, repeat: bool, document: Document):
    if table.caption:
        sheet.append([sheet.cell(table.caption, "clc_caption")])
        sheet.merge(1, width)
    first, last = _header(sheet, table.columns)
    if repeat:
        sheet.ws.print_title_rows = f"{first}:{last}"
    styles = _style_names(table.columns)
    rows = 0
    for row in table.rows:
        if sheet.row >= MAX_ROWS:
            sheet = _continue(sheet, table, width, document)
        _data_row(sheet, row, styles)
        rows += 1
        if row.kind == DATA:
            written += 1
            if progress is not None and written % PROGRESS_EVERY == 0:
                progress(written)
    if not rows and table.empty_note:
        sheet.append([sheet.cell(table.empty_note, "clc_note")])
        sheet.merge(1, width)
    sheet.append([])
    return sheet, written


def _data_row(sheet: Sheet, row: Row, styles) -> None:
    pick = 1 if row.kind != DATA else 0
    reused = sheet.reused
    cells = [reused(i, value, styles[i][pick]) for i, value in enumerate(row.values)]
    if row.span > 1:  # a unit's or the total's label, read from the left
        cells[0] = reused(-1, row.values[0], "clc_text_b")
    sheet.append(cells)
    if row.span > 1:
        sheet.merge(1, row.span)
    if row.kind == TOTAL:
        sheet.ws.row_dimensions[sheet.row].height = 20


def _continue(sheet: Sheet, table: Table, width: int, document: Document) -> Sheet:
    """A new sheet once Excel's last row is reached, with the header again."""
    number = len(sheet.book.wb.worksheets) + 1
    following = Sheet(sheet.book, f"{document.sheet_name[:24]} ({number})")
    following.blocks = sheet.blocks
    _setup(following, table.columns, width)
    first, last = _header(following, table.columns)
    following.ws.print_title_rows = f"{first}:{last}"
    following.ws.freeze_panes = f"A{last + 1}"
    return following


def _signatures(sheet: Sheet, document: Document, width: int) -> None:
    heading = document.heading
    for note in document.notes:
        sheet.append([sheet.cell(note, "clc_note")])
        sheet.merge(1, width)
    sheet.append([])
    _two_blocks(sheet, width, None, None, _date_line(heading.place, heading.day), "clc_day")
    head = heading.head_title or _("Head of the unit")
    deputy = bool(heading.signer_title) and heading.signer_title.casefold() != head.casefold()
    lines = [
        (
            _("Prepared by").upper(),
            "clc_sign",
            (f"KT. {head}" if deputy else head).upper(),
            "clc_sign",
        ),
    ]
    if deputy:
        lines.append((None, None, heading.signer_title.upper(), "clc_sign"))
    lines.append(
        (
            _("(Signature and full name)"),
            "clc_sign_hint",
            _("(Signature and seal)"),
            "clc_sign_hint",
        )
    )
    for left, left_style, right, right_style in lines:
        _two_blocks(sheet, width, left, left_style, right, right_style)
    for _blank in range(4):
        sheet.append([])
    _two_blocks(
        sheet,
        width,
        heading.preparer_name or None,
        "clc_sign",
        heading.signer_name or None,
        "clc_sign",
    )


def _date_line(place: str, day: datetime.date) -> str:
    """ "Hà Tĩnh, ngày 05 tháng 01 năm 2021": two-digit day and month."""
    return _("%(place)s, day %(day)02d month %(month)02d year %(year)d") % {
        "place": place,
        "day": day.day,
        "month": day.month,
        "year": day.year,
    }


def _chart(book: Book, chart) -> None:
    sheet = Sheet(book, _("Chart"))
    ws = sheet.ws
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 16
    sheet.append(
        [sheet.cell(chart.category_label, "clc_head"), sheet.cell(chart.value_label, "clc_head")]
    )
    for label, value in chart.points:
        sheet.append([sheet.cell(label, "clc_text"), sheet.cell(value, "clc_count")])
    bars = BarChart()
    bars.type = "bar"
    bars.style = 10
    bars.title = chart.title
    bars.y_axis.title = chart.value_label
    bars.legend = None
    count = len(chart.points)
    if count:
        bars.add_data(Reference(ws, min_col=2, min_row=1, max_row=count + 1), titles_from_data=True)
        bars.set_categories(Reference(ws, min_col=1, min_row=2, max_row=count + 1))
    bars.height = max(7.5, 0.9 * count + 3)
    bars.width = 17
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    # Below the figures it draws, so the page holds both.
    ws.add_chart(bars, f"A{count + 3}")
