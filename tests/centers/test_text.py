import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centers.models import AdministrativeUnit
from centers.text import clean_text, search_key, vietnamese_sort_key
from centers.units import UnitKind, UnitLevel
from tests.conftest import POSTGRES_URL, postgres_reachable, skip_or_fail

VIETNAMESE_ORDER = ["An", "Ân", "Dương", "Đại Nài", "Đồng Môn", "Ô Loan", "Thạch Hạ", "Thạch Trung"]
SHUFFLED = ["Dương", "Đại Nài", "Đồng Môn", "An", "Ân", "Thạch Hạ", "Thạch Trung", "Ô Loan"]
TONES = ["ma", "mà", "mả", "mã", "má", "mạ"]  # none < huyền < hỏi < ngã < sắc < nặng


def test_python_key_sorts_in_vietnamese_order():
    assert sorted(SHUFFLED, key=vietnamese_sort_key) == VIETNAMESE_ORDER
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=vietnamese_sort_key) == TONES
    letters = ["u", "ư", "o", "ơ", "ô", "e", "ê", "d", "đ", "a", "â", "ă"]
    expected = ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]
    assert sorted(letters, key=vietnamese_sort_key) == expected


@pytest.mark.django_db
def test_the_database_sorts_names_in_vietnamese_order():
    province = AdministrativeUnit.objects.create(
        code="42", name="Tỉnh Hà Tĩnh", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE,
        valid_from="2020-01-01",
    )  # fmt: skip
    for i, name in enumerate(SHUFFLED + TONES[::-1]):
        AdministrativeUnit.objects.create(
            code=f"{10000 + i}", name=name, kind=UnitKind.COMMUNE, level=UnitLevel.COMMUNE,
            parent=province, valid_from="2020-01-01",
        )  # fmt: skip

    names = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).values_list("name", flat=True)
    )

    assert names == sorted(VIETNAMESE_ORDER + TONES, key=vietnamese_sort_key)
    assert names[:8] == ["An", "Ân", "Dương", "Đại Nài", "Đồng Môn", "ma", "mà", "mả"]


def test_search_key_drops_accents_case_and_d_stroke():
    assert search_key("Xã THẠCH ĐÀI") == "xa thach dai"
    assert search_key(unicodedata.normalize("NFD", "Thạch Trung")) == "thach trung"


def test_clean_text_is_nfc_and_trimmed():
    assert clean_text(unicodedata.normalize("NFD", "  Thạch   Hạ \n")) == "Thạch Hạ"


LETTERS = [*"aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂĐÊÔƠƯ", *"àảãáạềổữớựỳ"]
vietnamese_words = st.text(alphabet=st.sampled_from(LETTERS), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(vietnamese_words, min_size=2, max_size=12))
def test_python_collation_agrees_with_postgresql_icu(words):
    """SQLite's collation (Python) and PostgreSQL's ICU put names in the same order."""
    rows = _icu_order(words)
    assert sorted(words, key=vietnamese_sort_key) == rows


_pg = {}


def _icu_order(words):
    import psycopg

    if "conn" not in _pg:
        if not postgres_reachable():
            skip_or_fail(f"PostgreSQL is not reachable at {POSTGRES_URL}")
        _pg["conn"] = psycopg.connect(POSTGRES_URL, autocommit=True)
    with _pg["conn"].cursor() as cursor:
        cursor.execute(
            'SELECT w FROM unnest(%s::text[]) AS w ORDER BY w COLLATE "vi-x-icu"', [words]
        )
        return [row[0] for row in cursor.fetchall()]
