"""Writes that carry the desk's rules. The admin, management commands and tests all call
these, so a rule holds however a change arrives."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Briefing, BriefingStatus

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
