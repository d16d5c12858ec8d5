"""Seed a country's worth of CLC Tracker data, for benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clc_prod_bench \\
        .venv/bin/python benchmarks/seed_national.py --scale 1

At scale 1 (the national size of the early 2020s): 63 provinces, 705
districts, 10,600 communes, one learning center per commune with a director
(a user and an appointment), a Sở GD&ĐT per province and a Phòng GD&ĐT per
district (one member each, collecting quarters due 15 days after they end),
1,000,000 courses and 200,000 activities spread over the five years up to
`--today`, and a report per center and ended quarter: approved, except the
last quarter, where centers are part submitted, part approved, part in
draft and part missing — what an office's dashboard looks like on a
Monday. `--scale 0.01` makes the same shape a hundred times smaller.

Provinces differ in size (a Zipf-like spread: the largest Sở has ~580
centers, as the largest really had), and so do centers (one center per 100
has five times the courses; the very first has 1% of the country's).

Every login's password is `--password` (default below); usernames are
`gd<commune code>` for directors, `phong<district code>` for the district
offices and `so<province code>` for the province offices. The script prints
the ones the load benchmark drives.

Rows are generated in Python from the models (so text is NFC-normalised and
search keys derived exactly as the application would) and written with
COPY on PostgreSQL, executemany elsewhere, in chunks: memory stays flat as
the scale grows. Run it on an empty, migrated database (`--migrate` runs the
migrations first); it refuses a database that already has centers.
"""

import argparse
import datetime
import itertools
import math
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django
from django.apps import apps

if not apps.ready:  # run as a script; the tests import it with Django set up
    django.setup()

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

from centers.models import (
    AdministrativeUnit,
    Appointment,
    AppointmentRole,
    CenterStatus,
    LearningCenter,
    Office,
    User,
)
from centers.units import UnitKind, UnitLevel
from courses.models import (
    Activity,
    ActivityKind,
    CollectedPeriod,
    Course,
    CourseFormat,
    Submission,
    SubmissionStatus,
    Topic,
)
from courses.periods import Period, PeriodKind

NATIONAL = {
    "provinces": 63,
    "districts": 705,
    "communes": 10_600,
    "courses": 1_000_000,
    "activities": 200_000,
}
YEARS = 5
EPOCH = datetime.date(2020, 1, 1)  # units, centers, offices and terms start here
PASSWORD = "HocTapSuotDoi2020"
CHUNK = 20_000
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Names are made of these words (space-separated, split below).
_WORDS = {
    "syllables": "An Bình Cẩm Diễn Đông Đức Gia Hà Hải Hòa Hưng Hương Khánh Kim Lâm Lạc Long "
    "Minh Mỹ Nam Nghĩa Ngọc Phú Phúc Quang Sơn Tân Thạch Thành Thanh Thịnh Thuận Tiến Trung "
    "Tùng Văn Vĩnh Xuân Yên",
    "family": "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý",
    "middle": "Văn Thị Hữu Đức Minh Thanh Ngọc Quang",
    "given": "An Bình Chi Dũng Hà Hạnh Hùng Lan Long Mai Nam Ngọc Phúc Sơn Tâm Thảo Trung Tuấn",
}
SYLLABLES, FAMILY, MIDDLE, GIVEN = (_WORDS[k].split() for k in _WORDS)
COURSE_TITLES = (
    "Lớp xóa mù chữ",
    "Chuyên đề trồng lúa chất lượng cao",
    "Tập huấn phòng chống dịch bệnh trên gia súc",
    "Chuyên đề phổ biến pháp luật",
    "Lớp tin học cơ bản cho người lớn tuổi",
    "Câu lạc bộ tiếng Anh",
    "Chuyên đề chăm sóc sức khỏe sinh sản",
    "Lớp kỹ năng sử dụng điện thoại thông minh",
    "Chuyên đề chuyển đổi số trong nông nghiệp",
    "Lớp dạy nghề may công nghiệp",
)


def _name(rng: random.Random, words: int = 2) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(words))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


# --- writing --------------------------------------------------------------


def _db_value(field: models.Field, obj: models.Model):
    """What the application would store for `field`, except that a
    timestamp we set (created_at in the past) is kept, not replaced by now."""
    value = getattr(obj, field.attname)
    stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    if not (stamped and value is not None):
        value = field.pre_save(obj, add=True)
    return field.get_db_prep_save(value, connection)


def write(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """Insert unsaved instances (primary keys set by the caller), in chunks:
    COPY on PostgreSQL, executemany elsewhere."""
    fields = [f for f in model._meta.local_concrete_fields if f.column]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    for chunk in _chunks(objects, CHUNK):
        rows = [[_db_value(f, obj) for f in fields] for obj in chunk]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        count += len(rows)
    return count


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Ids:
    """Primary keys handed out here, so rows can point at each other before
    they are written; sequences are reset at the end."""

    def __init__(self):
        self.next: dict[type, int] = {}

    def take(self, model: type[models.Model]) -> int:
        if model not in self.next:
            last = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            self.next[model] = last + 1
        self.next[model] += 1
        return self.next[model] - 1


def _reset_sequences(used: Iterable[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(used))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# --- the shape ------------------------------------------------------------


def _spread(total: int, parts: int, weights: list[float], rng: random.Random) -> list[int]:
    """`total` split into `parts` by weight, each part at least 1."""
    scale = sum(weights)
    counts = [max(1, math.floor(total * w / scale)) for w in weights]
    while sum(counts) < total:
        counts[rng.randrange(parts)] += 1
    while sum(counts) > total:
        i = rng.randrange(parts)
        if counts[i] > 1:
            counts[i] -= 1
    return counts


def shape(scale: float) -> dict[str, int]:
    provinces = min(NATIONAL["provinces"], max(2, math.ceil(NATIONAL["provinces"] * scale)))
    districts = max(provinces, round(NATIONAL["districts"] * scale))
    communes = max(districts, round(NATIONAL["communes"] * scale))
    return {
        "provinces": provinces,
        "districts": districts,
        "communes": communes,
        "courses": max(communes, round(NATIONAL["courses"] * scale)),
        "activities": max(communes, round(NATIONAL["activities"] * scale)),
    }


class Seeder:
    def __init__(self, *, scale: float, today: datetime.date, seed: int, password: str):
        self.size = shape(scale)
        self.today = today
        self.rng = random.Random(seed)
        self.ids = Ids()
        self.password = make_password(password)  # hashed once, shared: seeding, not security
        # The ended quarters of the last five years, oldest first.
        last_ended = Period.containing(PeriodKind.QUARTER, today).previous()
        self.quarters = list(
            Period.back_from(
                PeriodKind.QUARTER,
                last_ended.end,
                until=last_ended.start.replace(year=today.year - YEARS),
            )
        )[: 4 * YEARS][::-1]
        self.first_day = self.quarters[0].start
        self.topics = list(Topic.objects.values_list("pk", flat=True))
        self.centers: list[
            tuple[int, int, int, int]
        ] = []  # center, director, district office, province office
        self.logins: dict[str, str] = {}

    def run(self) -> None:
        for step in (self.units, self.people, self.courses, self.activities):
            started = time.perf_counter()
            with transaction.atomic():
                written = step()
            print(
                f"{step.__name__:>10}: {written:>9,} rows in {time.perf_counter() - started:6.1f} s"
            )
        started = time.perf_counter()
        with transaction.atomic():
            written = self.submissions()
        print(f"{'reports':>10}: {written:>9,} rows in {time.perf_counter() - started:6.1f} s")
        _reset_sequences(self.ids.next)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # Units, centers, offices and people.

    def units(self) -> int:
        size, rng = self.size, self.rng
        weights = [1 / (rank + 3) ** 0.6 for rank in range(size["provinces"])]
        districts = _spread(size["districts"], size["provinces"], weights, rng)
        communes = _spread(size["communes"], size["provinces"], weights, rng)
        self.tree: list[tuple[AdministrativeUnit, list[tuple[AdministrativeUnit, list]]]] = []
        unit_rows: list[AdministrativeUnit] = []
        codes = itertools.count(1)
        district_codes, commune_codes = itertools.count(1), itertools.count(1)
        for p in range(size["provinces"]):
            province = self._unit(UnitKind.PROVINCE, f"{next(codes):02d}", None)
            unit_rows.append(province)
            branches = []
            per_district = _spread(communes[p], districts[p], [1.0] * districts[p], rng)
            for count in per_district:
                district = self._unit(
                    UnitKind.RURAL_DISTRICT, f"{next(district_codes):03d}", province
                )
                leaves = [
                    self._unit(UnitKind.COMMUNE, f"{next(commune_codes):05d}", district)
                    for _ in range(count)
                ]
                unit_rows += [district, *leaves]
                branches.append((district, leaves))
            self.tree.append((province, branches))
        return write(AdministrativeUnit, unit_rows)

    def _unit(self, kind, code, parent) -> AdministrativeUnit:
        pk = self.ids.take(AdministrativeUnit)
        level = {
            UnitKind.PROVINCE: UnitLevel.PROVINCE,
            UnitKind.RURAL_DISTRICT: UnitLevel.DISTRICT,
        }.get(kind, UnitLevel.COMMUNE)
        prefix = {UnitKind.PROVINCE: "Tỉnh", UnitKind.RURAL_DISTRICT: "Huyện"}.get(kind, "Xã")
        return AdministrativeUnit(
            pk=pk,
            code=code,
            name=f"{prefix} {_name(self.rng)} {code}",
            kind=kind,
            level=level,
            parent=parent,
            path=f"{parent.path if parent else '/'}{pk}/",
            valid_from=EPOCH,
        )

    def people(self) -> int:
        users, offices, members, collected, centers, appointments = [], [], [], [], [], []
        for province, branches in self.tree:
            province_office = self._office(province, "Sở", users, offices, members, collected)
            for district, leaves in branches:
                district_office = self._office(
                    district, "Phòng", users, offices, members, collected
                )
                for commune in leaves:
                    center, director = self._center(commune, users, centers, appointments)
                    self.centers.append((center, director, district_office, province_office))
        written = write(User, users) + write(Office, offices)
        written += write(Office.members.through, members) + write(CollectedPeriod, collected)
        return written + write(LearningCenter, centers) + write(Appointment, appointments)

    def _user(self, username: str, full_name: str, users: list) -> int:
        pk = self.ids.take(User)
        users.append(
            User(
                pk=pk,
                username=username,
                full_name=full_name,
                password=self.password,
                email=f"{username}@example.gov.vn",
                date_joined=_at(EPOCH),
            )
        )
        return pk

    def _office(self, unit, kind: str, users, offices, members, collected) -> int:
        pk = self.ids.take(Office)
        level_name = unit.name.split(" ", 1)[1]
        name = f"{kind} Giáo dục và Đào tạo {level_name}"
        username = f"{'so' if kind == 'Sở' else 'phong'}{unit.code}"
        user_pk = self._user(username, f"Chuyên viên {name}", users)
        offices.append(
            Office(
                pk=pk,
                name=name,
                unit_id=unit.pk,
                valid_from=EPOCH,
                report_recipients=f"{username}@example.gov.vn",
            )
        )
        through = Office.members.through
        members.append(through(pk=self.ids.take(through), office_id=pk, user_id=user_pk))
        collected.append(
            CollectedPeriod(
                pk=self.ids.take(CollectedPeriod),
                office_id=pk,
                kind=PeriodKind.QUARTER,
                deadline_days=15,
            )
        )
        return pk

    def _center(self, commune, users, centers, appointments) -> tuple[int, int]:
        pk = self.ids.take(LearningCenter)
        director_name = _person(self.rng)
        director = self._user(f"gd{commune.code}", director_name, users)
        centers.append(
            LearningCenter(
                pk=pk,
                name=f"Trung tâm học tập cộng đồng xã {commune.name.split(' ', 1)[1]}",
                unit_id=commune.pk,
                established_on=EPOCH,
                status=CenterStatus.ACTIVE,
                phone=f"09{self.rng.randrange(10**8):08d}",
            )
        )
        appointments.append(
            Appointment(
                pk=self.ids.take(Appointment),
                center_id=pk,
                full_name=director_name,
                role=AppointmentRole.DIRECTOR,
                home_post=f"Chủ tịch UBND {commune.name}",
                phone=f"09{self.rng.randrange(10**8):08d}",
                email=f"gd{commune.code}@example.gov.vn",
                start_date=EPOCH,
                user_id=director,
            )
        )
        return pk, director

    # Records.

    def _record_counts(self, total: int) -> list[int]:
        """How many records each center has: uneven, one center in a hundred
        five times busier, and the first center 1% of the whole country."""
        weights = [self.rng.lognormvariate(0, 0.5) for _ in self.centers]
        for i in range(0, len(weights), 100):
            weights[i] *= 5
        weights[0] = sum(weights[1:]) / 99
        return _spread(total, len(self.centers), weights, self.rng)

    def _day(self) -> datetime.date:
        span = (self.today - self.first_day).days
        return self.first_day + datetime.timedelta(days=self.rng.randrange(span))

    def courses(self) -> int:
        counts = self._record_counts(self.size["courses"])
        return write(Course, self._course_rows(counts))

    def _course_rows(self, counts: list[int]) -> Iterator[Course]:
        rng, formats = self.rng, list(CourseFormat.values)
        for (center, director, _phong, _so), count in zip(self.centers, counts, strict=True):
            for _ in range(count):
                start = self._day()
                total = rng.randrange(8, 90)
                yield Course(
                    pk=self.ids.take(Course),
                    center_id=center,
                    title=rng.choice(COURSE_TITLES),
                    topic_id=rng.choice(self.topics),
                    format=rng.choice(formats),
                    start_date=start,
                    end_date=min(start + datetime.timedelta(days=rng.randrange(0, 20)), self.today),
                    sessions=rng.randrange(1, 12),
                    participants_total=total,
                    participants_women=rng.randrange(0, total + 1),
                    participants_ethnic_minority=rng.randrange(0, total // 3 + 1),
                    instructor=_person(rng),
                    location="Nhà văn hóa thôn",
                    created_by_id=director,
                    created_at=_at(start, 20),
                    updated_at=_at(start, 20),
                )

    def activities(self) -> int:
        counts = self._record_counts(self.size["activities"])
        return write(Activity, self._activity_rows(counts))

    def _activity_rows(self, counts: list[int]) -> Iterator[Activity]:
        rng, kinds = self.rng, list(ActivityKind.values)
        for (center, director, _phong, _so), count in zip(self.centers, counts, strict=True):
            for _ in range(count):
                day = self._day()
                yield Activity(
                    pk=self.ids.take(Activity),
                    center_id=center,
                    date=day,
                    kind=rng.choice(kinds),
                    title="Tuyên truyền học tập suốt đời",
                    location="Hội trường UBND xã",
                    created_by_id=director,
                    created_at=_at(day, 21),
                    updated_at=_at(day, 21),
                )

    def submissions(self) -> int:
        return write(Submission, self._submission_rows())

    def _submission_rows(self) -> Iterator[Submission]:
        last = self.quarters[-1]
        for center, director, phong, _so in self.centers:
            for period in self.quarters:
                status = SubmissionStatus.APPROVED
                if period == last:
                    status = self.rng.choices(
                        [SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED, "draft", None],
                        weights=[50, 20, 10, 20],
                    )[0]
                if status is None:
                    continue  # not reported yet
                yield self._submission(center, director, phong, period, status)

    def _submission(self, center, director, office, period, status) -> Submission:
        submitted = _at(period.end + datetime.timedelta(days=self.rng.randrange(1, 25)))
        decided = submitted + datetime.timedelta(days=3)
        sent = status != SubmissionStatus.DRAFT
        approved = status == SubmissionStatus.APPROVED
        return Submission(
            pk=self.ids.take(Submission),
            center_id=center,
            period_key=period.key,
            period_kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            status=status,
            prepared_by_id=director,
            submitted_by_id=director if sent else None,
            submitted_at=submitted if sent else None,
            decided_by_id=self.office_members[office] if approved else None,
            decided_office_id=office if approved else None,
            decided_at=decided if approved else None,
            created_at=submitted,
            updated_at=decided if approved else submitted,
        )

    @property
    def office_members(self) -> dict[int, int]:
        if not hasattr(self, "_members"):
            through = Office.members.through
            self._members = dict(through.objects.values_list("office_id", "user_id"))
        return self._members

    def print_logins(self) -> None:
        def centers(branch) -> int:
            return sum(len(leaves) for _district, leaves in branch[1])

        province, branches = max(self.tree, key=centers)
        print(f"largest Sở: so{province.code} ({centers((province, branches)):,} centers)")
        print(f"one of its Phòng: phong{branches[0][0].code} ({len(branches[0][1])} centers)")
        print(f"the busiest center's director: gd{self.tree[0][1][0][1][0].code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national size")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--migrate", action="store_true", help="run migrations first")
    args = parser.parse_args()
    if args.migrate:
        call_command("migrate", interactive=False, verbosity=0)
    if LearningCenter.objects.exists():
        sys.exit("This database already has centers; seed an empty one.")
    seeder = Seeder(scale=args.scale, today=args.today, seed=args.seed, password=args.password)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print("shape: " + ", ".join(f"{k} {v:,}" for k, v in seeder.size.items()))
    print(f"five years of records: {seeder.first_day} – {args.today}")
    started = time.perf_counter()
    seeder.run()
    print(f"total: {time.perf_counter() - started:.1f} s")
    seeder.print_logins()
    print(f"password of every login: {args.password}")


if __name__ == "__main__":
    main()
