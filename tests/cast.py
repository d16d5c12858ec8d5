"""Named objects of the demo, looked up once per test."""

import datetime
from dataclasses import dataclass

from centers.models import AdministrativeUnit, LearningCenter, Office, User

OLD = datetime.date(2020, 10, 1)
NEW = datetime.date(2026, 1, 1)


@dataclass
class Demo:
    province: AdministrativeUnit
    city: AdministrativeUnit
    thach_trung: AdministrativeUnit
    tran_phu_2025: AdministrativeUnit
    thach_trung_center: LearningCenter
    tran_phu_center: LearningCenter
    city_office: Office
    province_office: Office
    director: User
    city_officer: User
    province_officer: User
    admin: User

    @classmethod
    def load(cls) -> "Demo":
        units = AdministrativeUnit.objects
        thach_trung = units.by_code("18088").get()
        tran_phu = units.by_code("18100").valid_on(NEW).get()
        return cls(
            province=units.by_code("42").get(),
            city=units.by_code("436").get(),
            thach_trung=thach_trung,
            tran_phu_2025=tran_phu,
            thach_trung_center=LearningCenter.objects.get(unit=thach_trung),
            tran_phu_center=LearningCenter.objects.get(unit=tran_phu),
            city_office=Office.objects.get(unit__code="436"),
            province_office=Office.objects.get(unit__code="42"),
            director=User.objects.get(username="giamdoc.thachtrung"),
            city_officer=User.objects.get(username="phonggd.hatinh"),
            province_officer=User.objects.get(username="so.hatinh"),
            admin=User.objects.get(username="admin"),
        )
