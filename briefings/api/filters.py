"""Query-string filters for the API, written as Django forms: a bad value is a 400 that
says which parameter and why, and the OpenAPI schema lists the same parameters."""

from django import forms
from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from ..models import (
    Actor,
    ActorKind,
    Briefing,
    Confidence,
    Country,
    Event,
    EventKind,
    Likelihood,
)


def _slug_field(label: str) -> forms.ModelChoiceField:
    # The queryset is set per form (see APIFilterForm): published() reads the clock.
    return forms.ModelChoiceField(
        queryset=Country.objects.none(),
        to_field_name="slug",
        required=False,
        label=label,
        error_messages={"invalid_choice": f"No published {label} has that slug."},
    )


def _choice_field(choices, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[("", "any"), *choices],
        required=False,
        label=label,
        error_messages={"invalid_choice": "“%(value)s” is not one of the allowed values."},
    )


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        required=False,
        label=label,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Give a date as YYYY-MM-DD."},
    )


def _slug_querysets() -> dict:
    return {
        "briefing": Briefing.objects.published(),
        "country": Country.objects.all(),
        "actor": Actor.objects.published(),
    }


class APIFilterForm(forms.Form):
    """A filter form: `apply` narrows a QuerySet by the fields that were given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in _slug_querysets().items():
            if name in self.fields:
                self.fields[name].queryset = queryset

    def apply(self, queryset):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "date_to is before date_from.")
        return cleaned


class BriefingFilter(APIFilterForm):
    country = _slug_field("country")
    actor = _slug_field("actor")
    date_from = _date_field("published on or after")
    date_to = _date_field("published on or before")

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("country"):
            queryset = queryset.filter(countries=data["country"])
        if data.get("actor"):
            queryset = queryset.filter(
                Q(actors=data["actor"]) | Q(events__roles__actor=data["actor"])
            ).distinct()
        if data.get("date_from"):
            queryset = queryset.filter(published_at__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(published_at__date__lte=data["date_to"])
        return queryset


class JudgmentFilter(APIFilterForm):
    briefing = _slug_field("briefing")
    country = _slug_field("country")
    actor = _slug_field("actor")
    likelihood = _choice_field(Likelihood.choices, "ICD 203 likelihood")
    confidence = _choice_field(Confidence.choices, "ICD 203 analytic confidence")

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("briefing"):
            queryset = queryset.filter(briefing_links__briefing=data["briefing"])
        if data.get("country"):
            queryset = queryset.filter(countries=data["country"])
        if data.get("actor"):
            queryset = queryset.filter(actors=data["actor"])
        if data.get("likelihood"):
            queryset = queryset.filter(likelihood=data["likelihood"])
        if data.get("confidence"):
            queryset = queryset.filter(confidence=data["confidence"])
        return queryset


class EventFilter(APIFilterForm):
    briefing = _slug_field("briefing")
    country = _slug_field("country")
    actor = _slug_field("actor")
    kind = _choice_field(EventKind.choices, "event kind")
    date_from = _date_field("on or after")
    date_to = _date_field("on or before")

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("briefing"):
            queryset = queryset.filter(briefings=data["briefing"])
        if data.get("country"):
            queryset = queryset.filter(country=data["country"])
        if data.get("actor"):
            queryset = queryset.filter(roles__actor=data["actor"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("date_from"):
            queryset = queryset.filter(Q(date__gte=data["date_from"]) | Q(end_date__gte=data["date_from"]))
        if data.get("date_to"):
            queryset = queryset.filter(date__lte=data["date_to"])
        return queryset


class ActorFilter(APIFilterForm):
    briefing = _slug_field("briefing")
    country = _slug_field("country")
    kind = _choice_field(ActorKind.choices, "actor kind")

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("briefing"):
            briefing = data["briefing"]
            queryset = queryset.filter(Q(briefings=briefing) | Q(event_roles__event__briefings=briefing))
        if data.get("country"):
            queryset = queryset.filter(countries=data["country"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        return queryset


class CountryFilter(APIFilterForm):
    covered = forms.TypedChoiceField(
        choices=[("", "any"), ("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
        label="covered",
        help_text="true: only countries a published briefing or event concerns; false: only the others.",
        error_messages={"invalid_choice": "Give true or false."},
    )

    def apply(self, queryset):
        covered = self.cleaned_data.get("covered")
        if covered is None:
            return queryset
        concerned = Country.objects.filter(
            Q(briefings__in=Briefing.objects.published()) | Q(events__in=Event.objects.published())
        ).values("pk")
        return queryset.filter(pk__in=concerned) if covered else queryset.exclude(pk__in=concerned)


def _parameter(name: str, field: forms.Field) -> dict:
    """The OpenAPI description of one filter parameter."""
    if isinstance(field, forms.ModelChoiceField):
        schema, description = {"type": "string"}, f"Only those linked to the {field.label} with this slug."
    elif isinstance(field, forms.DateField):
        schema = {"type": "string", "format": "date"}
        description = f"Only those {field.label} this date (YYYY-MM-DD)."
    elif isinstance(field, forms.ChoiceField):
        schema = {"type": "string", "enum": [value for value, _ in field.choices if value]}
        description = field.help_text or f"One {field.label}."
    else:
        schema, description = {"type": "string"}, field.help_text
    return {
        "name": name,
        "in": "query",
        "required": False,
        # An empty value means "no filter", as a submitted HTML form sends it.
        "allowEmptyValue": True,
        "description": description,
        "schema": schema,
    }


class FormFilterBackend(BaseFilterBackend):
    """Applies a view's `filter_form` to list requests; invalid values raise a 400."""

    def filter_queryset(self, request, queryset, view):
        form_class = getattr(view, "filter_form", None)
        if form_class is None or getattr(view, "action", None) != "list":
            return queryset
        form = form_class(request.query_params)
        if not form.is_valid():
            raise ValidationError(
                {
                    field: [error["message"] for error in errors]
                    for field, errors in form.errors.get_json_data().items()
                }
            )
        return form.apply(queryset)

    def get_schema_operation_parameters(self, view):
        form_class = getattr(view, "filter_form", None)
        if form_class is None:
            return []
        return [_parameter(name, field) for name, field in form_class.base_fields.items()]
