"""Updates kept, not overwritten: once readers have seen a forecast in a published briefing,
its likelihood, probability and horizon are frozen, and a changed estimate is a dated update
(`ForecastUpdate`) beside the first, scored for the time it stood."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import ESTIMATE_FIELDS, Assessment, ForecastUpdate, KeyJudgment, is_forecast
from .published import material_is_public
from .workflow import user_is_editor


def assessment_estimate_frozen(*, assessment: Assessment) -> bool:
    """Whether the forecast's estimate is frozen: a published briefing shows it, or its
    outcome is recorded (the score stands on it). Read from the stored row, so an edit in
    progress (clearing the likelihood) cannot unfreeze it."""
    if assessment.pk is None:
        return False
    stored = Assessment._base_manager.filter(pk=assessment.pk).values(*ESTIMATE_FIELDS, "outcome").first()
    if stored is None:
        return False
    if stored["outcome"]:
        return True
    return is_forecast(stored["likelihood"], stored["probability"]) and material_is_public(assessment)


def estimate_fields_frozen(*, obj) -> list[str]:
    """The fields of `obj` no edit or restore may write: a published forecast's estimate."""
    if isinstance(obj, Assessment) and assessment_estimate_frozen(assessment=obj):
        return list(ESTIMATE_FIELDS)
    return []


def assessment_first_published(*, assessment: Assessment) -> datetime.datetime | None:
    """When readers first saw the forecast: the first publication of a briefing showing it."""
    return (
        KeyJudgment.objects.filter(assessment=assessment, briefing__published_at__isnull=False)
        .order_by("briefing__published_at")
        .values_list("briefing__published_at", flat=True)
        .first()
    )


def forecast_update_errors(
    *, assessment: Assessment, probability, reason: str, made_at: datetime.datetime, now=None
) -> dict[str, list[str]]:
    """What is wrong with this update, keyed by ForecastUpdate's field names (empty when
    nothing is); the admin form shows them beside its fields."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not assessment_estimate_frozen(assessment=assessment):
        refuse(
            "assessment",
            "Only a forecast readers have seen in a published briefing is updated this way; "
            "until then, change its estimate on the judgment itself.",
        )
    if assessment.outcome:
        refuse("assessment", "Its outcome is recorded: the question is settled, so the estimate stands.")
    if probability is None or not 1 <= probability <= 99:
        refuse("probability", "Give the new probability as a whole percentage from 1 to 99.")
    if not (reason or "").strip():
        refuse("reason", "Say what changed: readers see the reason beside the new estimate.")
    if made_at > now:
        refuse("made_at", "An update cannot be dated in the future.")
    first = assessment_first_published(assessment=assessment)
    if first and made_at < first:
        refuse(
            "made_at",
            f"The forecast was first published on {first:%d %B %Y}: an update cannot come before it.",
        )
    latest = assessment.updates.order_by("-made_at").values_list("made_at", flat=True).first()
    if latest and made_at < latest:
        refuse("made_at", f"The last update is dated {latest:%d %B %Y %H:%M}: updates are added in order.")
    if assessment.closes_on and made_at.date() > assessment.closes_on:
        refuse("made_at", f"Forecasting closed on {assessment.closes_on:%d %B %Y}.")
    return errors


def forecast_update(
    *, assessment: Assessment, probability: int, reason: str, user, made_at: datetime.datetime | None = None
) -> ForecastUpdate:
    """Record a dated change of a published forecast's estimate; the first estimate and every
    earlier update stay as they were. Editors only: readers see it at once."""
    if not user_is_editor(user):
        raise PermissionDenied(
            "Only editors may update a published forecast: readers see the change at once."
        )
    made_at = made_at or timezone.now()
    with transaction.atomic():
        # Locked, so two editors updating at once are put in order rather than interleaved.
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        errors = forecast_update_errors(
            assessment=locked, probability=probability, reason=reason, made_at=made_at
        )
        if errors:
            raise ValidationError(errors)
        return ForecastUpdate.objects.create(
            assessment=locked, probability=probability, reason=reason.strip(), made_at=made_at, made_by=user
        )
