"""Assessments: analytic judgments written to ICD 203, and what became of those that are
forecasts. Whether a judgment is a forecast, the probability it stated and where it stands
(scored, due, pending) are defined here once, for plain values and for rows alike."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from ..markdown import render_markdown, validate_markdown
from .actors import Actor
from .base import ShownByBriefingsQuerySet, VersionedModel, WriteSignallingQuerySet, marking_field
from .choices import (
    LIKELIHOOD_RANGES,
    SCORED_OUTCOMES,
    UNSCORED_OUTCOMES,
    Confidence,
    ForecastState,
    Likelihood,
    Outcome,
    OutcomeEntryKind,
    Tlp,
)
from .events import Event
from .geography import Country
from .sources import Excerpt


def is_forecast(likelihood: str, probability: int | None) -> bool:
    """A judgment is a forecast, and can be scored, when it states a probability, in words
    or as a number; `AssessmentQuerySet.forecasts()` is the same rule in SQL."""
    return bool(likelihood) or probability is not None


def stated_probability(likelihood: str, probability: int | None) -> Decimal | None:
    """The probability a judgment stated: the explicit one, else the midpoint of its range."""
    if probability is not None:
        return Decimal(probability) / 100
    rng = LIKELIHOOD_RANGES.get(likelihood)
    if rng is None:
        return None
    return Decimal(rng[0] + rng[1]) / 200


def forecast_state(outcome: str, horizon: datetime.date | None, today: datetime.date) -> str:
    """Where a forecast stands: scored, resolved but unscored (ambiguous or annulled), due (its
    horizon passed with no outcome; `AssessmentQuerySet.due()` in SQL) or pending."""
    if outcome in SCORED_OUTCOMES:
        return ForecastState.SCORED
    if outcome in UNSCORED_OUTCOMES:
        return ForecastState.UNSCORED
    if horizon is not None and horizon < today:
        return ForecastState.DUE
    return ForecastState.PENDING


def past_horizon_unresolved_q(today: datetime.date, prefix: str = "") -> Q:
    """What makes a forecast due, in SQL (`forecast_state()`'s DUE, `AssessmentQuerySet.due()`):
    no outcome and a horizon before `today`. `prefix` reaches the judgment through a relation
    ("assessment__")."""
    return Q(**{f"{prefix}outcome": "", f"{prefix}horizon__lt": today})


# The fields that record what became of a forecast, and its evidence: written only by
# `services.outcomes`, on the judgment's outcome page, and left alone by a restore.
OUTCOME_FIELDS = [
    "outcome",
    "outcome_on",
    "outcome_note",
    "resolved_early_reason",
    "outcome_recorded_by",
    "outcome_recorded_at",
]
OUTCOME_EVIDENCE = ["outcome_events", "outcome_excerpts"]
# What a forecast said: frozen once readers have seen it or its outcome is recorded, for
# editors too and through a restore (`services.forecasts.estimate_fields_frozen`); a changed
# estimate is a dated update.
ESTIMATE_FIELDS = ["likelihood", "probability", "horizon"]

# How a forecast will be decided: the fields the admin asks for on a forecast and a reader
# sees under it ("How this will be decided"); all but the fine print are needed to publish it.
QUESTION_FIELDS = ["question", "resolution_source", "fine_print", "closes_on", "resolves_on"]
# Each needed field, as a refusal names it.
REQUIRED_QUESTION_FIELDS = {
    "question": "the question in checkable words",
    "resolution_source": "who or what decides it (the resolution source)",
    "closes_on": "the date forecasting closes",
    "resolves_on": "the date it resolves",
}


class AssessmentQuerySet(ShownByBriefingsQuerySet):
    # A reader sees the key judgments of a published briefing.
    briefing_paths = ("judgment_links__assessment",)

    def forecasts(self):
        """Judgments that state a probability (`is_forecast()`), and so can be scored."""
        return self.exclude(likelihood="", probability__isnull=True)

    def due(self, today=None):
        """Forecasts whose horizon has passed with no outcome recorded: they await an editor."""
        return self.forecasts().filter(past_horizon_unresolved_q(today or timezone.localdate()))


class Assessment(VersionedModel):
    """An analytic judgment written to ICD 203: likelihood and confidence, stated apart."""

    statement = models.TextField(
        help_text="The judgment in one sentence, e.g. “Russia is unlikely to deploy private "
        "military contractors to the Sahel.”"
    )
    likelihood = models.CharField(
        max_length=20,
        choices=Likelihood.choices,
        blank=True,
        help_text=(
            "How probable the analyst judges it, in ICD 203's terms: almost no chance (1-5%), "
            "very unlikely (5-20%), unlikely (20-45%), roughly even chance (45-55%), likely "
            "(55-80%), very likely (80-95%), almost certain (95-99%). Leave empty for a "
            "judgment that is not a probability."
        ),
    )
    probability = models.PositiveSmallIntegerField(
        "explicit probability (%)",
        null=True,
        blank=True,
        help_text="Optional: a number within the likelihood's range, where the analyst gave one.",
    )
    confidence = models.CharField(
        max_length=10,
        choices=Confidence.choices,
        help_text=(
            "How sound the basis of the judgment is (sources, reasoning, gaps), separate from "
            "likelihood: low, moderate or high."
        ),
    )
    rationale = models.TextField(
        blank=True, validators=[validate_markdown], help_text="Why: the reasoning, in Markdown."
    )
    rationale_html = models.TextField(blank=True, editable=False)
    assumptions = models.TextField(blank=True, help_text="What must hold for the judgment to stand.")
    alternatives = models.TextField(
        "alternatives considered", blank=True, help_text="Other explanations or outcomes weighed."
    )
    evidence_events = models.ManyToManyField(
        Event, related_name="assessments", blank=True, verbose_name="evidence: events"
    )
    evidence_excerpts = models.ManyToManyField(
        Excerpt, related_name="assessments", blank=True, verbose_name="evidence: excerpts"
    )
    countries = models.ManyToManyField(Country, related_name="assessments", blank=True)
    actors = models.ManyToManyField(Actor, related_name="assessments", blank=True)
    horizon = models.DateField(
        "time horizon",
        null=True,
        blank=True,
        help_text="For a forecast, the date by which it should come true.",
    )
    # How a forecast will be decided, in words a third party can check (DOMAIN: "Forecasts
    # that can be scored"); a briefing showing a forecast without them is not published.
    question = models.TextField(
        "the question, in checkable words",
        blank=True,
        help_text="For a forecast: what exactly counts, so that someone else could say whether it "
        "happened, e.g. “Will Russian private military contractors be reported in Mali, Burkina Faso "
        "or Niger before 1 January 2023?”",
    )
    resolution_source = models.TextField(
        "resolution source",
        blank=True,
        help_text="For a forecast: who or what decides, e.g. “a government statement or two "
        "independent reports graded B or better”.",
    )
    fine_print = models.TextField(
        blank=True, help_text="Optional: how edge cases are decided (partial, disputed or late events)."
    )
    closes_on = models.DateField(
        "forecasting closes",
        null=True,
        blank=True,
        help_text="For a forecast: the last day its estimate may be updated.",
    )
    resolves_on = models.DateField(
        "resolves on",
        null=True,
        blank=True,
        help_text="For a forecast: the date on which the question is decided.",
    )
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, blank=True, help_text="Leave empty until resolved."
    )
    outcome_on = models.DateField("outcome date", null=True, blank=True)
    outcome_note = models.TextField(
        "what happened, or why it is not scored",
        blank=True,
        help_text="What happened and where it was reported; for an ambiguous or annulled outcome, "
        "the reason, which readers see beside it.",
    )
    outcome_events = models.ManyToManyField(
        Event,
        related_name="resolved_assessments",
        blank=True,
        verbose_name="outcome evidence: events",
        help_text="The events that show what became of the forecast.",
    )
    outcome_excerpts = models.ManyToManyField(
        Excerpt,
        related_name="resolved_assessments",
        blank=True,
        verbose_name="outcome evidence: excerpts",
        help_text="The passages that report what became of the forecast.",
    )
    resolved_early_reason = models.TextField(
        "why resolved before the horizon",
        blank=True,
        help_text="Needed when the outcome is dated before the time horizon: why the question is "
        "already settled.",
    )
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_outcomes",
        editable=False,
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    marking = marking_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        # The admin's list of judgments: its order and each of its filters.
        indexes = [
            models.Index(fields=["-created_at", "id"], name="assessment_created_idx"),
            models.Index(fields=["likelihood"], name="assessment_likelihood_idx"),
            models.Index(fields=["confidence"], name="assessment_confidence_idx"),
            models.Index(fields=["outcome"], name="assessment_outcome_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(marking__in=Tlp.values), name="assessment_marking_valid"),
            models.CheckConstraint(
                condition=Q(likelihood="") | Q(likelihood__in=Likelihood.values),
                name="assessment_likelihood_valid",
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=Confidence.values), name="assessment_confidence_valid"
            ),
            models.CheckConstraint(
                condition=Q(probability__isnull=True) | Q(probability__gte=1, probability__lte=99),
                name="assessment_probability_in_range",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=Outcome.values),
                name="assessment_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_on__isnull=False),
                name="assessment_outcome_has_date",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(resolves_on__isnull=True)
                | Q(closes_on__lte=F("resolves_on")),
                name="assessment_forecast_closes_before_it_resolves",
            ),
            # An outcome that is not scored must say why, or a desk could quietly void its misses.
            models.CheckConstraint(
                condition=~Q(outcome__in=UNSCORED_OUTCOMES) | ~Q(outcome_note=""),
                name="assessment_unscored_outcome_has_reason",
            ),
        ]

    def __str__(self):
        text = " ".join(self.statement.split())
        return text[:100] + ("…" if len(text) > 100 else "")

    def save(self, *args, **kwargs):
        self.rationale_html = render_markdown(self.rationale)
        super().save(*args, **kwargs)

    def clean(self):
        if self.closes_on and self.resolves_on and self.closes_on > self.resolves_on:
            raise ValidationError(
                {"closes_on": "Forecasting must close on or before the day the question resolves."}
            )
        if self.probability is not None and self.likelihood:
            low, high = LIKELIHOOD_RANGES[self.likelihood]
            if not low <= self.probability <= high:
                raise ValidationError(
                    {
                        "probability": f"{self.probability}% is outside “{self.get_likelihood_display()}” "
                        f"({low}-{high}%)."
                    }
                )

    @property
    def likelihood_range(self) -> tuple[int, int] | None:
        return LIKELIHOOD_RANGES.get(self.likelihood)

    @property
    def likelihood_range_display(self) -> str:
        rng = self.likelihood_range
        return f"{rng[0]}–{rng[1]}%" if rng else ""

    @property
    def stated_probability(self) -> Decimal | None:
        return stated_probability(self.likelihood, self.probability)

    @property
    def is_forecast(self) -> bool:
        return is_forecast(self.likelihood, self.probability)

    def forecast_state(self, today: datetime.date | None = None) -> str:
        return forecast_state(self.outcome, self.horizon, today or timezone.localdate())

    @property
    def missing_question_fields(self) -> list[str]:
        """What a forecast still lacks to say how it will be decided, in words (nothing for a
        judgment that is not a forecast)."""
        if not self.is_forecast:
            return []
        missing = []
        for name, words in REQUIRED_QUESTION_FIELDS.items():
            value = getattr(self, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                missing.append(words)
        return missing


class AssessmentOutcome(Assessment):
    """An assessment seen as a forecast awaiting its outcome: where editors record one."""

    class Meta:
        proxy = True
        ordering = ["horizon", "pk"]
        verbose_name = "outcome of a judgment"
        verbose_name_plural = "outcomes of judgments"


class ForecastUpdate(models.Model):
    """A dated change of a published forecast's estimate: kept beside the first estimate, never
    written over it, so each is scored for the time it stood."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="updates")
    probability = models.PositiveSmallIntegerField(
        "new probability (%)", help_text="The estimate from now on, 1-99%."
    )
    made_at = models.DateTimeField("made", default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forecast_updates",
        verbose_name="made by",
    )
    reason = models.TextField(help_text="What changed: the new evidence or reasoning, which readers see.")

    objects = WriteSignallingQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "made_at", "pk"]
        verbose_name = "update of a forecast"
        verbose_name_plural = "updates of forecasts"
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=99),
                name="forecast_update_probability_in_range",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="forecast_update_has_reason"),
        ]

    def __str__(self):
        return f"{self.probability}% from {self.made_at:%Y-%m-%d}: {self.assessment}"


class OutcomeEntry(models.Model):
    """One dated entry of a forecast's resolution log: a resolution (the first, or a changed
    one) or another editor's dispute of it. Entries are added, never changed: the log says
    who decided what, when, and who disagreed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="outcome_log")
    kind = models.CharField(max_length=10, choices=OutcomeEntryKind.choices)
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, blank=True, help_text="The outcome resolved (a resolution)."
    )
    outcome_on = models.DateField("outcome date", null=True, blank=True)
    note = models.TextField(blank=True, help_text="The resolution's note, or why the dispute disagrees.")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcome_entries",
        verbose_name="by",
    )
    at = models.DateTimeField(default=timezone.now)

    objects = WriteSignallingQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "at", "pk"]
        verbose_name = "entry of a resolution log"
        verbose_name_plural = "entries of resolution logs"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OutcomeEntryKind.values), name="outcome_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=OutcomeEntryKind.DISPUTED)
                | Q(outcome__in=Outcome.values, outcome_on__isnull=False),
                name="outcome_entry_resolution_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(kind=OutcomeEntryKind.RESOLVED) | ~Q(note=""),
                name="outcome_entry_dispute_has_reason",
            ),
        ]

    def __str__(self):
        what = self.get_outcome_display() if self.kind == OutcomeEntryKind.RESOLVED else "disputed"
        return f"{self.at:%Y-%m-%d}: {what} ({self.assessment})"
