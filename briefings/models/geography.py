"""Countries (ISO 3166-1) and the regions analysts group them into."""

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, When
from django.urls import reverse

from .base import ShownByBriefingsQuerySet, SluggedModel, VersionedModel, VersionedQuerySet


class CountryQuerySet(ShownByBriefingsQuerySet):
    # Every country has a page; a reader finds in lists those a published briefing covers,
    # or where one of its events happened.
    briefing_paths = ("countries", "events__country")

    def best_match_first(self, term: str):
        """The countries in the order a person typing `term` means them: its ISO code or
        exact name, then names that begin with it, hold it as typed, official names that
        hold it, the rest; each by name. So “Democratic Republic” puts DR Congo before
        Algeria, whose official name also has both words."""
        term = " ".join(term.split())
        if not term:
            return self
        rank = Case(
            When(Q(iso2__iexact=term) | Q(iso3__iexact=term) | Q(name__iexact=term), then=0),
            When(name__istartswith=term, then=1),
            When(name__icontains=term, then=2),
            When(official_name__icontains=term, then=3),
            default=4,
            output_field=models.IntegerField(),
        )
        return self.annotate(typed_match=rank).order_by("typed_match", "name")


class CountryManager(models.Manager.from_queryset(CountryQuerySet)):
    def get_by_natural_key(self, iso2):
        return self.get(iso2=iso2)


class Country(SluggedModel, VersionedModel):
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

    def get_absolute_url(self):
        return reverse("briefings:country-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.iso2,)

    def clean(self):
        self.iso2 = (self.iso2 or "").upper()
        self.iso3 = (self.iso3 or "").upper()
        errors = {}
        if self.iso2 and pycountry.countries.get(alpha_2=self.iso2) is None:
            errors["iso2"] = f"“{self.iso2}” is not an ISO 3166-1 alpha-2 code."
        if self.iso3 and pycountry.countries.get(alpha_3=self.iso3) is None:
            errors["iso3"] = f"“{self.iso3}” is not an ISO 3166-1 alpha-3 code."
        if errors:
            raise ValidationError(errors)


class Region(SluggedModel, VersionedModel):
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
