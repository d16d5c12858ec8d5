"""Reporting periods: the compact text form, Vietnamese labels, and every
date falling in exactly one period of each kind."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courses.models import Course
from courses.periods import InvalidPeriod, Period, PeriodKind
from tests.factories import CampaignFactory, CourseFactory

TILING_KINDS = [k for k in PeriodKind if k != PeriodKind.CAMPAIGN]
dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31))


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2020", "Năm 2020", "2020-01-01", "2020-12-31"),
        ("2020-H1", "6 tháng đầu năm 2020", "2020-01-01", "2020-06-30"),
        ("2020-H2", "6 tháng cuối năm 2020", "2020-07-01", "2020-12-31"),
        ("2020-Q4", "Quý IV/2020", "2020-10-01", "2020-12-31"),
        ("2020-Q1", "Quý I/2020", "2020-01-01", "2020-03-31"),
        ("2020-10", "Tháng 10/2020", "2020-10-01", "2020-10-31"),
        ("2020-02", "Tháng 02/2020", "2020-02-01", "2020-02-29"),
        ("NH2020-2021", "Năm học 2020-2021", "2020-09-01", "2021-08-31"),
    ],
)
def test_a_period_reads_from_its_compact_form(text, label, start, end):
    period = Period.parse(text)

    assert period.label == label
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert period.key == text
    assert Period.parse(period.key) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-Q5", "quý phải từ Q1 đến Q4"),
        ("2020-13", "tháng phải từ 1 đến 12"),
        ("2020-H3", "H1"),
        ("NH2020-2022", "hai năm liên tiếp"),
        ("Quý 4", "không phải là kỳ báo cáo"),
        ("", "không phải là kỳ báo cáo"),
    ],
)
def test_a_wrong_period_gets_a_clear_message(text, message):
    with pytest.raises(InvalidPeriod, match=message):
        Period.parse(text)


@pytest.mark.django_db
def test_a_campaign_period_is_its_window():
    CampaignFactory()

    period = Period.parse("campaign:tuan-le-2020")

    assert period.label == "Tuần lễ hưởng ứng học tập suốt đời năm 2020"
    assert (period.start, period.end) == (datetime.date(2020, 10, 1), datetime.date(2020, 10, 7))
    assert period.key == "campaign:tuan-le-2020"
    with pytest.raises(InvalidPeriod, match="Không có đợt"):
        Period.parse("campaign:khong-co")


@given(day=dates)
def test_every_date_falls_in_exactly_one_period_of_each_kind(day):
    for kind in TILING_KINDS:
        period = Period.containing(kind, day)
        assert day in period
        assert period.kind == kind
        # Its neighbours do not contain the day: the periods tile the calendar.
        before = Period.containing(kind, period.start - datetime.timedelta(days=1))
        after = Period.containing(kind, period.end + datetime.timedelta(days=1))
        assert day not in before and day not in after
        assert before.end + datetime.timedelta(days=1) == period.start
        assert period.end + datetime.timedelta(days=1) == after.start
        assert Period.parse(period.key) == period


@given(day=dates)
def test_smaller_periods_nest_in_larger_ones(day):
    month = Period.containing(PeriodKind.MONTH, day)
    quarter = Period.containing(PeriodKind.QUARTER, day)
    half = Period.containing(PeriodKind.HALF_YEAR, day)
    year = Period.containing(PeriodKind.YEAR, day)

    assert year.start <= half.start <= quarter.start <= month.start
    assert month.end <= quarter.end <= half.end <= year.end


def test_the_school_year_starts_in_september():
    assert Period.containing("school_year", datetime.date(2020, 8, 31)).key == "NH2019-2020"
    assert Period.containing("school_year", datetime.date(2020, 9, 1)).key == "NH2020-2021"


@pytest.mark.django_db
def test_a_course_counts_in_the_period_of_its_start_date():
    december = CourseFactory(
        start_date=datetime.date(2020, 12, 28), end_date=datetime.date(2021, 1, 15)
    )

    assert list(Course.objects.in_period(Period.parse("2020-Q4"))) == [december]
    assert not Course.objects.in_period(Period.parse("2021-Q1")).exists()


def test_periods_walk_back_across_year_and_school_year_edges():
    import datetime

    from courses.periods import Period

    quarters = list(
        Period.back_from("quarter", datetime.date(2021, 2, 1), until=datetime.date(2020, 7, 1))
    )
    school_years = list(
        Period.back_from("school_year", datetime.date(2021, 9, 1), until=datetime.date(2020, 8, 31))
    )

    assert [p.key for p in quarters] == ["2021-Q1", "2020-Q4", "2020-Q3"]
    assert [p.key for p in school_years] == ["NH2021-2022", "NH2020-2021", "NH2019-2020"]
    assert Period.parse("2021-01").previous().key == "2020-12"
