"""The blank .xlsx templates for the imports: the data sheet first (the
importer reads the first sheet), with its header — required columns
shaded, the participations grouped as in the course list export — an
example row the importer skips, and drop-down lists (data validation) for
topics, formats, roles, funding sources and the units and centers in the
user's scope; then a sheet of instructions and a hidden sheet holding the
lists. A pure function of the rows it is given: `template(spec, lists)`."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from imports.reading import CHOICE, DATE, NUMBER, Column, SheetSpec
from reports.excel.xlsx import FORMULA_STARTS

FONT = "Times New Roman"
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4B6")  # shaded: a row needs it
OPTIONAL_FILL = PatternFill("solid", fgColor="E8EEF7")
EXAMPLE_FONT = Font(name=FONT, italic=True, color="7F7F7F")
_thin = Side(style="thin")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
DATA_ROWS = 1_000  # rows the drop-downs and formats cover
LIST_SHEET = "DanhMuc"
WIDTHS = {"ordinal": 7, "center": 34, "name": 34, "title": 34, "topic": 26, "unit": 20}


@dataclass
class TemplateLists:
    """The values offered in drop-downs, by column key (labels as shown)."""

    values: dict[str, list[str]] = field(default_factory=dict)


def template(spec: SheetSpec, lists: TemplateLists, *, example_day: datetime.date) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = str(spec.name)[:31]
    # The export's own columns (its course ID) have no place in a blank template.
    columns = [c for c in spec.columns if not c.ignored or c.key == "ordinal"]
    grouped = any(c.group for c in columns)
    _header(sheet, columns, grouped)
    first_data = 3 if grouped else 2
    _example(sheet, columns, first_data, example_day)
    _formats(sheet, columns, first_data)
    sheet.freeze_panes = sheet.cell(row=first_data, column=2)
    _print_setup(sheet)
    _instructions(book.create_sheet(_("Instructions")[:31]), spec, lists, grouped)
    _drop_downs(book, sheet, columns, lists, first_data)
    return book


def _header(sheet, columns: list[Column], grouped: bool) -> None:
    bold = Font(name=FONT, bold=True)
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(column.key, 14)
        top = sheet.cell(row=1, column=index, value=str(column.group or column.label))
        cells = [top]
        if grouped:
            below = sheet.cell(
                row=2, column=index, value=str(column.label) if column.group else None
            )
            cells.append(below)
            if not column.group:
                sheet.merge_cells(start_row=1, start_column=index, end_row=2, end_column=index)
        for cell in cells:
            cell.font = bold
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
    if grouped:
        _merge_groups(sheet, columns)
        sheet.row_dimensions[1].height = 30
        sheet.row_dimensions[2].height = 30
    else:
        sheet.row_dimensions[1].height = 36


def _print_setup(sheet) -> None:
    """A4 landscape, fitted to the page width, as offices print lists."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:2"


def _merge_groups(sheet, columns: list[Column]) -> None:
    index = 0
    while index < len(columns):
        group = columns[index].group
        end = index
        while group and end + 1 < len(columns) and columns[end + 1].group == group:
            end += 1
        if group and end > index:
            sheet.merge_cells(start_row=1, start_column=index + 1, end_row=1, end_column=end + 1)
        index = end + 1


def _example(sheet, columns: list[Column], row: int, day: datetime.date) -> None:
    for index, column in enumerate(columns, 1):
        value = column.example
        if column.kind == DATE and value:
            value = datetime.datetime.strptime(str(value), "%d/%m/%Y").date()
        elif value is not None and not isinstance(value, int):
            value = str(value)
        cell = _put(sheet, row, index, value)
        cell.font = EXAMPLE_FONT
        if column.kind == DATE:
            cell.number_format = "DD/MM/YYYY"


def _put(sheet, row: int, column: int, value):
    """Write a value; text from the database that starts like a formula (a
    name typed "=…") stays text that Excel never evaluates, as in the reports."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    return cell


def _formats(sheet, columns: list[Column], first: int) -> None:
    """Dates shown dd/mm/yyyy and counts grouped, on the rows to fill."""
    for index, column in enumerate(columns, 1):
        fmt = {DATE: "DD/MM/YYYY", NUMBER: "#,##0"}.get(column.kind)
        if fmt is None:
            continue
        for row in range(first + 1, first + 1 + DATA_ROWS):
            sheet.cell(row=row, column=index).number_format = fmt


def _drop_downs(book, sheet, columns, lists: TemplateLists, first: int) -> None:
    hidden = book.create_sheet(LIST_SHEET)
    hidden.sheet_state = "hidden"
    list_column = 0
    for index, column in enumerate(columns, 1):
        values = lists.values.get(column.key)
        if values is None and column.kind == CHOICE and column.choices:
            values = [str(label) for _value, label in column.choices()]
        if not values:
            continue
        list_column += 1
        letter = get_column_letter(list_column)
        hidden.cell(row=1, column=list_column, value=str(column.label))
        for offset, value in enumerate(values, 2):
            _put(hidden, offset, list_column, value)
        source = f"{LIST_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=not column.required,
            showErrorMessage=column.kind == CHOICE,
            errorTitle=str(column.label),
            error=_("Choose a value from the list."),
        )
        target = get_column_letter(index)
        validation.add(f"{target}{first + 1}:{target}{first + DATA_ROWS}")
        sheet.add_data_validation(validation)


def _instructions(sheet, spec: SheetSpec, lists: TemplateLists, grouped: bool) -> None:
    bold = Font(name=FONT, bold=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
    lines = [
        _("How to fill in this template"),
        _(
            "1. Type one row per record on the sheet “%(sheet)s”, below the example row "
            "(the row marked “Example” is not imported; you may delete it)."
        )
        % {"sheet": spec.name},
        _("2. Shaded orange columns are required; blue columns may stay empty."),
        _(
            "3. Dates as dd/mm/yyyy (for example 05/03/2020); numbers with or without "
            "thousands dots (12.000)."
        ),
        _("4. Choose topics, formats, roles and units from the drop-down lists."),
        _(
            "5. Use a Unicode font (Times New Roman, Arial). Text typed in TCVN3 (.VnTime) "
            "or VNI fonts is converted when it can be recognised, refused otherwise."
        ),
        _(
            "6. Upload the file: a dry run lists every problem by row and column; nothing "
            "is saved until you confirm, and an import can be undone."
        ),
        "",
    ]
    for text in lines:
        sheet.append([text])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=1).font = Font(name=FONT)
        sheet.row_dimensions[row].height = 32 if len(text) > 100 else 18
    sheet["A1"].font = Font(name=FONT, bold=True, size=14)
    sheet.append([_("Column"), _("Required"), _("What to type")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column in spec.columns:
        if column.ignored:
            continue
        label = f"{column.group} – {column.label}" if column.group else str(column.label)
        help_text = str(column.help or "")
        if column.kind == DATE:
            help_text = (help_text + " " + _("A date, dd/mm/yyyy.")).strip()
        elif column.kind == NUMBER:
            help_text = (help_text + " " + _("A whole number.")).strip()
        elif column.kind == CHOICE:
            help_text = (help_text + " " + _("One of the drop-down list.")).strip()
        sheet.append([label, _("yes") if column.required else "", help_text])
        row = sheet.max_row
        sheet.cell(row=row, column=1).fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        sheet.cell(row=row, column=3).alignment = Alignment(wrap_text=True)
        for cell in sheet[row]:
            cell.font = Font(name=FONT)
    _print_setup(sheet)
    sheet.print_title_rows = None
