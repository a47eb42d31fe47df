"""Forms of the admin where they carry a rule the model alone cannot state."""

from django import forms
from django.utils import timezone

from . import services
from .models import Briefing, BriefingStatus


class BriefingAdminForm(forms.ModelForm):
    """The briefing's change form: a status change must be one the workflow allows.

    The check runs here so that a refused change shows next to the field and nothing is
    saved; the change itself is then made by `services.briefing_transition`.
    """

    class Meta:
        model = Briefing
        fields = [
            "title",
            "slug",
            "summary",
            "status",
            "published_at",
            "authors",
            "body",
            "countries",
            "actors",
            "events",
            "sources",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].help_text = self.status_help()

    def status_help(self) -> str:
        if not self.instance.pk:
            return "A new briefing starts as a draft; once saved it can be submitted for review."
        current = self.previous_status()
        nexts = self.allowed_statuses() - {current}
        labels = " or ".join(BriefingStatus(s).label for s in BriefingStatus.values if s in nexts)
        return f"It is {BriefingStatus(current).label}; from here it can become {labels or 'nothing else'}."

    def previous_status(self) -> str:
        """The status stored before this edit (the instance itself takes the posted one)."""
        return self.initial.get("status") or BriefingStatus.DRAFT

    def allowed_statuses(self) -> set[str]:
        """The statuses this briefing may be given from this form."""
        if not self.instance.pk:
            # A briefing is born a draft; review and publication come after it exists.
            return {BriefingStatus.DRAFT}
        current = self.previous_status()
        return {current} | services.ALLOWED_TRANSITIONS.get(current, set())

    def clean_status(self):
        status = self.cleaned_data["status"]
        allowed = self.allowed_statuses()
        if status not in allowed:
            current = BriefingStatus(self.previous_status()).label
            if not self.instance.pk:
                raise forms.ValidationError(
                    "A new briefing starts as a draft. Save it, then submit it for review.",
                    code="transition",
                )
            choices = ", ".join(
                sorted(BriefingStatus(s).label for s in allowed if s != self.previous_status())
            )
            raise forms.ValidationError(
                f"A briefing that is {current} cannot become {BriefingStatus(status).label}. "
                f"From {current} it can become: {choices or 'nothing else'}.",
                code="transition",
            )
        return status

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == BriefingStatus.PUBLISHED
            and self.previous_status() != BriefingStatus.PUBLISHED
            and "published_at" in cleaned
            and cleaned["published_at"] is None
        ):
            # Publishing with no date means now. Set here, the row the form checks against
            # the database constraints is already valid; the workflow service keeps it.
            cleaned["published_at"] = timezone.now()
        if (
            self.instance.pk
            and self.previous_status() == BriefingStatus.PUBLISHED
            and "published_at" in cleaned
            and cleaned["published_at"] is None
        ):
            self.add_error(
                "published_at",
                "A published briefing keeps its publication date. Withdraw it rather than clear the date.",
            )
        return cleaned
