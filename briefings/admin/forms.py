"""Forms of the admin where they carry a rule the model alone cannot state."""

from datetime import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .. import services
from ..models import Briefing, PublicationStatus

# The workflow's fields: shown on the change form, changed only by its buttons. The
# publication date is not a form field at all: the one control that sets a publication time
# is the workflow panel's "Publish at", and the date published is shown as text.
WORKFLOW_FIELDS = ("status",)


class WorkflowForm(forms.Form):
    """The workflow panel of a briefing's change page: the button pressed, with its comment
    or publication time. Posted together with the briefing's own form, under `workflow-`."""

    action = forms.CharField(required=False)
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the briefing's log; returning a briefing in review to draft needs one.",
    )
    scheduled_for = forms.DateTimeField(
        label="publish at",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    resolved = forms.TypedMultipleChoiceField(required=False, coerce=int, choices=())

    def __init__(self, *args, open_comment_ids=(), **kwargs):
        super().__init__(*args, prefix="workflow", **kwargs)
        self.fields["resolved"].choices = [(pk, pk) for pk in open_comment_ids]
        self.fields["scheduled_for"].help_text = publish_at_help()

    def clean(self):
        cleaned = super().clean()
        # A time that did not parse is already said beside the control.
        no_time = not cleaned.get("scheduled_for") and "scheduled_for" not in self.errors
        if cleaned.get("action") == "schedule" and no_time:
            self.add_error("scheduled_for", "Choose the day and time to publish it.")
        return cleaned

    def clean_action(self):
        action = self.cleaned_data["action"]
        if action and not services.is_workflow_action(action):
            raise forms.ValidationError(f"“{action}” is not a step of the workflow.")
        return action


def publish_at_help() -> str:
    """The help of the one publication-time control: its time zone, and what it does."""
    zone = timezone.get_current_timezone_name()
    now = timezone.localtime()
    return (
        f"Day and time in {zone} (the desk's time zone; it is now {now:%H:%M} there). "
        "“Schedule publication” publishes it then; to publish now, press “Publish” instead."
    )


class BriefingAdminForm(forms.ModelForm):
    """The briefing's change form. Its status and publication date are shown, not edited:
    they move only through the workflow panel's buttons, whose rules live in `services`.
    A posted change to them, or a move the user may not make, is refused with the reason
    and nothing is saved; an allowed move is made by `BriefingAdmin` once the edits are saved.
    """

    # The user the form is for; `BriefingAdmin.get_form` sets it on each request's form class.
    user = None

    class Meta:
        model = Briefing
        fields = [
            "title",
            "slug",
            "summary",
            "status",
            "revision_note",
            "authors",
            "body",
            "countries",
            "actors",
            "events",
            "sources",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in WORKFLOW_FIELDS:
            if name in self.fields:
                # A disabled field keeps its stored value whatever is posted.
                self.fields[name].disabled = True
                self.fields[name].required = False
        if "status" in self.fields:
            self.fields["status"].help_text = self.status_help()
        open_ids = (
            list(self.instance.review_comments.filter(resolved=False).values_list("pk", flat=True))
            if self.instance.pk and self.is_bound
            else []
        )
        self.workflow = WorkflowForm(self.data if self.is_bound else None, open_comment_ids=open_ids)

    def status_help(self) -> str:
        if not self.instance.pk:
            return "A new briefing starts as a draft; once saved it can be submitted for review."
        current = self.previous_status()
        nexts = services.ALLOWED_TRANSITIONS.get(current, set())
        labels = " or ".join(PublicationStatus(s).label for s in PublicationStatus.values if s in nexts)
        return (
            f"It is {PublicationStatus(current).label}; from here it can become {labels or 'nothing else'}, "
            "with the workflow buttons below."
        )

    def previous_status(self) -> str:
        """The status stored before this edit."""
        return self.initial.get("status") or PublicationStatus.DRAFT

    def posted_change(self, name: str) -> bool:
        """Whether the POST tries to change a disabled field (browsers never send one, so
        only a crafted request does)."""
        field = self.fields[name]
        key = self.add_prefix(name)
        if field.widget.value_omitted_from_data(self.data, self.files, key):
            return False
        try:
            posted = field.clean(field.widget.value_from_datadict(self.data, self.files, key))
        except forms.ValidationError:
            return True
        stored = self.get_initial_for_field(field, name)
        if isinstance(posted, datetime) and isinstance(stored, datetime):
            return posted.replace(microsecond=0) != stored.replace(microsecond=0)
        return (posted or None) != (stored or None)

    def clean(self):
        cleaned = super().clean()
        stored = self.stored_briefing()
        if "status" in self.fields and self.posted_change("status"):
            self.add_error("status", self.status_refusal(stored, self.data.get(self.add_prefix("status"))))
        if self.workflow.is_bound:
            self.clean_workflow(stored)
        return cleaned

    def stored_briefing(self) -> Briefing:
        """The briefing as stored, for the workflow's checks (the instance takes posted values)."""
        if not self.instance.pk:
            return Briefing(status=PublicationStatus.DRAFT)
        return Briefing.objects.prefetch_related("authors").get(pk=self.instance.pk)

    def status_refusal(self, stored: Briefing, wanted: str) -> str:
        if wanted not in PublicationStatus.values:
            return f"“{wanted}” is not a status."
        if not self.instance.pk:
            return "A new briefing starts as a draft. Save it, then submit it for review."
        try:
            move = services.briefing_check_transition(
                user=self.user, briefing=stored, to_status=wanted, comment="-"
            )
        except (PermissionDenied, forms.ValidationError) as error:
            return " ".join(error_messages(error)) + " The status was not changed."
        return f"The status is not edited here: use “{move.label}” below, which records who did it."

    def clean_workflow(self, stored: Briefing) -> None:
        """Refuse, before anything is saved, a button the user may not press here."""
        if not self.workflow.is_valid():
            # Each said beside its control in the panel; the top of the form says where.
            if "scheduled_for" in self.workflow.errors:
                self.add_error(
                    None, f"Nothing was saved: see the message beside “Publish at”, {UNDER_WORKFLOW}."
                )
            for name, messages in self.workflow.errors.items():
                if name != "scheduled_for":
                    self.add_error(None, messages)
            return
        data = self.workflow.cleaned_data
        action = data["action"]
        if not action:
            return
        if not self.instance.pk:
            self.add_error(None, "Save the new briefing first; then it can go through the workflow.")
            return
        try:
            services.briefing_check_action(
                user=self.user,
                briefing=stored,
                action=action,
                comment=data["comment"],
                at=data["scheduled_for"],
            )
        except forms.ValidationError as error:
            codes = {e.code for e in error.error_list}
            if codes & COMMENT_ERRORS:
                # Said beside the comment box, where it is written; the top of the form says where.
                self.workflow.add_error("comment", error)
                self.add_error(
                    None, f"Nothing was saved: see the message beside the comment, {UNDER_WORKFLOW}."
                )
            elif action in SCHEDULE_ACTIONS and codes & SCHEDULE_ERRORS:
                self.workflow.add_error("scheduled_for", error)
                self.add_error(
                    None, f"Nothing was saved: see the message beside “Publish at”, {UNDER_WORKFLOW}."
                )
            else:
                self.refuse_button(error)
        except PermissionDenied as error:
            self.refuse_button(error)

    def refuse_button(self, error) -> None:
        """A refusal of the button itself: said at the top and again beside the buttons."""
        text = " ".join(error_messages(error))
        self.add_error(None, text)
        self.workflow.add_error(None, text)


# Refusals of a workflow step that the comment answers: missing where it is needed.
COMMENT_ERRORS = {"comment", "empty"}
# Refusals the "Publish at" control answers: a time past, or no schedule to cancel.
SCHEDULE_ACTIONS = {"schedule", "unschedule"}
SCHEDULE_ERRORS = {"past", "not_scheduled"}
UNDER_WORKFLOW = "under Workflow"


def error_messages(error: Exception) -> list[str]:
    """The readable messages of a ValidationError or PermissionDenied."""
    return list(getattr(error, "messages", None) or [str(error)])
