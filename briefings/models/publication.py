"""The desk's publication version: one number that changes whenever anything a reader may
see could have changed, so that every cached public page knows whether it is still current
(see `briefings.cache`)."""

from django.db import models


class PublicVersion(models.Model):
    """The one row whose `value` every write to public material raises (`briefings.cache`).

    Kept in the database rather than in the cache, so that every app server and every worker
    sees the same number even when each caches in its own memory; raised after the write's
    transaction commits, so that no reader can see the new number before the new rows."""

    value = models.PositiveBigIntegerField(default=0, help_text="Raised by one on every public change.")
    changed_at = models.DateTimeField(
        help_text="When public material last changed (the pages' Last-Modified)."
    )
    next_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The next publication time still to come: reaching it changes the public pages too.",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "public version"

    def __str__(self):
        return f"public version {self.value}"
