"""Outcomes and trends on the pages readers already use: the briefing, country and home
pages, and the demo loader."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings import models
from briefings.models import Outcome, Trend, TrendAlert

from .factories import EventFactory, country
from .tracking_support import judgment_in, published_briefing, published_trend, resolved

pytestmark = pytest.mark.django_db


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_briefing_page_shows_a_resolved_judgments_outcome_score_and_evidence(client):
    briefing = published_briefing()
    judgment = resolved(judgment_in(briefing, likelihood=models.Likelihood.UNLIKELY))
    judgment.outcome_events.add(EventFactory(title="Contractors arrive in Bamako"))

    text = text_of(client, briefing.get_absolute_url())

    assert "Outcome: it happened" in text
    assert "Brier score 0.455625" in text
    assert "Contractors arrive in Bamako" in text


def test_briefing_page_says_when_a_judgment_is_due_for_resolution(client):
    briefing = published_briefing()
    judgment_in(briefing, horizon=datetime.date(2021, 1, 31))

    assert "Due for resolution:" in text_of(client, briefing.get_absolute_url())


def test_briefing_page_queries_do_not_grow_with_resolved_judgments(client, django_assert_max_num_queries):
    def build(n):
        briefing = published_briefing()
        for _ in range(n):
            judgment = resolved(judgment_in(briefing), outcome=Outcome.DID_NOT_HAPPEN)
            judgment.outcome_events.add(EventFactory())
        return briefing

    small, large = build(2), build(12)
    with CaptureQueriesContext(connection) as baseline:
        client.get(small.get_absolute_url())

    # Outcomes, their evidence and which of it is public: three queries for the whole page.
    with django_assert_max_num_queries(len(baseline)):
        client.get(large.get_absolute_url())


def test_country_page_shows_its_trend_strip(client):
    mali = country("ML")
    published_trend(mali, datetime.date(2020, 8, 1), alert=TrendAlert.CONFLICT_RISK)

    text = text_of(client, mali.get_absolute_url())

    assert 'class="trend-strip"' in text
    assert '<span class="trend-cell__label">deteriorated</span>' in text


def test_country_page_never_shows_a_draft_trend(client):
    mali = country("ML")
    models.CountryTrend.objects.create(
        country=mali, month=datetime.date(2020, 8, 1), trend=Trend.IMPROVED, reason="Unreviewed draft."
    )

    assert "Unreviewed draft." not in text_of(client, mali.get_absolute_url())


def test_home_page_shows_the_latest_months_changes(client):
    published_trend(country("ML"), datetime.date(2020, 8, 1), reason="A coup in Bamako.")

    text = text_of(client, reverse("briefings:home"))

    assert "A coup in Bamako." in text
    assert "August 2020" in text


def test_load_demo_command_resolves_the_demo_judgment_and_publishes_trends():
    call_command("load_demo", verbosity=0)

    pmc = models.Assessment.objects.get(statement__contains="private military contractors (PMCs)")
    assert pmc.outcome == Outcome.HAPPENED
    assert models.CountryTrend.objects.published().filter(country__iso2="ML").count() == 3


def test_load_demo_command_twice_records_the_outcome_once():
    call_command("load_demo", verbosity=0)
    recorded_at = models.Assessment.objects.exclude(outcome="").get().outcome_recorded_at

    call_command("load_demo", verbosity=0)

    assert models.Assessment.objects.exclude(outcome="").get().outcome_recorded_at == recorded_at
