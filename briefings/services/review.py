"""The review loop as the people in it see it: the queues on the admin home, and what
changed in a briefing since an editor last reviewed it."""

from dataclasses import dataclass, field

from ..models import Briefing, BriefingTransition, Notice, PublicationStatus
from . import history
from .workflow import REVIEW_PERMISSION

QUEUE_ROWS = 10  # each queue lists this many on the admin home; its count says how many in all


@dataclass
class Queue:
    """One queue of the admin home: its heading, how many briefings it holds, the first few."""

    key: str
    title: str
    empty: str
    count: int
    rows: list = field(default_factory=list)
    list_url: str = ""


def review_queues(*, user) -> list[Queue]:
    """The queues `user` works from: editors' "Waiting for your review", an author's
    "Returned to you", and "Scheduled"; three queries each at most."""
    from django.urls import reverse

    if user is None or not user.has_perm("briefings.view_briefing"):
        return []
    changelist = reverse("admin:briefings_briefing_changelist")
    queues = []
    if user.has_perm(REVIEW_PERMISSION):
        waiting = Briefing.objects.waiting_for_review().with_last_review_by(user)
        queues.append(
            Queue(
                key="waiting",
                title="Waiting for your review",
                empty="Nothing is waiting for review.",
                count=waiting.count(),
                rows=list(waiting.order_by("updated_at", "pk")[:QUEUE_ROWS]),
                list_url=f"{changelist}?status__exact={PublicationStatus.IN_REVIEW}",
            )
        )
    returned = Briefing.objects.returned_to(user)
    queues.append(
        Queue(
            key="returned",
            title="Returned to you",
            empty="No briefing of yours has come back from review.",
            count=returned.count(),
            rows=list(returned.order_by("-returned_at", "-pk")[:QUEUE_ROWS]),
            list_url=f"{changelist}?status__exact={PublicationStatus.DRAFT}&authors__id__exact={user.pk}",
        )
    )
    scheduled = Briefing.objects.scheduled()
    queues.append(
        Queue(
            key="scheduled",
            title="Scheduled",
            empty="Nothing is scheduled to be published.",
            count=scheduled.count(),
            rows=list(scheduled.order_by("scheduled_for", "published_at", "pk")[:QUEUE_ROWS]),
        )
    )
    return queues


def notices_unread_count(*, user) -> int:
    return Notice.objects.for_user(user).unread().count() if user is not None else 0


def briefing_last_review(*, briefing: Briefing, user) -> BriefingTransition | None:
    """`user`'s last move of `briefing` out of review (returned it, published or scheduled
    it): what they saw then is what they reviewed."""
    return (
        briefing.transitions.filter(user=user, from_status=PublicationStatus.IN_REVIEW, version__isnull=False)
        .order_by("-at", "-pk")
        .first()
    )


@dataclass
class ChangesSinceReview:
    """The stored version an editor last reviewed, the latest, and the move that reviewed it."""

    review: BriefingTransition
    reviewed: object  # reversion Version
    latest: object


def briefing_changes_since_review(*, briefing: Briefing, user) -> ChangesSinceReview | None:
    """The two versions to compare to show `user` what changed since they last reviewed
    `briefing`; None when they never did, or the history holds no version from then."""
    review = briefing_last_review(briefing=briefing, user=user)
    if review is None:
        return None
    reviewed = history.version_at(briefing, review.version)
    latest = history.versions_of(briefing).first()
    if reviewed is None or latest is None:
        return None
    return ChangesSinceReview(review=review, reviewed=reviewed, latest=latest)
