"""A forecast updated after publication is scored for the time each estimate stood, and
readers see the estimate's history on the briefing page and the track record."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from briefings import scoring
from briefings.models import Likelihood, Outcome

from ..factories import BriefingFactory, ForecastUpdateFactory
from ..helpers import judgment_in, resolved

UTC = datetime.UTC
START = datetime.datetime(2022, 1, 1, tzinfo=UTC)


def at(day: int) -> datetime.datetime:
    return START + datetime.timedelta(days=day)


# --- The arithmetic -------------------------------------------------------------------


def test_each_estimate_is_weighted_by_the_time_it_stood():
    # 0.2 for 30 days, then 0.8 for 10 days, and it happened: (30 x 0.64 + 10 x 0.04) / 40.
    estimates = [scoring.Estimate(at(0), Decimal("0.2")), scoring.Estimate(at(30), Decimal("0.8"))]

    assert scoring.time_averaged(scoring.brier_score, estimates, at(40), Outcome.HAPPENED) == Decimal("0.49")


def test_one_estimate_scores_as_itself():
    estimates = [scoring.Estimate(at(0), Decimal("0.325"))]

    assert scoring.time_averaged(scoring.brier_score, estimates, at(10), Outcome.HAPPENED) == Decimal(
        "0.455625"
    )


def test_estimates_that_stood_for_no_time_score_as_the_last():
    estimates = [scoring.Estimate(at(5), Decimal("0.2")), scoring.Estimate(at(5), Decimal("0.9"))]

    assert scoring.time_averaged(scoring.brier_score, estimates, at(5), Outcome.HAPPENED) == Decimal("0.01")


def test_unscored_outcome_has_no_time_averaged_score():
    estimates = [scoring.Estimate(at(0), Decimal("0.5"))]

    assert scoring.time_averaged(scoring.brier_score, estimates, at(1), Outcome.ANNULLED) is None


def test_the_last_estimate_stands_until_forecasting_closes():
    until = scoring.scored_until(
        closes_on=datetime.date(2022, 2, 9), outcome_on=datetime.date(2022, 6, 1), default=at(0)
    )

    assert until == at(40)


def test_the_last_estimate_stands_until_the_outcome_when_it_comes_first():
    until = scoring.scored_until(closes_on=None, outcome_on=datetime.date(2022, 2, 9), default=at(0))

    assert until == at(40)


def test_judgment_with_updates_is_scored_time_averaged():
    judgment = scoring.Judgment(
        pk=1,
        statement="",
        likelihood="",
        probability=20,
        confidence="low",
        horizon=None,
        outcome=Outcome.HAPPENED,
        outcome_on=datetime.date(2022, 2, 9),
        made_at=at(0),
        state="scored",
        updates=[scoring.Estimate(at(30), Decimal("0.8"))],
    )

    assert judgment.brier == Decimal("0.49")
    # ln 0.2 for 30 days and ln 0.8 for 10: -1.262864.
    assert judgment.log_display == Decimal("-1.262864")


# --- The pages -------------------------------------------------------------------------


@pytest.fixture
def updated_forecast(db):
    """Published on 1 January 2022 at 20%, updated to 80% on 31 January, resolved (it
    happened) on 9 February: time-averaged Brier 0.49."""
    briefing = BriefingFactory(published=True, published_at=at(0))
    judgment = judgment_in(
        briefing, statement="Contractors are unlikely.", likelihood="", probability=20, closes_on=None
    )
    ForecastUpdateFactory(
        assessment=judgment, probability=80, made_at=at(30), reason="Contractors seen in Bamako."
    )
    resolved(judgment, outcome=Outcome.HAPPENED, on=datetime.date(2022, 2, 9))
    return briefing, judgment


def test_briefing_page_shows_the_estimates_history(client, updated_forecast):
    briefing, _ = updated_forecast
    soup = BeautifulSoup(
        client.get(reverse("briefings:briefing-detail", args=[briefing.slug])).content, "html.parser"
    )

    items = [" ".join(li.get_text().split()) for li in soup.select(".estimate-history__list li")]
    assert items == [
        "20% as first published, 1 January 2022",
        "80% from 31 January 2022: Contractors seen in Bamako.",
    ]


def test_briefing_page_scores_the_updated_forecast_time_averaged(client, updated_forecast):
    briefing, _ = updated_forecast
    text = " ".join(
        BeautifulSoup(
            client.get(reverse("briefings:briefing-detail", args=[briefing.slug])).content, "html.parser"
        )
        .get_text()
        .split()
    )

    assert "Brier score 0.49" in text
    assert "time-averaged over 2 estimates" in text


def test_track_record_scores_the_updated_forecast_time_averaged(client, updated_forecast):
    response = client.get(reverse("briefings:track-record"))

    assert response.context["focus"].summary.mean_brier == Decimal("0.49")


def test_track_record_costs_three_more_queries_only_when_a_scored_forecast_was_updated(
    updated_forecast, django_assert_num_queries
):
    from briefings.models import Assessment, Briefing

    # The desk's and the authors' counts, then, for the updated forecast scored on its own,
    # its row, its updates and its authors.
    with django_assert_num_queries(5):
        scoring.track_record(
            Assessment.objects.published(),
            briefings=Briefing.objects.published(),
            today=datetime.date(2024, 1, 1),
            public=True,
        )


@pytest.mark.django_db
def test_calibration_bins_an_updated_forecast_by_its_published_estimate(client, updated_forecast):
    bins = {b.term: b for b in client.get(reverse("briefings:track-record")).context["focus"].calibration}

    assert bins[Likelihood.VERY_UNLIKELY].scored == 1
