"""The review workflow of briefings and country trends: the allowed moves as one explicit
table, each with the permission it needs and what a refused user reads, and the services
that make them, taking row locks where two people may race."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import (
    Assessment,
    Briefing,
    BriefingTransition,
    CountryTrend,
    Event,
    Excerpt,
    PublicationStatus,
    ReviewComment,
    Source,
    Tlp,
)
from ..models.choices import tlp_at_or_below
from .notices import notices_for_move


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
    (PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW): Move(
        "submit",
        "Submit for review",
        "briefings.change_briefing",
        "Only an author of a draft, or an editor, may submit it for review.",
    ),
    (PublicationStatus.IN_REVIEW, PublicationStatus.PUBLISHED): Move(
        "publish", "Publish", "briefings.publish_briefing", "Only editors may publish a briefing."
    ),
    (PublicationStatus.IN_REVIEW, PublicationStatus.DRAFT): Move(
        "return_to_draft",
        "Return to draft",
        "briefings.review_briefing",
        "Only editors may return a briefing in review to its authors.",
        # The authors must learn what to change: the comment becomes a review comment.
        needs_comment=True,
    ),
    (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN): Move(
        "withdraw", "Withdraw", "briefings.publish_briefing", "Only editors may withdraw a briefing."
    ),
    (PublicationStatus.WITHDRAWN, PublicationStatus.DRAFT): Move(
        "return_to_draft",
        "Return to draft",
        "briefings.publish_briefing",
        "Only editors may return a withdrawn briefing to draft.",
    ),
}
# An editor is who may make the table's publish move; scheduling is publishing later.
PUBLISH_PERMISSION = WORKFLOW[(PublicationStatus.IN_REVIEW, PublicationStatus.PUBLISHED)].permission
SCHEDULE_PERMISSION = PUBLISH_PERMISSION
# Who reviews: edits any briefing in any status and leaves review comments.
REVIEW_PERMISSION = WORKFLOW[(PublicationStatus.IN_REVIEW, PublicationStatus.DRAFT)].permission

# From each status, the statuses it may move to (country trends follow the same table).
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    status: {to for (frm, to) in WORKFLOW if frm == status} for status in PublicationStatus.values
}


class TransitionError(ValidationError):
    """A status change the workflow does not allow."""


def _label(status: str) -> str:
    return PublicationStatus(status).label


def user_is_editor(user) -> bool:
    """Whether `user` is an editor: may make the workflow table's publish move (and so record
    outcomes and publish country trends)."""
    return bool(user is not None and user.has_perm(PUBLISH_PERMISSION))


def users_editors():
    """The active staff accounts that are editors (`user_is_editor`), as a QuerySet."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    app_label, codename = PUBLISH_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission)
        )
        .distinct()
    )


def briefing_may_change(*, user, briefing: Briefing) -> bool:
    """Whether `user` may edit `briefing`: an editor any, an analyst only the drafts they
    author or co-author (a briefing not saved yet is theirs)."""
    if user is None or not user.has_perm("briefings.change_briefing"):
        return False
    if user.has_perm(REVIEW_PERMISSION) or briefing.pk is None:
        return True
    # `authors.all()` so that a prefetched list (the changelist's) costs no query.
    return briefing.status == PublicationStatus.DRAFT and any(a.pk == user.pk for a in briefing.authors.all())


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


def briefing_publish_refusals(*, briefing: Briefing) -> list[str]:
    """Why `briefing` may not be published as it stands, one line per forecast among its key
    judgments that does not say how it will be decided (empty when nothing is missing): a
    reader must be able to check a forecast the desk will later score itself on."""
    refusals = []
    for link in briefing.judgment_links.select_related("assessment").order_by("order", "pk"):
        missing = link.assessment.missing_question_fields
        if missing:
            needs = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
            refusals.append(
                f"The forecast “{link.assessment}” does not say how it will be decided: it needs {needs}."
            )
    return refusals


# What a briefing's page displays that carries a marking of its own, in the order a
# refusal names them.
MARKED_MATERIAL = (Assessment, Event, Excerpt, Source)


def briefing_marking_refusals(*, briefing: Briefing) -> list[str]:
    """One line per judgment, event, excerpt or source `briefing` displays that is marked more
    restrictively than the briefing (empty when none is): a product is never disseminated
    below the most restrictive marking of what it contains (TLP 2.0)."""
    shows = Briefing.objects.filter(pk=briefing.pk)
    allowed = tlp_at_or_below(briefing.marking)
    label = Tlp(briefing.marking).label
    refusals = []
    for model in MARKED_MATERIAL:
        for item in model.objects.shown_by(shows).exclude(marking__in=allowed).order_by("pk"):
            name = str(item) if str(item).startswith("“") else f"“{item}”"
            refusals.append(
                f"The {model._meta.verbose_name} {name} is marked {item.get_marking_display()}, "
                f"above the briefing's {label}: mark the briefing {item.get_marking_display()} "
                "or leave it out."
            )
    return refusals


def briefing_check_publishable(*, briefing: Briefing) -> None:
    """Refuse, with every reason, to publish (now or at a set time) a briefing that shows a
    forecast without its question, resolution source and dates, or anything marked above
    the briefing's own TLP marking."""
    refusals = briefing_publish_refusals(briefing=briefing)
    marking = briefing_marking_refusals(briefing=briefing)
    if refusals or marking:
        raise TransitionError(
            [f"“{briefing}” cannot be published yet.", *refusals, *marking],
            code="forecast_question" if refusals else "marking",
        )


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
        if to_status == PublicationStatus.PUBLISHED:
            briefing_check_publishable(briefing=locked)
        from_status = locked.status
        locked.status = to_status
        locked.scheduled_for = None
        if to_status == PublicationStatus.PUBLISHED:
            # The first publication's date stands when a withdrawn briefing comes back.
            locked.published_at = locked.published_at or at or timezone.now()
        locked.save()
        BriefingTransition.objects.create(
            briefing=locked,
            user=user,
            from_status=from_status,
            to_status=to_status,
            comment=comment,
            version=locked.version,
        )
        if from_status == PublicationStatus.IN_REVIEW and to_status == PublicationStatus.DRAFT:
            ReviewComment.objects.create(briefing=locked, author=user, text=comment)
        # The people the move concerns are told; e-mail leaves once the move is committed.
        notices_for_move(
            briefing=locked, from_status=from_status, to_status=to_status, user=user, comment=comment
        )
    briefing.refresh_from_db()
    return briefing


def briefing_submit(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Send a draft to the editors for review."""
    return briefing_transition(
        briefing=briefing, to_status=PublicationStatus.IN_REVIEW, user=user, comment=comment
    )


def briefing_publish(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Publish a reviewed briefing now (`briefing_schedule` publishes it later)."""
    return briefing_transition(
        briefing=briefing, to_status=PublicationStatus.PUBLISHED, user=user, comment=comment
    )


def briefing_withdraw(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Take a published briefing off every public page at once."""
    return briefing_transition(
        briefing=briefing, to_status=PublicationStatus.WITHDRAWN, user=user, comment=comment
    )


def briefing_return_to_draft(*, briefing: Briefing, user, comment: str = "") -> Briefing:
    """Send a briefing back to its authors; from review, with a comment saying what to change."""
    return briefing_transition(
        briefing=briefing, to_status=PublicationStatus.DRAFT, user=user, comment=comment
    )


def briefing_check_schedule(*, user, briefing: Briefing, at: datetime | None) -> None:
    """Refuse, with the reason, a schedule `user` may not set: only editors schedule, only a
    briefing in review, only for a time to come (`at=None` cancels a schedule)."""
    if user is not None and not user.has_perm(SCHEDULE_PERMISSION):
        raise PermissionDenied("Only editors may schedule a briefing.")
    if briefing.status != PublicationStatus.IN_REVIEW:
        raise TransitionError(
            f"Only a briefing in review can be scheduled; “{briefing}” is {briefing.get_status_display()}.",
            code="transition",
        )
    if at is None:
        if briefing.scheduled_for is None:
            raise TransitionError(f"“{briefing}” is not scheduled.", code="not_scheduled")
    elif at <= timezone.now():
        raise ValidationError("Choose a time to come; to publish now, publish it.", code="past")
    else:
        briefing_check_publishable(briefing=briefing)


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
            version=locked.version,
        )
    briefing.refresh_from_db()
    return briefing


def briefings_publish_due(*, now: datetime | None = None) -> list[Briefing]:
    """Publish every reviewed briefing whose scheduled time has come, as the desk itself.
    Running it again publishes nothing twice."""
    now = now or timezone.now()
    due = Briefing.objects.filter(status=PublicationStatus.IN_REVIEW, scheduled_for__lte=now)
    published = []
    for pk in due.order_by("scheduled_for", "pk").values_list("pk", flat=True):
        with transaction.atomic():
            # Checked again under the lock: an editor may have cancelled or returned it since.
            locked = due.select_for_update().filter(pk=pk).first()
            if locked is None:
                continue
            when = timezone.localtime(locked.scheduled_for)
            try:
                briefing_transition(
                    briefing=locked,
                    to_status=PublicationStatus.PUBLISHED,
                    user=None,
                    comment=f"Published as scheduled for {when.day} {when:%B %Y at %H:%M %Z}.",
                    at=locked.scheduled_for,
                )
            except TransitionError:
                # A forecast edited since it was scheduled no longer says how it will be
                # decided, or an item it shows was marked above it since: it stays in
                # review, scheduled, until an editor puts it right.
                continue
        published.append(locked)
    return published


def review_comment_check(*, user, briefing: Briefing, text: str) -> None:
    """Refuse, with the reason, a review comment `user` may not leave."""
    if user is None or not user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("Only editors may leave review comments.")
    if briefing.status != PublicationStatus.IN_REVIEW:
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


def briefing_add_creator(*, briefing: Briefing, user) -> None:
    """Make the analyst who creates a briefing one of its authors, since analysts change only
    the drafts they author; an editor who names other authors is not added."""
    authors = {author.pk for author in briefing.authors.all()}
    if user.pk not in authors and (not authors or not user.has_perm(REVIEW_PERMISSION)):
        briefing.authors.add(user)


# --- The workflow panel's buttons ----------------------------------------------------

# What the buttons post besides the table's moves.
EXTRA_ACTIONS = {
    "schedule": "Schedule publication",
    "unschedule": "Cancel the schedule",
    "comment": "Leave a review comment",
}


def action_targets() -> dict[str, set[str]]:
    """Each move's button name and the statuses it can lead to (return to draft has two routes)."""
    targets: dict[str, set[str]] = {}
    for (_, to), move in WORKFLOW.items():
        targets.setdefault(move.action, set()).add(to)
    return targets


def is_workflow_action(action: str) -> bool:
    return action in action_targets() or action in EXTRA_ACTIONS


def action_target(*, briefing: Briefing, action: str) -> str:
    """The status a move's button leads to from where `briefing` stands."""
    targets = action_targets()[action]
    return next(iter(targets & ALLOWED_TRANSITIONS.get(briefing.status, set())), next(iter(targets)))


def briefing_check_action(*, user, briefing: Briefing, action: str, comment: str = "", at=None) -> None:
    """Refuse, with the reason, a button `user` may not press on `briefing` as it stands."""
    if action == "schedule":
        briefing_check_schedule(user=user, briefing=briefing, at=at)
    elif action == "unschedule":
        briefing_check_schedule(user=user, briefing=briefing, at=None)
    elif action == "comment":
        review_comment_check(user=user, briefing=briefing, text=comment)
    else:
        to_status = action_target(briefing=briefing, action=action)
        briefing_check_transition(user=user, briefing=briefing, to_status=to_status, comment=comment)
        if to_status == PublicationStatus.PUBLISHED:
            briefing_check_publishable(briefing=briefing)


def briefing_do_action(*, user, briefing: Briefing, action: str, comment: str = "", at=None) -> str:
    """Press a workflow button: make the move, set or cancel the schedule, or leave the
    comment. Returns what was done, in words; refusals raise as the checks do."""
    from ..formats import short_datetime

    if action == "schedule":
        briefing_schedule(briefing=briefing, user=user, at=at, comment=comment)
        return f"“{briefing}” will be published {short_datetime(briefing.scheduled_for)}."
    if action == "unschedule":
        briefing_schedule(briefing=briefing, user=user, at=None, comment=comment)
        return f"“{briefing}” is no longer scheduled."
    if action == "comment":
        review_comment_add(briefing=briefing, user=user, text=comment)
        return "Your comment is on the briefing for its authors."
    to_status = action_target(briefing=briefing, action=action)
    briefing_transition(briefing=briefing, to_status=to_status, user=user, comment=comment)
    return f"“{briefing}” is now {briefing.get_status_display()}."


# --- Country trends ------------------------------------------------------------------


def country_trend_transition(*, trend: CountryTrend, to_status: str, user) -> CountryTrend:
    """Move a country trend through the same workflow table as briefings, with the same
    permissions: only editors publish, withdraw or return a trend to draft."""
    with transaction.atomic():
        locked = CountryTrend.objects.select_for_update().get(pk=trend.pk)
        move = WORKFLOW.get((locked.status, to_status))
        if move is None:
            raise TransitionError(
                f"A trend that is {locked.get_status_display()} cannot become {_label(to_status)}."
            )
        submitting = (locked.status, to_status) == (PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW)
        permission = "briefings.change_countrytrend" if submitting else move.permission
        if user is not None and not user.has_perm(permission):
            raise PermissionDenied(f"Only editors may {move.label.lower()} a country trend.")
        locked.status = to_status
        if to_status == PublicationStatus.PUBLISHED:
            locked.published_at = locked.published_at or timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
    trend.refresh_from_db()
    return trend


def country_trend_record(*, trend: CountryTrend, user) -> CountryTrend:
    """Save a new country trend as recorded by `user`."""
    trend.recorded_by = user
    trend.save()
    return trend
