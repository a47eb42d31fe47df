"""Country trends, month by month, published through the workflow's table."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html

from .. import services
from ..models import TREND_ARROWS, CountryTrend, PublicationStatus
from .base import DeskHistoryAdmin


class MonthField(forms.DateField):
    """A month, typed or picked as YYYY-MM, stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class CountryTrendForm(forms.ModelForm):
    month = MonthField(help_text="The month, e.g. 2020-08 for August 2020.")

    class Meta:
        model = CountryTrend
        fields = ["country", "month", "trend", "alert", "reason", "events"]
        # One line, but a long one: as wide as the admin's text areas.
        widgets = {"reason": forms.TextInput(attrs={"class": "vLargeTextField", "maxlength": 300})}

    def validate_unique(self):
        """A second entry for the same country and month is refused with a link to the first."""
        existing = self.instance.existing_for_month() if self.instance.country_id else None
        if existing is None:
            return super().validate_unique()
        url = reverse("admin:briefings_countrytrend_change", args=[existing.pk])
        self.add_error(
            None,
            ValidationError(
                format_html(
                    '{} already has a trend for {}: <a href="{}">“{}” ({})</a>. Edit that entry '
                    "instead of adding a second one.",
                    existing.country,
                    f"{existing.month:%B %Y}",
                    url,
                    existing.reason,
                    existing.get_status_display(),
                ),
                code="unique_together",
            ),
        )


TREND_HELP = (
    "<p>Per country and month, as CrisisWatch does: did the situation <strong>deteriorate"
    "</strong>, <strong>improve</strong> or stay <strong>unchanged</strong> against the month "
    "before; is there a <strong>conflict risk</strong> or a <strong>resolution opportunity"
    "</strong> for the month ahead; and why, in one line, with the events behind it. Readers "
    "see an entry once an editor has published it (select it in the list, then use the "
    "actions).</p>"
)


class CountryTrendAdmin(DeskHistoryAdmin):
    form = CountryTrendForm
    list_display = ["country", "month_label", "trend_label", "alert", "status", "reason"]
    list_filter = ["status", "trend", "alert", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["reason", "country__name"]
    autocomplete_fields = ["country", "events"]
    list_select_related = ["country"]
    date_hierarchy = "month"
    readonly_fields = ["status", "published_at", "recorded_by"]
    fieldsets = [
        (
            None,
            {
                "fields": [("country", "month"), ("trend", "alert"), "reason", "events"],
                "description": TREND_HELP,
            },
        ),
        ("Workflow", {"fields": ["status", "published_at", "recorded_by"]}),
    ]
    actions = ["submit_for_review", "publish", "withdraw", "return_to_draft"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            services.country_trend_record(trend=obj, user=request.user)

    @admin.display(description="month", ordering="month")
    def month_label(self, obj):
        return f"{obj.month:%B %Y}"

    @admin.display(description="trend", ordering="trend")
    def trend_label(self, obj):
        return f"{TREND_ARROWS.get(obj.trend, '')} {obj.get_trend_display()}"

    def transition(self, request, queryset, to_status: str) -> None:
        moved, refused = 0, []
        for trend in queryset.select_related("country"):
            try:
                services.country_trend_transition(trend=trend, to_status=to_status, user=request.user)
                moved += 1
            except (ValidationError, PermissionDenied) as error:
                message = "; ".join(getattr(error, "messages", [str(error)]))
                refused.append(f"{trend}: {message}")
        if moved:
            label = PublicationStatus(to_status).label
            self.message_user(request, f"{moved} trend(s) now {label}.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description="Submit the selected trends for review")
    def submit_for_review(self, request, queryset):
        self.transition(request, queryset, PublicationStatus.IN_REVIEW)

    @admin.action(description="Publish the selected trends (editors)")
    def publish(self, request, queryset):
        self.transition(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description="Withdraw the selected trends (editors)")
    def withdraw(self, request, queryset):
        self.transition(request, queryset, PublicationStatus.WITHDRAWN)

    @admin.action(description="Return the selected trends to draft")
    def return_to_draft(self, request, queryset):
        self.transition(request, queryset, PublicationStatus.DRAFT)
