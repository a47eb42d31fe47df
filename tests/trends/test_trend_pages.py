"""Trends on the pages readers already use: the country page's strip, the home page's
changes of the latest month."""

import datetime

import pytest
from django.urls import reverse

from briefings.models import Trend, TrendAlert

from ..factories import CountryTrendFactory, country

pytestmark = pytest.mark.django_db

AUGUST = datetime.date(2020, 8, 1)


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_country_page_shows_its_trend_strip(client):
    mali = country("ML")
    CountryTrendFactory(published=True, country=mali, month=AUGUST, alert=TrendAlert.CONFLICT_RISK)

    text = text_of(client, mali.get_absolute_url())

    assert 'class="trend-strip"' in text
    assert '<span class="trend-cell__label">deteriorated</span>' in text


def test_country_page_never_shows_a_draft_trend(client):
    mali = country("ML")
    CountryTrendFactory(country=mali, month=AUGUST, trend=Trend.IMPROVED, reason="Unreviewed draft.")

    assert "Unreviewed draft." not in text_of(client, mali.get_absolute_url())


def test_home_page_shows_the_latest_months_changes(client):
    CountryTrendFactory(published=True, country=country("ML"), month=AUGUST, reason="A coup in Bamako.")

    text = text_of(client, reverse("briefings:home"))

    assert "A coup in Bamako." in text
    assert "August 2020" in text
