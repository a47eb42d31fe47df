"""The search index: one document of searchable text per row a reader may find."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from .choices import SearchKind


class SearchDocument(models.Model):
    """The searchable text of one briefing, judgment, event, actor or excerpt.

    Derived data, written by `briefings.search` whenever the row it describes (or text it
    borrows, such as an actor's aliases) is saved. On PostgreSQL `search_vector` holds the
    weighted tsvector behind a GIN index; elsewhere it stays empty and search reads `text`.
    Whether a reader may see the row is never stored here: every search starts from the
    `published()` QuerySets.
    """

    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField(help_text="The heading a result shows.")
    text = models.TextField(blank=True, help_text="The rest of the searchable text, as plain text.")
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once_per_object"),
            models.CheckConstraint(
                condition=Q(kind__in=SearchKind.values), name="search_document_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title[:80]}"
