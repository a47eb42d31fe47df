"""Notices: when a briefing is submitted, returned or published, the people the move
concerns are told, in the admin (a `Notice` each) and by e-mail through Django's e-mail
backend (`EMAIL_HOST`; without one, notices stay in the admin). E-mail leaves only once the
move is committed, and a mail server that fails is logged, never a refused move."""

import logging

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Briefing, Notice, NoticeKind, PublicationStatus, display_name

logger = logging.getLogger(__name__)


def _kind_of_move(from_status: str, to_status: str) -> str | None:
    if to_status == PublicationStatus.IN_REVIEW and from_status == PublicationStatus.DRAFT:
        return NoticeKind.SUBMITTED
    if to_status == PublicationStatus.DRAFT and from_status == PublicationStatus.IN_REVIEW:
        return NoticeKind.RETURNED
    if to_status == PublicationStatus.PUBLISHED:
        return NoticeKind.PUBLISHED
    return None


def _recipients(*, briefing: Briefing, kind: str, user) -> list:
    from .workflow import users_editors

    people = users_editors() if kind == NoticeKind.SUBMITTED else briefing.authors.filter(is_active=True)
    if user is not None:
        people = people.exclude(pk=user.pk)
    return list(people.order_by("pk"))


def _notice_text(*, briefing: Briefing, kind: str, user, comment: str) -> str:
    who = display_name(user) if user is not None else "The desk"
    if kind == NoticeKind.SUBMITTED:
        text = f"{who} submitted “{briefing}” for review."
    elif kind == NoticeKind.RETURNED:
        text = f"{who} returned “{briefing}” to draft."
    else:
        text = f"{who} published “{briefing}”: readers see it now."
    return f"{text}\n\n{comment}" if comment else text


def briefing_admin_url(briefing: Briefing) -> str:
    """The full address of a briefing's admin page, for a message read outside the site."""
    path = reverse("admin:briefings_briefing_change", args=[briefing.pk])
    return settings.BRIEFINGS_SITE_URL.rstrip("/") + path


def notices_for_move(
    *, briefing: Briefing, from_status: str, to_status: str, user, comment: str = ""
) -> list:
    """Tell the people a move concerns: the editors of a submitted briefing, the authors of
    one returned (with the editor's comment) or published; never the person who made it."""
    kind = _kind_of_move(from_status, to_status)
    if kind is None:
        return []
    text = _notice_text(briefing=briefing, kind=kind, user=user, comment=comment)
    notices = Notice.objects.bulk_create(
        [
            Notice(recipient=person, briefing=briefing, kind=kind, text=text)
            for person in _recipients(briefing=briefing, kind=kind, user=user)
        ]
    )
    if notices:
        ids = [notice.pk for notice in notices]
        transaction.on_commit(lambda: notices_email(ids=ids))
    return notices


def notices_email(*, ids: list[int]) -> int:
    """E-mail the notices `ids` to their recipients who have an address; returns how many
    messages left. A mail server that fails is logged: the notices stay in the admin."""
    messages = []
    for notice in Notice.objects.filter(pk__in=ids).select_related("recipient", "briefing").order_by("pk"):
        if not notice.recipient.email:
            continue
        subject = f"“{notice.briefing}” {notice.get_kind_display()}"
        body = f"{notice.text}\n\nOpen it: {briefing_admin_url(notice.briefing)}\n"
        messages.append(
            mail.EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[notice.recipient.email],
            )
        )
    if not messages:
        return 0
    try:
        return mail.get_connection(fail_silently=False).send_messages(messages) or 0
    except Exception:  # a mail server down or refusing must never undo or refuse a move
        logger.exception("Could not e-mail %d notice(s) about briefings", len(messages))
        return 0


def notices_mark_read(*, user, ids=None) -> int:
    """Mark `user`'s notices read (those of `ids`, or all); another person's are untouched."""
    unread = Notice.objects.for_user(user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
