"""Assessments: ICD 203 judgments with their evidence."""

from django.contrib import admin
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from .base import ICD_203, AnalystHelpMixin, DeskHistoryAdmin, MarkdownPreviewMixin, estimate_display


class AssessmentAdmin(MarkdownPreviewMixin, AnalystHelpMixin, DeskHistoryAdmin):
    markdown_field = "rationale"
    list_display = ["__str__", "estimate", "horizon", "outcome", "briefing_count"]
    list_filter = ["likelihood", "confidence", "outcome", ("countries", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["statement", "rationale", "actors__name", "countries__name"]
    autocomplete_fields = ["evidence_events", "evidence_excerpts", "countries", "actors"]
    # Outcomes are recorded on their own page, whose service checks dates and evidence.
    readonly_fields = ["rationale_preview", "outcome", "outcome_on", "outcome_note", "outcome_page"]
    fieldsets = [
        ("Judgment", {"fields": ["statement"]}),
        (
            # The horizon belongs with the likelihood it bounds: a forecast without one is
            # never due, so it is never scored; it is not tucked away with the outcome.
            "ICD 203 likelihood and confidence",
            {"fields": [("likelihood", "probability"), "confidence", "horizon"], "description": ICD_203},
        ),
        ("About", {"fields": ["countries", "actors"]}),
        ("Evidence", {"fields": ["evidence_events", "evidence_excerpts"]}),
        ("Analysis", {"fields": ["rationale", "rationale_preview", "assumptions", "alternatives"]}),
        (
            "Outcome",
            {
                "classes": ["collapse"],
                "fields": [("outcome", "outcome_on"), "outcome_note", "outcome_page"],
                "description": "Once a forecast's time horizon has passed, an editor records "
                "what happened on the judgment's outcome page.",
            },
        ),
    ]
    help_texts = {
        "countries": "The countries the judgment is about.",
        "actors": "The actors the judgment is about.",
        "evidence_events": "The events it rests on; type words of their title.",
        "evidence_excerpts": "The passages it rests on; type words of the quote or the source's title.",
        "likelihood": "Pick the term; the ranges are listed above. Leave empty for a judgment "
        "that is not a probability.",
        "horizon": "For a forecast, the date by which it should come true; after it, the "
        "judgment is due for its outcome and counts in the track record.",
    }

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_briefings=Count("briefing_links", distinct=True))

    @admin.display(description="likelihood · confidence", ordering="likelihood")
    def estimate(self, obj):
        return estimate_display(obj)

    @admin.display(description="in briefings", ordering="num_briefings")
    def briefing_count(self, obj):
        return obj.num_briefings

    @admin.display(description="preview")
    def rationale_preview(self, obj):
        return self.markdown_preview(obj.rationale_html)

    @admin.display(description="outcome page")
    def outcome_page(self, obj):
        if not obj.pk:
            return "Save the judgment first."
        if not obj.is_forecast:
            return "It states no likelihood, so it is not a forecast with an outcome to record."
        try:
            url = reverse("admin:briefings_assessmentoutcome_change", args=[obj.pk])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">Record or review the outcome</a>', url)
