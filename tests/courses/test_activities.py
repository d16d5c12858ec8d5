"""The activity log and the campaign report."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import services
from courses.models import Activity, CampaignReport
from tests.factories import ActivityFactory, CampaignFactory

pytestmark = pytest.mark.django_db


def _post(cast, client, **overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "title": "Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời",
        "date": "02/10/2020",
        "kind": "khai_mac",
        "participants": "350",
        "location": "Trường THCS Thạch Trung",
    } | overrides
    client.force_login(cast.director)
    return client.post(reverse("courses:activity_create", args=[cast.center.pk]), data)


def test_director_logs_an_activity_of_a_campaign(client, cast):
    campaign = CampaignFactory()

    response = _post(cast, client, campaign=campaign.pk)

    activity = Activity.objects.get()
    assert response.url == activity.get_absolute_url()
    assert (activity.date, activity.campaign) == (datetime.date(2020, 10, 2), campaign)


def test_a_campaign_activity_must_fall_in_the_campaign_window(client, cast):
    campaign = CampaignFactory()

    response = _post(cast, client, campaign=campaign.pk, date="12/10/2020")

    assert not Activity.objects.exists()
    assert (
        "phải diễn ra trong thời gian của đợt (01/10/2020 – 07/10/2020)"
        in (response.context["form"].errors["date"][0])
    )


def test_pressing_save_twice_logs_one_activity(client, cast):
    token = str(uuid.uuid4())

    _post(cast, client, form_token=token)
    _post(cast, client, form_token=token)

    assert Activity.objects.count() == 1


def test_the_same_participations_as_the_previous_activity_need_confirming(client, cast):
    ActivityFactory(center=cast.center, participants=350)

    warned = _post(cast, client)
    confirmed = _post(cast, client, confirm="on")

    assert "trùng khớp" in warned.content.decode()
    assert confirmed.status_code == 302
    assert Activity.objects.count() == 2


def test_editing_and_deleting_an_activity_is_recorded(client, cast):
    activity = ActivityFactory(center=cast.center, participants=12)
    client.force_login(cast.director)
    data = {"title": activity.title, "date": "10/11/2020", "kind": "hop", "participants": "15"}

    client.post(reverse("courses:activity_edit", args=[activity.pk]), data)
    client.post(reverse("courses:activity_delete", args=[activity.pk]))

    types = list(
        Activity.history.filter(id=activity.pk)
        .order_by("history_date")
        .values_list("history_type", "participants")
    )
    assert types == [("+", 12), ("~", 15), ("-", 15)]


def test_activity_log_lists_the_centers_activities_newest_first(client, cast):
    old = ActivityFactory(center=cast.center, date=datetime.date(2020, 1, 15))
    new = ActivityFactory(center=cast.center, date=datetime.date(2020, 12, 22))
    ActivityFactory(center=cast.other_center)
    client.force_login(cast.director)

    response = client.get(reverse("courses:activity_list", args=[cast.center.pk]))

    assert list(response.context["table"].data) == [new, old]


def test_the_campaign_report_sums_activities_by_kind(client, cast, settings):
    campaign = CampaignFactory()
    ActivityFactory(
        center=cast.center,
        campaign=campaign,
        date=campaign.start_date,
        kind="khai_mac",
        participants=350,
    )
    ActivityFactory(
        center=cast.center,
        campaign=campaign,
        date=campaign.end_date,
        kind="doc_sach",
        participants=420,
    )
    ActivityFactory(
        center=cast.center,
        campaign=campaign,
        date=campaign.end_date,
        kind="doc_sach",
        participants=None,
    )
    ActivityFactory(
        center=cast.other_center, campaign=campaign, date=campaign.end_date, participants=999
    )
    client.force_login(cast.director)

    response = client.get(reverse("courses:campaign", args=[cast.center.pk, campaign.slug]))

    figures = response.context["row"].figures
    assert figures.activities_by_kind == {"khai_mac": 1, "doc_sach": 2}
    assert figures.activity_participants_by_kind == {"khai_mac": 350, "doc_sach": 420}
    assert (figures.activities, figures.activity_participants) == (3, 770)
    kinds = {label: (n, participants) for label, n, participants in response.context["kinds"]}
    assert kinds["lễ khai mạc / phát động"] == (1, 350)


def test_the_campaign_report_is_filled_in_until_its_deadline(cast):
    campaign = CampaignFactory()
    fields = {"books": 520, "bookcases": 4, "money": 12_500_000}

    services.campaign_report_save(
        actor=cast.director,
        center=cast.center,
        campaign=campaign,
        on=datetime.date(2020, 10, 15),
        **fields,
    )
    with pytest.raises(ValidationError, match="chỉ được nhập từ 01/10/2020 đến 15/10/2020"):
        services.campaign_report_save(
            actor=cast.director,
            center=cast.center,
            campaign=campaign,
            on=datetime.date(2020, 10, 16),
            books=1,
        )

    assert CampaignReport.objects.get().books == 520


def test_the_campaign_page_saves_the_report_during_the_window(client, cast, monkeypatch):
    campaign = CampaignFactory()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2020, 10, 5))
    client.force_login(cast.director)
    url = reverse("courses:campaign", args=[cast.center.pk, campaign.slug])

    response = client.post(url, {"books": "300", "bookcases": "2", "money": "5000000"})

    assert response.status_code == 302
    assert CampaignReport.objects.get().money == 5_000_000


def test_after_the_deadline_the_campaign_page_only_reads(client, cast):
    campaign = CampaignFactory()
    client.force_login(cast.director)
    url = reverse("courses:campaign", args=[cast.center.pk, campaign.slug])

    page = client.get(url)
    post = client.post(url, {"books": "300", "bookcases": "2", "money": "0"})

    assert page.status_code == 200 and not page.context["can_write"]
    assert post.status_code == 403
    assert not CampaignReport.objects.exists()


def test_another_centers_campaign_page_is_a_404(client, cast):
    campaign = CampaignFactory()
    client.force_login(cast.director)

    url = reverse("courses:campaign", args=[cast.other_center.pk, campaign.slug])

    assert client.get(url).status_code == 404
