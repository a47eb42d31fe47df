"""The demo desk's track record, as `load_demo` leaves it: the contractors judgment
resolved, and Mali's trends."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from briefings import demo, models
from briefings.models import Likelihood, Outcome, Trend, TrendAlert
from briefings.scoring import brier_score
from briefings.views.trends import trend_strip

from ..factories import country

pytestmark = pytest.mark.django_db


@pytest.fixture
def pmc(demo_briefing):
    return demo.demo_outcome_judgment()


def test_demo_resolves_the_contractors_judgment_as_happened(pmc):
    assert pmc.likelihood == Likelihood.UNLIKELY
    assert pmc.outcome == Outcome.HAPPENED
    assert pmc.outcome_on == datetime.date(2021, 12, 23)


def test_demo_contractors_judgment_scores_0_455625(pmc):
    assert brier_score(pmc.stated_probability, pmc.outcome) == Decimal("0.455625")


def test_demo_resolution_gives_its_reason_for_resolving_before_the_horizon(pmc):
    assert pmc.horizon > pmc.outcome_on
    assert pmc.resolved_early_reason


def test_demo_evidence_is_the_deployment_with_its_own_source(pmc):
    (event,) = pmc.outcome_events.all()
    assert event.title == "Russian private military contractors deploy to Mali"
    assert (event.date, event.date_precision) == (datetime.date(2021, 12, 1), models.DatePrecision.MONTH)
    assert event.display_date == "December 2021"
    assert event.country == country("ML")
    source = models.Source.objects.get(url=demo.STATEMENT["url"])
    assert source.published_on == datetime.date(2021, 12, 23)
    assert source.url in event.description


def test_demo_resolution_keeps_the_judgment_as_published(pmc):
    assert pmc.statement.startswith("Russia is unlikely to deploy private military contractors")
    assert pmc.confidence == models.Confidence.LOW


def test_loading_the_demo_outcomes_twice_adds_nothing(demo_briefing):
    counts = (
        models.Event.objects.count(),
        models.Source.objects.count(),
        models.CountryTrend.objects.count(),
    )

    assert demo.demo_outcomes_load() == {"outcomes": 0, "briefings": 0, "trends": 0}
    assert (
        models.Event.objects.count(),
        models.Source.objects.count(),
        models.CountryTrend.objects.count(),
    ) == counts


def test_demo_publishes_mali_trends_linked_to_demo_events(demo_briefing):
    cells = trend_strip(country("ML"))

    assert [(c.month, c.trend, c.alert) for c in cells][:2] == [
        (datetime.date(2020, 8, 1), Trend.DETERIORATED, TrendAlert.CONFLICT_RISK),
        (datetime.date(2020, 9, 1), Trend.UNCHANGED, ""),
    ]
    assert all(cell.events for cell in cells)
    assert any(event.url for event in cells[0].events)


def test_demo_track_record_page_shows_the_resolved_judgment_and_its_score(client, demo_briefing):
    response = client.get(reverse("briefings:track-record"))

    text = response.content.decode()
    assert "Russia is unlikely to deploy private military contractors (PMCs) to the Sahel" in text
    assert "Brier score 0.455625" in text
    assert response.context["record"].desk.summary.scored == 1


def test_load_demo_command_resolves_the_demo_judgment_and_publishes_trends(demo_briefing):
    pmc = models.Assessment.objects.get(statement__contains="private military contractors (PMCs)")
    assert pmc.outcome == Outcome.HAPPENED
    assert models.CountryTrend.objects.published().filter(country__iso2="ML").count() == 3


def test_load_demo_command_twice_records_the_outcome_once():
    call_command("load_demo", verbosity=0)
    recorded = dict(models.Assessment.objects.exclude(outcome="").values_list("pk", "outcome_recorded_at"))

    call_command("load_demo", verbosity=0)

    assert len(recorded) == 1 + len(demo.OTHER_OUTCOMES)
    assert (
        dict(models.Assessment.objects.exclude(outcome="").values_list("pk", "outcome_recorded_at"))
        == recorded
    )
