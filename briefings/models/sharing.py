"""Share links: a signed, expiring, revocable address that shows one briefing's current
draft, read-only, to a reviewer without an account, and the log of its openings."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class ShareLinkLifetime(models.IntegerChoices):
    """How long a share link opens, in days."""

    DAY = 1, "1 day"
    WEEK = 7, "7 days"
    MONTH = 30, "30 days"


class ShareLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """Links that still open: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ShareLink(models.Model):
    """A signed address that shows one briefing, read-only, to whoever holds it, until it
    expires or an editor revokes it. Made only by `services.share_link_create`."""

    briefing = models.ForeignKey("Briefing", on_delete=models.CASCADE, related_name="share_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who made the link.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(help_text="After this time the link no longer opens.")
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor revoked it; it no longer opens."
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Who it is for, so the link can be told apart from others."
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["briefing", "-created_at", "-pk"]
        verbose_name = "share link"
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="share_link_expires_after_created"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=F("created_at")),
                name="share_link_revoked_after_created",
            ),
        ]

    def __str__(self):
        return f"Share link {self.pk} to “{self.briefing}”"

    def is_active(self, now=None) -> bool:
        """`ShareLinkQuerySet.active()` for one link in memory."""
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class ShareLinkOpening(models.Model):
    """One opening of a share link: when, and from which address."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(
        "IP address", null=True, blank=True, help_text="The address the request came from."
    )
    what = models.CharField(max_length=16, default="page", help_text="The page or its PDF.")

    class Meta:
        ordering = ["link", "-at", "-pk"]
        verbose_name = "share link opening"
        constraints = [
            models.CheckConstraint(
                condition=Q(what__in=["page", "pdf"]), name="share_link_opening_what_valid"
            ),
        ]

    def __str__(self):
        return f"{self.link} opened {self.at:%Y-%m-%d %H:%M}"
