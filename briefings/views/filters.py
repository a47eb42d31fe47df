"""The public pages' filters, as django-filter FilterSets: the track record's (country,
period, author) and the search page's facets. A value that names nothing is reported,
never a crash."""

import datetime

import django_filters as filters
from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from ..models import Assessment, KeyJudgment, display_name


def parse_period(value: str, *, end: bool) -> datetime.date:
    """YYYY or YYYY-MM, as the first day of that period (or its last, for an end, so a period
    that ends with the calendar needs no day after it); ValueError for anything else, a month
    that does not exist or a year out of range."""
    parts = value.split("-")
    if not (len(parts) in (1, 2) and len(parts[0]) == 4 and all(p.isascii() and p.isdigit() for p in parts)):
        raise ValueError(value)
    if len(parts) == 2 and len(parts[1]) != 2:
        raise ValueError(value)
    year, month = int(parts[0]), int(parts[1]) if len(parts) == 2 else None
    if year < 1900:
        raise ValueError(value)
    try:
        start = datetime.date(year, month or 1, 1)
        return start + relativedelta(month=month or 12, day=31) if end else start
    except (ValueError, OverflowError) as error:
        raise ValueError(value) from error


def month_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), datetime.UTC)


class PeriodField(forms.CharField):
    """A month or a year, typed as YYYY-MM or YYYY."""

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        try:
            return parse_period(value, end=self.end)
        except ValueError:
            raise ValidationError(f"“{value}” is not a month: write it as YYYY-MM, e.g. 2020-08.") from None


class ChoiceByKeyField(forms.CharField):
    """One of `choices` (objects), named by any of the keys `keys(object)` gives."""

    def __init__(self, *, keys, message: str, **kwargs):
        self.keys, self.message, self.choices = keys, message, []
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        found = next((choice for choice in self.choices if value in self.keys(choice)), None)
        if found is None:
            raise ValidationError(self.message.format(value=value))
        return found


class PeriodFilter(filters.Filter):
    field_class = PeriodField


class ChoiceByKeyFilter(filters.Filter):
    field_class = ChoiceByKeyField


class TrackRecordForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            raise ValidationError("The period ends before it starts.")
        return cleaned


class TrackRecordFilter(filters.FilterSet):
    """`country` (ISO alpha-2 or slug) and `author` (a number) among those the page lists,
    `from` and `to` (YYYY or YYYY-MM). A judgment is about a country when it names it, or
    when a briefing it is a key judgment of covers it; it was made when first published
    (`made_at`, which the queryset must carry)."""

    country = ChoiceByKeyFilter(
        method="filter_country",
        keys=lambda country: {country.iso2, country.iso2.lower(), country.slug},
        message="“{value}” is not a country with judgments on this page.",
    )
    author = ChoiceByKeyFilter(
        method="filter_author",
        # By number, not login name: the public page must not list staff accounts' names.
        keys=lambda user: {str(user.pk)},
        message="“{value}” is not an author of judgments on this page.",
    )

    class Meta:
        form = TrackRecordForm
        fields = []

    def __init__(self, data, *, queryset, briefings, countries, authors):
        super().__init__(data, queryset=queryset)
        self.briefings = briefings
        self.form.fields["country"].choices = countries
        self.form.fields["author"].choices = authors

    def filter_country(self, queryset, name, country):
        return queryset.filter(
            Q(pk__in=Assessment.objects.filter(countries=country).values("pk"))
            | Q(
                pk__in=KeyJudgment.objects.filter(
                    briefing__in=self.briefings, briefing__countries=country
                ).values("assessment_id")
            )
        )

    def filter_author(self, queryset, name, author):
        return queryset.filter(
            pk__in=KeyJudgment.objects.filter(briefing__in=self.briefings, briefing__authors=author).values(
                "assessment_id"
            )
        )

    def filter_from(self, queryset, name, start):
        return queryset.filter(made_at__gte=month_start(start))

    def filter_to(self, queryset, name, end):
        if end == datetime.date.max:
            return queryset  # the period runs to the end of the calendar
        return queryset.filter(made_at__lt=month_start(end + datetime.timedelta(days=1)))

    # --- What the page says about the filters ----------------------------------------

    @property
    def raw(self) -> dict[str, str]:
        return {key: (self.data.get(key) or "").strip() for key in ("country", "from", "to", "author")}

    @property
    def errors(self) -> list[str]:
        """Every refusal, in the order of the form's fields."""
        if self.form.is_valid():
            return []
        found = self.form.errors
        order = ["country", "from", "to", forms.forms.NON_FIELD_ERRORS, "author"]
        return [message for key in order for message in found.get(key, [])]

    def value(self, name: str):
        return self.form.cleaned_data.get(name) if self.form.is_valid() else None

    @property
    def chosen_country(self):
        return self.value("country")

    @property
    def chosen_author(self):
        return self.value("author")

    @property
    def active(self) -> bool:
        return any(self.value(name) for name in ("country", "from", "to", "author"))

    @property
    def description(self) -> str:
        start, end = self.value("from"), self.value("to")
        last = end
        parts = []
        if self.chosen_country:
            parts.append(f"about {self.chosen_country.name}")
        if start and end:
            parts.append(f"made from {start:%B %Y} to {last:%B %Y}")
        elif start:
            parts.append(f"made since {start:%B %Y}")
        elif end:
            parts.append(f"made up to {last:%B %Y}")
        if self.chosen_author:
            parts.append(f"by {display_name(self.chosen_author)}")
        return ", ".join(parts)


# `from` is a Python keyword, so the period's filters are added by name.
TrackRecordFilter.base_filters["from"] = PeriodFilter(method="filter_from")
TrackRecordFilter.base_filters["to"] = PeriodFilter(method="filter_to", end=True)
