import pytest
from django.urls import reverse

from centers.models import LearningCenter
from tests.factories import CenterFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_home_leads_to_the_login_page(client):
    response = client.get("/", follow=True)

    assert response.redirect_chain[0] == (f"{reverse('login')}?next=/", 302)
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_the_login_page_signs_a_demo_user_in(client, demo):
    response = client.post(
        reverse("login"),
        {"username": "giamdoc.thachtrung", "password": "HocTapSuotDoi2020"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Trung tâm học tập cộng đồng phường Trần Phú" in response.content.decode()


def test_director_home_shows_their_current_center(client, demo):
    client.force_login(demo.director)

    page = client.get("/").content.decode()

    assert "Trung tâm học tập cộng đồng phường Trần Phú" in page
    assert "Giám đốc" in page
    # The 2020 appointment ended with the reform; it stays in the history.
    assert "Trung tâm học tập cộng đồng xã Thạch Trung</a>" not in page


def test_city_office_home_shows_its_15_centers_as_of_its_last_day(client, demo):
    client.force_login(demo.city_officer)

    response = client.get(reverse("centers:center_list"))

    table = response.context["office_tables"][0]
    assert table["day"].isoformat() == "2025-06-30"
    assert table["table"].paginator.count == 15
    assert "Mai Văn Di" in response.content.decode()


def test_province_office_home_follows_the_date(client, demo):
    client.force_login(demo.province_officer)

    url = reverse("centers:center_list")
    today = client.get(url).context["office_tables"][0]
    in_2020 = client.get(url, {"on": "01/10/2020"}).context["office_tables"][0]

    assert today["table"].paginator.count == 69
    assert in_2020["table"].paginator.count == 15
    assert in_2020["day"].isoformat() == "2020-10-01"


def test_a_user_without_a_role_sees_nothing(client, demo):
    client.force_login(UserFactory())

    response = client.get("/")

    assert "chưa có vai trò" in response.content.decode()
    assert LearningCenter.objects.visible_to(UserFactory()).count() == 0


def test_center_detail_is_a_404_for_a_director_of_another_center(client, demo):
    outsider = CenterFactory()
    client.force_login(demo.director)

    assert client.get(outsider.get_absolute_url()).status_code == 404
    assert client.get(demo.tran_phu_center.get_absolute_url()).status_code == 200


def test_center_detail_shows_lineage_and_director_history(client, demo):
    client.force_login(demo.province_officer)

    page = client.get(demo.thach_trung_center.get_absolute_url()).content.decode()

    assert "Mai Văn Di" in page
    assert "01/01/2020 – 30/06/2025" in page
    assert "Trung tâm học tập cộng đồng phường Trần Phú" in page


def test_office_outside_the_city_cannot_open_its_centers(client, demo):
    other_office = OfficeFactory(members=[UserFactory(username="phonggd.khac")])
    client.force_login(other_office.members.get())

    assert client.get(demo.thach_trung_center.get_absolute_url()).status_code == 404


def test_office_home_query_count_does_not_grow_with_centers(client, django_assert_max_num_queries):
    officer = UserFactory()
    office = OfficeFactory(members=[officer])
    CenterFactory(unit__parent=office.unit)
    client.force_login(officer)
    url = reverse("centers:center_list")
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for _ in range(49):
        CenterFactory(unit__parent=office.unit)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.context["office_tables"][0]["table"].paginator.count == 50


def test_pages_are_vietnamese_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_english_is_available_from_the_language_selector(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("login"))

    assert "Sign in" in response.content.decode()


def test_a_former_director_lands_on_his_past_centers(client, demo):
    from centers.models import User

    former = User.objects.get(username="giamdoc.thachha")
    client.force_login(former)

    page = client.get("/").content.decode()

    assert "Tài khoản của bạn chưa có vai trò" not in page
    assert "Trung tâm học tập cộng đồng xã Thạch Hạ" in page
    assert "/dashboard/" in page


def test_someone_with_several_centers_has_the_chooser_in_the_menu(client, demo):
    client.force_login(demo.director)  # Thạch Trung (2020–2025), then Trần Phú

    page = client.get(f"/centers/{demo.thach_trung_center.pk}/courses/").content.decode()

    assert 'href="/workspace/"' in page
    assert (
        "Trung tâm học tập cộng đồng xã Thạch Trung" in client.get("/workspace/").content.decode()
    )


def test_the_center_page_leads_to_its_workspace(client, demo):
    client.force_login(demo.city_officer)
    center = demo.thach_trung_center

    page = client.get(reverse("centers:center_detail", args=[center.pk])).content.decode()

    for name in ("dashboard", "course_list", "activity_list", "submission_list"):
        assert f'href="{reverse(f"courses:{name}", args=[center.pk])}"' in page


def test_the_as_of_list_shows_the_status_on_that_date(client, demo):
    client.force_login(demo.city_officer)

    response = client.get(reverse("centers:center_list"), {"on": "01/10/2020"})

    table = response.context["office_tables"][0]["table"]
    statuses = {row.get_cell("status") for row in table.rows}
    assert statuses == {"đang hoạt động"}
