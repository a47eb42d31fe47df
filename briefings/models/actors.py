"""Actors: people, bodies, forces, groups, organisations, parties, companies, outlets and
operations, with the other names they go by."""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from .base import ShownByBriefingsQuerySet, SluggedModel, VersionedModel, WriteSignallingQuerySet
from .choices import ActorKind
from .geography import Country


class ActorQuerySet(ShownByBriefingsQuerySet):
    # A reader sees the actors a published briefing covers, and those in its events.
    briefing_paths = ("actors", "events__roles__actor")

    def most_covered(self, limit: int, *, briefings):
        """The `limit` actors the most of `briefings` (those a reader may read) cover, each
        with `briefing_count`: for a pick list, which must not list every actor a desk of
        thousands has."""
        covering = Q(briefings__in=briefings.values("pk"))
        return (
            self.annotate(briefing_count=Count("briefings", filter=covering))
            .filter(briefing_count__gt=0)
            .order_by("-briefing_count", "name", "pk")[:limit]
        )


class Actor(SluggedModel, VersionedModel):
    """A person, body, force, group, organisation, party, company, outlet or operation."""

    name = models.CharField(max_length=200, help_text="The name an analyst would search for.")
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    kind = models.CharField(max_length=32, choices=ActorKind.choices)
    role_title = models.CharField(
        "role or title",
        max_length=200,
        blank=True,
        help_text="For a person, their position, e.g. “Russian Ambassador to Mali and Niger”.",
    )
    countries = models.ManyToManyField(
        Country, related_name="actors", blank=True, help_text="The countries the actor belongs to."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="The actor this one belongs to, e.g. a minister's government.",
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The admin's list of actors: its order and its filter by kind.
        indexes = [
            models.Index(fields=["name", "id"], name="actor_name_idx"),
            models.Index(fields=["kind", "name"], name="actor_kind_name_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefings:actor-detail", kwargs={"slug": self.slug})


class ActorAlias(models.Model):
    """Another name an actor goes by: an acronym, a short form, a nickname."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="e.g. “CNSP” or “the junta”.")

    objects = WriteSignallingQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        constraints = [models.UniqueConstraint(fields=["actor", "name"], name="actor_alias_unique_per_actor")]

    def __str__(self):
        return self.name
