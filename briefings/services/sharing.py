"""Share links: an editor gives a reviewer without an account a signed, expiring, revocable
address showing one briefing's current draft, read-only; every opening is logged.

The address carries the link's row and briefing, signed with Django's signing
(`signing.dumps`, a TimestampSigner underneath) under the desk's SECRET_KEY, so it cannot be
forged or pointed at another briefing; the row makes it revocable and holds its expiry. A
link that is forged, altered, expired or revoked opens nothing (`ShareLinkInvalid`, a 404).
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Briefing, ShareLink, ShareLinkLifetime, ShareLinkOpening
from .workflow import user_is_editor

SALT = "briefings.share-link"
# No link lives longer than the longest lifetime offered, whatever its row says.
MAX_AGE = timedelta(days=max(ShareLinkLifetime.values))


class ShareLinkInvalid(Exception):
    """The address is not a share link that opens now: forged, altered, expired or revoked."""


def share_link_check_create(*, briefing: Briefing, created_by) -> None:
    """Refuse, saying why, a share link `created_by` may not make."""
    if not user_is_editor(created_by):
        raise PermissionDenied("Only editors may share a briefing with a reviewer.")
    if briefing.pk is None:
        raise ValidationError("Save the briefing before sharing it.")


def share_link_create(
    *, briefing: Briefing, created_by, lifetime: int | ShareLinkLifetime, note: str = ""
) -> ShareLink:
    """Make a share link to `briefing` that opens for `lifetime` days (one of ShareLinkLifetime)."""
    share_link_check_create(briefing=briefing, created_by=created_by)
    if int(lifetime) not in ShareLinkLifetime.values:
        raise ValidationError(f"A share link lasts {', '.join(ShareLinkLifetime.labels)}.")
    now = timezone.now()
    return ShareLink.objects.create(
        briefing=briefing,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=int(lifetime)),
        note=note.strip(),
    )


class _LinkSigner(signing.TimestampSigner):
    """Signs with the time the link was made, so a link has one address however often the
    admin shows it."""

    def __init__(self, *, made_at, **kwargs):
        super().__init__(**kwargs)
        self.made_at = made_at

    def timestamp(self):
        return signing.b62_encode(int(self.made_at.timestamp()))


def share_link_token(link: ShareLink) -> str:
    """The signed token of `link`'s address (what `signing.loads` reads back)."""
    signer = _LinkSigner(made_at=link.created_at, salt=SALT)
    return signer.sign_object({"link": link.pk, "briefing": link.briefing_id})


def share_link_url(link: ShareLink, *, pdf: bool = False) -> str:
    """The path of `link`'s page (or of its PDF), to give to the reviewer."""
    name = "briefings:share-pdf" if pdf else "briefings:share"
    return reverse(name, kwargs={"token": share_link_token(link)})


def share_link_revoke(*, link: ShareLink, user) -> ShareLink:
    """Revoke `link`: it no longer opens. Revoking a revoked link changes nothing."""
    if not user_is_editor(user):
        raise PermissionDenied("Only editors may revoke a share link.")
    with transaction.atomic():
        link = ShareLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is None:
            link.revoked_at = max(timezone.now(), link.created_at)
            link.revoked_by = user
            link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def share_link_find(*, token: str, now=None) -> ShareLink:
    """The active link behind `token`; ShareLinkInvalid when it is none."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        link_pk, briefing_pk = int(data["link"]), int(data["briefing"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ShareLinkInvalid("Not a share link.") from error
    link = (
        ShareLink.objects.active(now)
        .select_related("briefing")
        .filter(pk=link_pk, briefing_id=briefing_pk)
        .first()
    )
    if link is None:
        raise ShareLinkInvalid("This share link has expired or was revoked.")
    return link


def share_link_open(*, token: str, ip_address: str | None, what: str = "page", now=None) -> ShareLink:
    """Open the link behind `token` and log the opening (time, address); ShareLinkInvalid
    when it does not open."""
    link = share_link_find(token=token, now=now)
    ShareLinkOpening.objects.create(
        link=link, at=now or timezone.now(), ip_address=ip_address or None, what=what
    )
    return link


def share_links_of(briefing: Briefing) -> list[ShareLink]:
    """The links to `briefing` that still open, newest first, each with its openings."""
    return list(
        ShareLink.objects.active()
        .filter(briefing=briefing)
        .select_related("created_by")
        .prefetch_related("openings")
        .order_by("-created_at", "-pk")
    )
