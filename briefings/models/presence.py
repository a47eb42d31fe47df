"""Who has which admin change page open, so that the others can be told."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class EditPresence(models.Model):
    """Someone has an object's admin change page open: the page says so to the others.

    Kept in the database, not in one server's memory, so that every app server sees it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    opened_at = models.DateTimeField(default=timezone.now, help_text="When the page was opened.")
    seen_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="The page's last sign of life."
    )

    class Meta:
        ordering = ["opened_at", "pk"]
        verbose_name = "open change page"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="edit_presence_once_per_user_and_object"
            )
        ]

    def __str__(self):
        return f"{self.user} has {self.content_type.model} {self.object_id} open"
