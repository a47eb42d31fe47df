"""Sources an analyst read, graded for reliability, and the passages quoted from them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..addresses import safe_address, validate_web_address
from .base import ShownByBriefingsQuerySet, VersionedModel, marking_field
from .choices import Credibility, Reliability, SuggestionKind, Tlp


def locate_quote(full_text: str, text: str, near: int | None = None) -> tuple[int, int] | None:
    """Where `text` stands in `full_text`, as (start, end): at `near` if it is there, else
    its occurrence nearest to `near` (the first, without one); None if it is not there.
    A browser shows "\r\n" as one character, so a quote that matches only with line
    endings folded is found too, and its span is that of the stored characters."""
    if not text:
        return None
    if near is not None and full_text[near : near + len(text)] == text:
        return near, near + len(text)
    positions = _occurrences(full_text, text)
    if positions:
        best = min(positions, key=lambda p: abs(p - (near or 0)))
        return best, best + len(text)
    if "\r\n" not in full_text:
        return None
    # Search the text as the browser showed it, then map the position back.
    original = [i for i, c in enumerate(full_text) if not (c == "\r" and full_text[i + 1 : i + 2] == "\n")]
    shown = full_text.replace("\r\n", "\n")
    folded = text.replace("\r\n", "\n")
    positions = _occurrences(shown, folded)
    if not positions:
        return None
    best = min(positions, key=lambda p: abs(p - (near or 0)))
    return original[best], original[best + len(folded) - 1] + 1


def _occurrences(haystack: str, needle: str) -> list[int]:
    positions, found = [], haystack.find(needle)
    while found >= 0:
        positions.append(found)
        found = haystack.find(needle, found + 1)
    return positions


class SourceQuerySet(ShownByBriefingsQuerySet):
    # A reader sees the sources a published briefing lists, and those its quoted passages
    # come from (their footnotes name them).
    briefing_paths = (
        "sources",
        "events__excerpts__source",
        "judgment_links__assessment__evidence_excerpts__source",
    )


class Source(VersionedModel):
    """A document an analyst read, graded for reliability."""

    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("address", max_length=500, blank=True, validators=[validate_web_address])
    published_on = models.DateField("date published", null=True, blank=True)
    full_text = models.TextField(
        blank=True,
        help_text="The document's text. Where it is stored, every excerpt must quote it exactly.",
    )
    reliability = models.CharField(
        "source reliability",
        max_length=1,
        choices=Reliability.choices,
        default=Reliability.F,
        help_text=(
            "Admiralty grade of the source as a whole, from its track record: A completely "
            "reliable … E unreliable; F when there is no basis to judge."
        ),
    )
    excerpt_credibility = models.PositiveSmallIntegerField(
        "credibility of its information",
        choices=Credibility.choices,
        default=Credibility.CANNOT_JUDGE,
        help_text=(
            "The Admiralty grade its excerpts start with, from 1 confirmed by other sources to "
            "6 truth cannot be judged; grade an excerpt apart where it differs."
        ),
    )
    marking = marking_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        # The admin's list of sources: its order and each of its filters (the excerpts'
        # list filters by their source's reliability too).
        indexes = [
            models.Index(fields=["-published_on", "title", "id"], name="source_published_order_idx"),
            models.Index(fields=["reliability"], name="source_reliability_idx"),
            models.Index(fields=["publisher"], name="source_publisher_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(marking__in=Tlp.values), name="source_marking_valid"),
            models.CheckConstraint(
                condition=Q(reliability__in=Reliability.values), name="source_reliability_valid"
            ),
            models.CheckConstraint(
                condition=Q(excerpt_credibility__gte=1, excerpt_credibility__lte=6),
                name="source_excerpt_credibility_valid",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def address(self) -> str:
        """The address pages, feeds and exports link to: empty unless it is safe to follow."""
        return safe_address(self.url)


class ExcerptQuerySet(ShownByBriefingsQuerySet):
    # A reader sees the passages behind a published briefing's events and key judgments.
    briefing_paths = ("events__excerpts", "judgment_links__assessment__evidence_excerpts")


class Excerpt(VersionedModel):
    """A passage quoted exactly from a source, with where it sits in the source's text."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="excerpts")
    text = models.TextField(help_text="The exact words of the source, without quotation marks.")
    start = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Character offset in the source's full text; filled in automatically.",
    )
    end = models.PositiveIntegerField(null=True, blank=True)
    credibility = models.PositiveSmallIntegerField(
        "information credibility",
        choices=Credibility.choices,
        default=Credibility.CANNOT_JUDGE,
        help_text=(
            "Admiralty grade of this item of information: 1 confirmed by other sources … "
            "5 improbable; 6 when its truth cannot be judged."
        ),
    )
    marking = marking_field()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExcerptQuerySet.as_manager()

    class Meta:
        ordering = ["source", "start", "pk"]
        # The admin's list of excerpts in its order, and its filter by credibility.
        indexes = [
            models.Index(fields=["source", "start", "id"], name="excerpt_source_order_idx"),
            models.Index(fields=["credibility"], name="excerpt_credibility_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(marking__in=Tlp.values), name="excerpt_marking_valid"),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, end__gt=models.F("start")),
                name="excerpt_position_ordered",
            ),
            models.CheckConstraint(
                condition=Q(credibility__gte=1, credibility__lte=6), name="excerpt_credibility_valid"
            ),
        ]

    def __str__(self):
        text = " ".join(self.text.split())
        return f"“{text[:80]}{'…' if len(text) > 80 else ''}”"

    def clean(self):
        """The text must stand in the source's stored full text; its position is found there."""
        # On a source's add page the source is attached but not saved yet: check it too.
        if not self.text or not (self.source_id or Excerpt.source.is_cached(self)):
            return
        full_text = self.source.full_text
        if not full_text:
            # Nothing stored to check against: keep the position the analyst recorded.
            return
        span = locate_quote(full_text, self.text, near=self.start)
        if span is None:
            raise ValidationError(
                {"text": "This text is not in the source's stored full text. Quote it exactly."}
            )
        self.start, self.end = span
        self.text = full_text[self.start : self.end]

    @property
    def grade(self) -> str:
        """The Admiralty grade of this item, e.g. "B2"."""
        return f"{self.source.reliability}{self.credibility}"


class RejectedSuggestion(models.Model):
    """A suggestion the analyst left unticked when accepting a source's suggestions: it stays
    rejected (listed greyed, unticked) until ticked and accepted again."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="rejected_suggestions")
    kind = models.CharField(max_length=16, choices=SuggestionKind.choices)
    key = models.CharField(
        max_length=200,
        help_text="Which suggestion: a country's code, an actor's folded name, or a sentence's "
        "position in the full text (with an event's date).",
    )
    label = models.CharField(max_length=300, blank=True, help_text="What the suggestion said, for people.")
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rejected_suggestions",
    )
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "kind", "key"]
        verbose_name = "rejected suggestion"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "key"], name="rejected_suggestion_once_per_source"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SuggestionKind.values), name="rejected_suggestion_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} “{self.label or self.key}” rejected from {self.source}"
