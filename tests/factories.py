"""factory_boy factories. Units get real-looking codes and names; the
materialised path is kept by AdministrativeUnit.save()."""

import datetime
import itertools

import factory
from factory.django import DjangoModelFactory

from centers.models import (
    AdministrativeUnit,
    Appointment,
    AppointmentRole,
    LearningCenter,
    Office,
    User,
)
from centers.units import UnitKind, UnitLevel
from courses.models import Activity, ActivityKind, Campaign, Course, CourseFormat, Topic

ERA_START = datetime.date(2020, 1, 1)
_COUNTERS = {level: itertools.count() for level in UnitLevel}
_WIDTH = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}


def free_code(level: int) -> str:
    """The next code at `level` that no unit in the database holds (factories
    must not collide with the demo's real codes, e.g. 42 or 18088)."""
    used = set(AdministrativeUnit.objects.filter(level=level).values_list("code", flat=True))
    width = _WIDTH[UnitLevel(level)]
    while True:
        code = f"{next(_COUNTERS[UnitLevel(level)]) % (10**width - 1) + 1:0{width}d}"
        if code not in used:
            return code


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    password = factory.PostGenerationMethodCall("set_password", "S3cret-pass-2020")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.LazyFunction(lambda: free_code(UnitLevel.PROVINCE))
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    kind = UnitKind.PROVINCE
    level = UnitLevel.PROVINCE
    valid_from = ERA_START


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.LazyFunction(lambda: free_code(UnitLevel.DISTRICT))
    name = factory.Sequence(lambda n: f"Huyện Thử {n}")
    kind = UnitKind.RURAL_DISTRICT
    level = UnitLevel.DISTRICT
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = ERA_START


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.LazyFunction(lambda: free_code(UnitLevel.COMMUNE))
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    kind = UnitKind.COMMUNE
    level = UnitLevel.COMMUNE
    parent = factory.SubFactory(DistrictFactory)
    valid_from = ERA_START


class CenterFactory(DjangoModelFactory):
    class Meta:
        model = LearningCenter

    unit = factory.SubFactory(CommuneFactory)
    name = factory.LazyAttribute(lambda o: f"Trung tâm học tập cộng đồng {o.unit.name.lower()}")
    established_on = ERA_START


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = Appointment

    center = factory.SubFactory(CenterFactory)
    full_name = factory.Sequence(lambda n: f"Trần Thị {n}")
    role = AppointmentRole.DIRECTOR
    start_date = ERA_START


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    unit = factory.SubFactory(DistrictFactory)
    name = factory.LazyAttribute(lambda o: f"Phòng Giáo dục và Đào tạo {o.unit.name.lower()}")
    valid_from = ERA_START

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.add(*extracted)


# ---------------------------------------------------------------------------
# courses
# ---------------------------------------------------------------------------

RECORD_DAY = datetime.date(2020, 11, 10)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lĩnh vực thử {n}")
    position = factory.Sequence(lambda n: n)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    center = factory.SubFactory(CenterFactory)
    title = factory.Sequence(lambda n: f"Kỹ thuật trồng lạc giống L14 (lớp {n})")
    topic = factory.SubFactory(TopicFactory)
    format = CourseFormat.CLASS
    start_date = RECORD_DAY
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    sessions = 1
    participants_total = 40
    participants_women = 25
    participants_ethnic_minority = 0


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("slug",)

    name = "Tuần lễ hưởng ứng học tập suốt đời năm 2020"
    slug = "tuan-le-2020"
    theme = "Chuyển đổi số thúc đẩy học tập suốt đời"
    start_date = datetime.date(2020, 10, 1)
    end_date = datetime.date(2020, 10, 7)
    report_deadline = datetime.date(2020, 10, 15)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    center = factory.SubFactory(CenterFactory)
    date = RECORD_DAY
    kind = ActivityKind.MEETING
    title = factory.Sequence(lambda n: f"Họp Ban Giám đốc lần {n}")
    participants = 12
