"""Vietnamese text: NFC normalisation, accent-free search keys and
Vietnamese collation (used by SQLite; PostgreSQL uses ICU).

Everything that stores text passes it through `clean_text` first, so
"Thạch Hạ" typed with combining marks (NFD) equals the precomposed form.
"""

import unicodedata
from functools import lru_cache

COLLATION = "vietnamese"

# Combining marks that make a different letter (primary difference) ...
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# ... and the five tones, in Vietnamese order (secondary difference):
# none < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_WEIGHT = {letter: i for i, letter in enumerate(_ALPHABET)}


def strip_invisible(value: str) -> str:
    """`value` without the characters nobody can see: zero-width spaces and
    joiners, byte-order marks, soft hyphens, bidi overrides and isolates
    (Unicode category Cf) and control characters such as NUL (Cc) — all but
    whitespace, which the callers collapse into spaces or keep as line breaks.

    A "Xóa<zero-width space> mù chữ" would otherwise sit beside "Xóa mù chữ" as a
    different topic and never be found by search, and a right-to-left
    override makes a title read backwards. Vietnamese needs none of them.
    """
    if value.isascii() and value.isprintable():
        return value  # the common case, without a walk over each character
    return "".join(
        char
        for char in value
        if char.isspace() or unicodedata.category(char) not in _INVISIBLE_CATEGORIES
    )


_INVISIBLE_CATEGORIES = {"Cf", "Cc"}


def clean_text(value: str | None) -> str | None:
    """NFC-normalise, drop invisible characters, trim, and collapse runs of
    whitespace inside the text."""
    if value is None:
        return None
    return " ".join(strip_invisible(unicodedata.normalize("NFC", str(value))).split())


def clean_multiline_text(value: str | None) -> str | None:
    """NFC-normalise, drop invisible characters and trim, keeping the line
    breaks of longer texts."""
    if value is None:
        return None
    value = strip_invisible(unicodedata.normalize("NFC", str(value))).replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


def same_name(left: str | None, right: str | None) -> bool:
    """Whether two names are the same name regardless of case ("Xóa mù chữ"
    and "XÓA MÙ CHỮ"), compared after cleaning. Python's casefold knows
    every Vietnamese letter; SQLite's lower() knows only ASCII."""
    return (clean_text(left) or "").casefold() == (clean_text(right) or "").casefold()


def search_key(value: str | None) -> str:
    """The accent-free, lower-case form used by search: "Xã Thạch Đài" -> "xa thach dai"."""
    if not value:
        return ""
    value = strip_invisible(value)
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@lru_cache(maxsize=65536)
def vietnamese_sort_key(value: str) -> tuple[bytes, bytes, bytes]:
    """A key that sorts like ICU's Vietnamese collation (`vi-x-icu`).

    Levels as in ICU: first the letters (a < ă < â, d < đ, o < ô < ơ ...),
    then the tones (none < huyền < hỏi < ngã < sắc < nặng), then case
    (lower before upper). Spaces and punctuation sort before digits, digits
    before letters.

    Each level is bytes — three a character for the letters, one for tone
    and case — compared byte by byte as a tuple of weights would be: kept
    for 65,536 names per process, a key is a few hundred bytes, not the
    three kilobytes of per-character tuples (a country's 10,600 center
    names held 33 MiB that way).
    """
    primary, secondary, tertiary = bytearray(), bytearray(), bytearray()
    for char in unicodedata.normalize("NFC", value):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        lower = base.lower()
        upper = base != lower
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                lower = unicodedata.normalize("NFC", lower + mark)
        primary += _primary_weight(lower).to_bytes(3, "big")
        secondary.append(tone)
        tertiary.append(1 if upper else 0)
    return bytes(primary), bytes(secondary), bytes(tertiary)


def _primary_weight(char: str) -> int:
    """A character's class (space, punctuation, digit, Vietnamese letter,
    other letter) in the top three bits and its rank within it below: one
    number that orders as the pair (class, rank) would."""
    if char in _LETTER_WEIGHT:
        return _weight(3, _LETTER_WEIGHT[char])
    if char.isdigit():
        return _weight(2, unicodedata.digit(char, 0))
    if char.isspace():
        return _weight(0, 0)
    if char.isalpha():
        return _weight(4, ord(char))
    return _weight(1, ord(char))


def _weight(kind: int, rank: int) -> int:
    return kind << 21 | rank  # rank < 2**21: every code point fits


def vietnamese_compare(left: str | None, right: str | None) -> int:
    """The SQLite collation function: negative, zero or positive like strcmp."""
    left_key = vietnamese_sort_key(left or "")
    right_key = vietnamese_sort_key(right or "")
    return (left_key > right_key) - (left_key < right_key)
