"""Reading an import sheet into typed rows, with every problem named by
sheet, row and column. Nothing here touches the database but the short
lists the columns are matched against (topics).

The workbook is read by the one hardened reader (`centers.workbooks`),
streaming. Then, for the columns of a `Sheet` spec:

- the header row is found among the first rows (a title may sit above it),
  its labels compared without accents, case or spacing, in Vietnamese or
  English; a second header row under merged group cells ("Số lượt người
  học" over "Tổng số / Nữ / DTTS", as the course list export writes) is
  folded in, the row of column numbers "(1) (2) …" skipped;
- data stops at the total row ("Tổng cộng"); blank rows are skipped, and
  the template's example row (STT "Ví dụ") too;
- text is converted from TCVN3/VNI when it was typed in them, then
  NFC-normalised, stripped of invisible characters and trimmed;
- numbers are numbers or text ("12.000", "12 000"); dates Excel dates or
  text dd/mm/yyyy.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from centers.numbers import parse_whole_number
from centers.text import clean_multiline_text, clean_text, search_key
from centers.workbooks import Cell, WorkbookError, WorkbookRow, read_rows
from imports.legacy import UnknownEncoding, decode_cell

HEADER_SEARCH_ROWS = 20
TEXT, NUMBER, DATE, CHOICE, LONG_TEXT = "text", "number", "date", "choice", "long_text"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
_NUMBERING = re.compile(r"^\(\d+\)$")
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Column:
    """One column of an import sheet: its key (the field it fills), its
    label (the header text, translated), what it holds, whether a row
    needs it, and for choices the (value, label) pairs."""

    key: str
    label: Any  # a lazy translation
    kind: str = TEXT
    required: bool = False
    help: Any = ""
    group: Any = None  # the merged label above it, e.g. "Participations"
    choices: Callable[[], list[tuple[Any, str]]] | None = None
    ignored: bool = False  # read back from an export, not imported (STT, course ID)
    example: Any = None


@dataclass(frozen=True)
class SheetSpec:
    name: Any  # the data sheet's name in the template
    columns: list[Column]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Problem:
    """Something wrong (or, with `warning`, worth a look) at a place in the file."""

    sheet: str
    row: int | None
    column: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}"


class ImportRefused(Exception):
    """The file as a whole cannot be imported; `problems` say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]  # key -> typed value, None where empty
    problems: list[Problem] = field(default_factory=list)

    def problem(self, sheet: str, column: Column | None, message: str, **kwargs) -> None:
        label = str(column.label) if column else ""
        self.problems.append(Problem(sheet, self.number, label, message, **kwargs))


@dataclass
class ReadSheet:
    sheet: str
    rows: list[SheetRow]
    warnings: list[Problem]
    columns: dict[str, int]  # key -> 0-based column index


def labels_in_every_language(text) -> set[str]:
    """The search keys of a (lazy) label in each language of the site."""
    keys = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            keys.add(search_key(str(text)))
    return keys


def _choice_keys(column: Column) -> dict[str, Any]:
    keys: dict[str, Any] = {}
    for value, label in column.choices():
        keys[search_key(str(value))] = value
        for key in labels_in_every_language(label):
            keys[key] = value
    return keys


class SheetStream:
    """The data rows of a sheet whose header was found, read one at a time
    (the workbook streams, so memory stays flat however long the file):
    `rows()` yields them, then `count` and `warnings()` say what was read.
    `rows()` raises ImportRefused past the row limit or for a part of the
    file that turns out damaged."""

    def __init__(self, rows, pending, spec: SheetSpec, sheet: str, columns, max_rows: int):
        self.sheet = sheet
        self.columns = columns
        self.count = 0
        self._rows, self._pending, self._max_rows = rows, pending, max_rows
        self._reader = _RowReader(spec, sheet, columns)

    def rows(self) -> Iterator[SheetRow]:
        try:
            for row in _data_rows(self._pending, self._rows):
                if _is_total(row):
                    break
                parsed = self._reader.read(row)
                if parsed is None:
                    continue
                self.count += 1
                if self.count > self._max_rows:
                    raise ImportRefused([self._problem(_too_many(self._max_rows))])
                yield parsed
        except WorkbookError as error:
            raise ImportRefused([self._problem(m) for m in error.messages]) from error

    def empty_problem(self) -> Problem:
        return self._problem(_("The sheet has a header row but no data rows."))

    def warnings(self) -> list[Problem]:
        return self._reader.warnings()

    def _problem(self, message: str) -> Problem:
        return Problem(self.sheet, None, "", message)


def _too_many(limit: int) -> str:
    return _("The sheet has more than %(limit)s rows; split it into files.") % {
        "limit": f"{limit:,}".replace(",", ".")
    }


def open_sheet(file: BinaryIO, spec: SheetSpec, *, max_rows: int | None = None) -> SheetStream:
    """The file's first sheet, its header found and checked against `spec`;
    ImportRefused for a file that is not a sound workbook or has no header
    with the spec's columns."""
    sheet_name = str(spec.name)
    try:
        rows = read_rows(file, uncomputed_formulas=True)
        columns, pending = _header(rows, spec, sheet_name)
    except WorkbookError as error:
        raise ImportRefused([Problem(sheet_name, None, "", m) for m in error.messages]) from error
    return SheetStream(
        rows, pending, spec, sheet_name, columns, max_rows or settings.IMPORT_MAX_ROWS
    )


def read_sheet(file: BinaryIO, spec: SheetSpec, *, max_rows: int | None = None) -> ReadSheet:
    """All the data rows of the file's first sheet, typed by `spec`, each
    with its own problems; ImportRefused as `open_sheet`, and for too many
    rows or none."""
    stream = open_sheet(file, spec, max_rows=max_rows)
    rows = list(stream.rows())
    if not rows:
        raise ImportRefused([stream.empty_problem()])
    return ReadSheet(stream.sheet, rows, stream.warnings(), stream.columns)


def _data_rows(pending: WorkbookRow | None, rows: Iterator[WorkbookRow]):
    if pending is not None:
        yield pending
    yield from rows


def _texts(row: WorkbookRow) -> list[str]:
    return [search_key(str(v)) if v is not None else "" for v in row.values]


def _header(rows: Iterator[WorkbookRow], spec: SheetSpec, sheet_name: str):
    """The column of each key, and the first row after the header if it
    was read to look for a second header row."""
    known = {c.key: labels_in_every_language(c.label) for c in spec.columns}
    groups = set().union(*(labels_in_every_language(c.group) for c in spec.columns if c.group))
    for _index in range(HEADER_SEARCH_ROWS):
        row = next(rows, None)
        if row is None:
            break
        texts = _texts(row)
        columns = _match(texts, known)
        if len([k for k in columns if not spec.column(k).ignored]) < 2:
            continue
        following = next(rows, None)
        if following is not None and _is_subheader(_texts(following), known, groups):
            for key, index in _match(_texts(following), known).items():
                columns.setdefault(key, index)
            following = next(rows, None)
        if following is not None and _is_numbering(following):
            following = next(rows, None)
        _require_columns(spec, columns, sheet_name)
        return columns, following
    raise ImportRefused(
        [
            Problem(
                sheet_name,
                None,
                "",
                _("No header row found. The first sheet must have the columns %(columns)s.")
                % {"columns": _column_list(spec, required_only=False)},
            )
        ]
    )


def _match(texts: list[str], known: dict[str, set[str]]) -> dict[str, int]:
    columns = {}
    for index, text in enumerate(texts):
        for key, labels in known.items():
            if text and text in labels and key not in columns:
                columns[key] = index
                break
    return columns


def _is_subheader(texts: list[str], known, groups) -> bool:
    labels = set().union(*known.values())
    present = [t for t in texts if t]
    return bool(present) and all(t in labels or t in groups for t in present)


def _is_numbering(row: WorkbookRow) -> bool:
    present = [str(v) for v in row.values if v is not None]
    return bool(present) and all(_NUMBERING.match(v.strip()) for v in present)


def _require_columns(spec: SheetSpec, columns: dict[str, int], sheet_name: str) -> None:
    missing = [f"“{c.label}”" for c in spec.columns if c.required and c.key not in columns]
    if missing:
        raise ImportRefused(
            [
                Problem(
                    sheet_name,
                    None,
                    "",
                    _("Missing columns: %(missing)s. The template has %(columns)s.")
                    % {"missing": ", ".join(missing), "columns": _column_list(spec)},
                )
            ]
        )


def _column_list(spec: SheetSpec, *, required_only: bool = False) -> str:
    return ", ".join(
        f"“{c.label}”" for c in spec.columns if not c.ignored and (c.required or not required_only)
    )


_TOTAL_KEYS: set[str] = set()


def _is_total(row: WorkbookRow) -> bool:
    """The course list export's total row ("Tổng cộng") ends its data."""
    if not _TOTAL_KEYS:
        _TOTAL_KEYS.update(labels_in_every_language(_lazy_total()))
    first = next((v for v in row.values if v is not None), None)
    return isinstance(first, str) and search_key(first) in _TOTAL_KEYS


def _lazy_total():
    from django.utils.translation import gettext_lazy

    return gettext_lazy("Grand total")


def _example_keys() -> set[str]:
    from django.utils.translation import gettext_lazy

    return labels_in_every_language(gettext_lazy("Example")) | {"vi du", "example"}


def _blank(cell: Cell | None) -> bool:
    if cell is None:
        return True
    return isinstance(cell.value, str) and not clean_text(cell.value) and not cell.uncomputed


class _RowReader:
    """Turns the cells of one row into typed values and problems, and
    counts the text it converted from legacy encodings."""

    def __init__(self, spec: SheetSpec, sheet: str, columns: dict[str, int]):
        self.spec = spec
        self.sheet = sheet
        self.columns = columns
        self.converted: dict[str, list[str]] = {}
        self.choice_keys = {
            c.key: _choice_keys(c) for c in spec.columns if c.kind == CHOICE and c.choices
        }
        self.example = _example_keys()

    def read(self, row: WorkbookRow) -> SheetRow | None:
        cells = row.cells
        mapped = {key: cells[i] if i < len(cells) else None for key, i in self.columns.items()}
        wanted = {k: c for k, c in mapped.items() if not self.spec.column(k).ignored}
        if all(_blank(cell) for cell in wanted.values()):
            return None  # a blank row, or one with only the STT filled in
        ordinal = mapped.get("ordinal")
        if ordinal is not None and search_key(str(ordinal.value)) in self.example:
            return None  # the template's example row
        parsed = SheetRow(row.number, {})
        for key, cell in wanted.items():
            column = self.spec.column(key)
            parsed.values[key] = self._value(parsed, column, cell)
        for column in self.spec.columns:
            missing = column.required and parsed.values.get(column.key) in (None, "")
            if missing and not any(p.column == str(column.label) for p in parsed.problems):
                parsed.problem(self.sheet, column, _("This column is required."))
        return parsed

    def _value(self, row: SheetRow, column: Column, cell: Cell | None):
        if cell is None:
            return None
        if cell.uncomputed:
            row.problem(
                self.sheet,
                column,
                _(
                    "Cell %(cell)s holds a formula Excel never computed. Type the value "
                    "itself, or open the file in Excel and save it again."
                )
                % {"cell": cell.coordinate},
            )
            return None
        value = cell.value
        if isinstance(value, str):
            value = self._text(row, column, cell)
            if value is None:
                return None
            if value == "":
                return None
        try:
            return _typed(column, value, self.choice_keys.get(column.key))
        except ValueError as error:
            row.problem(self.sheet, column, str(error))
            return None

    def _text(self, row: SheetRow, column: Column, cell: Cell) -> str | None:
        try:
            decoded = decode_cell(cell.value, cell.font_name)
        except UnknownEncoding:
            row.problem(
                self.sheet,
                column,
                _(
                    "Cell %(cell)s is in an encoding that cannot be read (“%(text)s”). "
                    "Convert the file to Unicode (e.g. with Unikey's converter) "
                    "and import it again."
                )
                % {"cell": cell.coordinate, "text": cell.value[:40]},
            )
            return None
        if decoded.encoding:
            self.converted.setdefault(decoded.encoding, []).append(
                f"{cell.coordinate} “{decoded.text[:40]}”"
            )
        clean = clean_multiline_text if column.kind == LONG_TEXT else clean_text
        return clean(decoded.text)

    def warnings(self) -> list[Problem]:
        return [
            Problem(
                self.sheet,
                None,
                "",
                _(
                    "%(count)s cells were typed in the old %(encoding)s encoding and were "
                    "converted to Unicode (first: %(first)s). Check the names read correctly."
                )
                % {"count": len(cells), "encoding": encoding, "first": cells[0]},
                warning=True,
            )
            for encoding, cells in self.converted.items()
        ]


def _typed(column: Column, value, choice_keys: dict | None):
    if column.kind in (TEXT, LONG_TEXT):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return value if isinstance(value, str) else str(value)
    if column.kind == NUMBER:
        return _number(value)
    if column.kind == DATE:
        return parse_date(value)
    if column.kind == CHOICE:
        key = search_key(str(value))
        if choice_keys is not None and key in choice_keys:
            return choice_keys[key]
        options = ", ".join(f"“{label}”" for _value, label in column.choices())
        raise ValueError(
            _("“%(value)s” is not one of %(options)s.") % {"value": value, "options": options}
        )
    return value


def _number(value) -> int:
    if isinstance(value, bool):
        raise ValueError(_("Write a whole number, for example 12000 or 12.000."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(_("Enter a whole number, without decimals."))
    # Files are typed the Vietnamese way ("12.000") whatever the page's language.
    with translation.override("vi"):
        try:
            return parse_whole_number(str(value))
        except ValueError as error:
            message = error.args[0]
    raise ValueError(str(message))  # the lazy message, in the page's language


def parse_date(value) -> datetime.date:
    """An Excel date (a serial number) or a date typed as text: dd/mm/yyyy
    (also with "-" or "."), as Vietnamese offices write it, or yyyy-mm-dd."""
    if isinstance(value, bool):
        raise ValueError(_date_message(value))
    if isinstance(value, int | float):
        if 1 <= value < 2_958_466:  # Excel's 1900-01-01 .. 9999-12-31
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError(_date_message(value))
    text = str(value).strip()
    match = _DATE_TEXT.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year = _full_year(year)
            return datetime.date(year, month, day)
        match = _ISO_DATE.match(text)
        if match:
            return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a date in the calendar.") % {"value": text}
        ) from None
    raise ValueError(_date_message(text))


def _full_year(two_digits: int) -> int:
    """A year typed with two digits: this century up to next year ("21" is
    2021), the last one after it ("98", a center founded in 1998)."""
    this_year = datetime.date.today().year
    century = this_year - this_year % 100
    if two_digits <= this_year % 100 + 1:
        return century + two_digits
    return century - 100 + two_digits


def _date_message(value) -> str:
    return _("“%(value)s” is not a date; write it as dd/mm/yyyy, for example 05/03/2020.") % {
        "value": value
    }
