"""The briefing desk's domain: sources and their excerpts, countries, actors, events,
ICD 203 assessments, and the briefings that publish them.

"Published" is defined once, in `BriefingQuerySet.published()`; what a reader may see
of every other model follows from it (`EventQuerySet.published()` and friends).
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .concurrency import VersionedModel, VersionedQuerySet
from .markdown import render_markdown

# --- Choices -------------------------------------------------------------------------


class Reliability(models.TextChoices):
    """Admiralty (NATO AJP-2.1) reliability of a source."""

    A = "A", "A – Completely reliable"
    B = "B", "B – Usually reliable"
    C = "C", "C – Fairly reliable"
    D = "D", "D – Not usually reliable"
    E = "E", "E – Unreliable"
    F = "F", "F – Reliability cannot be judged"


class Credibility(models.IntegerChoices):
    """Admiralty (NATO AJP-2.1) credibility of an item of information."""

    CONFIRMED = 1, "1 – Confirmed by other sources"
    PROBABLY_TRUE = 2, "2 – Probably true"
    POSSIBLY_TRUE = 3, "3 – Possibly true"
    DOUBTFUL = 4, "4 – Doubtful"
    IMPROBABLE = 5, "5 – Improbable"
    CANNOT_JUDGE = 6, "6 – Truth cannot be judged"


class Likelihood(models.TextChoices):
    """ICD 203 estimative language; each term carries a probability range (LIKELIHOOD_RANGES)."""

    ALMOST_NO_CHANCE = "almost_no_chance", "almost no chance"
    VERY_UNLIKELY = "very_unlikely", "very unlikely"
    UNLIKELY = "unlikely", "unlikely"
    ROUGHLY_EVEN = "roughly_even", "roughly even chance"
    LIKELY = "likely", "likely"
    VERY_LIKELY = "very_likely", "very likely"
    ALMOST_CERTAIN = "almost_certain", "almost certain"


# ICD 203's ranges, in percent (low, high).
LIKELIHOOD_RANGES: dict[str, tuple[int, int]] = {
    Likelihood.ALMOST_NO_CHANCE: (1, 5),
    Likelihood.VERY_UNLIKELY: (5, 20),
    Likelihood.UNLIKELY: (20, 45),
    Likelihood.ROUGHLY_EVEN: (45, 55),
    Likelihood.LIKELY: (55, 80),
    Likelihood.VERY_LIKELY: (80, 95),
    Likelihood.ALMOST_CERTAIN: (95, 99),
}


class Confidence(models.TextChoices):
    """ICD 203 analytic confidence, stated separately from likelihood."""

    LOW = "low", "low"
    MODERATE = "moderate", "moderate"
    HIGH = "high", "high"


class Outcome(models.TextChoices):
    """What became of a forecast once its horizon passed."""

    HAPPENED = "happened", "it happened"
    DID_NOT_HAPPEN = "did_not_happen", "it did not happen"
    UNRESOLVABLE = "unresolvable", "it cannot be resolved"


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"
    APPROXIMATE = "approximate", "approximate"


class EventKind(models.TextChoices):
    """CAMEO's root categories, ACLED's political-violence types, and coups."""

    COUP = "coup", "coup"
    PUBLIC_STATEMENT = "public_statement", "public statement"
    APPEAL = "appeal", "appeal"
    INTENT_TO_COOPERATE = "intent_to_cooperate", "intent to cooperate"
    CONSULT = "consult", "consult or meet"
    DIPLOMATIC_COOPERATION = "diplomatic_cooperation", "diplomatic cooperation"
    MATERIAL_COOPERATION = "material_cooperation", "material cooperation"
    AID = "aid", "aid"
    YIELD = "yield", "yield"
    INVESTIGATE = "investigate", "investigate"
    DEMAND = "demand", "demand"
    DISAPPROVE = "disapprove", "disapprove"
    REJECT = "reject", "reject"
    THREATEN = "threaten", "threaten"
    PROTEST = "protest", "protest"
    FORCE_POSTURE = "force_posture", "force posture"
    REDUCE_RELATIONS = "reduce_relations", "reduce relations"
    COERCE = "coerce", "coerce"
    ASSAULT = "assault", "assault"
    FIGHT = "fight", "fight"
    MASS_VIOLENCE = "mass_violence", "mass violence"
    BATTLE = "battle", "battle"
    REMOTE_VIOLENCE = "remote_violence", "explosions/remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians", "violence against civilians"
    RIOT = "riot", "riot"
    STRATEGIC_DEVELOPMENT = "strategic_development", "strategic development"
    OTHER = "other", "other"


class ActorKind(models.TextChoices):
    PERSON = "person", "person"
    STATE = "state", "state or government body"
    ARMED_FORCE = "armed_force", "armed force"
    ARMED_GROUP = "armed_group", "armed group"
    INTERNATIONAL_ORGANISATION = "international_organisation", "international organisation"
    POLITICAL_PARTY = "political_party", "political party"
    COMPANY = "company", "company"
    MEDIA = "media", "media outlet"
    PROGRAMME = "programme", "programme or operation"
    OTHER = "other", "other"


class ActorRole(models.TextChoices):
    INITIATOR = "initiator", "initiator"
    TARGET = "target", "target"
    PARTICIPANT = "participant", "participant"


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    IN_REVIEW = "in_review", "in review"
    PUBLISHED = "published", "published"
    WITHDRAWN = "withdrawn", "withdrawn"


def unique_slug(instance: models.Model, value: str, *, field: str = "slug", max_length: int = 80) -> str:
    """A slug from `value` not yet used by another row of the instance's model."""
    base = slugify(value)[:max_length].strip("-") or "item"
    candidate, n = base, 2
    manager = type(instance)._default_manager
    while manager.filter(**{field: candidate}).exclude(pk=instance.pk).exists():
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return candidate


# --- Geography -----------------------------------------------------------------------


class CountryManager(models.Manager.from_queryset(VersionedQuerySet)):
    def get_by_natural_key(self, iso2):
        return self.get(iso2=iso2)


class Country(VersionedModel):
    """An ISO 3166-1 country, loaded from pycountry by a data migration."""

    iso2 = models.CharField(
        "ISO alpha-2", max_length=2, unique=True, help_text="Two capital letters, e.g. ML for Mali."
    )
    iso3 = models.CharField(
        "ISO alpha-3", max_length=3, unique=True, help_text="Three capital letters, e.g. MLI for Mali."
    )
    name = models.CharField(max_length=120, help_text="The short name readers know, e.g. Mali.")
    official_name = models.CharField(
        max_length=200, blank=True, help_text="The ISO 3166-1 official name, e.g. Republic of Mali."
    )
    slug = models.SlugField(max_length=120, unique=True)

    objects = CountryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_two_capitals"),
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3_three_capitals"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefings:country-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.iso2,)

    def clean(self):
        import pycountry

        self.iso2 = (self.iso2 or "").upper()
        self.iso3 = (self.iso3 or "").upper()
        errors = {}
        if self.iso2 and pycountry.countries.get(alpha_2=self.iso2) is None:
            errors["iso2"] = f"“{self.iso2}” is not an ISO 3166-1 alpha-2 code."
        if self.iso3 and pycountry.countries.get(alpha_3=self.iso3) is None:
            errors["iso3"] = f"“{self.iso3}” is not an ISO 3166-1 alpha-3 code."
        if errors:
            raise ValidationError(errors)


class Region(VersionedModel):
    """A grouping of countries that analysts use (the Sahel, West Africa)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    countries = models.ManyToManyField(Country, related_name="regions", blank=True)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=120)
        super().save(*args, **kwargs)


# --- Actors --------------------------------------------------------------------------


class ActorQuerySet(VersionedQuerySet):
    def published(self):
        """Actors a reader may see: those a published briefing covers or whose events it cites."""
        briefings = Briefing.objects.published()
        return self.filter(
            Q(briefings__in=briefings) | Q(event_roles__event__briefings__in=briefings)
        ).distinct()


class Actor(VersionedModel):
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

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefings:actor-detail", kwargs={"slug": self.slug})


class ActorAlias(models.Model):
    """Another name an actor goes by: an acronym, a short form, a nickname."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="e.g. “CNSP” or “the junta”.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        constraints = [models.UniqueConstraint(fields=["actor", "name"], name="actor_alias_unique_per_actor")]

    def __str__(self):
        return self.name


# --- Sources and excerpts ------------------------------------------------------------


class SourceQuerySet(VersionedQuerySet):
    def published(self):
        return self.filter(briefings__in=Briefing.objects.published()).distinct()


class Source(VersionedModel):
    """A document an analyst read, graded for reliability."""

    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("address", max_length=500, blank=True)
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reliability__in=Reliability.values), name="source_reliability_valid"
            )
        ]

    def __str__(self):
        return self.title


class ExcerptQuerySet(VersionedQuerySet):
    def published(self):
        """Passages a reader may see: the evidence of a published event or key judgment."""
        return self.filter(
            Q(events__in=Event.objects.published()) | Q(assessments__in=Assessment.objects.published())
        ).distinct()


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
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExcerptQuerySet.as_manager()

    class Meta:
        ordering = ["source", "start", "pk"]
        constraints = [
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
        if self.start is not None and self.end is not None and full_text[self.start : self.end] == self.text:
            return
        position = full_text.find(self.text)
        if position < 0:
            raise ValidationError(
                {"text": "This text is not in the source's stored full text. Quote it exactly."}
            )
        self.start, self.end = position, position + len(self.text)

    @property
    def grade(self) -> str:
        """The Admiralty grade of this item, e.g. "B2"."""
        return f"{self.source.reliability}{self.credibility}"


# --- Events --------------------------------------------------------------------------


class EventQuerySet(VersionedQuerySet):
    def published(self):
        """Events a reader may see: those a published briefing cites."""
        return self.filter(briefings__in=Briefing.objects.published()).distinct()


class Event(VersionedModel):
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "title"]
        constraints = [
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

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, f"{self.date:%Y-%m-%d} {self.title}" if self.date else self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefings:event-detail", kwargs={"slug": self.slug})

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


# --- Assessments ---------------------------------------------------------------------


class AssessmentQuerySet(VersionedQuerySet):
    def published(self):
        """Judgments a reader may see: key judgments of a published briefing."""
        return self.filter(briefing_links__briefing__in=Briefing.objects.published()).distinct()

    def scorable(self):
        """Judgments that state a probability, in words or as a number, and so can be scored."""
        return self.exclude(likelihood="", probability__isnull=True)

    def due(self, today=None):
        """Forecasts whose horizon has passed with no outcome recorded: they await an editor."""
        return self.scorable().filter(outcome="", horizon__lt=today or timezone.localdate())


class Assessment(VersionedModel):
    """An analytic judgment written to ICD 203: likelihood and confidence, stated apart."""

    statement = models.TextField(
        help_text="The judgment in one sentence, e.g. “Russia is unlikely to deploy private "
        "military contractors to the Sahel.”"
    )
    likelihood = models.CharField(
        max_length=20,
        choices=Likelihood.choices,
        blank=True,
        help_text=(
            "How probable the analyst judges it, in ICD 203's terms: almost no chance (1-5%), "
            "very unlikely (5-20%), unlikely (20-45%), roughly even chance (45-55%), likely "
            "(55-80%), very likely (80-95%), almost certain (95-99%). Leave empty for a "
            "judgment that is not a probability."
        ),
    )
    probability = models.PositiveSmallIntegerField(
        "explicit probability (%)",
        null=True,
        blank=True,
        help_text="Optional: a number within the likelihood's range, where the analyst gave one.",
    )
    confidence = models.CharField(
        max_length=10,
        choices=Confidence.choices,
        help_text=(
            "How sound the basis of the judgment is (sources, reasoning, gaps), separate from "
            "likelihood: low, moderate or high."
        ),
    )
    rationale = models.TextField(blank=True, help_text="Why: the reasoning, in Markdown.")
    rationale_html = models.TextField(blank=True, editable=False)
    assumptions = models.TextField(blank=True, help_text="What must hold for the judgment to stand.")
    alternatives = models.TextField(
        "alternatives considered", blank=True, help_text="Other explanations or outcomes weighed."
    )
    evidence_events = models.ManyToManyField(
        Event, related_name="assessments", blank=True, verbose_name="evidence: events"
    )
    evidence_excerpts = models.ManyToManyField(
        Excerpt, related_name="assessments", blank=True, verbose_name="evidence: excerpts"
    )
    countries = models.ManyToManyField(Country, related_name="assessments", blank=True)
    actors = models.ManyToManyField(Actor, related_name="assessments", blank=True)
    horizon = models.DateField(
        "time horizon",
        null=True,
        blank=True,
        help_text="For a forecast, the date by which it should come true.",
    )
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, blank=True, help_text="Leave empty until resolved."
    )
    outcome_on = models.DateField("outcome date", null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    outcome_events = models.ManyToManyField(
        Event,
        related_name="resolved_assessments",
        blank=True,
        verbose_name="outcome evidence: events",
        help_text="The events that show what became of the forecast.",
    )
    outcome_excerpts = models.ManyToManyField(
        Excerpt,
        related_name="resolved_assessments",
        blank=True,
        verbose_name="outcome evidence: excerpts",
        help_text="The passages that report what became of the forecast.",
    )
    resolved_early_reason = models.TextField(
        "why resolved before the horizon",
        blank=True,
        help_text="Needed when the outcome is dated before the time horizon: why the question is "
        "already settled.",
    )
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_outcomes",
        editable=False,
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood="") | Q(likelihood__in=Likelihood.values),
                name="assessment_likelihood_valid",
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=Confidence.values), name="assessment_confidence_valid"
            ),
            models.CheckConstraint(
                condition=Q(probability__isnull=True) | Q(probability__gte=1, probability__lte=99),
                name="assessment_probability_in_range",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=Outcome.values),
                name="assessment_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_on__isnull=False),
                name="assessment_outcome_has_date",
            ),
        ]

    def __str__(self):
        text = " ".join(self.statement.split())
        return text[:100] + ("…" if len(text) > 100 else "")

    def save(self, *args, **kwargs):
        self.rationale_html = render_markdown(self.rationale)
        super().save(*args, **kwargs)

    def clean(self):
        if self.probability is not None and self.likelihood:
            low, high = LIKELIHOOD_RANGES[self.likelihood]
            if not low <= self.probability <= high:
                raise ValidationError(
                    {
                        "probability": f"{self.probability}% is outside “{self.get_likelihood_display()}” "
                        f"({low}-{high}%)."
                    }
                )

    @property
    def likelihood_range(self) -> tuple[int, int] | None:
        return LIKELIHOOD_RANGES.get(self.likelihood)

    @property
    def likelihood_range_display(self) -> str:
        rng = self.likelihood_range
        return f"{rng[0]}–{rng[1]}%" if rng else ""

    @property
    def stated_probability(self) -> Decimal | None:
        """The probability the judgment stated: the explicit one, else the midpoint of its range."""
        if self.probability is not None:
            return Decimal(self.probability) / 100
        rng = self.likelihood_range
        if rng is None:
            return None
        return Decimal(rng[0] + rng[1]) / 200


# --- Briefings -----------------------------------------------------------------------


class BriefingQuerySet(VersionedQuerySet):
    def published(self):
        """The one definition of what readers see: published, and its publication time reached."""
        return self.filter(status=BriefingStatus.PUBLISHED, published_at__lte=timezone.now())


class Briefing(VersionedModel):
    """The published product: bottom line, key judgments, body, and what it rests on."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True, help_text="The briefing's address on the site.")
    summary = models.TextField(
        "bottom line up front", help_text="Two or three sentences a reader can stop after."
    )
    body = models.TextField(blank=True, help_text="The analysis, in Markdown.")
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
        max_length=16, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT, db_index=True
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

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        permissions = [
            ("review_briefing", "Can review any briefing: edit it, comment on it, return it to draft"),
            ("publish_briefing", "Can publish, withdraw and schedule briefings"),
            ("restore_version", "Can restore old versions"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=BriefingStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="briefing_published_has_published_at",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BriefingStatus.values), name="briefing_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(scheduled_for__isnull=True) | Q(status=BriefingStatus.IN_REVIEW),
                name="briefing_scheduled_only_in_review",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefings:briefing-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.status == BriefingStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class KeyJudgment(models.Model):
    """An assessment's place among a briefing's key judgments."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="judgment_links")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="briefing_links")
    order = models.PositiveSmallIntegerField(default=0, help_text="1 comes first.")

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
    from_status = models.CharField(max_length=16, choices=BriefingStatus.choices)
    to_status = models.CharField(max_length=16, choices=BriefingStatus.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["briefing", "at", "pk"]
        verbose_name = "workflow step"
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=BriefingStatus.values), name="briefing_transition_from_valid"
            ),
            models.CheckConstraint(
                condition=Q(to_status__in=BriefingStatus.values), name="briefing_transition_to_valid"
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


# --- Search --------------------------------------------------------------------------


class SearchKind(models.TextChoices):
    """What a search result is."""

    BRIEFING = "briefing", "briefing"
    JUDGMENT = "judgment", "key judgment"
    EVENT = "event", "event"
    ACTOR = "actor", "actor"
    EXCERPT = "excerpt", "quoted passage"


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


# --- Country trends ------------------------------------------------------------------


class Trend(models.TextChoices):
    """Which way a country went in a month, in CrisisWatch's terms."""

    DETERIORATED = "deteriorated", "deteriorated"
    IMPROVED = "improved", "improved"
    UNCHANGED = "unchanged", "unchanged"


class TrendAlert(models.TextChoices):
    """CrisisWatch's alerts for the month ahead; no alert is the usual case."""

    CONFLICT_RISK = "conflict_risk", "conflict risk"
    RESOLUTION_OPPORTUNITY = "resolution_opportunity", "resolution opportunity"


class CountryTrendQuerySet(models.QuerySet):
    def published(self):
        """Trends a reader may see: reviewed and published, as briefings are."""
        return self.filter(status=BriefingStatus.PUBLISHED, published_at__lte=timezone.now())


class CountryTrend(models.Model):
    """A country's direction in one month: deteriorated, improved or unchanged, and why."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="trends")
    month = models.DateField(help_text="The first day of the month, e.g. 2020-08-01 for August 2020.")
    trend = models.CharField(
        max_length=16,
        choices=Trend.choices,
        help_text="Compared with the month before: deteriorated, improved or unchanged.",
    )
    alert = models.CharField(
        max_length=24,
        choices=TrendAlert.choices,
        blank=True,
        help_text="For the month ahead: a risk of new or escalating conflict, or an opportunity "
        "for resolution. Leave empty for none.",
    )
    reason = models.CharField(
        max_length=300, help_text="One line: why, naming the events behind it (link them below)."
    )
    events = models.ManyToManyField(
        Event, related_name="trends", blank=True, help_text="The events the trend rests on."
    )
    status = models.CharField(
        max_length=16, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_trends",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CountryTrendQuerySet.as_manager()

    class Meta:
        ordering = ["country", "-month"]
        verbose_name = "country trend"
        constraints = [
            models.UniqueConstraint(fields=["country", "month"], name="country_trend_one_per_month"),
            models.CheckConstraint(condition=Q(trend__in=Trend.values), name="country_trend_trend_valid"),
            models.CheckConstraint(
                condition=Q(alert="") | Q(alert__in=TrendAlert.values), name="country_trend_alert_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BriefingStatus.values), name="country_trend_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=BriefingStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="country_trend_published_has_published_at",
            ),
        ]

    def __str__(self):
        month = f"{self.month:%B %Y}" if self.month else "?"
        return f"{self.country}, {month}: {self.get_trend_display()}"

    def save(self, *args, **kwargs):
        # A portable CHECK for "first day of the month" is not possible (SQLite would need
        # Django's own SQL functions), so writes that skip clean() are normalised here.
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.country.get_absolute_url()}#trend-{self.month:%Y-%m}"

    def clean(self):
        errors = {}
        if self.month and self.month.day != 1:
            errors["month"] = (
                f"Give the first day of the month ({self.month:%Y-%m}-01 for {self.month:%B %Y})."
            )
        if self.reason and ("\n" in self.reason or "\r" in self.reason):
            errors["reason"] = "Keep the reason to one line."
        if errors:
            raise ValidationError(errors)

    def unique_error_message(self, model_class, unique_check):
        if model_class is CountryTrend and tuple(unique_check) == ("country", "month"):
            existing = self.existing_for_month()
            if existing is not None:
                return ValidationError(
                    "%(country)s already has a trend for %(month)s: “%(existing)s” (entry #%(pk)s, "
                    "%(status)s). Edit that entry instead of adding a second one.",
                    code="unique_together",
                    params={
                        "country": existing.country,
                        "month": f"{existing.month:%B %Y}",
                        "existing": existing.reason,
                        "pk": existing.pk,
                        "status": existing.get_status_display(),
                    },
                )
        return super().unique_error_message(model_class, unique_check)

    def existing_for_month(self):
        """The other entry for this country and month, if one is already recorded."""
        if not self.country_id or not self.month:
            return None
        others = CountryTrend.objects.filter(country_id=self.country_id, month=self.month.replace(day=1))
        if self.pk:
            others = others.exclude(pk=self.pk)
        return others.select_related("country").first()

    @property
    def is_public(self) -> bool:
        return (
            self.status == BriefingStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class AssessmentOutcome(Assessment):
    """An assessment seen as a forecast awaiting its outcome: where editors record one."""

    class Meta:
        proxy = True
        ordering = ["horizon", "pk"]
        verbose_name = "outcome of a judgment"
        verbose_name_plural = "outcomes of judgments"
