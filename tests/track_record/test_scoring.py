"""Brier scores, calibration bins and track-record aggregates."""

import datetime
from decimal import Decimal

import pytest

from briefings import models, scoring
from briefings.models import Likelihood, Outcome

from ..factories import AssessmentFactory, BriefingFactory, KeyJudgmentFactory, UserFactory
from ..helpers import judgment_in, resolved

MIDPOINTS = [
    (Likelihood.ALMOST_NO_CHANCE, Decimal("0.03")),
    (Likelihood.VERY_UNLIKELY, Decimal("0.125")),
    (Likelihood.UNLIKELY, Decimal("0.325")),
    (Likelihood.ROUGHLY_EVEN, Decimal("0.5")),
    (Likelihood.LIKELY, Decimal("0.675")),
    (Likelihood.VERY_LIKELY, Decimal("0.875")),
    (Likelihood.ALMOST_CERTAIN, Decimal("0.97")),
]
TODAY = datetime.date(2024, 1, 15)


# --- Arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(("term", "midpoint"), MIDPOINTS)
def test_each_term_states_the_midpoint_of_its_range(term, midpoint):
    assert scoring.stated_probability(term, None) == midpoint


@pytest.mark.parametrize(("term", "midpoint"), MIDPOINTS)
def test_brier_of_a_term_that_happened_is_one_minus_midpoint_squared(term, midpoint):
    assert (
        scoring.brier_score(scoring.stated_probability(term, None), Outcome.HAPPENED) == (1 - midpoint) ** 2
    )


@pytest.mark.parametrize(("term", "midpoint"), MIDPOINTS)
def test_brier_of_a_term_that_did_not_happen_is_midpoint_squared(term, midpoint):
    assert scoring.brier_score(scoring.stated_probability(term, None), Outcome.DID_NOT_HAPPEN) == midpoint**2


def test_unlikely_that_happened_scores_0_455625():
    assert scoring.brier_score(Decimal("0.325"), Outcome.HAPPENED) == Decimal("0.455625")


def test_almost_certain_that_happened_scores_0_0009():
    assert scoring.brier_score(Decimal("0.97"), Outcome.HAPPENED) == Decimal("0.0009")


def test_explicit_probability_is_scored_instead_of_the_midpoint():
    stated = scoring.stated_probability(Likelihood.UNLIKELY, 30)

    assert stated == Decimal("0.30")
    assert scoring.brier_score(stated, Outcome.HAPPENED) == Decimal("0.49")
    assert scoring.brier_score(stated, Outcome.DID_NOT_HAPPEN) == Decimal("0.09")


def test_explicit_probability_without_a_term_is_scored():
    assert scoring.brier_score(scoring.stated_probability("", 10), Outcome.DID_NOT_HAPPEN) == Decimal("0.01")


def test_certainty_proved_wrong_scores_one():
    assert scoring.brier_score(0, Outcome.HAPPENED) == 1
    assert scoring.brier_score(1, Outcome.DID_NOT_HAPPEN) == 1


def test_certainty_proved_right_scores_zero():
    assert scoring.brier_score(1, Outcome.HAPPENED) == 0
    assert scoring.brier_score(0, Outcome.DID_NOT_HAPPEN) == 0


def test_float_probability_is_scored_exactly():
    assert scoring.brier_score(0.1, Outcome.HAPPENED) == Decimal("0.81")


@pytest.mark.parametrize("outcome", [Outcome.AMBIGUOUS, Outcome.ANNULLED])
def test_ambiguous_or_annulled_outcome_has_no_score(outcome):
    assert scoring.brier_score(Decimal("0.5"), outcome) is None
    assert scoring.log_score(Decimal("0.5"), outcome) is None


def test_pending_judgment_has_no_score():
    assert scoring.brier_score(Decimal("0.5"), "") is None


def test_judgment_without_probability_has_no_score():
    assert scoring.brier_score(None, Outcome.HAPPENED) is None


def test_probability_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError):
        scoring.brier_score(Decimal("1.2"), Outcome.HAPPENED)


def test_explicit_probability_on_a_shared_boundary_is_binned_under_the_lower_term():
    assert scoring.term_for("", 5) == Likelihood.ALMOST_NO_CHANCE
    assert scoring.term_for("", 6) == Likelihood.VERY_UNLIKELY


def test_a_stated_term_wins_over_the_range_its_probability_falls_in():
    assert scoring.term_for(Likelihood.VERY_UNLIKELY, 5) == Likelihood.VERY_UNLIKELY


def test_scores_display_without_trailing_zeros_or_exponents():
    assert str(scoring.rounded(Decimal("0.250000"))) == "0.25"
    assert str(scoring.plain(Decimal("50.0"))) == "50"


# --- Calibration -----------------------------------------------------------------------


def judgment(term, outcome="", horizon=None, probability=None, pk=0):
    return scoring.Judgment(
        pk=pk,
        statement="",
        likelihood=term,
        probability=probability,
        confidence="moderate",
        horizon=horizon,
        outcome=outcome,
        outcome_on=None,
        made_at=None,
        state=models.forecast_state(outcome, horizon, TODAY),
    )


def test_calibration_has_the_seven_terms_in_order_even_when_empty():
    bins = scoring.calibration([])

    assert [b.term for b in bins] == [term for term, _ in MIDPOINTS]
    assert [(b.low, b.high) for b in bins][2] == (20, 45)
    assert all(b.scored == 0 and b.share is None for b in bins)


def test_calibration_counts_the_share_that_came_true_per_term():
    bins = {
        b.term: b
        for b in scoring.calibration(
            [
                judgment(Likelihood.LIKELY, Outcome.HAPPENED),
                judgment(Likelihood.LIKELY, Outcome.HAPPENED),
                judgment(Likelihood.LIKELY, Outcome.DID_NOT_HAPPEN),
                judgment(Likelihood.UNLIKELY, Outcome.DID_NOT_HAPPEN),
            ]
        )
    }

    assert (bins[Likelihood.LIKELY].happened, bins[Likelihood.LIKELY].scored) == (2, 3)
    assert bins[Likelihood.LIKELY].share_percent == Decimal("66.7")
    assert bins[Likelihood.UNLIKELY].share == 0


def test_calibration_leaves_out_unscored_and_pending_but_counts_unscored():
    (bin_,) = [
        b
        for b in scoring.calibration(
            [
                judgment(Likelihood.UNLIKELY, Outcome.AMBIGUOUS),
                judgment(Likelihood.UNLIKELY, Outcome.ANNULLED),
                judgment(Likelihood.UNLIKELY, ""),
                judgment(Likelihood.UNLIKELY, Outcome.HAPPENED),
            ]
        )
        if b.term == Likelihood.UNLIKELY
    ]

    assert (bin_.scored, bin_.happened, bin_.unscored) == (1, 1, 2)
    assert bin_.verdict == "too few to judge (fewer than 10 resolved)"
    assert bin_.mean_brier == Decimal("0.455625")


def test_calibration_bins_an_explicit_probability_by_its_range():
    bins = {b.term: b for b in scoring.calibration([judgment("", Outcome.HAPPENED, probability=90)])}

    assert bins[Likelihood.VERY_LIKELY].scored == 1


def test_summary_counts_resolved_pending_due_and_mean_brier():
    record = scoring.record_of(
        [
            judgment(Likelihood.UNLIKELY, Outcome.HAPPENED),
            judgment(Likelihood.LIKELY, Outcome.HAPPENED),
            judgment(Likelihood.LIKELY, Outcome.AMBIGUOUS),
            judgment(Likelihood.LIKELY, "", horizon=datetime.date(2023, 1, 1)),
            judgment(Likelihood.LIKELY, "", horizon=datetime.date(2030, 1, 1)),
        ]
    )
    summary = record.summary

    assert (summary.judgments, summary.resolved, summary.scored, summary.unscored) == (5, 3, 2, 1)
    assert (summary.pending, summary.due) == (2, 1)
    # (0.455625 + 0.105625) / 2
    assert summary.mean_brier == Decimal("0.280625")


def test_summary_of_nothing_scored_has_no_mean():
    assert scoring.record_of([judgment(Likelihood.LIKELY)]).summary.mean_brier is None


# --- Track records from the database ---------------------------------------------------


@pytest.mark.django_db
def test_track_record_gives_each_author_the_judgments_of_their_briefings():
    ada, bo = UserFactory(username="ada"), UserFactory(username="bo")
    first, second = BriefingFactory(published=True), BriefingFactory(published=True)
    # One by one: `add(ada, bo)` writes its rows in the order of a set of ids, which on
    # PostgreSQL (ids not reused between tests) is not always ada's first.
    first.authors.add(ada)
    first.authors.add(bo)
    second.authors.add(bo)
    shared = resolved(judgment_in(first, likelihood=Likelihood.UNLIKELY))
    judgment_in(second)

    record = scoring.track_record(
        models.Assessment.objects.published(),
        briefings=models.Briefing.objects.published(),
        today=TODAY,
        public=True,
    )

    per_author = {r.author.name: r.summary for r in record.authors}
    assert (per_author["ada"].judgments, per_author["ada"].scored) == (1, 1)
    assert (per_author["bo"].judgments, per_author["bo"].scored) == (2, 1)
    assert record.desk.summary.judgments == 2
    assert [
        a.name for a in next(j for j in record.judgments(record.resolved) if j.pk == shared.pk).authors
    ] == [
        "ada",
        "bo",
    ]


@pytest.mark.django_db
def test_track_record_leaves_out_judgments_without_a_probability():
    briefing = BriefingFactory(published=True)
    judgment_in(briefing, likelihood="", probability=None)
    judgment_in(briefing)

    record = scoring.track_record(
        models.Assessment.objects.published(),
        briefings=models.Briefing.objects.published(),
        today=TODAY,
        public=True,
    )

    assert record.desk.summary.judgments == 1


@pytest.mark.django_db
def test_track_record_never_names_the_author_of_an_unpublished_briefing():
    public, draft = BriefingFactory(published=True), BriefingFactory(title="Draft", slug="d", summary=".")
    draft.authors.add(UserFactory(username="hidden"))
    public.authors.add(UserFactory(username="shown"))
    assessment = judgment_in(public)
    KeyJudgmentFactory(briefing=draft, assessment=assessment)

    record = scoring.track_record(
        models.Assessment.objects.published(),
        briefings=models.Briefing.objects.published(),
        today=TODAY,
        public=True,
    )

    assert [r.author.name for r in record.authors] == ["shown"]


@pytest.mark.django_db
def test_track_record_figures_cost_two_queries_however_many_judgments_and_authors(django_assert_num_queries):
    for n in range(6):
        briefing = BriefingFactory(published=True)
        briefing.authors.add(UserFactory(username=f"author{n}"), UserFactory(username=f"co{n}"))
        for _ in range(3):
            resolved(judgment_in(briefing, likelihood=Likelihood.LIKELY))

    # One query counts the desk's forecasts by what their scores read, one each author's.
    with django_assert_num_queries(2):
        record = scoring.track_record(
            models.Assessment.objects.published(),
            briefings=models.Briefing.objects.published(),
            today=TODAY,
            public=True,
        )

    assert record.desk.summary.scored == 18
    assert len(record.authors) == 12


@pytest.mark.django_db
def test_made_at_is_when_the_judgment_was_first_published():
    early = BriefingFactory(published=True, published_at=datetime.datetime(2020, 9, 25, tzinfo=datetime.UTC))
    later = BriefingFactory(published=True, published_at=datetime.datetime(2021, 3, 1, tzinfo=datetime.UTC))
    assessment = judgment_in(later)
    KeyJudgmentFactory(briefing=early, assessment=assessment)

    annotated = scoring.with_made_at(models.Assessment.objects.all(), models.Briefing.objects.published())

    assert annotated.get(pk=assessment.pk).made_at == early.published_at


@pytest.mark.django_db
def test_made_at_of_a_never_published_judgment_is_when_it_was_written():
    assessment = AssessmentFactory()

    annotated = scoring.with_made_at(models.Assessment.objects.all(), models.Briefing.objects.all())

    assert annotated.get(pk=assessment.pk).made_at == assessment.created_at
