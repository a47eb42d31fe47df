"""Notices: what the workflow tells the people a briefing's move concerns."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .briefings import Briefing


class NoticeKind(models.TextChoices):
    SUBMITTED = "submitted", "submitted for review"
    RETURNED = "returned", "returned to draft"
    PUBLISHED = "published", "published"


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        """The notices addressed to `user`, newest first."""
        return self.filter(recipient=user).order_by("-created_at", "-pk")

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """A note to one person that a briefing they work on has moved: submitted (to the
    editors), returned or published (to its authors). Written by `services.notices`."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    text = models.TextField(help_text="What happened, and the reviewer's comment when there is one.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(
        "read", null=True, blank=True, help_text="When its recipient marked it read; empty while unread."
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "notice"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NoticeKind.values), name="notice_kind_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="notice_has_text"),
        ]

    def __str__(self):
        return f"“{self.briefing}” {self.get_kind_display()}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
