"""The reporting read model (`courses.reporting`): centers in a period across
the 2025 reform, figures that add up and match a recount in plain SQL, one
deadline and one on-time rule on every screen."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from centers.models import LearningCenter, User
from courses import services
from courses.models import DeadlineExtension, SubmissionAction, SubmissionEvent
from courses.periods import Period
from courses.reporting import (
    SYSTEM,
    ReportStatus,
    Verdict,
    center_figures,
    center_figures_with_part,
    end_of_day,
    period_report,
    verdict_of,
)
from reports.selectors import office_report

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
Q4 = Period.parse("2020-Q4")


def _at(*parts) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*parts))


def _center(code: str, *, old: bool = True) -> LearningCenter:
    centers = LearningCenter.objects.filter(unit__code=code)
    return centers.get(closed_on__isnull=not old)


# -- a recount in plain SQL (imports nothing from courses or reports) ------------------

RECOUNT = """
SELECT c.id,
       (SELECT COUNT(*) FROM courses_course k
         WHERE k.center_id = c.id AND k.start_date BETWEEN %(start)s AND %(end)s),
       (SELECT COALESCE(SUM(k.participants_total), 0) FROM courses_course k
         WHERE k.center_id = c.id AND k.start_date BETWEEN %(start)s AND %(end)s),
       (SELECT COALESCE(SUM(k.participants_women), 0) FROM courses_course k
         WHERE k.center_id = c.id AND k.start_date BETWEEN %(start)s AND %(end)s),
       (SELECT COALESCE(SUM(k.participants_ethnic_minority), 0) FROM courses_course k
         WHERE k.center_id = c.id AND k.start_date BETWEEN %(start)s AND %(end)s),
       (SELECT COUNT(*) FROM courses_activity a
         WHERE a.center_id = c.id AND a.date BETWEEN %(start)s AND %(end)s)
  FROM centers_learningcenter c
  JOIN centers_administrativeunit u ON u.id = c.unit_id
 WHERE u.path LIKE %(path)s
   AND c.established_on <= %(last)s AND (c.closed_on IS NULL OR c.closed_on >= %(first)s)
   AND u.valid_from <= %(last)s AND (u.valid_until IS NULL OR u.valid_until >= %(first)s)
"""


def recount(office, period: Period) -> dict[int, tuple]:
    """Each center's (courses, participations, women, minority, activities),
    recomputed from the tables: centers open during the period (within the
    office's life) under the office's unit."""
    first = max(period.start, office.valid_from)
    last = min(period.end, office.valid_until) if office.valid_until else period.end
    params = {
        "start": period.start,
        "end": period.end,
        "first": first,
        "last": last,
        "path": office.unit.path + "%",
    }
    with connection.cursor() as cursor:
        cursor.execute(RECOUNT, params)
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def _figures(row) -> tuple:
    f = row.figures
    return (
        f.courses,
        f.participants_total,
        f.participants_women,
        f.participants_ethnic_minority,
        f.activities,
    )


@pytest.mark.parametrize(
    ("office", "period"),
    [
        ("province", "2025"),
        ("province", "NH2024-2025"),
        ("province", "2025-H1"),
        ("province", "2025-H2"),
        ("province", "2020-Q4"),
        ("province", "2020"),
        ("city", "2025"),
        ("city", "NH2024-2025"),
        ("city", "2020-Q4"),
    ],
)
def test_every_row_and_total_matches_a_plain_sql_recount(demo, office, period):
    office = demo.province_office if office == "province" else demo.city_office
    period = Period.parse(period)

    report = office_report(office, period, viewer=SYSTEM, today=TODAY)
    expected = recount(office, period)

    assert expected  # the recount is not vacuous
    assert {row.center.pk: _figures(row) for row in report.rows} == expected
    totals = tuple(map(sum, zip(*expected.values(), strict=True)))
    assert _figures(type("Row", (), {"figures": report.total})) == totals
    assert sum(g.total.courses for g in report.groups) == report.total.courses


@pytest.mark.parametrize("reader", ["system", "director"])
def test_a_school_year_and_its_month_read_together_equal_each_read_alone(demo, reader):
    viewer = SYSTEM if reader == "system" else demo.director
    school_year, month = Period.parse("NH2020-2021"), Period.parse("2020-10")
    counted = 0
    for center in LearningCenter.objects.filter(courses__isnull=False).distinct():
        both = center_figures_with_part(viewer, center, school_year, month)

        assert both == (
            center_figures(viewer, center, school_year),
            center_figures(viewer, center, month),
        )
        counted += both[1].courses + both[1].activities
    assert counted  # October 2020, Lifelong Learning Week: not vacuous


def test_a_part_outside_its_period_is_refused(demo):
    with pytest.raises(ValueError, match="2021-10"):
        center_figures_with_part(
            SYSTEM,
            demo.thach_trung_center,
            Period.parse("NH2020-2021"),
            Period.parse("2021-10"),
        )


def test_the_provinces_2025_holds_the_15_centers_closed_by_the_reform(demo):
    report = office_report(demo.province_office, Period.parse("2025"), viewer=SYSTEM, today=TODAY)

    closed = [row for row in report.rows if row.center.closed_on]
    assert len(report.rows) == 84 and len(closed) == 15
    thach_trung = next(r for r in closed if r.center == demo.thach_trung_center)
    assert thach_trung.figures.courses == 3  # January–June 2025
    assert thach_trung.status == ReportStatus.CLOSED and not thach_trung.expected
    assert thach_trung.closed_note == "đã sáp nhập vào Trung tâm học tập cộng đồng phường Trần Phú"
    assert thach_trung.verdict == Verdict.NOT_APPLICABLE and not thach_trung.is_missing
    groups = {g.label: g for g in report.groups}
    assert set(groups) == {"Thành phố Hà Tĩnh", "Trực thuộc tỉnh Hà Tĩnh"}
    assert len(groups["Thành phố Hà Tĩnh"].rows) == 15
    assert groups["Thành phố Hà Tĩnh"].total.courses == 3
    assert report.counts.expected == 69


def test_the_city_office_closed_by_the_reform_sees_its_15_for_all_of_2025(demo):
    for text in ("2025", "NH2024-2025"):
        report = office_report(demo.city_office, Period.parse(text), viewer=SYSTEM, today=TODAY)

        assert len(report.rows) == 15
        assert report.total.courses == 3
        assert report.counts.expected == 0 and report.missing == []


def test_a_year_equals_its_halves_and_its_quarters_across_the_reform(demo):
    def total(text):
        return office_report(
            demo.province_office, Period.parse(text), viewer=SYSTEM, today=TODAY
        ).total

    year = total("2025")
    halves = total("2025-H1") + total("2025-H2")
    quarters = total("2025-Q1") + total("2025-Q2") + total("2025-Q3") + total("2025-Q4")

    assert year == halves == quarters
    assert year.courses == 6 and year.activities > 0


def test_the_dashboard_shows_the_reform_year_with_subtotals(client, demo):
    client.force_login(demo.province_officer)

    response = client.get(
        reverse("reports:office_dashboard", args=[demo.province_office.pk]), {"period": "2025"}
    )

    page = response.content.decode()
    assert response.context["report"].counts.rows == 84
    assert 'data-group="Thành phố Hà Tĩnh"' in page and "Tổng cộng" in page
    assert "đã sáp nhập vào" in page


def test_a_closed_center_is_never_reminded(client, demo):
    client.force_login(demo.province_officer)
    thach_hung = _center("18109")

    response = client.post(
        reverse("reports:office_remind", args=[demo.province_office.pk]),
        {"center": thach_hung.pk, "period": "2025"},
        follow=True,
    )

    assert "không phải báo cáo" in response.content.decode()
    assert not thach_hung.reminders.exists()


# -- one deadline, one verdict ---------------------------------------------------------


DEADLINE = datetime.date(2021, 1, 15)


@pytest.mark.parametrize(
    ("events", "today", "verdict"),
    [
        ([("submitted", _at(2021, 1, 15, 23, 59, 59))], TODAY, Verdict.ON_TIME),
        ([("submitted", _at(2021, 1, 16, 0, 0, 0))], TODAY, Verdict.LATE),
        ([], DEADLINE, Verdict.NOT_DUE),
        ([], DEADLINE + datetime.timedelta(days=1), Verdict.LATE),
        ([("submitted", _at(2021, 1, 10)), ("returned", _at(2021, 1, 12))], TODAY, Verdict.LATE),
        (
            [("submitted", _at(2021, 1, 10)), ("returned", _at(2021, 1, 12)),
             ("submitted", _at(2021, 1, 14))],
            TODAY,
            Verdict.ON_TIME,
        ),
        (
            [("submitted", _at(2021, 1, 10)), ("returned", _at(2021, 1, 12)),
             ("submitted", _at(2021, 1, 17))],
            TODAY,
            Verdict.LATE,
        ),
        ([("submitted", _at(2021, 1, 10)), ("returned", _at(2021, 1, 20))], TODAY, Verdict.ON_TIME),
        ([("submitted", _at(2021, 1, 10)), ("withdrawn", _at(2021, 1, 11))], TODAY, Verdict.LATE),
        ([("submitted", _at(2021, 1, 10)), ("approved", _at(2021, 1, 11))], TODAY, Verdict.ON_TIME),
        (
            [("submitted", _at(2021, 1, 10)), ("approved", _at(2021, 1, 11)),
             ("reopened", _at(2021, 1, 13))],
            TODAY,
            Verdict.LATE,
        ),
    ],
)  # fmt: skip
def test_the_on_time_rule(events, today, verdict):
    assert verdict_of(deadline=DEADLINE, events=events, expected=True, today=today) == verdict


def test_no_deadline_or_no_report_owed_is_not_applicable():
    submitted = [("submitted", _at(2021, 1, 10))]
    assert verdict_of(deadline=None, events=submitted, expected=True, today=TODAY) == (
        Verdict.NOT_APPLICABLE
    )
    assert verdict_of(deadline=DEADLINE, events=[], expected=False, today=TODAY) == (
        Verdict.NOT_APPLICABLE
    )


def test_the_deadline_day_ends_at_midnight_in_vietnam():
    end = end_of_day(DEADLINE)
    assert end.utcoffset() == datetime.timedelta(hours=7)
    assert (end.year, end.month, end.day, end.hour) == (2021, 1, 16, 0)


@pytest.fixture
def thach_hung_late(demo):
    """Thạch Hưng's Quý IV/2020, signed on 17/01/2021 — two days after the
    Phòng's deadline (15/01), before the Sở's own rule (20/01)."""
    center = _center("18109")
    director = User.objects.create(username="giamdoc.thachhung", full_name="Lê Văn Bình")
    center.appointments.filter(full_name="Lê Văn Bình").update(user=director)
    from tests.factories import CourseFactory

    CourseFactory(center=center, start_date=datetime.date(2020, 11, 3))
    submission = services.submission_submit(actor=director, center=center, period=Q4)
    submission.events.update(at=_at(2021, 1, 17, 9, 0))
    return center


def test_thach_hung_has_one_deadline_and_one_verdict_everywhere(client, demo, thach_hung_late):
    center = thach_hung_late
    views = []
    for officer, office in (
        (demo.city_officer, demo.city_office),
        (demo.province_officer, demo.province_office),
    ):
        client.force_login(officer)
        response = client.get(
            reverse("reports:office_dashboard", args=[office.pk]), {"period": "2020-Q4"}
        )
        row = next(r for r in response.context["report"].rows if r.center == center)
        views.append((row.deadline, row.verdict))
        page = client.get(reverse("courses:submission", args=[center.pk, "2020-Q4"]))
        views.append((page.context["row"].deadline, page.context["row"].verdict))

    assert set(views) == {(DEADLINE, Verdict.LATE)}


def test_report_status_says_the_same_deadline_and_verdict(demo, thach_hung_late, capsys):
    call_command("report_status", "--office", str(demo.province_office.pk), "--period", "2020-Q4")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Sở Giáo dục và Đào tạo Hà Tĩnh — Quý IV/2020"
    assert lines[1] == "3/15 đã báo cáo"
    assert "Hạn nộp: 15/01/2021" in lines
    assert "  - Trung tâm học tập cộng đồng xã Thạch Hưng; đã gửi; trễ hạn" in lines


def test_an_extension_for_every_center_moves_the_deadline_and_the_verdict(
    client, demo, thach_hung_late
):
    client.force_login(demo.city_officer)

    response = client.post(
        reverse("reports:office_extend", args=[demo.city_office.pk]),
        {"period": "2020-Q4", "deadline": "20/01/2021", "reason": "Nghỉ Tết"},
        follow=True,
    )

    assert "Đã gia hạn báo cáo Quý IV/2020 đến ngày 20/01/2021." in response.content.decode()
    report = office_report(demo.city_office, Q4, viewer=SYSTEM, today=TODAY)
    row = next(r for r in report.rows if r.center == thach_hung_late)
    assert (row.deadline, row.verdict) == (datetime.date(2021, 1, 20), Verdict.ON_TIME)
    assert {r.deadline for r in report.rows} == {datetime.date(2021, 1, 20)}


def test_an_extension_for_one_center_leaves_the_others(demo, thach_hung_late):
    services.deadline_extend(
        actor=demo.city_officer,
        office=demo.city_office,
        period=Q4,
        center=thach_hung_late,
        deadline=datetime.date(2021, 1, 25),
        reason="Chủ tịch xã đi công tác",
    )

    rows = period_report(
        viewer=SYSTEM,
        centers=LearningCenter.objects.in_office_during(demo.city_office, Q4.start, Q4.end),
        period=Q4,
        today=TODAY,
    ).rows
    deadlines = {r.center.unit.code: r.deadline for r in rows}
    assert deadlines.pop("18109") == datetime.date(2021, 1, 25)
    assert set(deadlines.values()) == {DEADLINE}


def test_an_extension_is_refused_without_a_reason_or_before_the_period_ends(demo):
    from django.core.exceptions import ValidationError

    for deadline, reason in ((datetime.date(2021, 1, 20), ""), (datetime.date(2020, 12, 1), "x")):
        with pytest.raises(ValidationError):
            services.deadline_extend(
                actor=demo.city_officer,
                office=demo.city_office,
                period=Q4,
                deadline=deadline,
                reason=reason,
            )
    assert not DeadlineExtension.objects.exists()


def test_a_period_nobody_collects_has_no_deadline_and_no_verdict(demo):
    report = office_report(demo.city_office, Period.parse("2020"), viewer=SYSTEM, today=TODAY)
    # The Phòng collects no calendar years; the Sở does (30 days).
    assert {row.deadline for row in report.rows} == {datetime.date(2021, 1, 30)}
    october = office_report(demo.city_office, Period.parse("2020-10"), viewer=SYSTEM, today=TODAY)
    assert {(row.deadline, row.verdict) for row in october.rows} == {(None, Verdict.NOT_APPLICABLE)}


def test_returned_and_never_sent_again_is_late(demo, thach_hung_late):
    submission = thach_hung_late.submissions.get()
    submission.events.update(at=_at(2021, 1, 10, 9, 0))
    services.submission_return(
        actor=demo.city_officer, submission=submission, comment="Thiếu số liệu nữ"
    )
    SubmissionEvent.objects.filter(action=SubmissionAction.RETURNED).update(at=_at(2021, 1, 12))

    report = office_report(demo.city_office, Q4, viewer=SYSTEM, today=TODAY)
    row = next(r for r in report.rows if r.center == thach_hung_late)

    assert (row.status, row.verdict) == (ReportStatus.RETURNED, Verdict.LATE)
    assert row in report.missing


def test_every_period_of_a_directors_terms_is_listed_by_year(client, demo):
    client.force_login(demo.director)

    response = client.get(reverse("courses:submission_list", args=[demo.thach_trung_center.pk]))

    years = dict(response.context["years"])
    assert sorted(years) == [2020, 2021, 2022, 2023, 2024, 2025]
    keys = [row.period.key for rows in years.values() for row in rows]
    assert "2020-Q4" in keys and "2025-Q2" in keys and "NH2024-2025" in keys
    assert "campaign:tuan-le-hoc-tap-suot-doi-2020" in keys
    assert len(keys) == len(set(keys)) > 40  # no pagination, nothing twice
    page = response.content.decode()
    assert f'href="/centers/{demo.thach_trung_center.pk}/reports/2020-Q4/"' in page


def test_the_dashboard_lists_a_returned_report_with_the_offices_comment(client, demo):
    q4 = demo.thach_trung_center.submissions.get(period_key="2020-Q4")
    services.submission_return(actor=demo.city_officer, submission=q4, comment="Bổ sung số liệu nữ")
    client.force_login(demo.director)

    page = client.get(
        reverse("courses:dashboard", args=[demo.thach_trung_center.pk])
    ).content.decode()

    assert 'data-report-due="2020-Q4"' in page and "Bổ sung số liệu nữ" in page
