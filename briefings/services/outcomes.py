"""Recording what became of a forecast: only editors, only the outcome fields, with the
reasons a resolution is refused keyed by the field they concern."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import OUTCOME_FIELDS, Assessment, Outcome
from .history import revision
from .workflow import user_is_editor


def assessment_resolution_errors(
    *,
    assessment: Assessment,
    outcome: str,
    on: date | None,
    note: str = "",
    resolved_early_reason: str = "",
    today: date | None = None,
) -> dict[str, list[str]]:
    """What is wrong with recording this outcome, keyed by the assessment's field names
    (empty when nothing is). The admin form shows them beside its fields."""
    errors: dict[str, list[str]] = {}
    today = today or timezone.localdate()
    if not assessment.is_forecast:
        errors.setdefault("outcome", []).append(
            "This judgment states no likelihood, so it is not a forecast and cannot be scored. "
            "Give it a likelihood first, if it was one."
        )
    if outcome not in Outcome.values:
        errors.setdefault("outcome", []).append(
            "Choose what became of it: it happened, it did not, it is ambiguous (it cannot be "
            "answered as asked) or annulled (its premise failed)."
        )
    if on is None:
        errors.setdefault("outcome_on", []).append("Give the date the outcome became known.")
    elif on > today:
        errors.setdefault("outcome_on", []).append("The outcome date cannot be in the future.")
    elif assessment.horizon and on < assessment.horizon and not resolved_early_reason.strip():
        errors.setdefault("resolved_early_reason", []).append(
            f"The outcome is dated before the judgment's horizon ({assessment.horizon.day} {assessment.horizon:%B %Y}): "
            "say why the question is already settled."
        )
    if outcome == Outcome.AMBIGUOUS and not note.strip():
        errors.setdefault("outcome_note", []).append(
            "Say why the question cannot be answered as asked: readers see the reason, since it is not scored."
        )
    elif outcome == Outcome.ANNULLED and not note.strip():
        errors.setdefault("outcome_note", []).append(
            "Say which premise of the question failed: readers see the reason, since it is not scored."
        )
    return errors


def assessment_resolve(
    *,
    assessment: Assessment,
    outcome: str,
    on: date,
    note: str,
    evidence_events: Iterable = (),
    evidence_excerpts: Iterable = (),
    resolved_early_reason: str = "",
    user,
    expected_version: int | None = None,
) -> Assessment:
    """Record what became of a forecast. Only the outcome fields are written: the statement,
    likelihood and confidence stay as they were published. With `expected_version` (the
    version the editor's page showed), a judgment saved since is refused (VersionConflict)."""
    if not user_is_editor(user):
        raise PermissionDenied("Only editors may record the outcome of a judgment.")
    comment = f"Recorded the outcome: {Outcome(outcome).label}." if outcome in Outcome.values else ""
    with revision(user, comment), transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        errors = assessment_resolution_errors(
            assessment=locked,
            outcome=outcome,
            on=on,
            note=note,
            resolved_early_reason=resolved_early_reason,
        )
        if errors:
            raise ValidationError(errors)
        early = bool(locked.horizon and on < locked.horizon)
        locked.outcome = outcome
        locked.outcome_on = on
        locked.outcome_note = note.strip()
        locked.resolved_early_reason = resolved_early_reason.strip() if early else ""
        locked.outcome_recorded_by = user
        locked.outcome_recorded_at = timezone.now()
        if expected_version is not None:
            locked.expect_version(expected_version)
        # Only the outcome columns: whatever else a caller changed on its copy is not saved.
        locked.save(update_fields=[*OUTCOME_FIELDS, "updated_at"])
        locked.outcome_events.set(evidence_events)
        locked.outcome_excerpts.set(evidence_excerpts)
    assessment.refresh_from_db()
    return assessment
