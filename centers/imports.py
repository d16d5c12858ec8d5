"""Reading the statistics office's Excel list of administrative units.

The office's export has one row per commune with the columns Mã TP,
Tỉnh/Thành phố, Mã QH, Quận/Huyện, Mã PX, Phường/Xã, Cấp (in any order,
often with a title above the header and an English-name column after it).
`read_unit_list` turns such a file into `UnitRow`s — provinces, districts
and communes, each once — or raises `UnitImportError` with every problem
found, naming the rows. Nothing here touches the database; `units_import`
stores the rows in one transaction.
"""

import datetime
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from centers.services import LoadResult, UnitRow, units_upsert
from centers.text import clean_text, search_key
from centers.units import (
    CODE_WIDTH,
    InvalidCode,
    UnitKind,
    UnitLevel,
    normalize_code,
    prefixed_name,
)
from centers.workbooks import WorkbookError, read_rows

# Header labels as the office writes them, compared accent- and space-free.
COLUMNS = {
    "province_code": ("ma tp", "ma tinh", "ma tinh/tp"),
    "province_name": ("tinh/thanh pho", "tinh / thanh pho", "tinh thanh pho", "tinh"),
    "district_code": ("ma qh", "ma huyen"),
    "district_name": ("quan/huyen", "quan huyen", "quan / huyen", "huyen"),
    "commune_code": ("ma px", "ma xa"),
    "commune_name": ("phuong/xa", "phuong xa", "phuong / xa", "xa"),
    "commune_kind": ("cap",),
}
COLUMN_LABELS = {
    "province_code": "Mã TP",
    "province_name": "Tỉnh/Thành phố",
    "district_code": "Mã QH",
    "district_name": "Quận/Huyện",
    "commune_code": "Mã PX",
    "commune_name": "Phường/Xã",
    "commune_kind": "Cấp",
}
COMMUNE_KINDS = {
    "xa": UnitKind.COMMUNE,
    "phuong": UnitKind.WARD,
    "thi tran": UnitKind.TOWNSHIP,
    "dac khu": UnitKind.SPECIAL_ZONE,
}
DISTRICT_PREFIXES = [
    ("thanh pho", UnitKind.PROVINCIAL_CITY),
    ("thi xa", UnitKind.TOWN),
    ("quan", UnitKind.URBAN_DISTRICT),
    ("huyen", UnitKind.RURAL_DISTRICT),
]
# Fonts of the pre-Unicode encodings: text in them reads as mojibake.
LEGACY_FONTS = (".vn", "vni-", "vni ", "vntime", "vn3")
HEADER_SEARCH_ROWS = 15
MAX_ERRORS = 20


class UnitImportError(Exception):
    """The file cannot be imported; `messages` says why, in the user's language."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class _Collected:
    rows: dict[tuple[int, str], UnitRow] = field(default_factory=dict)
    seen_at: dict[tuple[int, str], int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(message)


def read_unit_list(file: BinaryIO, *, max_rows: int | None = None) -> list[UnitRow]:
    """The units a statistics-office list describes, parents before children
    (read through the hardened reader, `centers.workbooks`)."""
    max_rows = max_rows or settings.UNIT_IMPORT_MAX_ROWS
    try:
        rows = read_rows(file)
        columns = _find_header(rows)
        collected = _Collected()
        data_rows = 0
        for row in rows:
            values = row.values
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            data_rows += 1
            if data_rows > max_rows:
                raise UnitImportError(
                    [
                        _("The file has more than %(limit)s rows; split it or raise the limit.")
                        % {"limit": f"{max_rows:,}".replace(",", ".")}
                    ]
                )
            _check_font(row.cells)
            _read_row(row.number, values, columns, collected)
    except WorkbookError as error:
        raise UnitImportError(error.messages) from error
    if data_rows == 0:
        raise UnitImportError([_("The file has a header row but no units under it.")])
    if collected.errors:
        raise UnitImportError(collected.errors)
    return sorted(collected.rows.values(), key=lambda r: (r.level, r.code))


def _header_key(value) -> str:
    return search_key(str(value)).replace(" / ", "/").replace(" /", "/").replace("/ ", "/")


OPTIONAL_COLUMNS = {"district_code", "district_name"}  # lists since 07/2025 have no districts


def _find_header(rows) -> dict[str, int]:
    """The header row among the first rows (titles often sit above it)."""
    for _index in range(HEADER_SEARCH_ROWS):
        row = next(rows, None)
        if row is None:
            break
        keys = [_header_key(value) if value is not None else "" for value in row.values]
        columns = {
            name: keys.index(label)
            for name, labels in COLUMNS.items()
            for label in labels
            if label in keys
        }
        if "commune_code" in columns or "district_code" in columns:
            _check_font(row.cells)
            missing = [
                COLUMN_LABELS[name]
                for name in COLUMNS
                if name not in columns
                and (name not in OPTIONAL_COLUMNS or "district_code" in columns)
            ]
            if missing:
                raise UnitImportError(
                    [
                        _("Missing columns: %(columns)s. Expected: %(expected)s.")
                        % {
                            "columns": ", ".join(missing),
                            "expected": ", ".join(COLUMN_LABELS.values()),
                        }
                    ]
                )
            return columns
    raise UnitImportError(
        [
            _("No header row found. The first sheet must have the columns %(expected)s.")
            % {"expected": ", ".join(COLUMN_LABELS.values())}
        ]
    )


def _check_font(cells) -> None:
    for cell in cells:
        if cell is None or not isinstance(cell.value, str):
            continue
        if cell.font_name.lower().startswith(LEGACY_FONTS):
            raise UnitImportError(
                [
                    _(
                        "Cell %(cell)s uses the font %(font)s of the old TCVN3/VNI encodings, "
                        "so its text would be garbled. Convert the file to Unicode "
                        "(e.g. with Unikey's converter) and try again."
                    )
                    % {"cell": cell.coordinate, "font": cell.font_name}
                ]
            )


def _text(values, columns, name) -> str:
    index = columns.get(name)
    if index is None:
        return ""
    value = values[index] if index < len(values) else None
    return clean_text(str(value)) if value is not None else ""


def _code(values, columns, name, level, line, collected) -> str | None:
    raw = _text(values, columns, name)
    if not raw:
        return None
    try:
        return normalize_code(raw, level)
    except InvalidCode:
        collected.error(
            _("Row %(row)s: %(column)s “%(value)s” is not a code of %(width)s digits.")
            % {
                "row": line,
                "column": COLUMN_LABELS[name],
                "value": raw,
                "width": CODE_WIDTH[UnitLevel(level)],
            }
        )
        return None


def _read_row(line: int, values: list, columns: dict, collected: _Collected) -> None:
    province_code = _code(values, columns, "province_code", 1, line, collected)
    district_code = _code(values, columns, "district_code", 2, line, collected)
    commune_code = _code(values, columns, "commune_code", 3, line, collected)
    if province_code is None:
        collected.error(_("Row %(row)s: the province code is missing.") % {"row": line})
        return
    missing = [
        COLUMN_LABELS[name]
        for name, code in [
            ("province_name", province_code),
            ("district_name", district_code),
            ("commune_name", commune_code),
        ]
        if code and name in columns and not search_key(_text(values, columns, name))
    ]
    if missing:
        # A blank name (or a formula Excel never computed) must not become "Xã".
        collected.error(
            _("Row %(row)s: %(columns)s is empty.") % {"row": line, "columns": ", ".join(missing)}
        )
        return
    province_name = _text(values, columns, "province_name")
    _add(collected, line, _province_row(province_code, province_name))
    if district_code:
        name = _text(values, columns, "district_name")
        kind = _district_kind(name)
        if kind is None:
            collected.error(
                _(
                    "Row %(row)s: “%(name)s” does not say whether it is a Huyện, Quận, "
                    "Thị xã or Thành phố."
                )
                % {"row": line, "name": name}
            )
            return
        district = UnitRow(
            district_code, prefixed_name(name, kind), kind, province_code, UnitLevel.PROVINCE
        )
        _add(collected, line, district)
    if commune_code:
        kind_text = _text(values, columns, "commune_kind")
        kind = COMMUNE_KINDS.get(search_key(kind_text))
        if kind is None:
            collected.error(
                _("Row %(row)s: unknown Cấp “%(value)s”; expected %(kinds)s.")
                % {"row": line, "value": kind_text, "kinds": "Xã, Phường, Thị trấn, Đặc khu"}
            )
            return
        name = prefixed_name(_text(values, columns, "commune_name"), kind)
        parent_code, parent_level = (
            (district_code, UnitLevel.DISTRICT)
            if district_code
            else (province_code, UnitLevel.PROVINCE)
        )
        commune = UnitRow(commune_code, name, kind, parent_code, parent_level)
        key = (UnitLevel.COMMUNE, commune_code)
        if key in collected.rows:
            collected.error(
                _("Mã PX %(code)s appears twice: rows %(first)s and %(second)s.")
                % {"code": commune_code, "first": collected.seen_at[key], "second": line}
            )
            return
        _add(collected, line, commune)


def _add(collected: _Collected, line: int, row: UnitRow) -> None:
    """Provinces and districts repeat on every commune's row; they must agree."""
    key = (row.level, row.code)
    known = collected.rows.get(key)
    if known is None:
        collected.rows[key] = row
        collected.seen_at[key] = line
    elif (known.name, known.parent_code) != (row.name, row.parent_code):
        collected.error(
            _("Code %(code)s is “%(first)s” on row %(first_row)s but “%(second)s” on row %(row)s.")
            % {
                "code": row.code,
                "first": known.name,
                "first_row": collected.seen_at[key],
                "second": row.name,
                "row": line,
            }
        )


MUNICIPALITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}


def _province_row(code: str, name: str) -> UnitRow:
    key = search_key(name)
    if key.startswith("tinh "):
        kind = UnitKind.PROVINCE
    elif key.startswith("thanh pho ") or key in MUNICIPALITIES:
        kind = UnitKind.MUNICIPALITY
    else:
        kind = UnitKind.PROVINCE
    return UnitRow(code, prefixed_name(name, kind), kind)


def _district_kind(name: str) -> str | None:
    key = search_key(name)
    for prefix, kind in DISTRICT_PREFIXES:
        if key.startswith(prefix + " "):
            return kind
    return None


def units_import(
    *,
    file: BinaryIO,
    valid_from: datetime.date,
    valid_until: datetime.date | None = None,
    max_rows: int | None = None,
) -> LoadResult:
    """Import a statistics-office list, all or nothing.

    Units are matched by (level, code) among those valid on `valid_from`:
    a rerun of the same list updates names and adds nothing. Every problem
    in the file is reported (rows named) before anything is stored.
    """
    if valid_until and valid_until < valid_from:
        raise UnitImportError([_("The end of validity cannot be before its start.")])
    rows = read_unit_list(file, max_rows=max_rows)
    try:
        return units_upsert(rows=rows, valid_from=valid_from, valid_until=valid_until)
    except ValidationError as exc:
        raise UnitImportError(exc.messages) from exc
