"""Writes that carry the desk's rules. The admin, management commands and tests all call
these, so a rule holds however a change arrives."""

from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    Assessment,
    Briefing,
    BriefingStatus,
    BriefingTransition,
    CountryTrend,
    Outcome,
    ReviewComment,
)

# --- Roles and the briefing workflow ------------------------------------------------

# The groups a data migration creates, by the name `create_team_user --role` takes.
ROLE_GROUPS: dict[str, str] = {"analyst": "Analyst", "editor": "Editor", "administrator": "Administrator"}


@dataclass(frozen=True)
class Move:
    """One allowed move of the workflow, and who may make it."""

    action: str  # the admin's name for it: its button, its list action
    label: str
    permission: str
    refused: str  # what someone without the permission is told
    needs_comment: bool = False


# The workflow, as an explicit table: every allowed move, the permission it needs and what a
# user without it is told. Submitting also needs the right to change the briefing itself,
# which for an analyst means a draft they author or co-author (`briefing_may_change`).
WORKFLOW: dict[tuple[str, str], Move] = {
    (BriefingStatus.DRAFT, BriefingStatus.IN_REVIEW): Move(
        "submit",
        "Submit for review",
        "briefings.change_briefing",
        "Only an author of a draft, or an editor, may submit it for review.",
    ),
    (BriefingStatus.IN_REVIEW, BriefingStatus.PUBLISHED): Move(
        "publish", "Publish", "briefings.publish_briefing", "Only editors may publish a briefing."
    ),
    (BriefingStatus.IN_REVIEW, BriefingStatus.DRAFT): Move(
        "return_to_draft",
        "Return to draft",
        "briefings.review_briefing",
        "Only editors may return a briefing in review to its authors.",
        # The authors must learn what to change: the comment becomes a review comment.
        needs_comment=True,
    ),
    (BriefingStatus.PUBLISHED, BriefingStatus.WITHDRAWN): Move(
        "withdraw", "Withdraw", "briefings.publish_briefing", "Only editors may withdraw a briefing."
    ),
    (BriefingStatus.WITHDRAWN, BriefingStatus.DRAFT): Move(
        "return_to_draft",
        "Return to draft",
        "briefings.publish_briefing",
        "Only editors may return a withdrawn briefing to draft.",
    ),
}
# Scheduling is publishing later: the same permission.
SCHEDULE_PERMISSION = "briefings.publish_briefing"
# Who reviews: edits any briefing in any status and leaves review comments.
REVIEW_PERMISSION = "briefings.review_briefing"

# From each status, the statuses it may move to (country trends follow the same table).
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    status: {to for (frm, to) in WORKFLOW if frm == status} for status in BriefingStatus.values
}


class TransitionError(ValidationError):
    """A status change the workflow does not allow."""


def _label(status: str) -> str:
    return BriefingStatus(status).label


def briefing_may_change(*, user, briefing: Briefing) -> bool:
    """Whether `user` may edit `briefing`: an editor any, an analyst only the drafts they
    author or co-author (a briefing not saved yet is theirs)."""
    if user is None or not user.has_perm("briefings.change_briefing"):
        return False
    if user.has_perm(REVIEW_PERMISSION) or briefing.pk is None:
        return True
    # `authors.all()` so that a prefetched list (the changelist's) costs no query.
    return briefing.status == BriefingStatus.DRAFT and any(a.pk == user.pk for a in briefing.authors.all())


def briefing_check_transition(*, user, briefing: Briefing, to_status: str, comment: str = "") -> Move:
    """The move that takes `briefing` (as given) to `to_status`, if `user` may make it; else
    PermissionDenied or TransitionError saying why. `user=None` is the desk itself (a command)."""
    move = WORKFLOW.get((briefing.status, to_status))
    if move is None:
        # Tell an analyst that publishing is an editor's task before telling them drafts skip review.
        moves_there = [m for (_, to), m in WORKFLOW.items() if to == to_status]
        if user is not None and moves_there and not any(user.has_perm(m.permission) for m in moves_there):
            raise PermissionDenied(moves_there[0].refused)
        if briefing.status == to_status:
            raise TransitionError(f"“{briefing}” is already {_label(to_status)}.", code="already")
        raise TransitionError(
            f"A briefing that is {_label(briefing.status)} cannot become {_label(to_status)}.",
            code="transition",
        )
    if user is not None:
        if not user.has_perm(move.permission):
            raise PermissionDenied(move.refused)
        if not briefing_may_change(user=user, briefing=briefing):
            raise PermissionDenied(
                "You may change and submit only the drafts you author or co-author; "
                f"“{briefing}” is not one of them."
            )
    if move.needs_comment and not comment.strip():
        raise TransitionError(
            f"{move.label}: say what should change. The comment is kept for the authors.", code="comment"
        )
    return move


def briefing_available_moves(*, user, briefing: Briefing) -> list[tuple[str, Move]]:
    """The moves `user` may make from the briefing's status, as (target status, move)."""
    available = []
    for (frm, to), move in WORKFLOW.items():
        if frm != briefing.status:
            continue
        try:
            briefing_check_transition(user=user, briefing=briefing, to_status=to, comment="-")
        except (PermissionDenied, ValidationError):
            continue
        available.append((to, move))
    return available


def briefing_transition(
    *, briefing: Briefing, to_status: str, user, comment: str = "", at: datetime | None = None
) -> Briefing:
    """Move a briefing to `to_status` if the workflow and the user's role allow it, and record
    the move, in one transaction with the briefing's row locked: of two editors publishing at
    once, the second finds it already published. `user=None` is the desk itself."""
    comment = comment.strip()
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        briefing_check_transition(user=user, briefing=locked, to_status=to_status, comment=comment)
        from_status = locked.status
        locked.status = to_status
        locked.scheduled_for = None
        if to_status == BriefingStatus.PUBLISHED:
            # The first publication's date stands when a withdrawn briefing comes back.
            locked.published_at = locked.published_at or at or timezone.now()
        locked.save()
        BriefingTransition.objects.create(
            briefing=locked, user=user, from_status=from_status, to_status=to_status, comment=comment
        )
        if from_status == BriefingStatus.IN_REVIEW and to_status == BriefingStatus.DRAFT:
            ReviewComment.objects.create(briefing=locked, author=user, text=comment)
    briefing.refresh_from_db()
    return briefing


def briefing_submit(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Send a draft to the editors for review."""
    return briefing_transition(
        briefing=briefing, to_status=BriefingStatus.IN_REVIEW, user=user, comment=comment
    )


def briefing_publish(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Publish a reviewed briefing now (`briefing_schedule` publishes it later)."""
    return briefing_transition(
        briefing=briefing, to_status=BriefingStatus.PUBLISHED, user=user, comment=comment
    )


def briefing_withdraw(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Take a published briefing off every public page at once."""
    return briefing_transition(
        briefing=briefing, to_status=BriefingStatus.WITHDRAWN, user=user, comment=comment
    )


def briefing_return_to_draft(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Send a briefing back to its authors; from review, with a comment saying what to change."""
    return briefing_transition(briefing=briefing, to_status=BriefingStatus.DRAFT, user=user, comment=comment)


def briefing_check_schedule(*, user, briefing: Briefing, at: datetime | None) -> None:
    """Refuse, with the reason, a schedule `user` may not set: only editors schedule, only a
    briefing in review, only for a time to come (`at=None` cancels a schedule)."""
    if user is not None and not user.has_perm(SCHEDULE_PERMISSION):
        raise PermissionDenied("Only editors may schedule a briefing.")
    if briefing.status != BriefingStatus.IN_REVIEW:
        raise TransitionError(
            f"Only a briefing in review can be scheduled; “{briefing}” is {briefing.get_status_display()}.",
            code="transition",
        )
    if at is None:
        if briefing.scheduled_for is None:
            raise TransitionError(f"“{briefing}” is not scheduled.", code="not_scheduled")
    elif at <= timezone.now():
        raise ValidationError("Choose a time to come; to publish now, publish it.", code="past")


def briefing_schedule(*, briefing: Briefing, user, at: datetime | None, comment: str = "") -> Briefing:
    """Have a reviewed briefing published at `at` by `publish_due`, or cancel its schedule
    (`at=None`). It stays in review, and so private, until then."""
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        briefing_check_schedule(user=user, briefing=locked, at=at)
        locked.scheduled_for = at
        locked.save()
        if at is None:
            note = "Publication schedule cancelled."
        else:
            when = timezone.localtime(at)
            note = f"Scheduled for publication on {when.day} {when:%B %Y at %H:%M %Z}."
        # The status stays; the log still says who set the time, and when.
        BriefingTransition.objects.create(
            briefing=locked,
            user=user,
            from_status=locked.status,
            to_status=locked.status,
            comment=" ".join(filter(None, [note, comment.strip()])),
        )
    briefing.refresh_from_db()
    return briefing


def briefings_publish_due(*, now: datetime | None = None) -> list[Briefing]:
    """Publish every reviewed briefing whose scheduled time has come, as the desk itself.
    Running it again publishes nothing twice."""
    now = now or timezone.now()
    due = Briefing.objects.filter(status=BriefingStatus.IN_REVIEW, scheduled_for__lte=now)
    published = []
    for pk in due.order_by("scheduled_for", "pk").values_list("pk", flat=True):
        with transaction.atomic():
            # Checked again under the lock: an editor may have cancelled or returned it since.
            locked = due.select_for_update().filter(pk=pk).first()
            if locked is None:
                continue
            when = timezone.localtime(locked.scheduled_for)
            briefing_transition(
                briefing=locked,
                to_status=BriefingStatus.PUBLISHED,
                user=None,
                comment=f"Published as scheduled for {when.day} {when:%B %Y at %H:%M %Z}.",
                at=locked.scheduled_for,
            )
        published.append(locked)
    return published


def review_comment_check(*, user, briefing: Briefing, text: str) -> None:
    """Refuse, with the reason, a review comment `user` may not leave."""
    if user is None or not user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("Only editors may leave review comments.")
    if briefing.status != BriefingStatus.IN_REVIEW:
        raise ValidationError(
            f"Review comments are left on a briefing in review; “{briefing}” is {briefing.get_status_display()}."
        )
    if not text.strip():
        raise ValidationError("Write the comment first.", code="empty")


def review_comment_add(*, briefing: Briefing, user, text: str) -> ReviewComment:
    """Leave a note for a briefing's authors: editors do, while it is in review."""
    review_comment_check(user=user, briefing=briefing, text=text)
    return ReviewComment.objects.create(briefing=briefing, author=user, text=text.strip())


def review_comments_resolve(*, briefing: Briefing, user, ids: Iterable[int]) -> int:
    """Mark review comments dealt with: anyone who may change the briefing may."""
    if not briefing_may_change(user=user, briefing=briefing):
        raise PermissionDenied("Only those who may change the briefing may resolve its comments.")
    return briefing.review_comments.filter(pk__in=list(ids), resolved=False).update(resolved=True)


# --- Outcomes of forecasts and country trends ----------------------------------------


def user_is_editor(user) -> bool:
    """Who may record outcomes and publish country trends: staff who may publish briefings
    (the Editor role)."""
    return bool(
        user is not None and user.is_active and user.is_staff and user.has_perm("briefings.publish_briefing")
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
