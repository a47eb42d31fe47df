"""What the pages say about scores a sceptic accepts: ambiguous and annulled outcomes with
their reasons and out of every score, the reference forecasters, the Wilson intervals, and
the plain statement that too few forecasts are scored for skill to be claimed."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from briefings.models import Likelihood, Outcome

from ..factories import BriefingFactory, UserFactory
from ..helpers import judgment_in, resolved

pytestmark = pytest.mark.django_db

PUBLIC = reverse("briefings:track-record")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def briefing():
    return BriefingFactory(published=True)


@pytest.fixture
def record_with_an_annulled_miss(briefing):
    """One forecast that happened (unlikely, Brier 0.455625) and one annulled that would have
    scored far worse had it counted."""
    resolved(judgment_in(briefing, statement="Contractors are unlikely.", likelihood=Likelihood.UNLIKELY))
    resolved(
        judgment_in(
            briefing, statement="The election is almost certain.", likelihood=Likelihood.ALMOST_CERTAIN
        ),
        outcome=Outcome.ANNULLED,
        note="The election it asked about was cancelled.",
    )
    return briefing


def test_annulled_outcome_shows_its_reason_on_the_track_record(client, record_with_an_annulled_miss):
    soup = soup_of(client.get(PUBLIC))

    (annulled,) = soup.select(".outcome--annulled")
    assert "annulled: its premise failed" in annulled.get_text()
    assert "Why it is not scored: The election it asked about was cancelled." in " ".join(
        annulled.select_one(".outcome__reason").get_text().split()
    )
    assert "not scored" in annulled.select_one(".outcome__score").get_text()


def test_ambiguous_outcome_shows_its_reason_on_the_briefing_page(client, briefing):
    resolved(
        judgment_in(briefing, likelihood=Likelihood.LIKELY),
        outcome=Outcome.AMBIGUOUS,
        note="No source reports the troop numbers the question asked for.",
    )

    soup = soup_of(client.get(reverse("briefings:briefing-detail", args=[briefing.slug])))

    assert (
        "No source reports the troop numbers"
        in soup.select_one(".outcome--ambiguous .outcome__reason").get_text()
    )


def test_annulled_outcome_is_left_out_of_the_mean_scores(client, record_with_an_annulled_miss):
    response = client.get(PUBLIC)
    summary = response.context["focus"].summary

    assert (summary.scored, summary.annulled) == (1, 1)
    assert summary.mean_brier.compare(summary.brier_sum) == 0
    assert "1 not scored: 1 annulled" in " ".join(soup_of(response).get_text().split())


def test_resolved_judgment_shows_its_log_score(client, record_with_an_annulled_miss):
    text = " ".join(soup_of(client.get(PUBLIC)).get_text().split())

    assert "Brier score 0.455625 · log score -1.12393" in text


def test_reference_forecasters_are_shown_beside_the_desk(client, record_with_an_annulled_miss):
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup_of(client.get(PUBLIC)).select("#reference-scores tbody tr")
    ]

    assert [row[0] for row in rows] == ["The desk", "Always 50%", "Always the base rate"]
    assert rows[0][2:] == ["0.455625", "-1.12393"]
    assert rows[1][2:] == ["0.25", "-0.693147"]
    # The one scored question happened: the base rate is 100%, a perfect score after the fact.
    assert rows[2][1].startswith("100%")
    assert rows[2][2:] == ["0", "0"]


def test_too_few_scored_forecasts_are_said_to_claim_no_skill(client, record_with_an_annulled_miss):
    notice = soup_of(client.get(PUBLIC)).select_one("#skill-notice").get_text(" ", strip=True)

    assert "No skill can be claimed yet" in notice
    assert "only 1 forecast is scored here" in notice
    assert "at least 30" in notice


def test_thirty_scored_forecasts_drop_the_no_skill_notice(client, briefing):
    for _ in range(30):
        resolved(judgment_in(briefing, likelihood=Likelihood.LIKELY))

    assert soup_of(client.get(PUBLIC)).select_one("#skill-notice") is None


def test_calibration_table_lists_the_interval_and_the_thin_bin(client, record_with_an_annulled_miss):
    soup = soup_of(client.get(PUBLIC))

    unlikely = next(
        row for row in soup.select(".calibration-table tbody tr") if row.th.get_text(strip=True) == "unlikely"
    )
    cells = [cell.get_text(" ", strip=True) for cell in unlikely.find_all("td")]
    assert cells[4] == "20.7–100.0%"
    assert cells[-1] == "too few to judge (fewer than 10 resolved)"
    assert "unlikely (1)" in soup.select_one("#bin-notice").get_text()


def test_calibration_chart_draws_the_interval_of_each_bin_with_resolved_forecasts(
    client, record_with_an_annulled_miss
):
    soup = soup_of(client.get(PUBLIC))

    (interval,) = soup.select("svg.calibration-chart .cc-interval")
    assert "cc-interval--thin" in interval["class"]
    assert interval.title.get_text() == "unlikely: 95% interval 20.7–100.0%"
    assert "95% interval 20.7–100.0%" in soup.select_one("#calibration-svg-desc").get_text()


def test_author_filter_scores_the_references_on_that_authors_questions(client, briefing):
    ada = UserFactory(username="ada")
    hers = BriefingFactory(published=True)
    hers.authors.add(ada)
    resolved(judgment_in(hers, likelihood=Likelihood.LIKELY), outcome=Outcome.DID_NOT_HAPPEN)
    resolved(judgment_in(briefing, likelihood=Likelihood.LIKELY))

    response = client.get(PUBLIC, {"author": ada.pk})

    _, base_rate = response.context["focus"].summary.references
    assert base_rate.probability_percent == 0
