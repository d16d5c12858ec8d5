import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from centers.models import Appointment, AppointmentRole, CenterStatus, LearningCenter, Office
from tests.cast import NEW, OLD
from tests.factories import (
    AppointmentFactory,
    CenterFactory,
    CommuneFactory,
    DistrictFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db


def test_mai_van_di_directs_thach_trung_in_2020_and_tran_phu_in_2026(demo):
    assert demo.thach_trung_center.director_on(OLD).full_name == "Mai Văn Di"
    assert demo.thach_trung_center.director_on(NEW) is None
    director = demo.tran_phu_center.director_on(NEW)
    assert director.full_name == "Mai Văn Di"
    assert director.user == demo.director
    assert demo.director.appointments.count() == 2


def test_the_director_on_a_date_is_one_query(demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        demo.thach_trung_center.director_on(OLD)


def test_tran_phu_center_was_formed_from_three_centers(demo):
    names = set(demo.tran_phu_center.predecessors.values_list("unit__name", flat=True))

    assert names == {"Xã Thạch Trung", "Xã Đồng Môn", "Xã Thạch Hạ"}
    assert demo.thach_trung_center.status == CenterStatus.MERGED
    assert demo.thach_trung_center.closed_on == datetime.date(2025, 6, 30)


def test_a_center_for_a_unit_that_does_not_exist_is_refused():
    center = LearningCenter(
        name="Trung tâm học tập cộng đồng xã Không Có",
        unit_id=999_999,
        established_on=datetime.date(2020, 1, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        center.full_clean()

    assert "unit" in excinfo.value.message_dict
    assert excinfo.value.message_dict["unit"] == ["Không tồn tại đơn vị hành chính có id 999999."]
    assert not LearningCenter.objects.exists()


def test_a_center_for_a_district_is_refused():
    center = LearningCenter(
        name="Trung tâm", unit=DistrictFactory(), established_on=datetime.date(2020, 1, 1)
    )

    with pytest.raises(ValidationError) as excinfo:
        center.full_clean()

    assert excinfo.value.message_dict["unit"] == [
        "Trung tâm học tập cộng đồng phục vụ một xã, phường hoặc thị trấn."
    ]


def test_an_nfd_typed_duplicate_office_is_caught():
    existing = OfficeFactory(name="Phòng Giáo dục và Đào tạo thành phố Hà Tĩnh")
    duplicate = Office(
        name=unicodedata.normalize("NFD", "Phòng Giáo dục và Đào tạo  thành phố Hà Tĩnh "),
        unit=existing.unit,
        valid_from=existing.valid_from,
    )

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.messages == ["Đơn vị này đã có cơ quan quản lý với tên này."]
    assert Office.objects.count() == 1


def test_an_nfd_typed_duplicate_appointment_is_caught():
    deputy = AppointmentFactory(full_name="Nguyễn Thị Hà", role=AppointmentRole.DEPUTY)
    duplicate = Appointment(
        center=deputy.center,
        full_name=unicodedata.normalize("NFD", "Nguyễn Thị Hà"),
        role=AppointmentRole.DEPUTY,
        start_date=deputy.start_date,
    )

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.messages == ["Người này đã giữ chức vụ này tại trung tâm từ ngày này."]


def test_two_centers_for_one_commune_at_once_are_refused():
    existing = CenterFactory()
    second = LearningCenter(
        name="Trung tâm thứ hai", unit=existing.unit, established_on=datetime.date(2022, 1, 1)
    )

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    assert existing.name in excinfo.value.message_dict["unit"][0]


def test_a_merged_center_needs_its_closing_date():
    center = CenterFactory.build(unit=CommuneFactory(), status=CenterStatus.MERGED)

    with pytest.raises(ValidationError) as excinfo:
        center.full_clean()

    assert "closed_on" in excinfo.value.message_dict


def test_an_appointment_ending_before_it_starts_is_refused():
    center = CenterFactory()
    appointment = Appointment(
        center=center,
        full_name="Mai Văn Di",
        role=AppointmentRole.DIRECTOR,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )

    with pytest.raises(ValidationError) as excinfo:
        appointment.full_clean()

    assert excinfo.value.message_dict["end_date"] == [
        "Nhiệm kỳ không thể kết thúc trước khi bắt đầu."
    ]
    assert not Appointment.objects.exists()


def test_two_directors_at_once_are_refused_but_history_is_kept():
    first = AppointmentFactory(end_date=datetime.date(2022, 12, 31))
    successor = Appointment(
        center=first.center,
        full_name="Lê Văn Hai",
        role=AppointmentRole.DIRECTOR,
        start_date=datetime.date(2023, 1, 1),
    )
    overlapping = Appointment(
        center=first.center,
        full_name="Phan Văn Ba",
        role=AppointmentRole.DIRECTOR,
        start_date=datetime.date(2022, 6, 1),
        end_date=datetime.date(2022, 8, 31),
    )

    successor.full_clean()
    successor.save()
    with pytest.raises(ValidationError) as excinfo:
        overlapping.full_clean()

    assert first.full_name in excinfo.value.message_dict["start_date"][0]
    assert first.center.director_on(datetime.date(2021, 5, 1)) == first
    assert first.center.director_on(datetime.date(2024, 5, 1)) == successor


def test_deputies_may_overlap_with_the_director():
    director = AppointmentFactory()
    deputy = Appointment(
        center=director.center,
        full_name="Nguyễn Thị Hội Khuyến Học",
        role=AppointmentRole.DEPUTY,
        start_date=datetime.date(2020, 3, 1),
    )

    deputy.full_clean()
