"""The admin's lists as an administrator meets them: accent-free search
everywhere (typed with or without accents), the unit list by name, column
headers and periods in words."""

import re

import pytest
from django.urls import reverse

from centers.text import vietnamese_sort_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo):
    client.force_login(demo.admin)
    return client


def _rows(html: str) -> list[str]:
    """The text of each row of the change list's result table."""
    body = html.split('id="result_list"')[1].split("</tbody>")[0]
    return [re.sub(r"<[^>]+>", " ", row) for row in body.split("<tr")[2:]]


@pytest.mark.parametrize(
    ("changelist", "typed", "expected"),
    [
        ("courses_topic", "xoa mu chu", "Xóa mù chữ"),
        ("courses_topic", "XÓA MÙ CHỮ", "Xóa mù chữ"),
        ("courses_campaign", "tuan le", "Tuần lễ hưởng ứng học tập suốt đời"),
        ("centers_user", "mai van di", "Mai Văn Di"),
        ("courses_submission", "Thạch Trung", "xã Thạch Trung"),
        ("courses_submission", "thach trung", "xã Thạch Trung"),
        ("centers_unitsuccession", "Thạch Trung", "Xã Thạch Trung"),
        ("centers_unitsuccession", "thach trung", "Xã Thạch Trung"),
        ("centers_learningcenter", "Đồng Môn", "xã Đồng Môn"),
    ],
)
def test_admin_search_finds_with_or_without_accents(admin_client, changelist, typed, expected):
    response = admin_client.get(reverse(f"admin:{changelist}_changelist"), {"q": typed})

    rows = _rows(response.content.decode())
    assert rows and all(expected in row for row in rows), (typed, rows[:3])


def test_the_unit_list_is_ordered_by_name(admin_client, demo):
    url = reverse("admin:centers_administrativeunit_changelist")

    html = admin_client.get(url, {"level__exact": "3", "validity": "on", "o": "1"}).content

    names = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r'<th class="field-unit_name">(.*?)</th>', html.decode())
    ]
    assert len(names) > 3
    assert names == sorted(names, key=vietnamese_sort_key)


def test_appointment_list_headers_are_words_and_periods_are_labels(admin_client):
    appointments = admin_client.get(reverse("admin:centers_appointment_changelist"))
    submissions = admin_client.get(reverse("admin:courses_submission_changelist"))

    assert "TERM DISPLAY" not in appointments.content.decode().upper().replace("NHIỆM KỲ", "")
    assert "Term display" not in appointments.content.decode()
    assert "Quý IV/2020" in submissions.content.decode()
    assert ">2020-Q4<" not in submissions.content.decode()
