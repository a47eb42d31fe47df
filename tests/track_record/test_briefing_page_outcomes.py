"""Outcomes on the page readers already use: a briefing's judgments with what happened."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings import models
from briefings.models import Outcome

from ..factories import BriefingFactory, EventFactory
from ..helpers import judgment_in, resolved

pytestmark = pytest.mark.django_db


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_briefing_page_shows_a_resolved_judgments_outcome_score_and_evidence(client):
    briefing = BriefingFactory(published=True)
    judgment = resolved(judgment_in(briefing, likelihood=models.Likelihood.UNLIKELY))
    arrival = EventFactory(title="Contractors arrive in Bamako")
    BriefingFactory(published=True).events.add(arrival)
    judgment.outcome_events.add(arrival)

    text = text_of(client, briefing.get_absolute_url())

    assert "Outcome: it happened" in text
    assert "Brier score 0.455625" in text
    assert "Contractors arrive in Bamako" in text
    assert arrival.get_absolute_url() in text


def test_outcome_evidence_only_a_draft_shows_stays_unpublished(client):
    briefing = BriefingFactory(published=True)
    judgment = resolved(judgment_in(briefing, likelihood=models.Likelihood.UNLIKELY))
    secret = EventFactory(title="Source meets the colonel", description="Only in the draft.")
    BriefingFactory().events.add(secret)
    judgment.outcome_events.add(secret)

    text = text_of(client, briefing.get_absolute_url())

    assert "Outcome: it happened" in text
    assert "Source meets the colonel" not in text and "Only in the draft." not in text


def test_briefing_page_says_when_a_judgment_is_due_for_resolution(client):
    briefing = BriefingFactory(published=True)
    judgment_in(briefing, horizon=datetime.date(2021, 1, 31))

    assert "Due for resolution:" in text_of(client, briefing.get_absolute_url())


def test_briefing_page_queries_do_not_grow_with_resolved_judgments(client, django_assert_max_num_queries):
    def build(n):
        briefing = BriefingFactory(published=True)
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
