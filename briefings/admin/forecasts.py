"""Dated updates of published forecasts: added, never edited or deleted, through
`services.forecasts`, so the rules (editors only, in order, a reason) hold here too."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from .. import services
from ..models import ForecastUpdate


class ForecastUpdateForm(forms.ModelForm):
    """Checks the update by the same function the service uses, so a refusal shows beside
    its field and nothing is saved."""

    class Meta:
        model = ForecastUpdate
        fields = ["assessment", "probability", "made_at", "reason"]

    def clean(self):
        cleaned = super().clean()
        assessment = cleaned.get("assessment")
        if assessment is None or "made_at" in self.errors:
            return cleaned
        errors = services.forecast_update_errors(
            assessment=assessment,
            probability=cleaned.get("probability"),
            reason=cleaned.get("reason") or "",
            made_at=cleaned.get("made_at") or timezone.now(),
        )
        for name, field_messages in errors.items():
            if name not in self.errors:
                self.add_error(name if name in self.fields else None, field_messages)
        return cleaned


class ForecastUpdateAdmin(admin.ModelAdmin):
    form = ForecastUpdateForm
    list_display = ["assessment", "probability", "made_at", "made_by"]
    list_filter = ["made_at"]
    search_fields = ["assessment__statement", "reason"]
    list_select_related = ["assessment", "made_by"]
    autocomplete_fields = ["assessment"]

    class Media:
        css = {"all": ["admin-extra/admin.css"]}

    def has_add_permission(self, request):
        return services.user_is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # An update is history: a changed estimate is a new update.

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        created = services.forecast_update(
            assessment=data["assessment"],
            probability=data["probability"],
            reason=data["reason"],
            made_at=data.get("made_at"),
            user=request.user,
        )
        obj.pk, obj.made_by, obj.made_at = created.pk, created.made_by, created.made_at

    def save_related(self, request, form, formsets, change):
        """The service has saved everything there is."""
