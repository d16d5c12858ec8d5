"""The demo: Hà Tĩnh city around Lifelong Learning Week 2020 (the seed
article), and the same place after the 2025 reform. Idempotent: every
object is looked up by its identity before it is created."""

import datetime

from django.db import transaction

from centers.models import (
    AdministrativeUnit,
    Appointment,
    AppointmentRole,
    CenterStatus,
    LearningCenter,
    Office,
    User,
)
from centers.services import (
    OFFICIAL_LIST_VALID_FROM,
    MergeSource,
    units_load_official,
    units_merge,
)
from centers.units import KIND_PREFIX, UnitKind, UnitLevel

DEMO_PASSWORD = "HocTapSuotDoi2020"

OLD_ERA_START = datetime.date(2020, 1, 1)
OLD_ERA_END = OFFICIAL_LIST_VALID_FROM - datetime.timedelta(days=1)  # 30/06/2025

# Thành phố Hà Tĩnh's 15 units of 2020–2024 (DOMAIN.md). The demo skips
# the January-2025 code swaps.
OLD_CITY_UNITS = [
    ("18070", "Phường Trần Phú", UnitKind.WARD),
    ("18073", "Phường Nam Hà", UnitKind.WARD),
    ("18076", "Phường Bắc Hà", UnitKind.WARD),
    ("18077", "Phường Nguyễn Du", UnitKind.WARD),
    ("18079", "Phường Tân Giang", UnitKind.WARD),
    ("18082", "Phường Đại Nài", UnitKind.WARD),
    ("18085", "Phường Hà Huy Tập", UnitKind.WARD),
    ("18088", "Xã Thạch Trung", UnitKind.COMMUNE),
    ("18091", "Phường Thạch Quý", UnitKind.WARD),
    ("18094", "Phường Thạch Linh", UnitKind.WARD),
    ("18097", "Phường Văn Yên", UnitKind.WARD),
    ("18100", "Xã Thạch Hạ", UnitKind.COMMUNE),
    ("18103", "Xã Đồng Môn", UnitKind.COMMUNE),
    ("18109", "Xã Thạch Hưng", UnitKind.COMMUNE),
    ("18112", "Xã Thạch Bình", UnitKind.COMMUNE),
]

# What the old units became on 01/07/2025 (Resolution 1665/NQ-UBTVQH15 as
# summarised in DOMAIN.md): (old code, new code, partial). The demo skips
# January 2025, when Nguyễn Du joined Bắc Hà and Thạch Linh joined Trần
# Phú, so it links both straight to Phường Thành Sen, as DOMAIN.md allows.
SUCCESSIONS_2025 = [
    ("18076", "18073", False),  # Bắc Hà -> Phường Thành Sen
    ("18091", "18073", False),  # Thạch Quý
    ("18079", "18073", False),  # Tân Giang
    ("18109", "18073", False),  # Thạch Hưng
    ("18073", "18073", False),  # Nam Hà (code reused by Thành Sen)
    ("18070", "18073", False),  # Trần Phú (old ward)
    ("18085", "18073", False),  # Hà Huy Tập (old ward)
    ("18097", "18073", False),  # Văn Yên
    ("18077", "18073", False),  # Nguyễn Du (through Bắc Hà, January 2025)
    ("18094", "18073", False),  # Thạch Linh (through the old Trần Phú, January 2025)
    ("18082", "18073", True),  # part of Đại Nài
    ("18082", "18652", True),  # the rest of Đại Nài -> Phường Hà Huy Tập
    ("18088", "18100", False),  # Thạch Trung -> Phường Trần Phú
    ("18103", "18100", False),  # Đồng Môn
    ("18100", "18100", False),  # Thạch Hạ (code reused by Trần Phú)
    ("18112", "18685", False),  # Thạch Bình -> Xã Cẩm Bình
]

# New centers formed from old ones (center lineage is its own record).
CENTER_LINEAGE_2025 = {
    "18100": ["18088", "18103", "18100"],
    # Nguyễn Du (18077) and Thạch Linh (18094) through January 2025.
    "18073": [
        "18076",
        "18091",
        "18079",
        "18109",
        "18073",
        "18070",
        "18085",
        "18097",
        "18082",
        "18077",
        "18094",
    ],
    "18652": ["18082"],
    "18685": ["18112"],
}


def center_name(unit: AdministrativeUnit) -> str:
    """ "Xã Thạch Trung" -> "Trung tâm học tập cộng đồng xã Thạch Trung"."""
    prefix = KIND_PREFIX[UnitKind(unit.kind)]
    return f"Trung tâm học tập cộng đồng {prefix.lower()}{unit.name[len(prefix) :]}"


@transaction.atomic
def seed_demo() -> list[tuple[str, str]]:
    """Create (or bring up to date) the demo; return the demo logins."""
    units_load_official(province_code="42")
    province = _province_for_both_eras()
    old_units = _old_city_units(province)
    new_units = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE, parent=province
        ).valid_on(OFFICIAL_LIST_VALID_FROM)
    }
    _successions(old_units, new_units)
    old_centers = {
        code: _center(unit, OLD_ERA_START, OLD_ERA_END) for code, unit in old_units.items()
    }
    new_centers = {
        code: _center(unit, OFFICIAL_LIST_VALID_FROM, None) for code, unit in new_units.items()
    }
    for new_code, old_codes in CENTER_LINEAGE_2025.items():
        new_centers[new_code].predecessors.add(*[old_centers[c] for c in old_codes])
    return _people(province, old_units, old_centers, new_centers)


def _province_for_both_eras() -> AdministrativeUnit:
    # Tỉnh Hà Tĩnh kept its borders and code in 2025: one unit spans both eras.
    province = AdministrativeUnit.objects.by_code("42").valid_on(OFFICIAL_LIST_VALID_FROM).get()
    if province.valid_from > OLD_ERA_START:
        province.valid_from = OLD_ERA_START
        province.save(update_fields=["valid_from"])
    return province


def _unit(code, name, kind, parent, valid_until) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.by_code(code).filter(valid_from=OLD_ERA_START).first()
    if unit is None:
        unit = AdministrativeUnit(code=code, valid_from=OLD_ERA_START)
    unit.name, unit.kind, unit.parent, unit.valid_until = name, kind, parent, valid_until
    unit.full_clean()
    unit.save()
    return unit


def _old_city_units(province) -> dict[str, AdministrativeUnit]:
    city = _unit("436", "Thành phố Hà Tĩnh", UnitKind.PROVINCIAL_CITY, province, OLD_ERA_END)
    return {code: _unit(code, name, kind, city, OLD_ERA_END) for code, name, kind in OLD_CITY_UNITS}


def _successions(old_units, new_units) -> None:
    for new_code in dict.fromkeys(new for _old, new, _partial in SUCCESSIONS_2025):
        sources = [
            MergeSource(old_units[old], partial=partial)
            for old, new, partial in SUCCESSIONS_2025
            if new == new_code
        ]
        units_merge(into=new_units[new_code], sources=sources, on=OFFICIAL_LIST_VALID_FROM)


def _center(unit, established_on, closed_on) -> LearningCenter:
    center, _created = LearningCenter.objects.update_or_create(
        unit=unit,
        established_on=established_on,
        defaults={
            "name": center_name(unit),
            "closed_on": closed_on,
            "status": CenterStatus.MERGED if closed_on else CenterStatus.ACTIVE,
        },
    )
    return center


def _user(username, full_name, **extra) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _appointment(center, user, start, end) -> None:
    Appointment.objects.update_or_create(
        center=center,
        full_name="Mai Văn Di",
        role=AppointmentRole.DIRECTOR,
        start_date=start,
        defaults={
            "end_date": end,
            "user": user,
            "home_post": "Chủ tịch UBND xã Thạch Trung" if end else "Lãnh đạo UBND phường Trần Phú",
            "phone": "0912 345 678",
            "email": "maivandi@example.com",
        },
    )


def _office(name, unit, valid_from, valid_until, recipients, member, **heading) -> None:
    """An office, with what its reports print (`heading`: authority, place,
    document prefix, who signs — fictional names)."""
    office, _created = Office.objects.update_or_create(
        unit=unit,
        name=name,
        defaults={
            "valid_from": valid_from,
            "valid_until": valid_until,
            "report_recipients": recipients,
            **heading,
        },
    )
    office.members.add(member)


def _people(province, old_units, old_centers, new_centers) -> list[tuple[str, str]]:
    director = _user("giamdoc.thachtrung", "Mai Văn Di")
    _appointment(old_centers["18088"], director, OLD_ERA_START, OLD_ERA_END)
    _appointment(new_centers["18100"], director, OFFICIAL_LIST_VALID_FROM, None)
    city_office_user = _user("phonggd.hatinh", "Chuyên viên Phòng GD&ĐT thành phố Hà Tĩnh")
    _office(
        "Phòng Giáo dục và Đào tạo thành phố Hà Tĩnh",
        old_units["18088"].parent,
        OLD_ERA_START,
        OLD_ERA_END,
        "phonggd.tphatinh@example.com",
        city_office_user,
        authority="UBND thành phố Hà Tĩnh",
        place_name="Hà Tĩnh",
        document_prefix="PGDĐT",
        head_title="Trưởng phòng",
        signer_title="Phó Trưởng phòng",
        signer_name="Nguyễn Thị Hoa",
    )
    province_office_user = _user("so.hatinh", "Chuyên viên Sở GD&ĐT Hà Tĩnh")
    _office(
        "Sở Giáo dục và Đào tạo Hà Tĩnh",
        province,
        OLD_ERA_START,
        None,
        "sogddt@example.com\ngdtx.sogddt@example.com",
        province_office_user,
        authority="UBND tỉnh Hà Tĩnh",
        place_name="Hà Tĩnh",
        document_prefix="SGDĐT",
        head_title="Giám đốc",
        signer_name="Trần Văn Nam",
    )
    _user("admin", "Quản trị hệ thống", is_staff=True, is_superuser=True)
    return [
        ("giamdoc.thachtrung", "Mai Văn Di — Giám đốc TTHTCĐ xã Thạch Trung / phường Trần Phú"),
        ("phonggd.hatinh", "Phòng GD&ĐT thành phố Hà Tĩnh (đến 30/06/2025)"),
        ("so.hatinh", "Sở GD&ĐT Hà Tĩnh"),
        ("admin", "Quản trị hệ thống"),
    ]
