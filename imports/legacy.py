"""Text typed in the pre-Unicode Vietnamese encodings, TCVN3 (ABC: fonts
".VnTime", ".VnArial", their capitals ".VnTimeH") and VNI ("VNI-Times"),
as it arrives in an .xlsx: each byte became the Latin-1 character of the
same code, so "Thạch Trung" reads "Th¹ch Trung" (TCVN3) or "Thaïch Trung"
(VNI). `decode_cell` recognises such text from the cell's font and from
its characters and converts it to Unicode, or says it cannot.

Recognition from the characters alone is a judgement: a conversion is
accepted only when its result is well-formed Vietnamese (letters of the
alphabet, at most one tone mark per word, marks only on vowels) and the
text as typed is not. Text with any character beyond Latin-1 is Unicode
already and left alone.
"""

import re
import unicodedata
from dataclasses import dataclass

TCVN3, VNI = "TCVN3", "VNI"

# TCVN3 (ABC) lower-case letters and the capitals that have their own code.
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể "
    "Ôễ Öệ ×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ "
    "òũ ôụ \u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
# VNI writes a vowel, then a character for its marks ...
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRCUMFLEX, "ê": _BREVE,
    "á": _CIRCUMFLEX + _ACUTE, "à": _CIRCUMFLEX + _GRAVE, "å": _CIRCUMFLEX + _HOOK,
    "ã": _CIRCUMFLEX + _TILDE, "ä": _CIRCUMFLEX + _DOT,
    "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_MARKS |= {key.upper(): value for key, value in _VNI_MARKS.items()}
# ... and has a character of its own for a few letters.
_VNI_LETTERS = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_VNI_LETTERS |= {key.upper(): value.upper() for key, value in _VNI_LETTERS.items()}
_VOWELS = set("aeiouyAEIOUYơưƠƯ")

_TONES = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}
_SHAPES = {_CIRCUMFLEX, _BREVE, _HORN}
# Latin-1 letters that Vietnamese Unicode text uses; any other character
# above U+007F in an all-Latin-1 text points to a legacy encoding.
_UNICODE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý\u00a0")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str | None  # TCVN3 or VNI when converted, None when left alone


class UnknownEncoding(ValueError):
    """Text that is neither Unicode nor recognisable TCVN3 or VNI."""


def font_encoding(font_name: str) -> str | None:
    """The legacy encoding a cell's font implies: TCVN3 for the ".Vn…" fonts,
    VNI for "VNI-…"; None for a Unicode font."""
    name = (font_name or "").strip().lower()
    if name.startswith((".vn", "vn3", "vntime")):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    return None


def decode_cell(text: str, font_name: str = "") -> Decoded:
    """`text` in Unicode. A cell in a TCVN3 or VNI font, or whose characters
    can only be legacy text, is converted (`encoding` says from what);
    UnknownEncoding if it looks legacy but converts to nothing readable."""
    if not text or any(ord(char) > 0xFF for char in text):
        return Decoded(text, None)
    suspicious = any(ord(char) > 0x7F and char not in _UNICODE_LATIN1 for char in text)
    declared = font_encoding(font_name)
    if text.isascii():
        # Capitals of .VnTimeH: plain letters in an upper-case-only font.
        if declared == TCVN3 and font_name.strip().lower().rstrip().endswith("h"):
            return Decoded(text.upper(), TCVN3 if text != text.upper() else None)
        return Decoded(text, None)
    if declared is None and not suspicious and well_formed(text):
        return Decoded(text, None)
    order = [declared] if declared else []
    order += [e for e in _by_likelihood(text) if e not in order]
    for encoding in order:
        converted = _convert(text, encoding, font_name)
        if well_formed(converted):
            return Decoded(converted, encoding)
    raise UnknownEncoding(text)


def _by_likelihood(text: str) -> list[str]:
    """VNI first when the text has a mark character right after a vowel
    (its shape), TCVN3 otherwise."""
    after_vowel = any(
        char in _VNI_MARKS and index and text[index - 1] in _VOWELS | set("ôöÔÖ")
        for index, char in enumerate(text)
    )
    return [VNI, TCVN3] if after_vowel else [TCVN3, VNI]


def _convert(text: str, encoding: str, font_name: str) -> str:
    if encoding == TCVN3:
        converted = "".join(_TCVN3.get(char, char) for char in text)
        if font_name.strip().lower().endswith("h"):  # .VnTimeH: capitals only
            converted = converted.upper()
        return unicodedata.normalize("NFC", converted)
    return from_vni(text)


def from_vni(text: str) -> str:
    """VNI text in Unicode (NFC)."""
    out: list[str] = []
    for char in text:
        previous = out[-1] if out else ""
        if char in _VNI_MARKS and previous and _base(previous) in _VOWELS:
            out[-1] = previous + _VNI_MARKS[char]
        elif char in _VNI_LETTERS:
            out.append(_VNI_LETTERS[char])
        else:
            out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _base(letter: str) -> str:
    return unicodedata.normalize("NFC", letter[0] + "".join(c for c in letter[1:] if c == _HORN))


def to_tcvn3(text: str) -> str:
    """Unicode text as TCVN3 would store it (for tests and examples)."""
    reverse = {value: key for key, value in _TCVN3.items()}
    return "".join(reverse.get(char, char) for char in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> str:
    """Unicode text as VNI would store it (for tests and examples)."""
    letters = {value: key for key, value in _VNI_LETTERS.items()}
    letters |= {char: char for char in "íìÍÌ"}  # VNI keeps these two as they are
    marks = {value: key for key, value in _VNI_MARKS.items() if key.islower()}
    upper_marks = {value: key for key, value in _VNI_MARKS.items() if key.isupper()}
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in letters:
            out.append(letters[char])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, rest = decomposed[0], decomposed[1:]
        if _HORN in rest:
            base, rest = unicodedata.normalize("NFC", base + _HORN), rest.replace(_HORN, "")
        rest = "".join(sorted(rest, key=lambda mark: mark in _TONES))  # shape, then tone
        if base in letters:
            base = letters[base]
        if not rest:
            out.append(base)
            continue
        table = upper_marks if base.isupper() else marks
        if rest in table:
            out.append(base + table[rest])
        else:  # ỉ ĩ ị ỵ have letters of their own
            out.append(letters.get(char, char))
    return "".join(out)


def well_formed(text: str) -> bool:
    """Whether every word of `text` is written with Vietnamese letters: no
    stray Latin-1 symbols, marks only on vowels, one tone mark at most."""
    if any(ord(char) > 0x7F and not char.isalpha() and char != "\u00a0" for char in text):
        return False
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        tones = 0
        for char in word:
            decomposed = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))
            base, marks = decomposed[0], decomposed[1:]
            if not base.isascii():
                return False
            if marks and base.lower() not in "aeiouy":
                return False
            if any(mark not in _TONES | _SHAPES for mark in marks):
                return False
            tones += sum(mark in _TONES for mark in marks)
        if tones > 1:
            return False
    return True
