"""Input that once slipped through (issue 9, hole 8): NUL in a period, invisible
and bidi characters in text, names unique only by exact case, a misleading
message for `sessions=0`. No input gives a 500."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from centers.text import clean_multiline_text, clean_text, search_key
from courses.models import Course, Topic
from tests.courses.test_courses import _post
from tests.factories import CenterFactory, CourseFactory, OfficeFactory, TopicFactory

pytestmark = pytest.mark.django_db

ZERO_WIDTH = "\u200b"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"


@pytest.mark.parametrize("period", ["campaign:\x00", "campaign:tuan-le\x00", "2020-Q4\x00", "\x00"])
def test_a_nul_in_a_report_address_is_a_clear_404(client, demo, period):
    client.force_login(demo.director)
    url = reverse("courses:submission", args=[demo.thach_trung_center.pk, period])

    response = client.get(url)

    assert response.status_code == 404


@pytest.mark.parametrize("period", ["campaign:\x00", "2020-Q4\u202e"])
def test_a_nul_in_the_dashboards_period_is_said_and_the_default_shown(client, demo, period):
    client.force_login(demo.city_officer)

    response = client.get(
        reverse("reports:office_dashboard", args=[demo.city_office.pk]), {"period": period}
    )

    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 and "ký tự" in shown[0]


def test_a_nul_in_a_reminders_period_is_refused_with_a_message(client, demo):
    client.force_login(demo.city_officer)
    url = reverse("reports:office_remind", args=[demo.city_office.pk])

    response = client.post(url, {"center": demo.thach_trung_center.pk, "period": "campaign:\x00"})

    assert response.status_code == 302


def test_a_nul_in_a_campaign_link_is_ignored(client, demo):
    client.force_login(demo.director)
    url = reverse("courses:activity_create", args=[demo.thach_trung_center.pk])

    assert client.get(url, {"campaign": "tuan\x00"}).status_code in {200, 403}


def test_invisible_and_bidi_characters_are_removed_from_text():
    assert clean_text(f"Xóa{ZERO_WIDTH} mù chữ") == "Xóa mù chữ"
    assert clean_text(f"{RIGHT_TO_LEFT_OVERRIDE}Kỹ thuật\u2066 nuôi hươu\u2069\ufeff") == (
        "Kỹ thuật nuôi hươu"
    )
    assert clean_text("Phổ biến\x00 pháp luật\u00ad") == "Phổ biến pháp luật"
    assert clean_multiline_text(f"Dòng một{ZERO_WIDTH}\nDòng\u200f hai") == "Dòng một\nDòng hai"
    assert search_key(f"thach{ZERO_WIDTH} trung") == "thach trung"


def test_a_title_typed_with_a_zero_width_space_is_stored_without_it_and_found(client, cast):
    response = _post(cast, client, title=f"Kỹ thuật{ZERO_WIDTH} trồng lạc {RIGHT_TO_LEFT_OVERRIDE}")

    assert response.status_code == 302
    course = Course.objects.get()
    assert course.title == "Kỹ thuật trồng lạc"
    assert list(Course.objects.search("ky thuat trong lac")) == [course]
    assert list(Course.objects.search(f"trồng{ZERO_WIDTH} lạc")) == [course]


def test_a_course_saved_through_the_orm_loses_its_invisible_characters(cast):
    course = CourseFactory(center=cast.center, title=f"Hướng dẫn{ZERO_WIDTH} sử dụng VNeID")

    course.refresh_from_db()
    assert course.title == "Hướng dẫn sử dụng VNeID"


@pytest.mark.parametrize("name", ["xóa mù chữ", "XÓA MÙ CHỮ", f"Xóa{ZERO_WIDTH} mù chữ"])
def test_topic_names_are_unique_regardless_of_case_and_invisible_characters(name):
    TopicFactory(name="Xóa mù chữ")
    topic = Topic(name=name)

    with pytest.raises(ValidationError) as excinfo:
        topic.full_clean()

    assert "name" in excinfo.value.message_dict


def test_center_and_office_names_are_unique_per_unit_regardless_of_case():
    center = CenterFactory(
        name="Trung tâm HTCĐ xã Đồng Môn", closed_on=datetime.date(2020, 12, 31), status="closed"
    )  # a later center of the same unit may not take the same name in other letters
    twin = CenterFactory.build(
        name="TRUNG TÂM HTCĐ XÃ ĐỒNG MÔN",
        unit=center.unit,
        established_on=datetime.date(2021, 1, 1),
    )
    office = OfficeFactory(name="Phòng Giáo dục và Đào tạo")
    office_twin = OfficeFactory.build(
        name="phòng giáo dục và đào tạo", unit=office.unit, valid_from=office.valid_from
    )

    with pytest.raises(ValidationError) as center_error:
        twin.full_clean()
    with pytest.raises(ValidationError) as office_error:
        office_twin.full_clean()

    assert "name" in center_error.value.message_dict
    assert "name" in office_error.value.message_dict


def test_zero_sessions_says_at_least_one(client, cast):
    response = _post(cast, client, sessions="0")

    assert response.status_code == 200
    assert response.context["form"].errors["sessions"] == ["Nhập số nguyên từ 1 trở lên."]
    assert not Course.objects.exists()


def test_negative_counts_still_say_zero_or_more(client, cast):
    response = _post(cast, client, participants_total="-1")

    assert response.context["form"].errors["participants_total"] == ["Nhập số nguyên từ 0 trở lên."]
