"""What a page says about a judgment's outcome: resolved (with its evidence and score), due,
or pending. For the briefing, country, actor and event pages and the track record alike,
in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, Min, OuterRef
from django.urls import reverse
from django.utils import timezone

from ..models import (
    ANONYMOUS,
    Event,
    Excerpt,
    ForecastState,
    ForecastUpdate,
    KeyJudgment,
    OutcomeEntry,
    OutcomeEntryKind,
    ReaderContext,
)
from ..scoring import Estimate, forecast_scores, plain, rounded
from ..services.outcomes import outcome_final_at


@dataclass
class EventRef:
    """An event as a line of evidence: linked where a reader may open its page."""

    title: str
    date_label: str
    url: str | None


@dataclass
class OutcomeExcerpt:
    """A passage that reports what became of a forecast."""

    text: str
    source_title: str
    source_url: str
    grade: str


@dataclass
class EstimateChange:
    """A dated update of a published forecast's estimate, as readers see it."""

    probability: int
    made_at: datetime.datetime
    reason: str


@dataclass
class LogEntry:
    """An entry of a forecast's resolution log, as readers see it (dated, without names)."""

    kind: str
    outcome_label: str
    at: datetime.datetime
    note: str

    @property
    def is_dispute(self) -> bool:
        return self.kind == OutcomeEntryKind.DISPUTED


@dataclass
class JudgmentOutcome:
    """What a page says about a judgment's outcome: resolved (with evidence), due, or pending."""

    state: str
    outcome: str = ""
    outcome_label: str = ""
    outcome_on: datetime.date | None = None
    note: str = ""
    resolved_early_reason: str = ""
    horizon: datetime.date | None = None
    stated: Decimal | None = None
    brier: Decimal | None = None
    log: Decimal | None = None
    # The estimate's history: when it was first published, and each dated update since.
    first_published: datetime.datetime | None = None
    updates: list[EstimateChange] = field(default_factory=list)
    # The resolution log, and when the resolution becomes final unless disputed before.
    resolution_log: list[LogEntry] = field(default_factory=list)
    final_at: datetime.datetime | None = None
    events: list[EventRef] = field(default_factory=list)
    excerpts: list[OutcomeExcerpt] = field(default_factory=list)

    @property
    def is_resolved(self) -> bool:
        return self.state in (ForecastState.SCORED, ForecastState.UNSCORED)

    @property
    def is_unscored(self) -> bool:
        """Ambiguous or annulled: shown with its reason, never scored."""
        return self.state == ForecastState.UNSCORED

    @property
    def open_dispute(self) -> LogEntry | None:
        log = self.resolution_log
        return log[-1] if log and log[-1].is_dispute else None

    @property
    def is_provisional(self) -> bool:
        """Resolved, but still open to a dispute (its period has not passed) or disputed."""
        if self.open_dispute is not None:
            return True
        return self.final_at is not None and timezone.now() < self.final_at

    @property
    def is_due(self) -> bool:
        return self.state == ForecastState.DUE

    @property
    def stated_percent(self) -> Decimal | None:
        return None if self.stated is None else plain(self.stated * 100)

    @property
    def current_percent(self) -> Decimal | None:
        """The estimate standing now: the last update's, else the one first stated."""
        return Decimal(self.updates[-1].probability) if self.updates else self.stated_percent


def judgment_outcomes(
    assessments, *, public: bool = True, today=None, reader: ReaderContext = ANONYMOUS
) -> dict[int, JudgmentOutcome]:
    """Outcome, score, estimate history and evidence of each of `assessments` (instances
    already loaded), in a fixed number of queries whatever their number: one for the dated
    updates, one more for when the updated ones were first published, and for resolved ones
    one for their resolution logs and two for their evidence. A forecast that was updated is
    scored for the time each estimate stood. With `public`, only the evidence a reader may
    see is listed (what a published briefing shows); staff see all of it, what readers cannot
    open linked to the admin."""
    today = today or timezone.localdate()
    outcomes: dict[int, JudgmentOutcome] = {}
    forecasts = [assessment for assessment in assessments if assessment.is_forecast]
    updates: dict[int, list[EstimateChange]] = {}
    if forecasts:
        for update in ForecastUpdate.objects.filter(assessment__in=[a.pk for a in forecasts]).order_by(
            "made_at", "pk"
        ):
            updates.setdefault(update.assessment_id, []).append(
                EstimateChange(probability=update.probability, made_at=update.made_at, reason=update.reason)
            )
    first_published = (
        dict(
            KeyJudgment.objects.filter(assessment__in=list(updates), briefing__published_at__isnull=False)
            .values("assessment")
            .annotate(first=Min("briefing__published_at"))
            .values_list("assessment", "first")
        )
        if updates
        else {}
    )
    for assessment in forecasts:
        changes = updates.get(assessment.pk, [])
        brier, log = forecast_scores(
            stated=assessment.stated_probability,
            outcome=assessment.outcome,
            made_at=first_published.get(assessment.pk),
            updates=[Estimate(since=c.made_at, probability=Decimal(c.probability) / 100) for c in changes],
            closes_on=assessment.closes_on,
            outcome_on=assessment.outcome_on,
        )
        outcomes[assessment.pk] = JudgmentOutcome(
            state=assessment.forecast_state(today),
            outcome=assessment.outcome,
            outcome_label=assessment.get_outcome_display() if assessment.outcome else "",
            outcome_on=assessment.outcome_on,
            note=assessment.outcome_note,
            resolved_early_reason=assessment.resolved_early_reason,
            horizon=assessment.horizon,
            stated=assessment.stated_probability,
            brier=rounded(brier),
            log=rounded(log),
            first_published=first_published.get(assessment.pk),
            updates=changes,
        )
    resolved = [pk for pk, outcome in outcomes.items() if outcome.is_resolved]
    if not resolved:
        return outcomes
    for entry in OutcomeEntry.objects.filter(assessment__in=resolved).order_by("at", "pk"):
        outcomes[entry.assessment_id].resolution_log.append(
            LogEntry(kind=entry.kind, outcome_label=entry.get_outcome_display(), at=entry.at, note=entry.note)
        )
    for assessment in forecasts:
        if assessment.pk in resolved and outcomes[assessment.pk].resolution_log:
            outcomes[assessment.pk].final_at = outcome_final_at(assessment=assessment)
    # Evidence is shown to readers only where a published briefing shows it: recording an
    # outcome does not publish a draft's event or excerpt.
    events = Event.objects.filter(resolved_assessments__in=resolved).annotate(
        for_assessment=F("resolved_assessments"),
        is_visible=Exists(Event.objects.visible_to(reader).filter(pk=OuterRef("pk"))),
    )
    excerpts = Excerpt.objects.filter(resolved_assessments__in=resolved).annotate(
        for_assessment=F("resolved_assessments"),
        is_visible=Exists(Excerpt.objects.visible_to(reader).filter(pk=OuterRef("pk"))),
    )
    for event in events.order_by("date", "pk"):
        if event.is_visible:
            url = event.get_absolute_url()
        elif public:
            continue
        else:
            url = reverse("admin:briefings_event_change", args=[event.pk])
        outcomes[event.for_assessment].events.append(
            EventRef(title=event.title, date_label=event.display_date, url=url)
        )
    for excerpt in excerpts.select_related("source").order_by("source__published_on", "pk"):
        if public and not excerpt.is_visible:
            continue
        outcomes[excerpt.for_assessment].excerpts.append(
            OutcomeExcerpt(
                text=excerpt.text,
                source_title=excerpt.source.title,
                source_url=excerpt.source.address,
                grade=excerpt.grade,
            )
        )
    return outcomes


def attach_judgment_outcomes(
    assessments, *, public: bool = True, today=None, reader: ReaderContext = ANONYMOUS
) -> list:
    """Set `.tracked` (a JudgmentOutcome, or None) on each assessment instance, for
    templates that loop over judgments: `{% include "briefings/_judgment_outcome.html"
    with outcome=judgment.tracked %}`."""
    assessments = list(assessments)
    outcomes = judgment_outcomes(assessments, public=public, today=today, reader=reader)
    for assessment in assessments:
        assessment.tracked = outcomes.get(assessment.pk)
    return assessments
