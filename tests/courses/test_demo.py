"""The demo's records: realistic, within Mai Văn Di's terms, idempotent."""

import datetime

import pytest
from django.core.management import call_command

from courses.demo import seed_records
from courses.models import Activity, ActivityKind, Campaign, CampaignReport, Course, Topic
from courses.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(demo):
    seed_records()
    return demo


def test_the_demo_has_a_realistic_2020_at_thach_trung(records):
    courses = Course.objects.filter(center=records.thach_trung_center).in_period(
        Period.parse("2020")
    )

    assert courses.count() >= 12
    assert courses.values("topic").distinct().count() >= 6
    assert courses.filter(title="Kỹ thuật trồng lạc giống L14").exists()
    assert courses.filter(title="Phòng chống dịch bệnh cho gia súc").exists()
    assert not courses.filter(title__icontains="VNeID").exists()  # only recent years


def test_the_demo_has_thach_trungs_last_half_year_before_the_reform(records):
    courses = Course.objects.filter(center=records.thach_trung_center)

    assert courses.in_period(Period.parse("2025-H1")).count() == 3
    assert not courses.in_period(Period.parse("2025-H2")).exists()


def test_the_demo_tells_the_seed_articles_opening_ceremony(records):
    week = Campaign.objects.get(slug="tuan-le-hoc-tap-suot-doi-2020")
    opening = Activity.objects.get(center=records.thach_trung_center, kind=ActivityKind.OPENING)

    assert week.theme == "Chuyển đổi số thúc đẩy học tập suốt đời"
    assert (week.start_date, week.end_date) == (
        datetime.date(2020, 10, 1),
        datetime.date(2020, 10, 7),
    )
    assert opening.date == datetime.date(2020, 10, 2)
    assert opening.campaign == week
    assert opening.location == "Trường THCS Thạch Trung"
    assert "Mai Văn Di" in opening.description
    assert CampaignReport.objects.filter(center=records.thach_trung_center, campaign=week).exists()


def test_demo_records_lie_within_mai_van_dis_terms(records):
    for center, start, end in [
        (records.thach_trung_center, datetime.date(2020, 1, 1), datetime.date(2025, 6, 30)),
        (records.tran_phu_center, datetime.date(2025, 7, 1), datetime.date(2099, 1, 1)),
    ]:
        courses = Course.objects.filter(center=center)
        activities = Activity.objects.filter(center=center)
        assert courses.exists() and activities.exists()
        assert not courses.exclude(start_date__range=(start, end)).exists()
        assert not activities.exclude(date__range=(start, end)).exists()
    assert Course.objects.filter(center=records.tran_phu_center, title__icontains="VNeID").exists()
    assert Course.objects.count() == Course.objects.writable_by(records.director).count()


def test_seed_demo_runs_twice_and_adds_nothing(db, capsys):
    call_command("seed_demo")
    counts = [m.objects.count() for m in (Topic, Course, Activity, Campaign, CampaignReport)]
    history = Course.history.count()

    call_command("seed_demo")

    assert [
        m.objects.count() for m in (Topic, Course, Activity, Campaign, CampaignReport)
    ] == counts
    assert Course.history.count() == history
    out = capsys.readouterr().out
    assert "giamdoc.thachtrung" in out and "HocTapSuotDoi2020" in out
