"""Assessments: ICD 203 judgments with their evidence."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from .. import services
from ..models import KeyJudgment
from .base import (
    ICD_203,
    AnalystHelpMixin,
    DeskHistoryAdmin,
    LinkedOnlyFilter,
    MarkdownPreviewMixin,
    estimate_display,
    related_count,
)

QUESTION_FIELDSET = "How this will be decided"


class AssessmentAdmin(MarkdownPreviewMixin, AnalystHelpMixin, DeskHistoryAdmin):
    markdown_field = "rationale"
    list_display = ["__str__", "estimate", "horizon", "outcome", "marking", "briefing_count"]
    list_filter = ["marking", "likelihood", "confidence", "outcome", ("countries", LinkedOnlyFilter)]
    # The statement, and the start of an actor's or a country's name: a rationale's words
    # are the site search's to find (README, "The admin at the desk's size").
    search_fields = ["statement", "^actors__name", "^countries__name"]
    autocomplete_fields = ["evidence_events", "evidence_excerpts", "countries", "actors"]
    # Outcomes are recorded on their own page, whose service checks dates and evidence.
    readonly_fields = [
        "rationale_preview",
        "outcome",
        "outcome_on",
        "outcome_note",
        "outcome_page",
        "question_status",
    ]
    fieldsets = [
        ("Judgment", {"fields": ["statement", "marking"]}),
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
            QUESTION_FIELDSET,
            {
                "fields": [
                    "question_status",
                    "question",
                    "resolution_source",
                    "fine_print",
                    ("closes_on", "resolves_on"),
                ],
                "description": "Only for a forecast (a judgment with a likelihood or a probability): "
                "how it will be decided, in words a third party can check. Readers see it under the "
                "judgment; a briefing showing a forecast without its question, resolution source and "
                "both dates is not published.",
            },
        ),
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Readers have seen this forecast's estimate, or its outcome is recorded: it changes
        # only by a dated update, if at all.
        return fields + [name for name in services.estimate_fields_frozen(obj=obj) if name not in fields]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if (
            obj is not None
            and services.user_is_editor(request.user)
            and services.estimate_fields_frozen(obj=obj)
        ):
            self.message_user(
                request,
                "This forecast's likelihood, probability and horizon are kept as they stand: readers have "
                "seen them in a published briefing, or its outcome is recorded and scored against them. "
                "While its question is open, change the estimate with a dated update of the forecast "
                "(Updates of forecasts → Add), with the reason.",
                messages.INFO,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.pk and not obj.is_forecast:
            # A judgment that states no probability is not a forecast: nothing to decide.
            return [fieldset for fieldset in fieldsets if fieldset[0] != QUESTION_FIELDSET]
        return fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_briefings=related_count(KeyJudgment, "assessment"))

    @admin.display(description="likelihood · confidence", ordering="likelihood")
    def estimate(self, obj):
        return estimate_display(obj)

    @admin.display(description="in briefings", ordering="num_briefings")
    def briefing_count(self, obj):
        return obj.num_briefings

    @admin.display(description="preview")
    def rationale_preview(self, obj):
        return self.markdown_preview(obj.rationale_html)

    @admin.display(description="before publishing")
    def question_status(self, obj):
        if not obj.pk:
            return "A forecast needs its question, resolution source and both dates before its briefing is published."
        missing = obj.missing_question_fields
        if not missing:
            return "Complete: its briefing may be published."
        return "Still needed before its briefing can be published: " + "; ".join(missing) + "."

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
