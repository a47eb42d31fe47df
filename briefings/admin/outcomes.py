"""Recording the outcome of a forecast, on a page of its own: `services.outcomes` writes it,
so the rules (only editors, only the outcome fields) hold here too."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .. import services
from ..models import (
    LIKELIHOOD_RANGES,
    Assessment,
    AssessmentOutcome,
    ForecastState,
    Likelihood,
    Outcome,
)
from ..scoring import brier_score, rounded
from .base import DeskAdmin


class ResolutionFilter(admin.SimpleListFilter):
    title = "resolution"
    parameter_name = "resolution"

    def lookups(self, request, model_admin):
        return [
            ("due", "due for resolution"),
            ("pending", "pending, horizon not reached or none"),
            ("resolved", "resolved"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.due(today)
        if self.value() == "pending":
            return queryset.filter(outcome="").exclude(pk__in=queryset.due(today).values("pk"))
        if self.value() == "resolved":
            return queryset.exclude(outcome="")
        return queryset


class OutcomeForm(forms.ModelForm):
    """Records an outcome. The rules are checked here, by the same function the service
    uses, so that a refusal shows beside its field and nothing is saved."""

    class Meta:
        model = AssessmentOutcome
        fields = [
            "outcome",
            "outcome_on",
            "outcome_note",
            "resolved_early_reason",
            "outcome_events",
            "outcome_excerpts",
        ]
        help_texts = {
            "outcome": "What became of the forecast by its horizon.",
            "outcome_on": "When the outcome became known (not in the future).",
            "outcome_note": "What happened, and where it was reported. Required for an ambiguous or "
            "annulled outcome: the reason readers see, since it is not scored.",
        }

    dispute = forms.CharField(
        label="dispute this resolution",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As an editor other than the one who recorded it, within its dispute period: say "
        "why it is wrong. The resolution is kept as recorded, and logged as disputed, until an editor "
        "records a new one. Leave the fields above unchanged when you dispute.",
    )

    def __init__(self, *args, **kwargs):
        self.user = kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        if "outcome" in self.fields:
            self.fields["outcome"].required = True
            self.fields["outcome"].choices = [("", "---------"), *Outcome.choices]
        if "outcome_on" in self.fields:
            self.fields["outcome_on"].required = True

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("dispute") or "").strip():
            resolution_changed = set(self.changed_data) - {"dispute"}
            if resolution_changed:
                self.add_error("dispute", "Either dispute the resolution or change it, not both at once.")
            else:
                for message in services.outcome_dispute_errors(
                    assessment=self.instance, user=self.user, reason=cleaned["dispute"]
                ):
                    self.add_error("dispute", message)
            return cleaned
        errors = services.assessment_resolution_errors(
            assessment=self.instance,
            outcome=cleaned.get("outcome") or "",
            on=cleaned.get("outcome_on"),
            note=cleaned.get("outcome_note") or "",
            resolved_early_reason=cleaned.get("resolved_early_reason") or "",
        )
        for name, field_messages in errors.items():
            if name in self.errors:
                continue  # The field's own error (e.g. a malformed date) already says it.
            self.add_error(name if name in self.fields else None, field_messages)
        return cleaned


OUTCOME_HELP = format_html(
    "<p>Recording an outcome never changes what the judgment said. Its Brier score is "
    "(p − o)²: p the probability it stated (an explicit one, else the midpoint of its ICD 203 "
    "range: {}), o 1 if it happened and 0 if not. An ambiguous outcome (the question cannot be "
    "answered as asked) or an annulled one (its premise failed) is never scored and needs its "
    "reason. An outcome dated before the horizon needs a reason.</p>",
    format_html_join(
        ", ",
        "{} {}–{}%",
        ((Likelihood(term).label, low, high) for term, (low, high) in LIKELIHOOD_RANGES.items()),
    ),
)


class AssessmentOutcomeAdmin(DeskAdmin):
    form = OutcomeForm
    list_display = ["__str__", "estimate", "horizon", "state", "outcome", "outcome_on", "brier"]
    list_filter = [ResolutionFilter, "outcome", "likelihood"]
    search_fields = ["statement"]
    list_select_related = ["outcome_recorded_by"]
    autocomplete_fields = ["outcome_events", "outcome_excerpts"]
    readonly_fields = [
        "statement",
        "estimate",
        "confidence",
        "horizon",
        "key_judgment_of",
        "stored_brier",
        "recorded",
        "resolution_log",
    ]
    fieldsets = [
        (
            "The judgment, as it was made",
            {
                "fields": ["statement", "estimate", "confidence", "horizon", "key_judgment_of"],
                "description": OUTCOME_HELP,
            },
        ),
        (
            "What became of it",
            {
                "fields": [
                    ("outcome", "outcome_on"),
                    "outcome_note",
                    "resolved_early_reason",
                    "outcome_events",
                    "outcome_excerpts",
                ]
            },
        ),
        ("Score", {"fields": ["stored_brier", "recorded"]}),
        (
            "Resolution log",
            {
                "fields": ["resolution_log", "dispute"],
                "description": "Every resolution and dispute, dated, with who made it. Another editor "
                "may dispute a resolution for 14 days after it is recorded; after that, with no open "
                "dispute, it is final.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).forecasts()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return services.user_is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and (user.has_perm("briefings.view_assessment") or user.has_perm("briefings.change_assessment"))
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)

        class WithUser(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return WithUser

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if (data.get("dispute") or "").strip():
            services.outcome_dispute(assessment=obj, user=request.user, reason=data["dispute"])
            return
        services.assessment_resolve(
            assessment=obj,
            outcome=data["outcome"],
            on=data["outcome_on"],
            note=data.get("outcome_note") or "",
            evidence_events=data.get("outcome_events") or (),
            evidence_excerpts=data.get("outcome_excerpts") or (),
            resolved_early_reason=data.get("resolved_early_reason") or "",
            user=request.user,
            expected_version=getattr(form, "version_seen", None),
        )

    def save_related(self, request, form, formsets, change):
        """The service has already set the evidence; saving the form's copy again would
        write the same rows twice."""

    @admin.display(description="likelihood", ordering="likelihood")
    def estimate(self, obj):
        if obj.likelihood:
            text = f"{obj.get_likelihood_display()} ({obj.likelihood_range_display})"
            return f"{text}, stated as {obj.probability}%" if obj.probability is not None else text
        return f"{obj.probability}%" if obj.probability is not None else "—"

    @admin.display(description="state")
    def state(self, obj):
        state = obj.forecast_state()
        if state in (ForecastState.SCORED, ForecastState.UNSCORED):
            return "resolved"
        return ForecastState(state).label

    @admin.display(description="Brier score")
    def brier(self, obj):
        score = rounded(brier_score(obj.stated_probability, obj.outcome))
        return "—" if score is None else str(score)

    @admin.display(description="Brier score")
    def stored_brier(self, obj):
        if obj.pk is None:
            return "—"
        # The stored outcome, not the one just posted: a refused form must not show a score.
        stored = Assessment.objects.only("likelihood", "probability", "outcome").get(pk=obj.pk)
        score = rounded(brier_score(stored.stated_probability, stored.outcome))
        return "—" if score is None else str(score)

    @admin.display(description="key judgment of")
    def key_judgment_of(self, obj):
        briefings = obj.briefings.all()
        if not briefings:
            return "no briefing"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (reverse("admin:briefings_briefing_change", args=[b.pk]), b.title, b.get_status_display())
                for b in briefings
            ),
        )

    @admin.display(description="log")
    def resolution_log(self, obj):
        if obj.pk is None:
            return "—"
        entries = list(obj.outcome_log.select_related("by"))
        if not entries:
            return "No resolution recorded through the log yet."
        return format_html_join(
            "",
            "<p>{} — {} by {}{}</p>",
            (
                (
                    f"{timezone.localtime(entry.at):%d %B %Y %H:%M}",
                    entry.get_outcome_display() if entry.kind == "resolved" else "disputed",
                    entry.by or "someone since removed",
                    f": {entry.note}" if entry.note else "",
                )
                for entry in entries
            ),
        )

    @admin.display(description="decided")
    def recorded(self, obj):
        if not obj.outcome_recorded_at:
            return "not yet"
        who = obj.outcome_recorded_by or "someone since removed"
        return f"by {who}, {timezone.localtime(obj.outcome_recorded_at):%d %B %Y %H:%M}"
