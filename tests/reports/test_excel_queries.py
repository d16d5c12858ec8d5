"""Every report costs the same number of queries for 5 centers and for 500,
and a builder costs none: it lays out rows already read."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centers.units import UnitKind
from courses.models import ActivityKind, Submission, SubmissionStatus
from courses.periods import Period
from courses.reporting import period_report
from reports import exports
from reports.excel import builders
from reports.excel.xlsx import workbook
from reports.exports import ReportRequest
from tests.factories import (
    ActivityFactory,
    AppointmentFactory,
    CampaignFactory,
    CenterFactory,
    CommuneFactory,
    CourseFactory,
    DistrictFactory,
    OfficeFactory,
    ProvinceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
Q4 = Period.parse("2020-Q4")


def _district(province, centers: int, campaign):
    district = DistrictFactory(parent=province, kind=UnitKind.RURAL_DISTRICT)
    for n in range(centers):
        center = CenterFactory(unit=CommuneFactory(parent=district))
        AppointmentFactory(center=center, phone="0912 000 000")
        CourseFactory(center=center, topic__name=f"Lĩnh vực {n % 3}")
        ActivityFactory(center=center, campaign=campaign, date=datetime.date(2020, 10, 2),
                        kind=ActivityKind.OPENING)  # fmt: skip
        if n % 2:
            Submission.objects.create(
                center=center, period_key=Q4.key, period_kind=Q4.kind, period_start=Q4.start,
                period_end=Q4.end, status=SubmissionStatus.DRAFT,
            )  # fmt: skip
    return district


def _queries(viewer, request: ReportRequest) -> int:
    viewer = type(viewer).objects.get(pk=viewer.pk)  # loaded afresh, as each request does
    with CaptureQueriesContext(connection) as queries:
        document = exports.document(viewer, request, today=TODAY)
        workbook(document).save(io.BytesIO())
    return len(queries)


def test_every_report_costs_the_same_queries_for_5_and_500_centers():
    province = ProvinceFactory()
    officer = UserFactory(username="so.thu")
    OfficeFactory(unit=province, members=[officer])
    campaign = CampaignFactory()
    small, large = _district(province, 5, campaign), _district(province, 500, campaign)
    periods = {"campaign": Period.campaign(campaign)}

    counts = {}
    for kind in ("summary", "courses", "campaign", "completeness"):
        period = periods.get(kind, Q4)
        counts[kind] = [
            _queries(officer, ReportRequest(kind=kind, period=period, unit=unit))
            for unit in (small, large)
        ]

    assert all(five == five_hundred for five, five_hundred in counts.values()), counts
    assert counts["summary"][0] <= 20, counts


def test_a_builder_reads_nothing_from_the_database(django_assert_num_queries):
    province = ProvinceFactory()
    district = _district(province, 5, CampaignFactory())
    from centers.models import LearningCenter

    centers = LearningCenter.objects.in_unit_during(district, Q4.start, Q4.end)
    report = period_report(
        viewer=UserFactory(is_superuser=True), centers=centers, period=Q4, today=TODAY,
        root=district, compare=True,
    )  # fmt: skip
    heading = exports.office_heading(district, Q4, today=TODAY)
    topics = [(pk, f"Lĩnh vực {pk}") for pk in report.total.participants_by_topic]

    with django_assert_num_queries(0):
        document = builders.summary(report, heading=heading, unit_name="Huyện", topics=topics)
        workbook(document).save(io.BytesIO())
        for build in (builders.campaign, builders.completeness):
            workbook(build(report, heading=heading, unit_name="Huyện")).save(io.BytesIO())
