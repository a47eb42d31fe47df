"""Fixtures of the track record's tests: a desk of varied forecasts, built at any size."""

import datetime

import pytest

from briefings.models import Likelihood, Outcome

from ..factories import BriefingFactory, ForecastUpdateFactory, KeyJudgmentFactory, UserFactory
from ..helpers import judgment_in, resolved

PAST_HORIZON = datetime.date(2023, 1, 1)
FUTURE_HORIZON = datetime.date(2030, 1, 1)


def day(year: int, month: int, day_: int = 1) -> datetime.datetime:
    return datetime.datetime(year, month, day_, 9, tzinfo=datetime.UTC)


@pytest.fixture
def varied_desk(db):
    """`build(copies)` writes `copies` times over a desk of every kind of forecast the figures
    read: each likelihood term with each outcome (ambiguous and annulled with their reason),
    pending and due; explicit probabilities with and without a term; forecasts updated once
    or twice (scored, and still pending); a judgment shown by two briefings of one author and
    by briefings of two authors; a non-forecast; a draft the public page leaves out. Authors
    are made once. The latest copy's updated forecast heads the resolved list, so that every
    size of desk shows one on the first page (its estimate history costs a query)."""
    authors = [
        UserFactory(username="ada", first_name="Ada", last_name="Lovelace"),
        UserFactory(username="bo"),
        UserFactory(username="cy", first_name="Cy", last_name="Young"),
    ]

    def briefing(published_at, *writers, published=True):
        made = BriefingFactory(published=published, published_at=published_at)
        for writer in writers:
            made.authors.add(writer)
        return made

    def build(copies: int) -> None:
        ada, bo, cy = authors
        for copy in range(copies):
            early = briefing(day(2021, 1 + copy % 12), ada)
            later = briefing(day(2022, 1 + copy % 12), bo, cy)
            unsigned = briefing(day(2020, 6))
            draft = briefing(None, cy, published=False)
            for n, term in enumerate(Likelihood.values):
                home = (early, later, unsigned)[n % 3]
                resolved(judgment_in(home, likelihood=term), Outcome.HAPPENED)
                resolved(judgment_in(home, likelihood=term), Outcome.DID_NOT_HAPPEN)
                resolved(judgment_in(home, likelihood=term), Outcome.AMBIGUOUS, note="Asked badly.")
                resolved(judgment_in(home, likelihood=term), Outcome.ANNULLED, note="No election.")
                judgment_in(home, likelihood=term, horizon=FUTURE_HORIZON)
                judgment_in(home, likelihood=term, horizon=PAST_HORIZON)
            for probability, outcome in [
                (5, Outcome.HAPPENED),
                (37, Outcome.DID_NOT_HAPPEN),
                (90, Outcome.HAPPENED),
            ]:
                resolved(judgment_in(later, likelihood="", probability=probability), outcome)
                resolved(judgment_in(early, likelihood=Likelihood.UNLIKELY, probability=probability), outcome)
            # Updated forecasts: once, twice, and one still pending.
            once = judgment_in(early, likelihood="", probability=20, closes_on=None)
            ForecastUpdateFactory(assessment=once, probability=80, made_at=day(2021, 1 + copy % 12, 20))
            resolved(once, Outcome.HAPPENED, on=datetime.date(2022, 2, 9))
            twice = judgment_in(later, likelihood=Likelihood.LIKELY, closes_on=datetime.date(2022, 11, 30))
            ForecastUpdateFactory(assessment=twice, probability=40, made_at=day(2022, 1 + copy % 12, 15))
            ForecastUpdateFactory(assessment=twice, probability=15, made_at=day(2022, 1 + copy % 12, 25))
            resolved(twice, Outcome.DID_NOT_HAPPEN, on=datetime.date(2023, 3, 1))
            pending = judgment_in(later, likelihood=Likelihood.VERY_LIKELY, horizon=FUTURE_HORIZON)
            ForecastUpdateFactory(assessment=pending, probability=60, made_at=day(2022, 3))
            # Shown twice by one author, and by two briefings of different authors.
            shared = resolved(judgment_in(early, likelihood=Likelihood.VERY_UNLIKELY), Outcome.HAPPENED)
            KeyJudgmentFactory(briefing=briefing(day(2023, 1), ada), assessment=shared)
            KeyJudgmentFactory(briefing=later, assessment=shared)
            judgment_in(early, likelihood="", probability=None)
            resolved(judgment_in(draft, likelihood=Likelihood.LIKELY), Outcome.HAPPENED)
            judgment_in(draft, likelihood=Likelihood.UNLIKELY, horizon=PAST_HORIZON)

    return build
