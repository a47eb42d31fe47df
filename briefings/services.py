"""Writes that carry the desk's rules. The admin, management commands and tests all call
these, so a rule holds however a change arrives."""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Assessment, Briefing, BriefingStatus, CountryTrend, Outcome

# The workflow, as an explicit table: from each status, the statuses it may move to.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    BriefingStatus.DRAFT: {BriefingStatus.IN_REVIEW},
    BriefingStatus.IN_REVIEW: {BriefingStatus.PUBLISHED, BriefingStatus.DRAFT},
    BriefingStatus.PUBLISHED: {BriefingStatus.WITHDRAWN},
    BriefingStatus.WITHDRAWN: {BriefingStatus.DRAFT, BriefingStatus.PUBLISHED},
}


class TransitionError(ValidationError):
    """A status change the workflow does not allow."""


def briefing_transition(*, briefing: Briefing, to_status: str, at: datetime | None = None) -> Briefing:
    """Move a briefing to `to_status` if the workflow allows it, locking its row meanwhile."""
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        allowed = ALLOWED_TRANSITIONS.get(locked.status, set())
        if to_status not in allowed:
            raise TransitionError(
                f"A briefing that is {locked.get_status_display()} cannot become "
                f"{BriefingStatus(to_status).label}."
            )
        locked.status = to_status
        if to_status == BriefingStatus.PUBLISHED:
            locked.published_at = at or locked.published_at or timezone.now()
        locked.save()
    briefing.refresh_from_db()
    return briefing


def briefing_submit(*, briefing: Briefing) -> Briefing:
    """Send a draft to the editors for review."""
    return briefing_transition(briefing=briefing, to_status=BriefingStatus.IN_REVIEW)


def briefing_publish(*, briefing: Briefing, at: datetime | None = None) -> Briefing:
    """Publish a reviewed briefing now, or at `at` (it stays private until then)."""
    return briefing_transition(briefing=briefing, to_status=BriefingStatus.PUBLISHED, at=at)


def briefing_withdraw(*, briefing: Briefing) -> Briefing:
    """Take a published briefing off every public page."""
    return briefing_transition(briefing=briefing, to_status=BriefingStatus.WITHDRAWN)


def briefing_return_to_draft(*, briefing: Briefing) -> Briefing:
    return briefing_transition(briefing=briefing, to_status=BriefingStatus.DRAFT)


# --- Outcomes of forecasts and country trends ----------------------------------------


def user_is_editor(user) -> bool:
    """Who may record outcomes and publish country trends: for now, staff who may change
    assessments. The one place to change when the desk gets roles."""
    return bool(
        user is not None and user.is_active and user.is_staff and user.has_perm("briefings.change_assessment")
    )


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
    if not assessment.likelihood and assessment.probability is None:
        errors.setdefault("outcome", []).append(
            "This judgment states no likelihood, so it is not a forecast and cannot be scored. "
            "Give it a likelihood first, if it was one."
        )
    if outcome not in Outcome.values:
        errors.setdefault("outcome", []).append(
            "Choose what became of it: it happened, it did not, or it cannot be resolved."
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
    if outcome == Outcome.UNRESOLVABLE and not note.strip():
        errors.setdefault("outcome_note", []).append("Say why it cannot be resolved.")
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
) -> Assessment:
    """Record what became of a forecast. Only the outcome fields are written: the statement,
    likelihood and confidence stay as they were published."""
    if not user_is_editor(user):
        raise PermissionDenied("Only editors may record the outcome of a judgment.")
    comment = f"Recorded the outcome: {Outcome(outcome).label}." if outcome in Outcome.values else ""
    with history_revision(user, comment), transaction.atomic():
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
        locked.save(update_fields=OUTCOME_FIELDS)
        locked.outcome_events.set(evidence_events)
        locked.outcome_excerpts.set(evidence_excerpts)
    assessment.refresh_from_db()
    return assessment


# The only columns resolving writes; whatever else a caller changed on its copy is not saved.
OUTCOME_FIELDS = [
    "outcome",
    "outcome_on",
    "outcome_note",
    "resolved_early_reason",
    "outcome_recorded_by",
    "outcome_recorded_at",
    "updated_at",
]


@contextmanager
def history_revision(user, comment: str):
    """A django-reversion revision around a write, where the desk keeps history; else nothing."""
    try:
        import reversion
    except ImportError:  # pragma: no cover - reversion is a listed dependency
        yield
        return
    if not reversion.is_registered(Assessment) or reversion.is_active():
        yield
        return
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def country_trend_transition(*, trend: CountryTrend, to_status: str, user) -> CountryTrend:
    """Move a country trend through the briefing workflow. Only editors publish or withdraw:
    readers see only reviewed entries."""
    if to_status in (BriefingStatus.PUBLISHED, BriefingStatus.WITHDRAWN) and not user_is_editor(user):
        raise PermissionDenied("Only editors may publish or withdraw a country trend.")
    with transaction.atomic():
        locked = CountryTrend.objects.select_for_update().get(pk=trend.pk)
        if to_status not in ALLOWED_TRANSITIONS.get(locked.status, set()):
            raise TransitionError(
                f"A trend that is {locked.get_status_display()} cannot become "
                f"{BriefingStatus(to_status).label}."
            )
        locked.status = to_status
        if to_status == BriefingStatus.PUBLISHED:
            locked.published_at = locked.published_at or timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
    trend.refresh_from_db()
    return trend
