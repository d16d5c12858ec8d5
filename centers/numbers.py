"""Whole numbers as Vietnamese offices type them: "12.000", "12 000" and
"12000" are all twelve thousand (the thousands separator is "." and the
decimal comma is ","; in English it is the other way round). Forms parse
them on the server — a plain POST of `participants_total=12.000` means
12000 — and show stored numbers grouped the same way, with the numeric
keypad on phones."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _

SPACES = (" ", "\u00a0", "\u202f")  # space, no-break space, narrow no-break space


def parse_whole_number(text: str) -> int:
    """The whole number `text` writes, with or without thousands grouping;
    ValueError with a message in the user's language otherwise."""
    text = str(text).strip()
    separator, decimal = get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")
    for space in SPACES:
        text = text.replace(space, " ")
    if text.startswith("-"):  # a sign: the field's minimum says what is allowed
        return -parse_whole_number(text[1:])
    if re.fullmatch(r"\d+", text):
        return int(text)
    groups = re.split(f"[{re.escape(separator)} ]", text)
    head, tail = groups[0], groups[1:]
    if tail and re.fullmatch(r"\d{1,3}", head) and all(re.fullmatch(r"\d{3}", g) for g in tail):
        return int("".join(groups))
    if re.fullmatch(rf"\d[\d{re.escape(separator)} ]*{re.escape(decimal)}\d+", text):
        raise ValueError(_("Enter a whole number, without decimals."))
    raise ValueError(_("Write a whole number, for example 12000 or 12.000."))


class GroupedNumberInput(forms.TextInput):
    """A text box with the numeric keypad, showing 12000 as "12.000"."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return number_format(value, force_grouping=True)
        return super().format_value(value)


class GroupedIntegerField(forms.IntegerField):
    """An IntegerField that reads "12.000" as twelve thousand, refuses
    "12,5" and "1.2.3" with a clear message, and keeps what was typed."""

    widget = GroupedNumberInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_whole_number(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        # No min/max attributes: the browser's own number checks are English.
        return forms.Field.widget_attrs(self, widget)
