import pytest
from django.urls import reverse

from centers.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

MODELS = ["administrativeunit", "unitsuccession", "learningcenter", "appointment", "office", "user"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_and_add_forms_render(client, demo, model):
    client.force_login(demo.admin)

    assert client.get(reverse(f"admin:centers_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:centers_{model}_add")).status_code == 200


def test_admin_unit_page_shows_what_the_unit_became(client, demo):
    client.force_login(demo.admin)

    page = client.get(
        reverse("admin:centers_administrativeunit_change", args=[demo.thach_trung.pk])
    )

    assert "Phường Trần Phú, tỉnh Hà Tĩnh (18100)" in page.content.decode()


def test_admin_search_ignores_accents(client, demo):
    client.force_login(demo.admin)

    response = client.get(
        reverse("admin:centers_administrativeunit_changelist"), {"q": "thach trung"}
    )

    assert list(response.context["cl"].result_list) == [demo.thach_trung]


def test_admin_refuses_a_unit_ending_before_it_starts_and_keeps_the_input(client, demo):
    client.force_login(demo.admin)
    before = AdministrativeUnit.objects.count()

    response = client.post(
        reverse("admin:centers_administrativeunit_add"),
        {
            "code": "18999",
            "name": "Thạch Mới",
            "kind": "xa",
            "parent": demo.city.pk,
            "valid_from": "01/07/2024",
            "valid_until": "01/01/2024",
            "successor_links-TOTAL_FORMS": "0",
            "successor_links-INITIAL_FORMS": "0",
            "predecessor_links-TOTAL_FORMS": "0",
            "predecessor_links-INITIAL_FORMS": "0",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày hết hiệu lực không thể trước ngày bắt đầu hiệu lực." in page
    assert 'value="Thạch Mới"' in page
    assert AdministrativeUnit.objects.count() == before


def test_admin_adds_a_commune_with_a_bare_name(client, demo):
    client.force_login(demo.admin)

    response = client.post(
        reverse("admin:centers_administrativeunit_add"),
        {
            "code": "18999",
            "name": "Thạch Mới",
            "kind": "xa",
            "parent": demo.city.pk,
            "valid_from": "01/01/2021",
            "valid_until": "30/06/2025",
            "successor_links-TOTAL_FORMS": "0",
            "successor_links-INITIAL_FORMS": "0",
            "predecessor_links-TOTAL_FORMS": "0",
            "predecessor_links-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    unit = AdministrativeUnit.objects.by_code("18999").get()
    assert unit.name == "Xã Thạch Mới"
    assert unit in AdministrativeUnit.objects.subtree(demo.city)
