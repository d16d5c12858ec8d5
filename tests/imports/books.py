"""Workbooks for the import tests: a sheet with the Vietnamese header of an
import spec and the given rows, typed as an office would type them."""

import io

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font

from imports.specs import SPECS


def header(kind: str, keys: list[str]) -> list[str]:
    spec = SPECS[kind]
    with translation.override("vi"):
        return [str(spec.column(key).label) for key in keys]


def workbook(kind: str, keys: list[str], rows: list[list], *, fonts: dict | None = None) -> bytes:
    """`rows` under a header of `keys`' labels; `fonts` maps (row index,
    column index) to a font name for cells typed in a legacy font."""
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH NHẬP"])  # a title above the header, as offices do
    sheet.append(header(kind, keys))
    for index, row in enumerate(rows):
        sheet.append(row)
        for (row_index, column), font in (fonts or {}).items():
            if row_index == index:
                sheet.cell(row=sheet.max_row, column=column + 1).font = Font(name=font)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
