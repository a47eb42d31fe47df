"""Sources, graded for reliability, and the excerpts quoted from them."""

from django import forms
from django.contrib import admin
from django.db import models

from ..models import Excerpt, Source
from .base import (
    ADMIRALTY_CREDIBILITY,
    ADMIRALTY_RELIABILITY,
    AnalystHelpMixin,
    DeskHistoryAdmin,
    related_count,
)
from .concurrency import VersionCheckedInlineMixin


class ExcerptInline(VersionCheckedInlineMixin, admin.TabularInline):
    model = Excerpt
    extra = 0
    fields = ["text", "credibility", "position"]
    readonly_fields = ["position"]
    # A source can carry dozens of excerpts: a row each, not a page each.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}
    verbose_name_plural = "excerpts (passages quoted exactly from the full text above)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # A new row starts with the grade the analyst set for this source, not 6.
            formset.form.base_fields["credibility"].initial = obj.excerpt_credibility
        return formset

    @admin.display(description="position in the text")
    def position(self, obj):
        if obj.start is None:
            return "found when saved"
        return f"characters {obj.start}–{obj.end}"


GRADE_REFUSALS = {
    "reliability": "Choose how reliable the source is: A to F (F: no basis to judge).",
    "excerpt_credibility": "Choose how credible its information is: 1 to 6 (6: truth cannot be judged).",
}


class SourceAdmin(AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["title", "author", "publisher", "published_on", "reliability", "marking", "excerpt_count"]
    list_filter = ["marking", "reliability", "publisher"]
    # Words of the title; the start of an author's or publisher's name; the exact address.
    search_fields = ["title", "^author", "^publisher", "=url"]
    date_hierarchy = "published_on"
    inlines = [ExcerptInline]
    fieldsets = [
        ("Document", {"fields": ["title", "author", "publisher", "url", "published_on", "marking"]}),
        (
            "Admiralty grade",
            {
                "fields": ["reliability", "excerpt_credibility"],
                "description": ADMIRALTY_RELIABILITY + ADMIRALTY_CREDIBILITY,
            },
        ),
        ("Full text", {"fields": ["full_text"]}),
    ]
    help_texts = {
        "title": "As the document gives it.",
        "author": "Who wrote it; leave empty for an unsigned piece.",
        "publisher": "The outlet or institution, e.g. “Foreign Policy Research Institute”.",
        "url": "Where a reader can find it.",
        "published_on": "The date the document gives; relative dates in it (“days earlier”) "
        "are read against this one.",
    }

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_excerpts=related_count(Excerpt, "source"))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            # A new source's grades are chosen, as on the import form: none is preselected.
            for name, refusal in GRADE_REFUSALS.items():
                field = form.base_fields[name]
                field.choices = [("", "— choose —"), *field.choices]
                field.initial = None
                field.error_messages["required"] = refusal
        return form

    @admin.display(description="excerpts", ordering="num_excerpts")
    def excerpt_count(self, obj):
        return obj.num_excerpts


class ExcerptAdmin(AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["quote", "grade", "source_title", "position", "marking"]
    # No filter by source: a sidebar of every source would be thousands of links; a
    # source's own page lists its excerpts, and the search finds a source's title.
    list_filter = ["marking", "credibility", "source__reliability"]
    # Words anywhere in the quote, which analysts remember rather than its first words (a
    # pass over the excerpts' text, as the README's measures say); the start of the
    # source's title.
    search_fields = ["text", "^source__title"]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    fieldsets = [
        ("Passage", {"fields": ["source", "text", "marking"]}),
        ("Admiralty grade", {"fields": ["credibility"], "description": ADMIRALTY_CREDIBILITY}),
        (
            "Position in the source",
            {
                "classes": ["collapse"],
                "fields": ["start", "end"],
                "description": "Found automatically where the source's full text is stored; "
                "record it by hand only for a source whose text is not.",
            },
        ),
    ]
    help_texts = {"end": "Character offset just after the passage."}

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        source = (
            Source.objects.filter(pk=initial.get("source")).first()
            if str(initial.get("source", "")).isdecimal()
            else None
        )
        if source is not None and "credibility" not in initial:
            # Opened for a source ("?source=<id>"): its excerpts start with its grade.
            initial["credibility"] = source.excerpt_credibility
        return initial

    @admin.display(description="excerpt", ordering="text")
    def quote(self, obj):
        text = " ".join(obj.text.split())
        return f"“{text[:200]}{'…' if len(text) > 200 else ''}”"

    # Not the `source` field itself: the admin keeps foreign-key columns on one line.
    @admin.display(description="source", ordering="source__title")
    def source_title(self, obj):
        return obj.source.title

    @admin.display(description="grade", ordering="credibility")
    def grade(self, obj):
        return obj.grade

    @admin.display(description="position")
    def position(self, obj):
        return "—" if obj.start is None else f"{obj.start}–{obj.end}"
