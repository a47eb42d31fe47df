"""Countries and regions."""

from django.contrib import admin
from django.db.models import Count

from .base import AnalystHelpMixin, DeskAdmin, joined


class CountryAdmin(DeskAdmin):
    list_display = ["name", "iso2", "iso3", "official_name", "region_list"]
    list_filter = ["regions"]
    search_fields = ["name", "official_name", "=iso2", "=iso3"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "official_name", "iso2", "iso3", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    def autocomplete_order(self, request, queryset, search_term):
        # Every autocomplete of a country (briefings, events, actors…) offers first what
        # was typed: Enter on "Democratic Republic" picks DR Congo, not Algeria.
        return queryset.best_match_first(search_term)

    @admin.display(description="regions")
    def region_list(self, obj):
        return joined(obj.regions.all())


class RegionAdmin(AnalystHelpMixin, DeskAdmin):
    list_display = ["name", "country_count", "country_list"]
    search_fields = ["name", "countries__name"]
    list_filter = [("countries", admin.RelatedOnlyFieldListFilter)]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["countries"]
    fields = ["name", "slug", "countries", "description"]
    help_texts = {
        "name": "A grouping analysts use, e.g. “Sahel” or “West Africa”. It is not a country.",
        "countries": "Type a country's name or ISO code to add it.",
        "description": "Optional: how the desk draws the region's borders.",
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(num_countries=Count("countries", distinct=True))
            .prefetch_related("countries")
        )

    @admin.display(description="countries", ordering="num_countries")
    def country_count(self, obj):
        return obj.num_countries

    @admin.display(description="members")
    def country_list(self, obj):
        return joined(obj.countries.all(), limit=6)
