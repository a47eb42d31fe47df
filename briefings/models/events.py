"""Events: what happened, dated as precisely as it is known, with actors in roles."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import smart_split, unescape_string_literal

from .actors import Actor
from .base import (
    ShownByBriefingsQuerySet,
    SluggedModel,
    VersionedModel,
    WriteSignallingQuerySet,
    marking_field,
)
from .choices import ActorRole, DatePrecision, EventKind, Tlp
from .geography import Country
from .sources import Excerpt


class EventQuerySet(ShownByBriefingsQuerySet):
    # A reader sees the events of a published briefing's timeline.
    briefing_paths = ("events",)

    def named(self, term: str):
        """The events a person typing `term` in the admin means: each word (or quoted
        phrase) begins the title, the place, the country's name or one of its actors' names,
        or is the event's address. Each word's events are a union of keys, every part read
        from an index (the title and place prefixes by migration 0020 on PostgreSQL, the
        actors and countries a word names from their small tables first), so no event is
        joined to its actors: none is listed twice, and no `DISTINCT` sorts the table."""
        events = self.model._default_manager
        matched = self
        for word in smart_split(term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:
                word = unescape_string_literal(word)
            countries = Country.objects.filter(name__istartswith=word).values("pk")
            actors = Actor.objects.filter(name__istartswith=word).values("pk")
            # A slug is lower case (`slugify`): compared as typed, it is read from its index.
            keys = (
                events.filter(title__istartswith=word)
                .order_by()
                .values("pk")
                .union(
                    events.filter(place__istartswith=word).order_by().values("pk"),
                    events.filter(country__in=countries).order_by().values("pk"),
                    EventActor.objects.filter(actor__in=actors).order_by().values("event_id"),
                    events.filter(slug=word.lower()).order_by().values("pk"),
                )
            )
            matched = matched.filter(pk__in=keys)
        return matched


class Event(SluggedModel, VersionedModel):
    """Something that happened, dated to a stated precision, with actors in roles."""

    title = models.CharField(max_length=300, help_text="What happened, in one line.")
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    date = models.DateField(help_text="For a month or a year, the first day of it; pick the precision below.")
    date_precision = models.CharField(
        max_length=16,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How exactly the date is known: “June 2019” is a month; “days earlier” is approximate.",
    )
    end_date = models.DateField(null=True, blank=True, help_text="For events that lasted; else leave empty.")
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    place = models.CharField(max_length=200, blank=True, help_text="Town, site or area, where known.")
    description = models.TextField(blank=True)
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events", blank=True)
    excerpts = models.ManyToManyField(
        Excerpt, related_name="events", blank=True, help_text="The passages that report this event."
    )
    marking = marking_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    slug_max_length = 80

    class Meta:
        ordering = ["date", "title"]
        # The admin's list of 100,000 events: its order, and each of its filters.
        indexes = [
            models.Index(fields=["date", "title", "id"], name="event_date_title_idx"),
            models.Index(fields=["kind", "date"], name="event_kind_date_idx"),
            models.Index(fields=["date_precision", "date"], name="event_precision_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(marking__in=Tlp.values), name="event_marking_valid"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="event_end_not_before_start",
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values), name="event_precision_valid"
            ),
        ]

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    def get_absolute_url(self):
        return reverse("briefings:event-detail", kwargs={"slug": self.slug})

    def slug_text(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}" if self.date else self.title

    def clean(self):
        if self.end_date and self.date and self.end_date < self.date:
            raise ValidationError({"end_date": "The event cannot end before it starts."})

    @property
    def display_date(self) -> str:
        """The date as precisely as it is known: "18 August 2020", "June 2019", "c. August 2020"."""
        if not self.date:
            return ""
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date:%Y}"
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.date:%B %Y}"
        if self.date_precision == DatePrecision.APPROXIMATE:
            return f"c. {self.date.day} {self.date:%B %Y}"
        return f"{self.date.day} {self.date:%B %Y}"


class EventActor(models.Model):
    """An actor's role in an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roles")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="event_roles")
    role = models.CharField(max_length=16, choices=ActorRole.choices, default=ActorRole.PARTICIPANT)

    objects = WriteSignallingQuerySet.as_manager()

    class Meta:
        ordering = ["event", "role", "actor__name"]
        verbose_name = "actor in event"
        verbose_name_plural = "actors in event"
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="event_actor_role_unique"),
            models.CheckConstraint(condition=Q(role__in=ActorRole.values), name="event_actor_role_valid"),
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"
