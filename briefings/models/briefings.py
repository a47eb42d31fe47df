"""Briefings, the published product: bottom line, key judgments, body, what it rests on,
and its way through review (the workflow's log and the reviewers' comments)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from ..markdown import render_markdown, validate_markdown
from .actors import Actor
from .assessments import Assessment
from .base import (
    PublishableModel,
    PublishableQuerySet,
    SluggedModel,
    VersionedModel,
    VersionedQuerySet,
    WriteSignallingQuerySet,
    marking_field,
)
from .choices import PublicationStatus, Tlp
from .events import Event, EventActor
from .geography import Country
from .readers import Organisation
from .sources import Source


class BriefingQuerySet(PublishableQuerySet, VersionedQuerySet):
    def waiting_for_review(self):
        """Submitted for review and not yet scheduled: the editors' queue."""
        return self.filter(status=PublicationStatus.IN_REVIEW, scheduled_for__isnull=True)

    def returned_to(self, user):
        """Drafts `user` authors that an editor sent back from review (their last move),
        each with the editor's comment as `returned_comment`."""
        last_move = BriefingTransition.objects.filter(briefing=OuterRef("pk")).order_by("-at", "-pk")
        return (
            self.filter(status=PublicationStatus.DRAFT, authors=user)
            .annotate(
                last_from=Subquery(last_move.values("from_status")[:1]),
                returned_comment=Subquery(last_move.values("comment")[:1]),
                returned_at=Subquery(last_move.values("at")[:1]),
            )
            .filter(last_from=PublicationStatus.IN_REVIEW)
        )

    def scheduled(self, *, now=None):
        """Briefings with a publication time to come: scheduled in review, or published
        with a future date (not on the site until then)."""
        now = now or timezone.now()
        return self.filter(
            Q(status=PublicationStatus.IN_REVIEW, scheduled_for__gt=now)
            | Q(status=PublicationStatus.PUBLISHED, published_at__gt=now)
        )

    def with_last_review_by(self, user):
        """Annotate `last_reviewed_version`: the version at `user`'s last move of each
        briefing out of review (returned or published), None where they made none."""
        moves = BriefingTransition.objects.filter(
            briefing=OuterRef("pk"), user=user, from_status=PublicationStatus.IN_REVIEW
        ).order_by("-at", "-pk")
        return self.annotate(last_reviewed_version=Subquery(moves.values("version")[:1]))

    def about_actor(self, actor):
        """The briefings about `actor`: those that cover it, and those whose events it acts in."""
        return self.filter(
            Q(Exists(Briefing.actors.through.objects.filter(briefing=OuterRef("pk"), actor=actor)))
            | Q(Exists(EventActor.objects.filter(actor=actor, event__briefings=OuterRef("pk"))))
        )


class Briefing(SluggedModel, PublishableModel, VersionedModel):
    """The published product: bottom line, key judgments, body, and what it rests on."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True, help_text="The briefing's address on the site.")
    summary = models.TextField(
        "bottom line up front", help_text="Two or three sentences a reader can stop after."
    )
    body = models.TextField(
        blank=True, validators=[validate_markdown], help_text="The analysis, in Markdown."
    )
    body_html = models.TextField(blank=True, editable=False)
    key_judgments = models.ManyToManyField(
        Assessment, through="KeyJudgment", related_name="briefings", blank=True
    )
    countries = models.ManyToManyField(Country, related_name="briefings", blank=True)
    actors = models.ManyToManyField(Actor, related_name="briefings", blank=True)
    events = models.ManyToManyField(
        Event, related_name="briefings", blank=True, help_text="The events of its timeline."
    )
    sources = models.ManyToManyField(Source, related_name="briefings", blank=True)
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="briefings", blank=True)
    status = models.CharField(
        max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was (or will be) first published."
    )
    # A scheduled briefing stays in review, so nothing public has to know about schedules:
    # `publish_due` publishes it through the workflow once the time comes.
    scheduled_for = models.DateTimeField(
        "scheduled for",
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor has scheduled this reviewed briefing to be published.",
    )
    marking = marking_field()
    recipient_organisations = models.ManyToManyField(
        Organisation,
        related_name="briefings",
        blank=True,
        help_text="For TLP:AMBER and AMBER+STRICT: the organisations it is for, besides the desk's own.",
    )
    recipient_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="briefings_received",
        blank=True,
        help_text="For TLP:RED: the readers it is for, by name; nobody else may read it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("last revised", auto_now=True)
    # ICD 203 asks that changes in judgment be explained: readers see this under the dates.
    revision_note = models.TextField(
        "what changed",
        blank=True,
        help_text="When you revise a published briefing: what changed and why, in a sentence or "
        "two. Readers see it under the “last revised” date.",
    )

    objects = BriefingQuerySet.as_manager()

    slug_max_length = 80

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        # The admin's list of briefings in its order (status is indexed on its field).
        indexes = [
            models.Index(fields=["-published_at", "-updated_at", "-id"], name="briefing_published_order_idx"),
        ]
        permissions = [
            ("review_briefing", "Can review any briefing: edit it, comment on it, return it to draft"),
            ("publish_briefing", "Can publish, withdraw and schedule briefings"),
            ("restore_version", "Can restore old versions"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PublicationStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="briefing_published_has_published_at",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values), name="briefing_status_valid"
            ),
            models.CheckConstraint(condition=Q(marking__in=Tlp.values), name="briefing_marking_valid"),
            models.CheckConstraint(
                condition=Q(scheduled_for__isnull=True) | Q(status=PublicationStatus.IN_REVIEW),
                name="briefing_scheduled_only_in_review",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefings:briefing-detail", kwargs={"slug": self.slug})


class KeyJudgment(models.Model):
    """An assessment's place among a briefing's key judgments."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="judgment_links")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="briefing_links")
    order = models.PositiveSmallIntegerField(default=0, help_text="1 comes first.")

    objects = WriteSignallingQuerySet.as_manager()

    class Meta:
        ordering = ["briefing", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "assessment"], name="key_judgment_once_per_briefing")
        ]

    def __str__(self):
        return f"{self.order}. {self.assessment}"


class BriefingTransition(models.Model):
    """One move of a briefing through the workflow: who, when, from which status to which, and why.

    Written only by `services.briefing_transition`, in the transaction that moves the briefing.
    """

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="briefing_transitions",
        help_text="Empty when the desk itself did it, e.g. a scheduled publication.",
    )
    from_status = models.CharField(max_length=16, choices=PublicationStatus.choices)
    to_status = models.CharField(max_length=16, choices=PublicationStatus.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # What the person who made the move saw: "changes since you last reviewed it" compares
    # the briefing's history from this version on.
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The briefing's version once the move was made."
    )

    class Meta:
        ordering = ["briefing", "at", "pk"]
        verbose_name = "workflow step"
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=PublicationStatus.values), name="briefing_transition_from_valid"
            ),
            models.CheckConstraint(
                condition=Q(to_status__in=PublicationStatus.values), name="briefing_transition_to_valid"
            ),
        ]

    def __str__(self):
        return f"{self.briefing}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class ReviewComment(models.Model):
    """A reviewer's note on a briefing, for its authors to act on."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="review_comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_comments",
    )
    text = models.TextField(help_text="What should change, and why.")
    resolved = models.BooleanField(default=False, help_text="Ticked once the authors have dealt with it.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["briefing", "created_at", "pk"]
        verbose_name = "review comment"
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="review_comment_has_text"),
        ]

    def __str__(self):
        text = " ".join(self.text.split())
        return text[:80] + ("…" if len(text) > 80 else "")
