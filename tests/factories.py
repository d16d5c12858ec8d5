"""factory_boy factories. Units get real-looking codes and names; the
materialised path is kept by AdministrativeUnit.save()."""

import datetime

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

ERA_START = datetime.date(2020, 1, 1)


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

    code = factory.Sequence(lambda n: f"{(n % 90) + 10:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    kind = UnitKind.PROVINCE
    level = UnitLevel.PROVINCE
    valid_from = ERA_START


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{(n % 900) + 100:03d}")
    name = factory.Sequence(lambda n: f"Huyện Thử {n}")
    kind = UnitKind.RURAL_DISTRICT
    level = UnitLevel.DISTRICT
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = ERA_START


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{(n % 90000) + 10000:05d}")
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
