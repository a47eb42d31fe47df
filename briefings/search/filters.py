"""The search page's query and facets, as a django-filter FilterSet. Whatever a reader
types is searched or reported beside its field, never a crash."""

import django_filters as filters
from django import forms
from django.utils.html import format_html, format_html_join

from ..models import Actor, Briefing, Country, EventKind, ReaderContext, SearchDocument, SearchKind
from ..services.readers import request_reader
from .query import SearchFilters, visible_documents
from .text import clean_query


class QueryField(forms.CharField):
    """Takes whatever a reader typed and keeps what can be searched: never a validation error."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


def _attributes(attrs: dict):
    """HTML attributes as Django's widget templates write them: in order, a True one bare, a False one left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class FacetSelect(forms.Select):
    """A select written by Python, character for character what Django's templates write:
    a facet lists up to 250 countries, and rendering each option through two templates took
    a third of a search page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = []
        for group_name, group_choices, _ in widget["optgroups"]:
            rows = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>\n',
                (
                    (option["value"], _attributes(option["attrs"]), option["label"])
                    for option in group_choices
                ),
            )
            options.append(
                format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rows)
                if group_name
                else rows
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attributes(widget["attrs"]),
            format_html_join("", "{}", ((o,) for o in options)),
        )


class SearchForm(forms.Form):
    """The search page's query, and the checks across its filters."""

    q = QueryField(label="Search for", required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end of the date range is before its start.")
            cleaned.pop("date_to", None)
        return cleaned

    def valid_values(self) -> dict:
        """The query and the filters that passed validation (the others are reported on the form)."""
        self.is_valid()
        bad_dates = [
            name
            for name in ("date_from", "date_to")
            if any(error.code == "invalid" for error in self.errors.as_data().get(name, []))
        ]
        if bad_dates:
            # A date input may only hold a date: show it empty, with its error beside it.
            self.data = self.data.copy()
            for name in bad_dates:
                self.data[name] = ""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


# How many actors the actor facet offers: a desk has thousands, a list shows the busiest.
ACTOR_CHOICES = 50


# The facets' choices, with only the columns a choice needs (its slug and name), never an
# actor's description or a country's notes. Countries are a bounded list (ISO 3166-1); any
# published actor is accepted, but the list offers the most covered (`actor_choices`).
def published_countries(request):
    return Country.objects.visible_to(request_reader(request)).only("pk", "slug", "name").order_by("name")


def published_actors(request):
    return Actor.objects.visible_to(request_reader(request)).only("pk", "slug", "name").order_by("name")


def actor_choices(selected: Actor | None, *, reader: ReaderContext) -> list[tuple[str, str]]:
    """The actor facet's list: the actors the most briefings `reader` may read cover, with
    their counts, and the chosen actor wherever it ranks."""
    briefings = Briefing.objects.visible_to(reader)
    top = list(Actor.objects.most_covered(ACTOR_CHOICES, briefings=briefings).only("pk", "slug", "name"))
    if selected is not None and selected.pk not in {actor.pk for actor in top}:
        top.append(selected)
    choices = [
        (
            actor.slug,
            f"{actor.name} ({actor.briefing_count})" if hasattr(actor, "briefing_count") else actor.name,
        )
        for actor in sorted(top, key=lambda actor: actor.name)
    ]
    return [("", "any actor"), *choices]


class SearchFilter(filters.FilterSet):
    """The search page's facets over the documents a reader may see. What each facet selects
    depends on a document's kind and on the other facets (an actor filters events by their
    roles, briefings by `about_actor()`), so they are applied together, by `visible_documents`;
    a facet with a bad value is reported beside its field and left out, never fatal."""

    type = filters.ChoiceFilter(
        label="Show",
        choices=SearchKind.choices,
        empty_label="everything",
        method="apply_together",
        widget=FacetSelect,
    )
    country = filters.ModelChoiceFilter(
        label="Country", queryset=published_countries, to_field_name="slug", empty_label="any country",
        method="apply_together", widget=FacetSelect,
    )  # fmt: skip
    actor = filters.ModelChoiceFilter(
        label="Actor", queryset=published_actors, to_field_name="slug", empty_label="any actor",
        method="apply_together", widget=FacetSelect,
    )  # fmt: skip
    kind = filters.ChoiceFilter(
        label="Event kind",
        choices=EventKind.choices,
        empty_label="any kind",
        method="apply_together",
        widget=FacetSelect,
    )
    date_from = filters.DateFilter(
        label="From", widget=forms.DateInput(attrs={"type": "date"}), method="apply_together",
        help_text="Events by date; briefings and judgments by publication; passages by their source's date.",
    )  # fmt: skip
    date_to = filters.DateFilter(
        label="To", widget=forms.DateInput(attrs={"type": "date"}), method="apply_together"
    )

    class Meta:
        model = SearchDocument
        fields = []
        form = SearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The form accepts any published actor; its list shows only the most covered.
        field = self.form.fields["actor"]
        selected = None
        if self.is_bound and self.data.get("actor"):
            selected = published_actors(self.request).filter(slug=self.data["actor"]).first()
        field.widget.choices = actor_choices(selected, reader=request_reader(self.request))

    def apply_together(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        values = self.form.valid_values()
        values.pop("q", None)
        self.facets = SearchFilters(**values, reader=request_reader(self.request))
        return queryset & visible_documents(self.facets)
