"""The arithmetic a sceptic checks: log scores, Wilson intervals, the two reference
forecasters, and when too few forecasts are scored for skill to be claimed."""

import datetime
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings import models, scoring
from briefings.models import Likelihood, Outcome

TODAY = datetime.date(2024, 1, 15)
probabilities = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.99"), places=2)
scored_outcomes = st.sampled_from([Outcome.HAPPENED, Outcome.DID_NOT_HAPPEN])


def judgment(term, outcome="", probability=None):
    return scoring.Judgment(
        pk=0,
        statement="",
        likelihood=term,
        probability=probability,
        confidence="moderate",
        horizon=None,
        outcome=outcome,
        outcome_on=None,
        made_at=None,
        state=models.forecast_state(outcome, None, TODAY),
    )


def bin_of(term, judgments):
    return next(b for b in scoring.calibration(judgments) if b.term == term)


# --- Log score -------------------------------------------------------------------------


def test_log_score_of_what_happened_is_ln_of_its_probability():
    assert scoring.rounded(scoring.log_score(Decimal("0.325"), Outcome.HAPPENED)) == Decimal("-1.12393")


def test_log_score_of_what_did_not_happen_is_ln_of_one_minus_its_probability():
    assert scoring.rounded(scoring.log_score(Decimal("0.97"), Outcome.DID_NOT_HAPPEN)) == Decimal("-3.506558")


def test_log_score_of_a_coin_toss_is_ln_one_half_whatever_happened():
    for outcome in (Outcome.HAPPENED, Outcome.DID_NOT_HAPPEN):
        assert scoring.rounded(scoring.log_score(Decimal("0.5"), outcome)) == Decimal("-0.693147")


def test_log_score_of_a_certainty_proved_wrong_is_minus_infinity():
    assert scoring.log_score(Decimal(1), Outcome.DID_NOT_HAPPEN) == Decimal("-Infinity")


def test_log_score_of_a_pending_judgment_is_none():
    assert scoring.log_score(Decimal("0.5"), "") is None


@given(probabilities, scored_outcomes)
def test_log_score_is_never_above_zero_and_matches_the_math_library(p, outcome):
    score = scoring.log_score(p, outcome)
    given_to_outcome = float(p) if outcome == Outcome.HAPPENED else 1 - float(p)

    assert score <= 0
    assert math.isclose(float(score), math.log(given_to_outcome), rel_tol=1e-12)


@given(probabilities)
def test_scores_are_symmetric_between_p_that_happened_and_one_minus_p_that_did_not(p):
    assert scoring.brier_score(p, Outcome.HAPPENED) == scoring.brier_score(1 - p, Outcome.DID_NOT_HAPPEN)
    assert scoring.log_score(p, Outcome.HAPPENED) == scoring.log_score(1 - p, Outcome.DID_NOT_HAPPEN)


@given(probabilities, scored_outcomes)
def test_brier_score_lies_between_zero_and_one(p, outcome):
    assert 0 <= scoring.brier_score(p, outcome) <= 1


# --- Wilson interval -------------------------------------------------------------------


def test_wilson_interval_of_five_in_ten():
    low, high = scoring.wilson_interval(5, 10)

    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)


def test_wilson_interval_of_none_in_ten_starts_at_zero():
    low, high = scoring.wilson_interval(0, 10)

    assert (low, round(high, 4)) == (0.0, 0.2775)


def test_wilson_interval_of_one_in_one_is_wide():
    low, high = scoring.wilson_interval(1, 1)

    assert (round(low, 4), high) == (0.2065, 1.0)


def test_wilson_interval_of_no_trials_is_none():
    assert scoring.wilson_interval(0, 0) is None


def test_wilson_interval_refuses_more_successes_than_trials():
    with pytest.raises(ValueError):
        scoring.wilson_interval(3, 2)


@given(st.integers(min_value=1, max_value=500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_holds_the_observed_share_inside_zero_to_one(counts):
    successes, trials = counts
    low, high = scoring.wilson_interval(successes, trials)

    assert 0 <= low <= successes / trials <= high <= 1


@given(st.integers(min_value=1, max_value=200))
def test_wilson_interval_narrows_as_forecasts_accumulate(n):
    low, high = scoring.wilson_interval(n, 2 * n)
    wider_low, wider_high = (
        scoring.wilson_interval(n, 2 * n) if n == 1 else scoring.wilson_interval(n // 2, n)
    )

    assert high - low <= wider_high - wider_low


# --- Reference forecasters -------------------------------------------------------------


def test_always_fifty_percent_scores_a_quarter_and_ln_one_half():
    always_half, _ = scoring.reference_scores([Outcome.HAPPENED, Outcome.DID_NOT_HAPPEN, Outcome.HAPPENED])

    assert always_half.mean_brier_display == Decimal("0.25")
    assert always_half.mean_log_display == Decimal("-0.693147")


def test_base_rate_forecaster_says_the_share_that_came_true():
    # Three of four happened: a base rate of 75%, Brier 0.75 x 0.25, log 0.75 ln 0.75 + 0.25 ln 0.25.
    _, base_rate = scoring.reference_scores([Outcome.HAPPENED] * 3 + [Outcome.DID_NOT_HAPPEN])

    assert base_rate.probability_percent == Decimal("75")
    assert base_rate.mean_brier_display == Decimal("0.1875")
    assert base_rate.mean_log_display == Decimal("-0.562335")


def test_reference_forecasters_leave_out_ambiguous_and_annulled_questions():
    _, base_rate = scoring.reference_scores([Outcome.HAPPENED, Outcome.AMBIGUOUS, Outcome.ANNULLED])

    assert base_rate.probability_percent == Decimal("100")
    assert base_rate.mean_brier_display == 0


def test_no_reference_forecasters_when_nothing_is_scored():
    assert scoring.reference_scores([Outcome.AMBIGUOUS, ""]) == []


@given(st.lists(scored_outcomes, min_size=1, max_size=60))
def test_base_rate_never_scores_worse_than_always_fifty_percent_on_brier(outcomes):
    always_half, base_rate = scoring.reference_scores(outcomes)

    assert base_rate.mean_brier <= always_half.mean_brier


# --- Summaries: means, unscored outcomes, too few for skill ---------------------------


def test_summary_means_leave_out_ambiguous_and_annulled_judgments():
    summary = scoring.record_of(
        [
            judgment(Likelihood.UNLIKELY, Outcome.HAPPENED),
            judgment(Likelihood.UNLIKELY, Outcome.AMBIGUOUS),
            judgment(Likelihood.UNLIKELY, Outcome.ANNULLED),
        ]
    ).summary

    assert (summary.scored, summary.ambiguous, summary.annulled, summary.resolved) == (1, 1, 1, 3)
    assert summary.mean_brier == Decimal("0.455625")
    assert summary.mean_log == Decimal("-1.12393")
    assert summary.base_rate_percent == Decimal("100.0")


def test_twenty_nine_scored_forecasts_are_too_few_for_skill():
    summary = scoring.record_of([judgment(Likelihood.LIKELY, Outcome.HAPPENED)] * 29).summary

    assert summary.too_few_for_skill


def test_thirty_scored_forecasts_are_enough_for_skill_to_be_claimed():
    summary = scoring.record_of([judgment(Likelihood.LIKELY, Outcome.HAPPENED)] * 30).summary

    assert not summary.too_few_for_skill


def test_unscored_judgments_do_not_count_toward_the_thirty():
    judgments = [judgment(Likelihood.LIKELY, Outcome.HAPPENED)] * 29 + [
        judgment(Likelihood.LIKELY, Outcome.AMBIGUOUS)
    ]

    assert scoring.record_of(judgments).summary.too_few_for_skill


# --- Calibration bins ------------------------------------------------------------------


def test_bin_of_nine_is_too_few_to_judge():
    bin_ = bin_of(Likelihood.LIKELY, [judgment(Likelihood.LIKELY, Outcome.HAPPENED)] * 9)

    assert bin_.too_few
    assert bin_.verdict == "too few to judge (fewer than 10 resolved)"


def test_bin_of_ten_is_read_and_carries_its_interval():
    judgments = [judgment(Likelihood.ROUGHLY_EVEN, Outcome.HAPPENED)] * 5 + [
        judgment(Likelihood.ROUGHLY_EVEN, Outcome.DID_NOT_HAPPEN)
    ] * 5
    bin_ = bin_of(Likelihood.ROUGHLY_EVEN, judgments)

    assert not bin_.too_few
    assert (bin_.interval_low_percent, bin_.interval_high_percent) == (Decimal("23.7"), Decimal("76.3"))
    assert bin_.verdict == "within the stated range"


def test_bin_whose_whole_interval_is_above_its_range_came_true_more_often():
    bin_ = bin_of(Likelihood.UNLIKELY, [judgment(Likelihood.UNLIKELY, Outcome.HAPPENED)] * 10)

    assert bin_.verdict == "came true more often than stated"


def test_bin_whose_interval_is_wholly_below_its_range_came_true_less_often():
    bin_ = bin_of(Likelihood.LIKELY, [judgment(Likelihood.LIKELY, Outcome.DID_NOT_HAPPEN)] * 10)

    assert bin_.verdict == "came true less often than stated"


def test_bin_outside_its_range_but_whose_interval_reaches_it_is_within_chance():
    judgments = [judgment(Likelihood.VERY_UNLIKELY, Outcome.HAPPENED)] * 3 + [
        judgment(Likelihood.VERY_UNLIKELY, Outcome.DID_NOT_HAPPEN)
    ] * 7
    bin_ = bin_of(Likelihood.VERY_UNLIKELY, judgments)

    assert bin_.verdict == "above the stated range, within the margin of chance"


def test_record_lists_its_thin_bins():
    record = scoring.record_of(
        [judgment(Likelihood.LIKELY, Outcome.HAPPENED)] * 10
        + [judgment(Likelihood.UNLIKELY, Outcome.HAPPENED)]
    )

    assert [b.term for b in record.thin_bins] == [Likelihood.UNLIKELY]
