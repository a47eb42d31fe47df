"""Readers outside the desk: the organisations they belong to, and each reader's TLP
clearance. A reader signs in on the public site, never in the admin."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from .base import SluggedModel
from .choices import Tlp


def new_feed_token() -> str:
    """A personal feed address's secret: unguessable, and replaced when revoked."""
    return secrets.token_urlsafe(24)


class Organisation(SluggedModel):
    """An organisation whose people read the desk's briefings; it may be a client of another."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    client_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clients",
        help_text="The organisation this one is a client of: TLP:AMBER reaches an organisation's clients.",
    )
    is_desk = models.BooleanField(
        "the desk's own organisation",
        default=False,
        help_text="The organisation that owns every briefing: its readers are recipients of each one.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        constraints = [
            models.UniqueConstraint(
                fields=["is_desk"], condition=Q(is_desk=True), name="organisation_one_desk"
            ),
            models.CheckConstraint(
                condition=Q(client_of__isnull=True) | ~Q(client_of=models.F("pk")),
                name="organisation_not_its_own_client",
            ),
        ]

    def __str__(self):
        return self.name


class ReaderProfile(models.Model):
    """What a reader may read: their organisation and their TLP clearance."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="readers", help_text="Who they read for."
    )
    clearance = models.CharField(
        max_length=16,
        choices=Tlp.choices,
        default=Tlp.GREEN,
        help_text="The most restrictive TLP marking they may read, within their organisation's reach.",
    )
    feed_token = models.CharField(
        max_length=64,
        unique=True,
        default=new_feed_token,
        editable=False,
        help_text="The secret in their personal feed addresses; revoking it gives a new one.",
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = "reader"
        constraints = [
            models.CheckConstraint(condition=Q(clearance__in=Tlp.values), name="reader_clearance_valid"),
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation}, {self.get_clearance_display()})"
