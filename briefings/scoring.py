"""Keeping score of forecasts: Brier scores, calibration against the ICD 203 ranges, and
track records per author and for the whole desk.

The arithmetic is in pure functions of plain values. `track_record()` turns a QuerySet of
assessments into everything a track-record page shows in two queries, however many
judgments and authors there are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import (
    LIKELIHOOD_RANGES,
    Briefing,
    ForecastState,
    KeyJudgment,
    Likelihood,
    Outcome,
    PublicationStatus,
    display_name_from,
    forecast_state,
    stated_probability,
)

# What each outcome counts as in a Brier score; an unresolvable one counts as nothing.
OUTCOME_VALUES: dict[str, int] = {Outcome.HAPPENED: 1, Outcome.DID_NOT_HAPPEN: 0}

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
    return None if value is None else plain(value.quantize(SCORE_PLACES))


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
    def brier(self) -> Decimal | None:
        return brier_score(self.stated, self.outcome)

    @property
    def brier_display(self) -> Decimal | None:
        return rounded(self.brier)

    @property
    def public_briefings(self) -> list[BriefingRef]:
        return [briefing for briefing in self.briefings if briefing.is_public]


@dataclass
class Summary:
    """Counts and the mean Brier score of a set of judgments."""

    judgments: int = 0
    scored: int = 0
    unresolvable: int = 0
    pending: int = 0
    due: int = 0
    brier_sum: Decimal = Decimal(0)

    @property
    def resolved(self) -> int:
        return self.scored + self.unresolvable

    @property
    def mean_brier(self) -> Decimal | None:
        return rounded(self.brier_sum / self.scored) if self.scored else None

    def add(self, judgment: Judgment) -> None:
        self.judgments += 1
        if judgment.state == ForecastState.SCORED:
            self.scored += 1
            self.brier_sum += judgment.brier
        elif judgment.state == ForecastState.UNRESOLVABLE:
            self.unresolvable += 1
        else:
            self.pending += 1
            if judgment.state == ForecastState.DUE:
                self.due += 1


@dataclass
class CalibrationBin:
    """One likelihood term: its stated range against how often its judgments came true."""

    term: str
    label: str
    low: int
    high: int
    scored: int = 0
    happened: int = 0
    unresolvable: int = 0
    brier_sum: Decimal = Decimal(0)

    @property
    def share(self) -> Decimal | None:
        """The observed share that came true, 0..1; None with nothing resolved."""
        return Decimal(self.happened) / self.scored if self.scored else None

    @property
    def share_percent(self) -> Decimal | None:
        share = self.share
        return None if share is None else (share * 100).quantize(Decimal("0.1"))

    @property
    def mean_brier(self) -> Decimal | None:
        return rounded(self.brier_sum / self.scored) if self.scored else None

    @property
    def verdict(self) -> str:
        """In words, for readers who cannot see the chart."""
        share = self.share_percent
        if share is None:
            return "no resolved judgments"
        if share > self.high:
            return "came true more often than stated"
        if share < self.low:
            return "came true less often than stated"
        return "within the stated range"


def calibration(judgments: Iterable[Judgment]) -> list[CalibrationBin]:
    """The seven ICD 203 terms, in order, each with the judgments stated in its terms."""
    bins = {
        term: CalibrationBin(term=term, label=Likelihood(term).label, low=low, high=high)
        for term, (low, high) in LIKELIHOOD_RANGES.items()
    }
    for judgment in judgments:
        term = judgment.term
        if term is None:
            continue
        bin_ = bins[term]
        if judgment.state == ForecastState.SCORED:
            bin_.scored += 1
            bin_.happened += OUTCOME_VALUES[judgment.outcome]
            bin_.brier_sum += judgment.brier
        elif judgment.state == ForecastState.UNRESOLVABLE:
            bin_.unresolvable += 1
    return list(bins.values())


@dataclass
class Record:
    """A track record: of the desk, or of one author."""

    summary: Summary
    calibration: list[CalibrationBin]
    author: Author | None = None


@dataclass
class TrackRecord:
    desk: Record
    authors: list[Record]
    judgments: list[Judgment]

    def of(self, author: Author) -> Record | None:
        return next((record for record in self.authors if record.author == author), None)

    @property
    def scored(self) -> list[Judgment]:
        return [j for j in self.judgments if j.state in (ForecastState.SCORED, ForecastState.UNRESOLVABLE)]

    @property
    def due(self) -> list[Judgment]:
        return [j for j in self.judgments if j.state == ForecastState.DUE]

    @property
    def pending(self) -> list[Judgment]:
        return [j for j in self.judgments if j.state == ForecastState.PENDING]


def record_of(judgments: list[Judgment], author: Author | None = None) -> Record:
    summary = Summary()
    for judgment in judgments:
        summary.add(judgment)
    return Record(summary=summary, calibration=calibration(judgments), author=author)


# --- From the database ---------------------------------------------------------------


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


def track_record(
    assessments: QuerySet, *, briefings: QuerySet, today: datetime.date, public: bool
) -> TrackRecord:
    """The track record of `assessments` (already filtered), with their authors taken from
    `briefings` only: a reader never learns who wrote a briefing they cannot see.

    Two queries: the judgments, then their briefings and those briefings' authors.
    """
    if "made_at" not in assessments.query.annotations:
        assessments = with_made_at(assessments, briefings)
    rows = list(
        assessments.forecasts()
        .order_by("-made_at", "-pk")
        .values(
            "pk",
            "statement",
            "likelihood",
            "probability",
            "confidence",
            "horizon",
            "outcome",
            "outcome_on",
            "made_at",
        )
    )
    judgments = {
        row["pk"]: Judgment(**row, state=forecast_state(row["outcome"], row["horizon"], today))
        for row in rows
    }
    if judgments:
        public_slugs = set()
        if not public:
            # Which of the briefings a reader could open, to link them; one small query only
            # on the staff page, which may also list drafts.
            public_slugs = set(Briefing.objects.published().values_list("slug", flat=True))
        links = (
            KeyJudgment.objects.filter(assessment__in=assessments.values("pk"), briefing__in=briefings)
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
        for assessment_id, slug, title, status, user_pk, first, last, username in links:
            judgment = judgments.get(assessment_id)
            if judgment is None:
                continue
            ref = BriefingRef(slug=slug, title=title, status=status, is_public=public or slug in public_slugs)
            if ref not in judgment.briefings:
                judgment.briefings.append(ref)
            if user_pk is not None:
                author = Author(pk=user_pk, name=display_name_from(first or "", last or "", username))
                if author not in judgment.authors:
                    judgment.authors.append(author)
    ordered = list(judgments.values())
    by_author: dict[Author, list[Judgment]] = {}
    for judgment in ordered:
        for author in judgment.authors:
            by_author.setdefault(author, []).append(judgment)
    authors = [
        record_of(items, author)
        for author, items in sorted(by_author.items(), key=lambda item: item[0].name.lower())
    ]
    return TrackRecord(desk=record_of(ordered), authors=authors, judgments=ordered)
