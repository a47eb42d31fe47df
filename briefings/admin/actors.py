"""Actors and their aliases."""

from django.contrib import admin

from ..models import ActorAlias
from .base import AnalystHelpMixin, DeskHistoryAdmin, LinkedOnlyFilter, PublicPageMixin, joined


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    verbose_name = "alias"
    verbose_name_plural = "aliases (acronyms, short forms, nicknames the sources use)"


class ActorAdmin(PublicPageMixin, AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["name", "kind", "role_title", "belongs_to", "country_list", "alias_list"]
    list_filter = ["kind", ("countries", LinkedOnlyFilter)]
    # Words of a name (people are looked up by surname) and of aliases; the exact address.
    search_fields = ["name", "aliases__name", "role_title", "=slug"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "countries"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "role_title"]}),
        ("Belongs to", {"fields": ["countries", "parent"]}),
        (None, {"fields": ["description"]}),
    ]
    help_texts = {
        "slug": "The actor's address on the site; filled in from the name.",
        "kind": "A person, a state body, an armed force or group, an organisation, a party, "
        "a company, a media outlet, or a programme/operation.",
        "description": "What a reader needs to know about them, in a sentence or two.",
    }

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries", "aliases")

    # A method rather than the `parent` field: the admin keeps foreign-key columns on one
    # line, and a long parent's name would squeeze every other column.
    @admin.display(description="belongs to", ordering="parent__name")
    def belongs_to(self, obj):
        return obj.parent or ""

    @admin.display(description="countries")
    def country_list(self, obj):
        return joined(obj.countries.all())

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return joined(obj.aliases.all())
