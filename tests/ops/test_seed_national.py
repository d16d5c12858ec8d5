"""The national seeder, run tiny: the shape it promises, and data the
application serves (so the load benchmark measures real pages)."""

import datetime

import pytest
from django.db.models import Count

from centers.models import AdministrativeUnit, LearningCenter, Office, User
from courses.models import Activity, Course, Submission, SubmissionStatus

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def seeded():
    from benchmarks.seed_national import Seeder

    seeder = Seeder(scale=0.002, today=TODAY, seed=1, password="HocTapSuotDoi2020")
    seeder.run()
    return seeder


def test_the_seeder_builds_the_shape_it_promises(seeded):
    size = seeded.size
    levels = dict(
        AdministrativeUnit.objects.values_list("level").annotate(n=Count("pk")).order_by()
    )

    assert levels == {1: size["provinces"], 2: size["districts"], 3: size["communes"]}
    assert LearningCenter.objects.count() == size["communes"]
    assert Office.objects.count() == size["provinces"] + size["districts"]
    assert Course.objects.count() == size["courses"]
    assert Activity.objects.count() == size["activities"]
    assert Course.objects.filter(start_date__lt=datetime.date(2021, 10, 1)).count() == 0


def test_every_center_has_a_report_for_every_ended_quarter_but_the_last(seeded):
    centers = LearningCenter.objects.count()

    assert Submission.objects.filter(period_key="2026-Q2").count() == centers
    assert (
        Submission.objects.filter(period_key="2026-Q2", status=SubmissionStatus.APPROVED).count()
        == centers
    )
    assert Submission.objects.filter(period_key="2021-Q4").count() == centers
    assert Submission.objects.filter(period_key="2026-Q3").count() <= centers
    assert not Submission.objects.filter(period_key="2026-Q4").exists()


def test_seeded_people_open_their_pages(seeded, client):
    director = User.objects.get(username="gd00001")
    center = LearningCenter.objects.get(unit__code="00001")
    province_office = Office.objects.get(unit__code="01", unit__level=1)

    client.force_login(director)
    assert client.get(f"/centers/{center.pk}/dashboard/").status_code == 200
    assert client.get(f"/centers/{center.pk}/courses/").status_code == 200
    client.force_login(province_office.members.get())
    page = client.get(f"/offices/{province_office.pk}/?period=2026-Q3")
    assert page.status_code == 200
    assert center.name in page.content.decode()
