"""Keeping score of forecasts: Brier and log scores, the same scores of two reference
forecasters on the same questions, calibration against the ICD 203 ranges with a Wilson
interval around each observed share, and track records per author and for the whole desk.

Only forecasts that happened or did not are scored; an ambiguous or annulled one is counted
apart and left out of every score, mean, base rate and calibration bin.

The arithmetic is in pure functions of plain values. `track_record()` turns a QuerySet of
assessments into every figure a track-record page shows in two queries, however many
judgments and authors there are: the database counts the forecasts alike in all a figure
reads of them (`Tally`), and these functions score each group once; only an updated forecast
that was scored is scored on its own (three more queries, whatever their number). Its lists
are read a page at a time (`TrackRecord.resolved`, `.due`, `.pending`, `.judgments()`).
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .models import (
    LIKELIHOOD_RANGES,
    SCORED_OUTCOMES,
    UNSCORED_OUTCOMES,
    Briefing,
    ForecastState,
    ForecastUpdate,
    KeyJudgment,
    Likelihood,
    Outcome,
    PublicationStatus,
    display_name_from,
    forecast_state,
    stated_probability,
)
from .models.assessments import past_horizon_unresolved_q

# What each outcome counts as in a score; an ambiguous or annulled one counts as nothing.
OUTCOME_VALUES: dict[str, int] = {Outcome.HAPPENED: 1, Outcome.DID_NOT_HAPPEN: 0}

# Below these counts a score or a calibration bin is shown, but no skill is claimed from it:
# with fewer than about 30 resolved forecasts luck and skill cannot be told apart, and a bin
# of fewer than 10 has an interval too wide to say more than its width.
MIN_SCORED_FOR_SKILL = 30
MIN_SCORED_PER_BIN = 10

# The normal quantile of a two-sided 95% interval.
Z_95 = 1.959964

# Six places hold every midpoint's score exactly (0.325² = 0.105625), so a mean of one
# judgment reads the same as its score.
SCORE_PLACES = Decimal("0.000001")


def as_decimal(probability) -> Decimal:
    """A probability as a Decimal, from a Decimal, an int/float in 0..1, or a string."""
    if isinstance(probability, Decimal):
        return probability
    # str() first so that 0.1 stays 0.1 rather than its binary approximation.
    return Decimal(str(probability))


def brier_score(probability, outcome: str) -> Decimal | None:
    """(p - o)², with o 1 if it happened and 0 if it did not; None when it cannot be scored."""
    if probability is None or outcome not in OUTCOME_VALUES:
        return None
    p = as_decimal(probability)
    if not Decimal(0) <= p <= Decimal(1):
        raise ValueError(f"A probability lies between 0 and 1, not {p}.")
    return (p - OUTCOME_VALUES[outcome]) ** 2


def log_score(probability, outcome: str) -> Decimal | None:
    """ln of the probability given to what happened: ln(p) if it happened, ln(1 - p) if not.
    0 is perfect and higher is better; always saying 50% scores ln 0.5 ≈ -0.693147. None when
    it cannot be scored; a certainty proved wrong is minus infinity."""
    if probability is None or outcome not in OUTCOME_VALUES:
        return None
    p = as_decimal(probability)
    if not Decimal(0) <= p <= Decimal(1):
        raise ValueError(f"A probability lies between 0 and 1, not {p}.")
    given = p if OUTCOME_VALUES[outcome] else 1 - p
    return Decimal("-Infinity") if given == 0 else natural_log(given)


@functools.lru_cache(maxsize=4096)
def natural_log(value: Decimal) -> Decimal:
    """`value.ln()`, computed once per value: a track record takes the logarithm of the same
    few probabilities (terms' midpoints, round percentages) thousands of times, and Decimal's
    ln was most of the page's time (8 of 23 s under a profiler, 3,400 forecasts)."""
    return value.ln()


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval (95% by default) around successes / trials, as shares in
    0..1; None with no trials. Unlike the normal approximation it stays inside 0..1 and is
    honest about 0 of 3 or 3 of 3."""
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes cannot come from {trials} trials.")
    n, share = trials, successes / trials
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    # At 0 of n and n of n the bound is exactly 0 or 1; rounding must not move it off.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Estimate:
    """A probability a forecast stated, and since when it stood."""

    since: datetime.datetime
    probability: Decimal


def time_averaged(score, estimates: list[Estimate], until: datetime.datetime, outcome: str) -> Decimal | None:
    """The mean of `score(p, outcome)` over the estimates, each weighted by how long it stood:
    from its `since` to the next estimate's, the last one to `until`. When no time passed at
    all, the last estimate's score. None when the outcome is not scored or nothing was stated."""
    if outcome not in OUTCOME_VALUES or not estimates:
        return None
    estimates = sorted(estimates, key=lambda estimate: estimate.since)
    ends = [estimate.since for estimate in estimates[1:]] + [max(until, estimates[-1].since)]
    weights = [
        Decimal(str((end - estimate.since).total_seconds()))
        for estimate, end in zip(estimates, ends, strict=True)
    ]
    total = sum(weights, Decimal(0))
    if total <= 0:
        return score(estimates[-1].probability, outcome)
    return (
        sum(
            (
                weight * score(estimate.probability, outcome)
                for estimate, weight in zip(estimates, weights, strict=True)
            ),
            Decimal(0),
        )
        / total
    )


def scored_until(
    *, closes_on: datetime.date | None, outcome_on: datetime.date | None, default: datetime.datetime
) -> datetime.datetime:
    """When a forecast's last estimate stops counting: the end of the day forecasting closed
    or the outcome became known, whichever came first; `default` when neither is known."""
    days = [day for day in (closes_on, outcome_on) if day is not None]
    if not days:
        return default
    return datetime.datetime.combine(
        min(days) + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )


def forecast_scores(
    *,
    stated: Decimal | None,
    outcome: str,
    made_at: datetime.datetime | None = None,
    updates: list[Estimate] = (),
    closes_on: datetime.date | None = None,
    outcome_on: datetime.date | None = None,
) -> tuple[Decimal | None, Decimal | None]:
    """A forecast's Brier and log scores. With dated updates, each estimate (the first, stated
    from `made_at`, then each update) is scored for the time it stood; without, the one
    estimate it stated."""
    if not updates or made_at is None or stated is None:
        return brier_score(stated, outcome), log_score(stated, outcome)
    estimates = [Estimate(since=made_at, probability=stated), *updates]
    until = scored_until(closes_on=closes_on, outcome_on=outcome_on, default=max(e.since for e in estimates))
    return time_averaged(brier_score, estimates, until, outcome), time_averaged(
        log_score, estimates, until, outcome
    )


def term_for(likelihood: str, probability: int | None) -> str | None:
    """The likelihood term a judgment is binned under: its own, else the one whose range holds
    its explicit probability (on a shared boundary such as 5%, the lower term)."""
    if likelihood:
        return likelihood
    if probability is None:
        return None
    for term, (low, high) in LIKELIHOOD_RANGES.items():
        if low <= probability <= high:
            return term
    return None


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def plain(value: Decimal) -> Decimal:
    """Without trailing zeros, and never in exponent form (50, not 5E+1)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def rounded(value: Decimal | None) -> Decimal | None:
    """For display: six places at most, without trailing zeros (0.25, not 0.250000)."""
    if value is None or value.is_infinite():
        return value
    return plain(value.quantize(SCORE_PLACES))


def percent(share: float | Decimal | None) -> Decimal | None:
    """A share in 0..1 as a percentage to one place (66.7)."""
    return None if share is None else (Decimal(str(share)) * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class ReferenceScore:
    """How a forecaster who said the same probability every time would have scored on the same
    questions: the yardstick a sceptic compares the desk's mean scores with."""

    name: str
    explanation: str
    probability: Decimal
    mean_brier: Decimal
    mean_log: Decimal

    @property
    def probability_percent(self) -> Decimal:
        return plain((self.probability * 100).quantize(Decimal("0.1")))

    @property
    def mean_brier_display(self) -> Decimal:
        return rounded(self.mean_brier)

    @property
    def mean_log_display(self) -> Decimal:
        return rounded(self.mean_log)


def reference_scores(outcomes: Iterable[str]) -> list[ReferenceScore]:
    """The two reference forecasters on these outcomes (the scored ones only): always 50%,
    and always the base rate (the share of these same questions that came true). Empty when
    nothing is scored."""
    values = [OUTCOME_VALUES[o] for o in outcomes if o in OUTCOME_VALUES]
    return reference_scores_of(happened=sum(values), scored=len(values))


def reference_scores_of(*, happened: int, scored: int) -> list[ReferenceScore]:
    """`reference_scores()` from the counts alone: `scored` questions, `happened` of them
    true. A reference forecaster says the same probability every time, so its mean is the
    two outcomes' scores weighted by how often each came about."""
    if not scored:
        return []
    base = Decimal(happened) / scored
    forecasters = [
        ("Always 50%", "a coin toss: no knowledge at all", Decimal("0.5")),
        ("Always the base rate", "the share of these same questions that came true", base),
    ]
    counts = [(Outcome.HAPPENED, happened), (Outcome.DID_NOT_HAPPEN, scored - happened)]

    def mean_of(score, p: Decimal) -> Decimal:
        # An outcome that never came about adds nothing (not 0 × ln 0).
        return sum((score(p, outcome) * n for outcome, n in counts if n), Decimal(0)) / scored

    return [
        ReferenceScore(
            name=name,
            explanation=explanation,
            probability=p,
            mean_brier=mean_of(brier_score, p),
            mean_log=mean_of(log_score, p),
        )
        for name, explanation, p in forecasters
    ]


# --- What a track record is made of ----------------------------------------------------


@dataclass(frozen=True)
class Author:
    pk: int
    name: str


@dataclass(frozen=True)
class BriefingRef:
    slug: str
    title: str
    status: str
    is_public: bool

    @property
    def status_label(self) -> str:
        return PublicationStatus(self.status).label


@dataclass
class Judgment:
    """One scorable judgment as the track record sees it."""

    pk: int
    statement: str
    likelihood: str
    probability: int | None
    confidence: str
    horizon: datetime.date | None
    outcome: str
    outcome_on: datetime.date | None
    made_at: datetime.datetime | None
    state: str
    closes_on: datetime.date | None = None
    # Dated changes of the estimate since it was published, in order (`ForecastUpdate`).
    updates: list[Estimate] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    briefings: list[BriefingRef] = field(default_factory=list)

    @property
    def stated(self) -> Decimal | None:
        return stated_probability(self.likelihood, self.probability)

    @property
    def stated_percent(self) -> Decimal | None:
        stated = self.stated
        return None if stated is None else plain(stated * 100)

    @property
    def term(self) -> str | None:
        return term_for(self.likelihood, self.probability)

    @property
    def term_label(self) -> str:
        term = self.term
        return Likelihood(term).label if term else ""

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label if self.outcome else ""

    @property
    def scores(self) -> tuple[Decimal | None, Decimal | None]:
        """Brier and log score, time-averaged over the estimates when it was updated."""
        return forecast_scores(
            stated=self.stated,
            outcome=self.outcome,
            made_at=self.made_at,
            updates=self.updates,
            closes_on=self.closes_on,
            outcome_on=self.outcome_on,
        )

    @property
    def brier(self) -> Decimal | None:
        return self.scores[0]

    @property
    def brier_display(self) -> Decimal | None:
        return rounded(self.brier)

    @property
    def log(self) -> Decimal | None:
        return self.scores[1]

    @property
    def log_display(self) -> Decimal | None:
        return rounded(self.log)

    @property
    def public_briefings(self) -> list[BriefingRef]:
        return [briefing for briefing in self.briefings if briefing.is_public]

    @property
    def tally(self) -> Tally:
        """This one judgment, as the figures count it."""
        brier, log = self.scores if self.state == ForecastState.SCORED else (None, None)
        return Tally(term=self.term, state=self.state, outcome=self.outcome, brier=brier, log=log)


@dataclass(frozen=True)
class Tally:
    """`count` forecasts alike in all the figures read of them: the term they are binned
    under, where they stand, their outcome and, when scored, each one's Brier and log score.
    A desk's figures are sums over a few hundred tallies however many judgments it holds."""

    term: str | None
    state: str
    outcome: str
    count: int = 1
    brier: Decimal | None = None
    log: Decimal | None = None


@dataclass
class Summary:
    """Counts, mean scores and the reference forecasters' scores of a set of judgments."""

    judgments: int = 0
    scored: int = 0
    happened: int = 0
    ambiguous: int = 0
    annulled: int = 0
    pending: int = 0
    due: int = 0
    brier_sum: Decimal = Decimal(0)
    log_sum: Decimal = Decimal(0)

    @property
    def unscored(self) -> int:
        """Resolved as ambiguous or annulled: shown, never scored."""
        return self.ambiguous + self.annulled

    @property
    def resolved(self) -> int:
        return self.scored + self.unscored

    @property
    def mean_brier(self) -> Decimal | None:
        return rounded(self.brier_sum / self.scored) if self.scored else None

    @property
    def mean_log(self) -> Decimal | None:
        return rounded(self.log_sum / self.scored) if self.scored else None

    @property
    def base_rate_percent(self) -> Decimal | None:
        return percent(Decimal(self.happened) / self.scored) if self.scored else None

    @property
    def references(self) -> list[ReferenceScore]:
        return reference_scores_of(happened=self.happened, scored=self.scored)

    @property
    def too_few_for_skill(self) -> bool:
        """Fewer scored forecasts than skill can be claimed on (`MIN_SCORED_FOR_SKILL`)."""
        return self.scored < MIN_SCORED_FOR_SKILL

    @property
    def min_for_skill(self) -> int:
        return MIN_SCORED_FOR_SKILL

    def add(self, tally: Tally) -> None:
        n = tally.count
        self.judgments += n
        if tally.state == ForecastState.SCORED:
            self.scored += n
            self.happened += OUTCOME_VALUES[tally.outcome] * n
            self.brier_sum += tally.brier * n
            self.log_sum += tally.log * n
        elif tally.state == ForecastState.UNSCORED:
            if tally.outcome == Outcome.ANNULLED:
                self.annulled += n
            else:
                self.ambiguous += n
        else:
            self.pending += n
            if tally.state == ForecastState.DUE:
                self.due += n


@dataclass
class CalibrationBin:
    """One likelihood term: its stated range against how often its judgments came true, with
    the Wilson interval around that share and how many judgments it rests on."""

    term: str
    label: str
    low: int
    high: int
    scored: int = 0
    happened: int = 0
    unscored: int = 0
    brier_sum: Decimal = Decimal(0)

    @property
    def share(self) -> Decimal | None:
        """The observed share that came true, 0..1; None with nothing resolved."""
        return Decimal(self.happened) / self.scored if self.scored else None

    @property
    def share_percent(self) -> Decimal | None:
        return percent(self.share)

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% Wilson interval around the share, 0..1."""
        return wilson_interval(self.happened, self.scored)

    @property
    def interval_low_percent(self) -> Decimal | None:
        interval = self.interval
        return None if interval is None else percent(interval[0])

    @property
    def interval_high_percent(self) -> Decimal | None:
        interval = self.interval
        return None if interval is None else percent(interval[1])

    @property
    def too_few(self) -> bool:
        """Resolved judgments, but fewer than a finding can rest on (`MIN_SCORED_PER_BIN`)."""
        return 0 < self.scored < MIN_SCORED_PER_BIN

    @property
    def mean_brier(self) -> Decimal | None:
        return rounded(self.brier_sum / self.scored) if self.scored else None

    @property
    def verdict(self) -> str:
        """In words, for readers who cannot see the chart. A share outside the band is called
        a miss only when its whole interval is outside too; a bin of fewer than 10 is no finding."""
        share = self.share_percent
        if share is None:
            return "no resolved judgments"
        if self.too_few:
            return f"too few to judge (fewer than {MIN_SCORED_PER_BIN} resolved)"
        if self.low <= share <= self.high:
            return "within the stated range"
        if share > self.high:
            if self.interval_low_percent > self.high:
                return "came true more often than stated"
            return "above the stated range, within the margin of chance"
        if self.interval_high_percent < self.low:
            return "came true less often than stated"
        return "below the stated range, within the margin of chance"


def calibration(judgments: Iterable[Judgment]) -> list[CalibrationBin]:
    """The seven ICD 203 terms, in order, each with the judgments stated in its terms."""
    return calibration_of(judgment.tally for judgment in judgments)


def calibration_of(tallies: Iterable[Tally]) -> list[CalibrationBin]:
    """`calibration()` of tallies: each adds its count to the bin of its term."""
    bins = {
        term: CalibrationBin(term=term, label=Likelihood(term).label, low=low, high=high)
        for term, (low, high) in LIKELIHOOD_RANGES.items()
    }
    for tally in tallies:
        if tally.term is None:
            continue
        bin_ = bins[tally.term]
        if tally.state == ForecastState.SCORED:
            bin_.scored += tally.count
            bin_.happened += OUTCOME_VALUES[tally.outcome] * tally.count
            bin_.brier_sum += tally.brier * tally.count
        elif tally.state == ForecastState.UNSCORED:
            bin_.unscored += tally.count
    return list(bins.values())


@dataclass
class Record:
    """A track record: of the desk, or of one author."""

    summary: Summary
    calibration: list[CalibrationBin]
    author: Author | None = None

    @property
    def thin_bins(self) -> list[CalibrationBin]:
        """The bins with resolved judgments but too few to read."""
        return [bin_ for bin_ in self.calibration if bin_.too_few]

    @property
    def min_per_bin(self) -> int:
        return MIN_SCORED_PER_BIN


@dataclass
class TrackRecord:
    """The figures of a selection of forecasts, the desk's and each author's, and the
    selection itself, from which the page reads one page of judgments at a time."""

    desk: Record
    authors: list[Record]
    forecasts: QuerySet
    briefings: QuerySet
    today: datetime.date
    public: bool

    def of(self, author: Author) -> Record | None:
        return next((record for record in self.authors if record.author == author), None)

    @property
    def resolved(self) -> QuerySet:
        """Scored, ambiguous or annulled: every judgment with an outcome, as rows."""
        return judgment_rows(self.forecasts.filter(outcome__in=[*SCORED_OUTCOMES, *UNSCORED_OUTCOMES]))

    @property
    def due(self) -> QuerySet:
        return judgment_rows(self.forecasts.due(self.today))

    @property
    def pending(self) -> QuerySet:
        """Without an outcome and not yet due."""
        return judgment_rows(self.forecasts.filter(outcome="").exclude(past_horizon_unresolved_q(self.today)))

    @property
    def due_then_pending(self) -> QuerySet:
        """Every judgment without an outcome, those due first."""
        return judgment_rows(
            self.forecasts.filter(outcome="").annotate(is_due=due_flag(self.today)), first="-is_due"
        )

    def judgments(self, rows: Iterable[dict]) -> list[Judgment]:
        """The rows of a listed page (`resolved`, `due`...) as judgments, with their dated
        updates, briefings and authors: a query for each, whatever the rows' number."""
        judgments = {
            row["pk"]: Judgment(
                **{name: row[name] for name in JUDGMENT_FIELDS},
                state=forecast_state(row["outcome"], row["horizon"], self.today),
            )
            for row in rows
        }
        if not judgments:
            return []
        estimate_updates(judgments, [row["pk"] for row in rows if row["has_updates"]])
        links = list(
            KeyJudgment.objects.filter(assessment__in=list(judgments), briefing__in=self.briefings)
            .order_by("briefing__published_at", "briefing__pk")
            .values_list(
                "assessment_id",
                "briefing__slug",
                "briefing__title",
                "briefing__status",
                "briefing__authors__pk",
                "briefing__authors__first_name",
                "briefing__authors__last_name",
                "briefing__authors__username",
            )
        )
        public_slugs = set()
        if not self.public and links:
            # Which of the briefings a reader could open, to link them: only the staff page
            # lists drafts.
            public_slugs = set(
                Briefing.objects.published()
                .filter(slug__in={link[1] for link in links})
                .values_list("slug", flat=True)
            )
        for assessment_id, slug, title, status, user_pk, first, last, username in links:
            judgment = judgments[assessment_id]
            ref = BriefingRef(
                slug=slug, title=title, status=status, is_public=self.public or slug in public_slugs
            )
            if ref not in judgment.briefings:
                judgment.briefings.append(ref)
            if user_pk is not None:
                author = Author(pk=user_pk, name=display_name_from(first or "", last or "", username))
                if author not in judgment.authors:
                    judgment.authors.append(author)
        return list(judgments.values())


def record_of(judgments: list[Judgment], author: Author | None = None) -> Record:
    """The record of these judgments, each counted once."""
    return record_of_tallies([judgment.tally for judgment in judgments], author)


def record_of_tallies(tallies: list[Tally], author: Author | None = None) -> Record:
    summary = Summary()
    for tally in tallies:
        summary.add(tally)
    return Record(summary=summary, calibration=calibration_of(tallies), author=author)


# --- From the database ---------------------------------------------------------------

# What a listed judgment is read with: plain values, never a model instance.
JUDGMENT_FIELDS = (
    "pk",
    "statement",
    "likelihood",
    "probability",
    "confidence",
    "horizon",
    "outcome",
    "outcome_on",
    "made_at",
    "closes_on",
)


def with_made_at(assessments: QuerySet, briefings: QuerySet) -> QuerySet:
    """Annotate `made_at`: when the judgment was first published in one of `briefings`, or,
    for one never published, when it was written. The period filter uses it."""
    first_published = (
        KeyJudgment.objects.filter(
            assessment=OuterRef("pk"), briefing__in=briefings, briefing__published_at__isnull=False
        )
        .order_by("briefing__published_at")
        .values("briefing__published_at")[:1]
    )
    return assessments.annotate(made_at=Coalesce(Subquery(first_published), F("created_at")))


def due_flag(today: datetime.date, prefix: str = "") -> Case:
    """True for a forecast that is due: for the forecasts only (`AssessmentQuerySet.due()`)."""
    return Case(
        When(past_horizon_unresolved_q(today, prefix), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def judgment_rows(forecasts: QuerySet, *, first: str | None = None) -> QuerySet:
    """Forecasts as the rows a list shows, the latest made first."""
    order = [first] if first else []
    return (
        forecasts.annotate(has_updates=Exists(ForecastUpdate.objects.filter(assessment=OuterRef("pk"))))
        .order_by(*order, "-made_at", "-pk")
        .values(*JUDGMENT_FIELDS, "has_updates")
    )


def estimate_updates(judgments: dict[int, Judgment], updated: list[int]) -> None:
    """Give each of the `updated` judgments its dated updates, in order: one query, only
    when there are some."""
    if not updated:
        return
    for assessment_id, made_at, probability in (
        ForecastUpdate.objects.filter(assessment__in=updated)
        .order_by("made_at", "pk")
        .values_list("assessment_id", "made_at", "probability")
    ):
        judgments[assessment_id].updates.append(
            Estimate(since=made_at, probability=Decimal(probability) / 100)
        )


def track_record(
    assessments: QuerySet, *, briefings: QuerySet, today: datetime.date, public: bool
) -> TrackRecord:
    """The track record of `assessments` (already filtered), with their authors taken from
    `briefings` only: a reader never learns who wrote a briefing they cannot see.

    The database counts the forecasts alike in all a figure reads of them (term and
    probability, outcome, whether due, whether updated), for the desk in one query and for
    each author in another; the scores are then this module's functions of each group's
    values, times its count. Only a scored forecast that was updated is scored on its own,
    its estimates weighted by the time each stood: one query for those, one for their
    updates and one for their authors, when there are some.
    """
    if "made_at" not in assessments.query.annotations:
        assessments = with_made_at(assessments, briefings)
    forecasts = assessments.forecasts()
    keys = ("likelihood", "probability", "outcome", "is_due", "is_updated")
    desk_groups = list(
        forecasts.annotate(
            is_due=due_flag(today),
            is_updated=Exists(ForecastUpdate.objects.filter(assessment=OuterRef("pk"))),
        )
        .order_by()
        .values(*keys)
        .annotate(count=Count("pk"))
    )
    # A judgment counts for every author of a briefing (of `briefings`) showing it, once each.
    author_groups = list(
        forecasts.filter(briefing_links__briefing__in=briefings)
        .annotate(
            is_due=due_flag(today),
            is_updated=Exists(ForecastUpdate.objects.filter(assessment=OuterRef("pk"))),
        )
        .order_by()
        .values(
            "briefing_links__briefing__authors",
            "briefing_links__briefing__authors__first_name",
            "briefing_links__briefing__authors__last_name",
            "briefing_links__briefing__authors__username",
            *keys,
        )
        .annotate(count=Count("pk", distinct=True))
    )
    scores: dict[tuple, tuple] = {}

    def tally(likelihood, probability, outcome, is_due, count) -> Tally:
        state = ForecastState.DUE if is_due else forecast_state(outcome, None, today)
        brier = log = None
        if state == ForecastState.SCORED:
            key = (likelihood, probability, outcome)
            if key not in scores:
                scores[key] = forecast_scores(
                    stated=stated_probability(likelihood, probability), outcome=outcome
                )
            brier, log = scores[key]
        return Tally(
            term=term_for(likelihood, probability),
            state=state,
            outcome=outcome,
            count=count,
            brier=brier,
            log=log,
        )

    def scored_alone(outcome, is_updated) -> bool:
        return is_updated and outcome in SCORED_OUTCOMES

    desk = [
        tally(g["likelihood"], g["probability"], g["outcome"], g["is_due"], g["count"])
        for g in desk_groups
        if not scored_alone(g["outcome"], g["is_updated"])
    ]
    by_author: dict[int, list[Tally]] = {}
    names: dict[int, Author] = {}
    for g in author_groups:
        user_pk = g["briefing_links__briefing__authors"]
        if user_pk is None:
            continue
        names[user_pk] = Author(
            pk=user_pk,
            name=display_name_from(
                g["briefing_links__briefing__authors__first_name"] or "",
                g["briefing_links__briefing__authors__last_name"] or "",
                g["briefing_links__briefing__authors__username"],
            ),
        )
        tallies = by_author.setdefault(user_pk, [])
        if not scored_alone(g["outcome"], g["is_updated"]):
            tallies.append(tally(g["likelihood"], g["probability"], g["outcome"], g["is_due"], g["count"]))
    if any(scored_alone(g["outcome"], g["is_updated"]) for g in desk_groups):
        alone = forecasts.filter(outcome__in=SCORED_OUTCOMES).filter(
            Exists(ForecastUpdate.objects.filter(assessment=OuterRef("pk")))
        )
        judgments = {
            row["pk"]: Judgment(**row, state=ForecastState.SCORED)
            for row in alone.order_by().values(*JUDGMENT_FIELDS)
        }
        estimate_updates(judgments, list(judgments))
        for judgment in judgments.values():
            desk.append(judgment.tally)
        for assessment_id, user_pk in (
            KeyJudgment.objects.filter(
                briefing__in=briefings, assessment__in=list(judgments), briefing__authors__isnull=False
            )
            .values_list("assessment_id", "briefing__authors")
            .distinct()
        ):
            by_author.setdefault(user_pk, []).append(judgments[assessment_id].tally)
    authors = [
        record_of_tallies(by_author[user_pk], names[user_pk])
        for user_pk in sorted(names, key=lambda pk: (names[pk].name.lower(), pk))
    ]
    return TrackRecord(
        desk=record_of_tallies(desk),
        authors=authors,
        forecasts=forecasts,
        briefings=briefings,
        today=today,
        public=public,
    )
