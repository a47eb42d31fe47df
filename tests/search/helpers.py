"""Plain helpers for the search tests."""

import html

from django.urls import reverse
from django.utils.html import strip_tags

SEARCH = reverse("briefings:search")


def search(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response


def result_titles(response) -> list[str]:
    return [html.unescape(strip_tags(result.title)) for result in response.context["results"] or []]
