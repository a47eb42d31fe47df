"""A country autocomplete offers first the country a person means by what they typed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def offered(client, term: str) -> list[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "briefings", "model_name": "briefing", "field_name": "countries"},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_democratic_republic_offers_dr_congo_first(admin_client):
    assert offered(admin_client, "Democratic Republic")[0] == "Democratic Republic of the Congo"


def test_an_iso_code_offers_its_country_first(admin_client):
    assert offered(admin_client, "ml")[0] == "Mali"


def test_a_name_begun_is_offered_before_names_that_only_hold_it(admin_client):
    assert offered(admin_client, "Niger")[:2] == ["Niger", "Nigeria"]
