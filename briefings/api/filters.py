"""The API's query-string filters, as django-filter FilterSets: a bad value is a 400 that
names the parameter and says why, and the OpenAPI schema lists the same parameters.
Every choice of a linked row starts from `published()` (read per request: it reads the
clock), so a draft's slug is as unknown as a made-up one."""

import django_filters as filters
from django import forms
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ..models import (
    Actor,
    ActorKind,
    Assessment,
    Briefing,
    Confidence,
    Country,
    Event,
    EventKind,
    Likelihood,
)
from ..services.readers import request_reader


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, for list requests only."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            return queryset
        return super().filter_queryset(request, queryset, view)


class FilterBackendSchema(DjangoFilterExtension):
    """The parameters as drf-spectacular reads them from the FilterSets; an empty value
    means "no filter", as a submitted HTML form sends it."""

    target_class = FilterBackend
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters


def slug_filter(label: str, queryset, **kwargs) -> filters.ModelChoiceFilter:
    """A linked row named by its slug: only those `queryset(request)` holds."""
    return extend_schema_field(OpenApiTypes.STR)(
        filters.ModelChoiceFilter(
            queryset=queryset,
            to_field_name="slug",
            label=f"Only those linked to the {label} with this slug.",
            error_messages={"invalid_choice": f"No published {label} has that slug."},
            **kwargs,
        )
    )


def choice_filter(choices, label: str, **kwargs) -> filters.ChoiceFilter:
    return filters.ChoiceFilter(
        choices=choices,
        label=f"One {label}.",
        error_messages={"invalid_choice": "“%(value)s” is not one of the allowed values."},
        **kwargs,
    )


def date_filter(label: str, **kwargs) -> filters.DateFilter:
    return filters.DateFilter(
        label=f"Only those {label} this date (YYYY-MM-DD).",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Give a date as YYYY-MM-DD."},
        **kwargs,
    )


def published_briefings(request):
    return Briefing.objects.visible_to(request_reader(request))


def published_actors(request):
    return Actor.objects.visible_to(request_reader(request))


def all_countries(request):
    return Country.objects.all()


class DateRangeForm(forms.Form):
    """A period whose end is not before its start."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "date_to is before date_from.")
        return cleaned


class BriefingFilter(filters.FilterSet):
    country = slug_filter("country", all_countries, field_name="countries")
    actor = slug_filter("actor", published_actors, method="filter_actor")
    date_from = date_filter("published on or after", field_name="published_at", lookup_expr="date__gte")
    date_to = date_filter("published on or before", field_name="published_at", lookup_expr="date__lte")

    class Meta:
        model = Briefing
        fields = ["country", "actor", "date_from", "date_to"]
        form = DateRangeForm

    def filter_actor(self, queryset, name, actor):
        return queryset.about_actor(actor)


class JudgmentFilter(filters.FilterSet):
    briefing = slug_filter("briefing", published_briefings, field_name="briefing_links__briefing")
    country = slug_filter("country", all_countries, field_name="countries")
    actor = slug_filter("actor", published_actors, field_name="actors")
    likelihood = choice_filter(Likelihood.choices, "ICD 203 likelihood")
    confidence = choice_filter(Confidence.choices, "ICD 203 analytic confidence")

    class Meta:
        model = Assessment
        fields = ["briefing", "country", "actor", "likelihood", "confidence"]


class EventFilter(filters.FilterSet):
    briefing = slug_filter("briefing", published_briefings, field_name="briefings")
    country = slug_filter("country", all_countries, field_name="country")
    actor = slug_filter("actor", published_actors, field_name="roles__actor")
    kind = choice_filter(EventKind.choices, "event kind")
    # An event that lasted is "on or after" a date it was still going on.
    date_from = date_filter("on or after", method="filter_date_from")
    date_to = date_filter("on or before", field_name="date", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["briefing", "country", "actor", "kind", "date_from", "date_to"]
        form = DateRangeForm

    def filter_date_from(self, queryset, name, day):
        return queryset.filter(Q(date__gte=day) | Q(end_date__gte=day))


class ActorFilter(filters.FilterSet):
    briefing = slug_filter("briefing", published_briefings, method="filter_briefing")
    country = slug_filter("country", all_countries, field_name="countries")
    kind = choice_filter(ActorKind.choices, "actor kind")

    class Meta:
        model = Actor
        fields = ["briefing", "country", "kind"]

    def filter_briefing(self, queryset, name, briefing):
        return queryset.shown_by(Briefing.objects.filter(pk=briefing.pk))


class CountryFilter(filters.FilterSet):
    covered = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_covered",
        label="true: only countries a published briefing or event concerns; false: only the others.",
        error_messages={"invalid_choice": "Give true or false."},
    )

    class Meta:
        model = Country
        fields = ["covered"]

    def filter_covered(self, queryset, name, value):
        covered = Country.objects.visible_to(request_reader(self.request)).values("pk")
        return queryset.filter(pk__in=covered) if value == "true" else queryset.exclude(pk__in=covered)
