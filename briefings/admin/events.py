"""Events and the actors in them."""

from django.contrib import admin
from django.db.models import Prefetch

from ..models import Event, EventActor
from .base import (
    AnalystHelpMixin,
    ChooseOnlyInlineMixin,
    DeskHistoryAdmin,
    LinkedOnlyFilter,
    PreloadedAutocompleteInlineMixin,
    PublicPageMixin,
    joined,
    related_count,
)


class EventActorInline(PreloadedAutocompleteInlineMixin, ChooseOnlyInlineMixin, admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class EventAdmin(PublicPageMixin, AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["when", "title", "kind", "where", "marking", "actor_list", "excerpt_count"]
    list_display_links = ["when", "title"]
    list_filter = ["marking", "kind", "date_precision", ("country", LinkedOnlyFilter)]
    # From the start of a title, a place, a country's or an actor's name (or the exact
    # address): a list of 100,000 events is not scanned for words inside its descriptions,
    # which the site's search indexes (README, "The admin at the desk's size"). The search
    # itself is `EventQuerySet.named` (`search_matches`), which reads no join: these
    # fields name what it matches.
    search_fields = ["^title", "^place", "^country__name", "^actors__name", "=slug"]
    list_select_related = ["country"]
    # The page's roles with their actors in one query, ordered within each event
    # (`EventActor`'s own order starts with the event's, a join to events).
    list_prefetch_related = (
        Prefetch(
            "roles",
            queryset=EventActor.objects.select_related("actor").order_by("role", "actor__name", "pk"),
            to_attr="listed_roles",
        ),
    )
    date_hierarchy = "date"
    autocomplete_fields = ["country", "excerpts"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EventActorInline]
    fieldsets = [
        ("What happened", {"fields": ["title", "slug", "kind", "description", "marking"]}),
        ("When", {"fields": [("date", "date_precision"), "end_date"]}),
        ("Where", {"fields": [("country", "place")]}),
        ("Evidence", {"fields": ["excerpts"]}),
    ]
    help_texts = {
        "slug": "The event's address on the site; filled in from the date and title when empty.",
        "kind": "The category (CAMEO's roots, ACLED's political violence types, and coups).",
        "country": "Where it happened; type a name or ISO code.",
        "description": "What the sources report, in your words.",
        "excerpts": "Type words of the quote or the source's title to find it.",
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(num_excerpts=related_count(Event.excerpts.through, "event"))
        )

    def search_matches(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.named(search_term), False

    @admin.display(description="date", ordering="date")
    def when(self, obj):
        if obj.end_date:
            return f"{obj.display_date} – {obj.end_date.day} {obj.end_date:%B %Y}"
        return obj.display_date

    @admin.display(description="where", ordering="country__name")
    def where(self, obj):
        return ", ".join(part for part in (obj.place, obj.country and obj.country.name) if part)

    @admin.display(description="actors")
    def actor_list(self, obj):
        return joined(obj.listed_roles, limit=3)

    @admin.display(description="excerpts", ordering="num_excerpts")
    def excerpt_count(self, obj):
        return obj.num_excerpts
