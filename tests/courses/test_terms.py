"""A director whose term ended reads none of his successor's records or
figures on any page, and signs none of his successor's reports; a closed
center's reports stay signable by its last director and by the director
of the center it became."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from centers.models import AppointmentRole
from courses import services
from courses.models import Submission
from courses.periods import Period
from tests.factories import (
    ActivityFactory,
    AppointmentFactory,
    CampaignFactory,
    CourseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

YEAR_2025 = Period.parse("2025")
SUCCESSOR_START = datetime.date(2025, 7, 1)
ALICE_COURSE = "Lớp của Alice"
FRANK_COURSE = "Lớp của Frank"
FRANK_ACTIVITY = "Hoạt động của Frank"


@pytest.fixture
def succession(cast):
    """alice directed the center until 30/06/2025; frank from 01/07/2025.
    Each recorded in their own term (frank also today and in a campaign)."""
    frank = UserFactory(username="frank")
    AppointmentFactory(center=cast.center, user=frank, start_date=SUCCESSOR_START)
    CourseFactory(center=cast.center, title=ALICE_COURSE, start_date=datetime.date(2025, 3, 10))
    today = timezone.localdate()
    courses = [
        CourseFactory(
            center=cast.center,
            title=FRANK_COURSE,
            start_date=day,
            participants_total=7_777,
            participants_women=3_333,
        )
        for day in (datetime.date(2025, 9, 10), today)
    ]
    campaign = CampaignFactory(
        slug="tuan-le-2025",
        name="Tuần lễ 2025",
        start_date=datetime.date(2025, 10, 1),
        end_date=datetime.date(2025, 10, 7),
        report_deadline=datetime.date(2025, 10, 20),
    )
    activities = [
        ActivityFactory(center=cast.center, title=FRANK_ACTIVITY, date=day, campaign=c)
        for day, c in ((campaign.start_date, campaign), (today, None))
    ]
    services.campaign_report_save(
        actor=frank, center=cast.center, campaign=campaign, on=campaign.start_date, books=4321
    )
    return frank, courses, activities, campaign


def _pages(cast, courses, activities, campaign) -> list[str]:
    center = cast.center.pk
    return [
        reverse("courses:dashboard", args=[center]),
        reverse("courses:course_list", args=[center]),
        reverse("courses:activity_list", args=[center]),
        reverse("courses:campaign", args=[center, campaign.slug]),
        reverse("courses:submission", args=[center, "2025"]),
        reverse("courses:submission", args=[center, "NH2025-2026"]),
        reverse("courses:submission", args=[center, f"campaign:{campaign.slug}"]),
        reverse("courses:submission_list", args=[center]),
    ]


def test_a_former_director_reads_none_of_his_successors_records(client, cast, succession):
    _frank, courses, activities, campaign = succession
    client.force_login(cast.director)

    for url in _pages(cast, courses, activities, campaign):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert FRANK_COURSE not in page and FRANK_ACTIVITY not in page, url
        assert "4.321" not in page and "4321" not in page, url  # frank's books
        assert "7.777" not in page and "3.333" not in page, url  # frank's participations


def test_a_former_director_cannot_open_his_successors_records(client, cast, succession):
    _frank, courses, activities, _campaign = succession
    client.force_login(cast.director)

    for record in [*courses, *activities]:
        name = "course" if record in courses else "activity"
        for page in ("detail", "history", "edit", "delete"):
            url = reverse(f"courses:{name}_{page}", args=[record.pk])
            assert client.get(url).status_code == 404, url


def test_the_figures_a_former_director_sees_are_his_own_terms(client, cast, succession):
    client.force_login(cast.director)

    row = client.get(reverse("courses:submission", args=[cast.center.pk, "2025"])).context["row"]

    assert row.figures.courses == 1 and row.figures.participants_total == 40


def test_the_successor_sees_the_whole_year(client, cast, succession):
    frank, *_ = succession
    client.force_login(frank)

    row = client.get(reverse("courses:submission", args=[cast.center.pk, "2025"])).context["row"]

    assert row.figures.courses == 1  # his own 2025 course; alice's is before his term
    assert row.figures.participants_total == 7_777


def test_a_former_director_signs_none_of_his_successors_reports(client, cast, succession):
    frank, *_ = succession
    for text in ("2025", "NH2024-2025", "2025-Q2"):
        with pytest.raises(PermissionDenied):
            services.submission_submit(
                actor=cast.director, center=cast.center, period=Period.parse(text)
            )
        with pytest.raises(PermissionDenied):
            services.submission_prepare(
                actor=cast.director, center=cast.center, period=Period.parse(text)
            )
    client.force_login(cast.director)
    url = reverse("courses:submission", args=[cast.center.pk, "2025-Q2"])
    assert client.post(url, {"action": "submit"}).status_code == 403
    assert not Submission.objects.exists()

    signed = services.submission_submit(actor=frank, center=cast.center, period=YEAR_2025)
    assert signed.submitted_by == frank


def test_the_signed_figures_are_hidden_from_a_reader_of_part_of_the_period(
    client, cast, succession
):
    frank, *_ = succession
    services.submission_submit(actor=frank, center=cast.center, period=YEAR_2025)

    client.force_login(cast.director)
    former = client.get(reverse("courses:submission", args=[cast.center.pk, "2025"]))
    client.force_login(cast.officer)
    office = client.get(reverse("courses:submission", args=[cast.center.pk, "2025"]))

    assert former.context["signed"] is None and not former.context["signed_rows"]
    assert office.context["signed"].courses == 2  # alice's and frank's
    assert FRANK_COURSE in office.content.decode()


def test_a_deputy_prepares_only_while_in_office(cast, succession):
    deputy = UserFactory(username="deputy")
    AppointmentFactory(
        center=cast.center,
        user=deputy,
        role=AppointmentRole.DEPUTY,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2025, 6, 30),
    )
    with pytest.raises(PermissionDenied):
        services.submission_prepare(actor=deputy, center=cast.center, period=YEAR_2025)


# -- a closed center's reports --------------------------------------------------------


def test_a_closed_centers_report_is_signed_by_its_last_director(demo):
    """Thạch Trung's Quý II/2025 ended the day the center closed; Mai Văn Di,
    its last director and now director of the Phường Trần Phú center it
    became, signs it in July."""
    q2 = Period.parse("2025-Q2")

    submission = services.submission_submit(
        actor=demo.director,
        center=demo.thach_trung_center,
        period=q2,
        today=datetime.date(2025, 7, 10),
    )

    assert submission.status == "submitted"
    assert submission.figures["courses"] == 1  # the May 2025 seminar


def test_the_director_of_the_center_it_became_signs_too(demo):
    from centers.models import LearningCenter, User

    dong_mon = LearningCenter.objects.get(unit__code="18103", closed_on__isnull=False)
    tran_phu_director = User.objects.create(username="giamdoc.tranphu.moi")
    AppointmentFactory(
        center=demo.tran_phu_center, user=tran_phu_director, start_date=datetime.date(2026, 1, 1)
    )
    demo.director.appointments.filter(center=demo.tran_phu_center).update(
        end_date=datetime.date(2025, 12, 31)
    )
    q2 = Period.parse("2025-Q2")
    today = datetime.date(2026, 2, 1)

    services.submission_submit(
        actor=tran_phu_director, center=dong_mon, period=q2, nothing_to_report=True, today=today
    )
    assert dong_mon.submissions.get(period_key="2025-Q2").submitted_by == tran_phu_director
    # Mai Văn Di was never Đồng Môn's director and no longer directs Trần Phú.
    with pytest.raises(PermissionDenied):
        services.submission_withdraw(
            actor=demo.director,
            submission=dong_mon.submissions.get(period_key="2025-Q2"),
            today=today,
        )


def test_a_closed_center_owes_no_report_for_a_period_it_did_not_finish(demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="không phải báo cáo"):
        services.submission_submit(
            actor=demo.director, center=demo.thach_trung_center, period=YEAR_2025
        )
