"""The one hardened reader of uploaded .xlsx workbooks, for every import.

Workbooks come from outside and may be hostile: a 1.5 MB file with one
1.5 GB cell, a zip that expands to gigabytes of empty rows, millions of
shared strings, a `<dimension>` that says five rows when there are a
million, formulas without computed values, malformed or entity-laden XML.
openpyxl trusts the first two and holds all shared strings, so this module
reads the archive itself, streaming:

- before parsing: the file size (WORKBOOK_MAX_BYTES), the number of
  entries, each entry's declared size and compression ratio and their
  total (WORKBOOK_MAX_UNCOMPRESSED_BYTES), no encrypted entries; zipfile
  never reads past an entry's declared size, so a lying header ends in a
  CRC error, not a bomb;
- the XML through defusedxml (no DTD, no entities), element by element,
  each row dropped once read; `<dimension>` is never read;
- a cell longer than Excel's 32,767 characters, too many shared strings,
  a formula without a cached value: refused, naming the cell;
- .xls, .xlsm, encrypted workbooks, Word files and anything else: refused
  with what to do. Every parse failure becomes a WorkbookError whose
  messages are in the user's language.

`read_rows(file)` yields `WorkbookRow`s of the first sheet.
"""

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.utils.translation import gettext as _

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_ENTRIES = 1_000
MAX_RATIO = 100  # uncompressed / compressed, per entry
MAX_COLUMN = 16_384  # XFD
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


class WorkbookError(Exception):
    """The workbook cannot be read; `messages` say why, in the user's language."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Cell:
    value: str | int | float | bool
    coordinate: str  # "E5"
    font_name: str = ""
    # A formula Excel never computed (a file written by a program): no
    # value to read. Only with `read_rows(..., uncomputed_formulas=True)`.
    uncomputed: bool = False


@dataclass(frozen=True)
class WorkbookRow:
    number: int  # the row number Excel shows
    cells: list[Cell | None]  # by column, None where empty

    @property
    def values(self) -> list:
        return [cell.value if cell else None for cell in self.cells]


def read_rows(
    file: BinaryIO, *, max_bytes: int | None = None, uncomputed_formulas: bool = False
) -> Iterator[WorkbookRow]:
    """The rows of the workbook's first sheet, streamed; WorkbookError for
    anything that is not a sound .xlsx within the limits. With
    `uncomputed_formulas`, a formula without a computed value is yielded as
    a cell marked `uncomputed` (for the caller to name among the row's
    problems) instead of refusing the whole file."""
    max_bytes = max_bytes or settings.WORKBOOK_MAX_BYTES
    _check_signature(file, max_bytes)
    try:
        with zipfile.ZipFile(file) as archive:
            _check_archive(archive)
            sheet = _first_sheet(archive)
            strings = _shared_strings(archive)
            fonts = _cell_fonts(archive)
            yield from _sheet_rows(archive, sheet, strings, fonts, uncomputed_formulas)
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError) as error:
        raise WorkbookError([_damaged()]) from error
    except (ParseError, DefusedXmlException, UnicodeDecodeError) as error:
        raise WorkbookError(
            [_damaged() + " " + _("Its XML cannot be read (%(error)s).") % {"error": error}]
        ) from error


def _damaged() -> str:
    return _("The workbook is damaged; open it in Excel, save it again as .xlsx and retry.")


def _check_signature(file: BinaryIO, max_bytes: int) -> None:
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    if size == 0:
        raise WorkbookError([_("The file is empty.")])
    if size > max_bytes:
        raise WorkbookError(
            [
                _(
                    "The file is %(size)s MB; the limit is %(limit)s MB. "
                    "Split it and import the parts."
                )
                % {"size": _megabytes(size), "limit": _megabytes(max_bytes)}
            ]
        )
    start = file.read(8)
    file.seek(0)
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookError([_ole_message(file)])
    if not start.startswith(b"PK"):
        raise WorkbookError([_("The file is not an Excel .xlsx workbook.")])


def _ole_message(file: BinaryIO) -> str:
    """An OLE2 file is an old .xls — or an .xlsx protected by a password,
    which Office stores in the same container as an "EncryptedPackage"."""
    head = file.read(1 << 20)
    file.seek(0)
    if "EncryptedPackage".encode("utf-16-le") in head:
        return _(
            "The workbook is protected by a password. Open it in Excel, remove the password "
            "(File › Info › Protect Workbook) and save it as .xlsx."
        )
    return _("This is an old Excel 97–2003 (.xls) file; open it in Excel and save it as .xlsx.")


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


def _check_archive(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise WorkbookError([_("The workbook has too many parts to be a list; it is refused.")])
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise WorkbookError(
                [_("The workbook has encrypted parts; save it without a password.")]
            )
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > MAX_RATIO and entry.file_size > 1 << 20:
            raise WorkbookError([_bomb_message()])
    if total > settings.WORKBOOK_MAX_UNCOMPRESSED_BYTES:
        raise WorkbookError([_bomb_message()])
    names = set(archive.namelist())
    if "xl/vbaProject.bin" in names or _is_macro_enabled(archive, names):
        raise WorkbookError(
            [
                _(
                    "This workbook contains macros (.xlsm). Save it in Excel as "
                    "“Excel Workbook (*.xlsx)” and import that file."
                )
            ]
        )
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise WorkbookError([_("This is a Word document, not an Excel workbook.")])
        raise WorkbookError([_("The file is not an Excel .xlsx workbook.")])


def _bomb_message() -> str:
    return _(
        "The workbook expands to far more data than a list holds (it may be damaged or "
        "made to overload the server). Copy the list into a new workbook and save it as .xlsx."
    )


def _is_macro_enabled(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if "[Content_Types].xml" not in names:
        return False
    for _event, element in iterparse(archive.open("[Content_Types].xml")):
        if "macroEnabled" in element.get("ContentType", ""):
            return True
    return False


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The part of the workbook's first sheet, through its relationship."""
    first = None
    for _event, element in iterparse(archive.open("xl/workbook.xml")):
        if element.tag == f"{MAIN}sheet":
            first = element.get(f"{REL}id")
            break
    if first is None:
        raise WorkbookError([_("The workbook has no sheet.")])
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        for _event, element in iterparse(archive.open("xl/_rels/workbook.xml.rels")):
            if element.tag == f"{PACKAGE_REL}Relationship" and element.get("Id") == first:
                target = element.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                path = posixpath.normpath(path)
                if path in archive.namelist():
                    return path
    raise WorkbookError([_damaged()])


def _text(element) -> str:
    """The text of an <si> or <is>: its <t> runs, phonetic runs left out."""
    parts = []
    for child in element.iter():
        if child.tag == f"{MAIN}rPh":
            break
        if child.tag == f"{MAIN}t" and child.text:
            parts.append(child.text)
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    path = "xl/sharedStrings.xml"
    if path not in archive.namelist():
        return []
    strings: list[str] = []
    limit = settings.WORKBOOK_MAX_SHARED_STRINGS
    root = None
    for event, element in iterparse(archive.open(path), events=("start", "end")):
        if root is None:
            root = element
        if event == "start" or element.tag != f"{MAIN}si":
            continue
        text = _text(element)
        if len(text) > MAX_CELL_CHARS:
            raise WorkbookError([_too_long(_("A shared text"))])
        strings.append(text)
        root.clear()  # keep the strings, not their XML
        if len(strings) > limit:
            raise WorkbookError(
                [
                    _("The workbook has more than %(limit)s different texts; split it.")
                    % {"limit": f"{limit:,}".replace(",", ".")}
                ]
            )
    return strings


def _too_long(where: str) -> str:
    return _(
        "%(where)s is longer than the 32,767 characters Excel allows in a cell; "
        "the file is damaged or not a list."
    ) % {"where": where}


def _cell_fonts(archive: zipfile.ZipFile) -> list[str]:
    """The font name of each cell style (`s` attribute), for the legacy
    encoding check of the imports."""
    path = "xl/styles.xml"
    if path not in archive.namelist():
        return []
    fonts: list[str] = []
    styles: list[str] = []
    in_fonts = in_xfs = False
    for event, element in iterparse(archive.open(path), events=("start", "end")):
        tag = element.tag
        if tag == f"{MAIN}fonts":
            in_fonts = event == "start"
        elif tag == f"{MAIN}cellXfs":
            in_xfs = event == "start"
        elif event == "end" and in_fonts and tag == f"{MAIN}font":
            name = element.find(f"{MAIN}name")
            fonts.append(name.get("val", "") if name is not None else "")
        elif event == "end" and in_xfs and tag == f"{MAIN}xf":
            index = int(element.get("fontId", "0") or 0)
            styles.append(fonts[index] if 0 <= index < len(fonts) else "")
        if len(styles) > 65_000:  # Excel's own limit of cell styles
            raise WorkbookError([_damaged()])
    return styles


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _sheet_rows(archive, path, strings, fonts, uncomputed=False) -> Iterator[WorkbookRow]:
    number = 0
    sheet_data = None
    for event, element in iterparse(archive.open(path), events=("start", "end")):
        if event == "start":
            if element.tag == f"{MAIN}sheetData":
                sheet_data = element
            continue
        if element.tag != f"{MAIN}row" or sheet_data is None:
            continue
        number = _row_number(element, number)
        cells = [_cell(c, number, strings, fonts, uncomputed) for c in element.iter(f"{MAIN}c")]
        sheet_data.clear()  # the rows read so far are done: the sheet is never held whole
        if any(cells):
            yield WorkbookRow(number, _dense(cells))


def _row_number(element, previous: int) -> int:
    text = element.get("r")
    if text is None:
        return previous + 1
    if not text.isdecimal() or not previous < int(text) <= 1_048_576:
        raise WorkbookError([_damaged()])
    return int(text)


def _dense(cells: list[tuple[int, Cell] | None]) -> list[Cell | None]:
    present = [cell for cell in cells if cell]
    width = max(column for column, _cell in present)
    row: list[Cell | None] = [None] * width
    for column, cell in present:
        row[column - 1] = cell
    return row


def _cell(element, number: int, strings, fonts, uncomputed=False) -> tuple[int, Cell] | None:
    ref = element.get("r", "")
    match = _REF.match(ref)
    if not match or int(match.group(2)) != number or _column(match.group(1)) > MAX_COLUMN:
        raise WorkbookError([_damaged()])
    kind = element.get("t", "n")
    raw = element.findtext(f"{MAIN}v")
    if element.find(f"{MAIN}f") is not None and not raw:
        if uncomputed:
            return _column(match.group(1)), Cell("", ref, uncomputed=True)
        raise WorkbookError(
            [
                _(
                    "Cell %(cell)s holds a formula without a computed value. Open the file in "
                    "Excel (which computes it), save it, and import it again."
                )
                % {"cell": ref}
            ]
        )
    if kind == "inlineStr":
        inline = element.find(f"{MAIN}is")
        value = _text(inline) if inline is not None else ""
    elif raw is None or raw == "":
        return None
    else:
        value = _typed(kind, raw, ref, strings)
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise WorkbookError([_too_long(_("Cell %(cell)s") % {"cell": ref})])
    if value == "":
        return None
    style = int(element.get("s", "0") or 0)
    font = fonts[style] if 0 <= style < len(fonts) else ""
    return _column(match.group(1)), Cell(value, ref, font)


def _typed(kind: str, raw: str, ref: str, strings: list[str]):
    if kind == "s":
        index = int(raw)
        if not 0 <= index < len(strings):
            raise WorkbookError([_damaged()])
        return strings[index]
    if kind in {"str", "e"}:
        return raw
    if kind == "b":
        return raw == "1"
    try:
        number = float(raw)
    except ValueError:
        raise WorkbookError([_damaged()]) from None
    return int(number) if number.is_integer() and abs(number) < 2**53 else number
