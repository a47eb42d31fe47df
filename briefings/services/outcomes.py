"""Recording what became of a forecast: only editors, only the outcome fields, with the
reasons a resolution is refused keyed by the field they concern. Every resolution is a dated
entry of the forecast's resolution log; for `DISPUTE_PERIOD` after it another editor may
dispute it, and until then (or while it is disputed) it is not final and may be changed, a
changed resolution being a new entry. Once final, it stands."""

import datetime
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import OUTCOME_FIELDS, Assessment, Outcome, OutcomeEntry, OutcomeEntryKind
from .history import revision
from .workflow import user_is_editor

# How long another editor may dispute a resolution before it is final.
DISPUTE_PERIOD = datetime.timedelta(days=14)


def outcome_open_dispute(*, assessment: Assessment) -> OutcomeEntry | None:
    """The dispute not yet answered by a new resolution, if any: the log's last entry."""
    last = assessment.outcome_log.order_by("-at", "-pk").first()
    return last if last is not None and last.kind == OutcomeEntryKind.DISPUTED else None


def outcome_final_at(*, assessment: Assessment) -> datetime.datetime | None:
    """When the recorded resolution becomes final unless disputed before; None when there is
    none recorded through the log (an outcome written before it stays open to correction)."""
    if not assessment.outcome or assessment.outcome_recorded_at is None:
        return None
    return assessment.outcome_recorded_at + DISPUTE_PERIOD


def outcome_is_final(*, assessment: Assessment, now: datetime.datetime | None = None) -> bool:
    """Whether the resolution stands for good: its dispute period passed with no open dispute."""
    final_at = outcome_final_at(assessment=assessment)
    if final_at is None or (now or timezone.now()) < final_at:
        return False
    return outcome_open_dispute(assessment=assessment) is None


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
    if assessment.pk and outcome_is_final(assessment=assessment):
        final_at = timezone.localtime(outcome_final_at(assessment=assessment))
        errors.setdefault("outcome", []).append(
            f"The resolution is final since {final_at.day} {final_at:%B %Y}: no editor disputed it "
            "within its dispute period, so it stands."
        )
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
        # The log keeps every resolution: a changed one is a new entry, and answers a dispute.
        OutcomeEntry.objects.create(
            assessment=locked,
            kind=OutcomeEntryKind.RESOLVED,
            outcome=outcome,
            outcome_on=on,
            note=locked.outcome_note,
            by=user,
            at=locked.outcome_recorded_at,
        )
    assessment.refresh_from_db()
    return assessment


def outcome_dispute_errors(
    *, assessment: Assessment, user, reason: str, now: datetime.datetime | None = None
) -> list[str]:
    """Why `user` may not dispute the forecast's resolution now (empty when they may)."""
    if not assessment.outcome:
        return ["No outcome is recorded: there is nothing to dispute."]
    errors = []
    if outcome_is_final(assessment=assessment, now=now):
        errors.append("The resolution is final: its dispute period has passed.")
    if assessment.outcome_recorded_by_id is not None and assessment.outcome_recorded_by_id == user.pk:
        errors.append("You recorded this resolution: another editor must dispute it.")
    open_dispute = outcome_open_dispute(assessment=assessment)
    if open_dispute is not None:
        errors.append(
            f"It is already disputed, since {open_dispute.at:%d %B %Y}: record a new resolution instead."
        )
    if not reason.strip():
        errors.append("Say why the resolution is wrong: the dispute is logged with its reason.")
    return errors


def outcome_dispute(*, assessment: Assessment, user, reason: str) -> OutcomeEntry:
    """Dispute a forecast's resolution, as an editor other than the one who recorded it, within
    its dispute period. The resolution stays as recorded, not final, until an editor records a
    new one (a new entry of the log)."""
    if not user_is_editor(user):
        raise PermissionDenied("Only editors may dispute the outcome of a judgment.")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        errors = outcome_dispute_errors(assessment=locked, user=user, reason=reason)
        if errors:
            raise ValidationError({"dispute": errors})
        return OutcomeEntry.objects.create(
            assessment=locked, kind=OutcomeEntryKind.DISPUTED, note=reason.strip(), by=user
        )
