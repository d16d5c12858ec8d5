"""Vocabulary of Vietnam's administrative units: levels, kinds, codes, names.

Kept apart from the models so imports, loaders and forms share one
definition of "a commune code is five digits" and "a bare name gets its
kind's prefix".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from centers.text import clean_text


class UnitLevel(models.IntegerChoices):
    PROVINCE = 1, _("province level")
    DISTRICT = 2, _("district level")
    COMMUNE = 3, _("commune level")


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("province")
    MUNICIPALITY = "thanh_pho_tw", _("centrally governed city")
    RURAL_DISTRICT = "huyen", _("rural district")
    URBAN_DISTRICT = "quan", _("urban district")
    TOWN = "thi_xa", _("district-level town")
    PROVINCIAL_CITY = "thanh_pho", _("provincial city")
    COMMUNE = "xa", _("commune")
    WARD = "phuong", _("ward")
    TOWNSHIP = "thi_tran", _("township")
    SPECIAL_ZONE = "dac_khu", _("special zone")


KIND_LEVEL = {
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.MUNICIPALITY: UnitLevel.PROVINCE,
    UnitKind.RURAL_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.URBAN_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.TOWN: UnitLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: UnitLevel.DISTRICT,
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
}

# The prefix the statistics office writes before a unit's name. It is part
# of the official name, so it stays Vietnamese in every interface language.
KIND_PREFIX = {
    UnitKind.PROVINCE: "Tỉnh",
    UnitKind.MUNICIPALITY: "Thành phố",
    UnitKind.RURAL_DISTRICT: "Huyện",
    UnitKind.URBAN_DISTRICT: "Quận",
    UnitKind.TOWN: "Thị xã",
    UnitKind.PROVINCIAL_CITY: "Thành phố",
    UnitKind.COMMUNE: "Xã",
    UnitKind.WARD: "Phường",
    UnitKind.TOWNSHIP: "Thị trấn",
    UnitKind.SPECIAL_ZONE: "Đặc khu",
}

# Statistics-office codes are zero-padded text: "42", "436", "18088".
CODE_WIDTH = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}


class InvalidCode(ValueError):
    """A code that cannot be a statistics-office code at that level."""


def normalize_code(code: int | str, level: int) -> str:
    """Pad a code to its level's width: (436, 2) -> "436", ("1", 1) -> "01".

    Accepts numbers (Excel often turns "01" into 1) and text, including
    "436.0" from a spreadsheet cell that held a float.
    """
    width = CODE_WIDTH[UnitLevel(level)]
    text = clean_text(str(code)) if code is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isascii() or not text.isdigit() or len(text) > width:
        raise InvalidCode(
            _("“%(code)s” is not a code of %(width)s digits.") % {"code": code, "width": width}
        )
    return text.zfill(width)


def code_level(code: str) -> UnitLevel | None:
    """The level a zero-padded text code belongs to, by its width."""
    for level, width in CODE_WIDTH.items():
        if len(code) == width:
            return level
    return None


def name_in_sentence(name: str) -> str:
    """A unit's name as written inside a sentence or after a comma: its kind
    word in lower case ("thuộc thành phố Hà Tĩnh", "xã Thạch Trung, tỉnh Hà
    Tĩnh"); the place's own name untouched."""
    for prefix in sorted(set(KIND_PREFIX.values()), key=len, reverse=True):
        if name.startswith(prefix + " "):
            return prefix.lower() + name[len(prefix) :]
    return name


def prefixed_name(name: str, kind: str) -> str:
    """Give a bare name its kind's prefix: ("Thạch Trung", xã) -> "Xã Thạch Trung".

    Names that already carry the prefix, in any letter case, are returned
    trimmed and NFC-normalised.
    """
    name = clean_text(name) or ""
    prefix = KIND_PREFIX[UnitKind(kind)]
    if name.casefold().startswith(prefix.casefold() + " "):
        return prefix + name[len(prefix) :]
    return f"{prefix} {name}"
