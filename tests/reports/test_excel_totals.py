"""Property: every subtotal and total cell of the center summary equals a
recount in plain SQL (tests/reports/recount.py, which imports nothing from
`courses` or `reports`) — for generated units, centers that close on
30/06/2025 or open on 01/07/2025, courses, activities and periods."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from centers.models import CenterStatus
from centers.units import UnitKind
from courses.models import ActivityKind, CourseFormat
from courses.periods import Period
from courses.reporting import SYSTEM
from reports.exports import ReportRequest
from tests.factories import (
    ActivityFactory,
    CenterFactory,
    CommuneFactory,
    CourseFactory,
    DistrictFactory,
    ProvinceFactory,
    TopicFactory,
)
from tests.reports import recount
from tests.reports.excel import build, data_rows, numbered_row, values

pytestmark = pytest.mark.django_db

REFORM_EVE, REFORM = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
FIRST_DAY, LAST_DAY = datetime.date(2023, 1, 1), datetime.date(2026, 6, 30)
PERIODS = [
    "2025",
    "2025-H1",
    "2025-H2",
    "2025-Q2",
    "2025-Q3",
    "2025-06",
    "2025-07",
    "NH2024-2025",
    "2024",
]

days = st.integers(0, (LAST_DAY - FIRST_DAY).days).map(
    lambda n: FIRST_DAY + datetime.timedelta(days=n)
)


@st.composite
def counts(draw):
    total = draw(st.none() | st.integers(0, 300))
    if total is None:
        return None, None, None
    return total, draw(st.integers(0, total)), draw(st.none() | st.integers(0, total))


world = st.fixed_dictionaries(
    {
        # Old centers per district (some opened late), then centers of the new communes.
        "old": st.lists(st.lists(st.sampled_from([None, "2024-03-01"]), max_size=3), max_size=3),
        "new": st.integers(0, 3),
        "courses": st.lists(
            st.tuples(
                st.integers(0, 20),
                days,
                counts(),
                st.sampled_from(CourseFormat.values),
                st.integers(0, 2),
            ),
            max_size=25,
        ),
        "activities": st.lists(
            st.tuples(
                st.integers(0, 20),
                days,
                st.none() | st.integers(0, 500),
                st.sampled_from(ActivityKind.values),
            ),
            max_size=10,
        ),
        "period": st.sampled_from(PERIODS),
    }
)


def _seed(data) -> tuple:
    province = ProvinceFactory()
    centers = []
    for d, openings in enumerate(data["old"]):
        district = DistrictFactory(
            parent=province, name=f"Huyện Thử {d}-{province.code}", valid_until=REFORM_EVE
        )
        for opened in openings:
            commune = CommuneFactory(parent=district, valid_until=REFORM_EVE)
            centers.append(
                CenterFactory(
                    unit=commune,
                    established_on=datetime.date.fromisoformat(opened or "2020-01-01"),
                    closed_on=REFORM_EVE,
                    status=CenterStatus.MERGED,
                )
            )
    for _n in range(data["new"]):
        commune = CommuneFactory(parent=province, kind=UnitKind.WARD, valid_from=REFORM)
        centers.append(CenterFactory(unit=commune, established_on=REFORM))
    topics = [TopicFactory() for _t in range(3)]
    for index, day, (total, women, minority), fmt, topic in data["courses"]:
        center = _living(centers, index, day)
        if center is not None:
            CourseFactory(
                center=center,
                start_date=day,
                end_date=day,
                format=fmt,
                topic=topics[topic],
                participants_total=total,
                participants_women=women,
                participants_ethnic_minority=minority,
            )
    for index, day, people, kind in data["activities"]:
        center = _living(centers, index, day)
        if center is not None:
            ActivityFactory(center=center, date=day, participants=people, kind=kind)
    return province


def _living(centers, index, day):
    """The index-th center open on `day` (records fall within a center's life)."""
    alive = [c for c in centers if c.established_on <= day and (c.closed_on or day) >= day]
    return alive[index % len(alive)] if alive else None


def _columns(ws) -> dict[str, int]:
    """Header (group/label) → 0-based column."""
    numbers = numbered_row(ws)
    rows = values(ws)
    top, bottom = rows[numbers - 3], rows[numbers - 2]
    columns, group = {}, None
    for index, (above, below) in enumerate(zip(top, bottom, strict=False)):
        group = above if above is not None else group
        columns[f"{group}/{below}" if below is not None else str(above)] = index
    return columns


def _expected(columns: dict, mine: dict, earlier: dict) -> dict[int, object]:
    """Each subtotal or total cell as the recount has it."""
    courses, people, acts = "Lớp học, chuyên đề", "Lượt người học", "Hoạt động"
    expected = {columns[f"{courses}/Tổng số"]: mine["courses"]}
    format_columns = [i for key, i in columns.items() if key.startswith(courses + "/")][1:]
    for code, index in zip(recount.FORMATS, format_columns, strict=True):
        expected[index] = mine[code]
    total = mine["total"]
    expected |= {
        columns[f"{people}/Tổng số"]: total,
        columns[f"{people}/Nữ"]: mine["women"],
        columns[f"{people}/Tỷ lệ nữ (%)"]: mine["women"] / total if total else None,
        columns[f"{people}/DTTS"]: mine["minority"],
        columns[f"{people}/Tỷ lệ DTTS (%)"]: mine["minority"] / total if total else None,
        columns[f"{acts}/Số lượng"]: mine["activities"],
        columns[f"{acts}/Lượt người học"]: mine["activity_participants"],
    }
    if earlier is not None:
        before = earlier["total"]
        expected[columns[f"{people}/Cùng kỳ năm trước"]] = before
        expected[columns[f"{people}/So với cùng kỳ (%)"]] = total / before if before else None
    for key, index in columns.items():
        if key.startswith("Lượt người học theo lĩnh vực/"):
            expected[index] = mine["topics"].get(key.split("/", 1)[1], 0)
    return expected


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=world)
# Two districts and a new ward, records on both sides of the reform: every
# kind of row, checked first and without shrinking.
@example(
    data={
        "old": [[None, "2024-03-01"], [None]],
        "new": 1,
        "courses": [
            (0, datetime.date(2025, 3, 3), (40, 25, 3), "lop_hoc", 0),
            (1, datetime.date(2024, 5, 6), (12, 6, None), "chuyen_de", 1),
            (2, datetime.date(2025, 6, 30), (30, 10, 2), "cau_lac_bo", 2),
            (3, datetime.date(2025, 7, 1), (55, 30, 0), "truc_tuyen", 0),
        ],
        "activities": [
            (0, datetime.date(2025, 2, 2), 80, "hop"),
            (3, datetime.date(2025, 9, 9), None, "khac"),
        ],
        "period": "2025",
    }
)
def test_every_subtotal_and_total_equals_a_plain_sql_recount(db, data):
    with transaction.atomic():
        province = _seed(data)
        period = Period.parse(data["period"])
        report = ReportRequest(kind="summary", period=period, unit=province)
        ws = build(report, SYSTEM).worksheets[0]
        _check(ws, province, period)
        transaction.set_rollback(True)


def _check(ws, province, period: Period) -> None:
    groups = recount.centers_by_group(province.path, period.start, period.end)
    earlier_period = period.year_earlier()
    columns = _columns(ws)
    rows = data_rows(ws)
    everyone = [c for ids in groups.values() for c in ids]
    if not everyone:
        assert rows[0][0].startswith("Không có")
        return
    checked = []
    for row in rows:
        label = row[0]
        if isinstance(label, int):
            continue
        if label == "Tổng cộng":
            ids = everyone
        else:
            name = label.split(". ", 1)[1]
            ids = groups.get(name, groups.get(""))
        mine = recount.figures(ids, period.start, period.end)
        earlier = recount.figures(ids, earlier_period.start, earlier_period.end)
        for index, value in _expected(columns, mine, earlier).items():
            if isinstance(value, float):
                assert row[index] == pytest.approx(value), (label, index)
            else:
                assert row[index] == value, (label, index, row)
        checked.append(label)
    assert checked[-1] == "Tổng cộng"
    assert len(checked) == (len(groups) + 1 if len(groups) > 1 else 1)
