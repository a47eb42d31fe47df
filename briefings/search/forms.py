"""The search page's form: the query and its filters. Whatever a reader types is searched
or reported beside its field, never a crash."""

from django import forms

from ..models import Actor, Country, EventKind, SearchKind
from .text import clean_query


class QueryField(forms.CharField):
    """Takes whatever a reader typed and keeps what can be searched: never a validation error."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
    """The search page's query and filters; a bad filter is reported and left out, never fatal."""

    q = QueryField(label="Search for", required=False)
    type = forms.ChoiceField(label="Show", required=False, choices=[("", "everything"), *SearchKind.choices])
    country = forms.ModelChoiceField(
        label="Country", required=False, queryset=Country.objects.none(), to_field_name="slug",
        empty_label="any country",
    )  # fmt: skip
    actor = forms.ModelChoiceField(
        label="Actor", required=False, queryset=Actor.objects.none(), to_field_name="slug",
        empty_label="any actor",
    )  # fmt: skip
    kind = forms.ChoiceField(
        label="Event kind", required=False, choices=[("", "any kind"), *EventKind.choices]
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Events by date; briefings and judgments by publication; passages by their source's date.",
    )  # fmt: skip
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.published().order_by("name")
        self.fields["actor"].queryset = Actor.objects.published().order_by("name")

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
