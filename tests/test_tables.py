"""The site's table template and shared columns: each cell carries its
column's attributes and card label, worked out once per column unless they
depend on the record; dates show in the site's time zone."""

import datetime
import re

import django_tables2 as tables
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from centers.table_columns import DateColumn

pytestmark = pytest.mark.django_db  # the suite's fixtures reset the database


class _Table(tables.Table):
    name = tables.Column(verbose_name="Tên <b>trung tâm</b>", attrs={"td": {"class": "card-title"}})
    courses = tables.Column(
        verbose_name="Lớp",
        attrs={"td": {"data-n": lambda record: record["courses"], "class": "number"}},
    )
    amount = tables.Column(verbose_name="Kinh phí", localize=True)
    day = DateColumn(verbose_name="Ngày", default="—")
    at = DateColumn(verbose_name="Lúc", format="SHORT_DATETIME_FORMAT")


ROWS = [
    {
        "name": "Thạch Trung",
        "courses": 3,
        "amount": 1500000,
        "day": datetime.date(2020, 10, 5),
        # 20:30 UTC on 30 November is 03:30 on 1 December in Hà Tĩnh.
        "at": datetime.datetime(2026, 11, 30, 20, 30, tzinfo=datetime.UTC),
    },
    {
        "name": "Thạch Hạ",
        "courses": 7,
        "amount": 0,
        "day": None,
        "at": datetime.datetime(2026, 12, 1, 1, 0, tzinfo=datetime.UTC),
    },
]


def _cells(html: str) -> list[list[str]]:
    body = html.split("<tbody")[1].split("</tbody>")[0]
    return [re.findall(r"<td [^>]*>.*?</td>", row, re.S) for row in body.split("</tr>")[:-1]]


def _render() -> str:
    request = RequestFactory().get("/")
    table = _Table(ROWS)
    with translation.override("vi"), timezone.override("Asia/Ho_Chi_Minh"):
        return Template("{% load django_tables2 %}{% render_table table %}").render(
            Context({"table": table, "request": request})
        )


def test_each_cell_has_its_columns_attributes_and_label():
    first, second = _cells(_render())

    assert first[0].startswith('<td class="card-title" data-label="Tên trung tâm">Thạch Trung')
    # Attributes computed from the record differ row by row.
    assert 'data-n="3"' in first[1] and 'data-n="7"' in second[1]
    assert 'class="number"' in second[1] and 'data-label="Lớp"' in second[1]


def test_localized_columns_and_dates_in_the_sites_time_zone():
    first, second = _cells(_render())

    assert ">1.500.000</td>" in first[2]
    assert ">05/10/2020</td>" in first[3]
    assert "data-empty" in second[3] and ">—</td>" in second[3]
    assert ">03:30 01/12/2026</td>" in first[4]
    assert ">08:00 01/12/2026</td>" in second[4]


def test_a_date_column_exports_iso_dates():
    table = _Table(ROWS)

    exported = list(table.as_values())

    assert exported[1][3:] == ["2020-10-05", "2026-11-30T20:30:00+00:00"]
