"""Who else has a change page open.

While an analyst keeps an object's change page open, `admin-extra/presence.js` tells the
server so every 15 seconds; the answer names the others seen on the same object in the
last 45 seconds. The rows live in the database, so every app server of a team sees them.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from ..models import EditPresence, display_name

PING_SECONDS = 15
# Three missed pings and the page is taken to be closed.
STALE_AFTER = timedelta(seconds=45)
# Rows nobody has refreshed for this long are removed as pings come in.
FORGET_AFTER = timedelta(hours=1)


def presence_record(*, user, content_type: ContentType, object_id: str) -> list[dict]:
    """Note that `user` has the object open, and return the others who do."""
    now = timezone.now()
    with transaction.atomic():
        EditPresence.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
        row, created = EditPresence.objects.get_or_create(
            user=user,
            content_type=content_type,
            object_id=object_id,
            defaults={"opened_at": now, "seen_at": now},
        )
        if not created:
            # A page that went quiet for longer than the window was closed: this is a new visit.
            if row.seen_at < now - STALE_AFTER:
                row.opened_at = now
            row.seen_at = now
            row.save(update_fields=["opened_at", "seen_at"])
    return presence_others(user=user, content_type=content_type, object_id=object_id, now=now)


def presence_others(*, user, content_type: ContentType, object_id: str, now=None) -> list[dict]:
    now = now or timezone.now()
    others = (
        EditPresence.objects.filter(
            content_type=content_type, object_id=object_id, seen_at__gte=now - STALE_AFTER
        )
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at", "pk")
    )
    return [
        {
            "name": display_name(row.user),
            "since": date_format(timezone.localtime(row.opened_at), "H:i"),
            "since_iso": row.opened_at.isoformat(),
        }
        for row in others
    ]


def presence_leave(*, user, content_type: ContentType, object_id: str) -> None:
    EditPresence.objects.filter(user=user, content_type=content_type, object_id=object_id).delete()
