"""Briefings, their key judgments, and the workflow panel and list actions that move them
through review. Every move is made by `services.workflow`."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .. import services
from ..formats import long_datetime, short_date, short_datetime
from ..models import KeyJudgment, PublicationStatus, ShareLink, ShareLinkLifetime, Source, display_name
from ..services import review
from ..services.suggestions import briefing_initial_from_source
from ..views.previews import preview_response
from .base import (
    AnalystHelpMixin,
    ChooseOnlyInlineMixin,
    DeskHistoryAdmin,
    LinkedOnlyFilter,
    MarkdownPreviewMixin,
    PreloadedAutocompleteInlineMixin,
    estimate_display,
    joined,
    row_url,
)
from .forms import BriefingAdminForm, error_messages

WORKFLOW_HELP = (
    "A briefing moves draft → in review → published → withdrawn; an editor can send one in "
    "review back to its authors with a comment, and bring a withdrawn one back to draft. The "
    "status changes only with the workflow buttons below the form, which log who moved it and "
    "when; analysts submit their drafts, editors publish, schedule and withdraw. Readers see a "
    "briefing only once it is published. The actions on the briefing list do the same for "
    "several at once."
)


class KeyJudgmentForm(forms.ModelForm):
    class Meta:
        model = KeyJudgment
        fields = ["order", "assessment"]

    def has_changed(self):
        # A new row offered with its assessment chosen (a briefing drafted from a source) is
        # saved as it stands, where Django would skip it as unchanged from what it was offered
        # with; cleared of its assessment, it is skipped as an empty row is.
        if self.instance.pk is None and self.initial.get("assessment"):
            return bool(self["assessment"].data)
        return super().has_changed()


class KeyJudgmentInline(PreloadedAutocompleteInlineMixin, ChooseOnlyInlineMixin, admin.TabularInline):
    model = KeyJudgment
    form = KeyJudgmentForm
    extra = 1
    autocomplete_fields = ["assessment"]
    fields = ["order", "assessment", "estimate"]
    readonly_fields = ["estimate"]
    ordering = ["order", "pk"]
    verbose_name = "key judgment"
    verbose_name_plural = "key judgments (in the order readers see them)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assessment")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A new row's order follows the judgments already there, not 0.
        last = obj.judgment_links.aggregate(last=Max("order"))["last"] if obj and obj.pk else None
        drafted = getattr(request, "briefing_drafted_from", None)
        if drafted and not (obj and obj.pk):
            last = len(drafted["key_judgments"])
        order = formset.form.base_fields["order"]
        order.initial = (last or 0) + 1
        # The page posts the order it offered, so an untouched new row stays untouched when
        # someone else has added judgments since the page was opened.
        order.show_hidden_initial = True
        return formset

    def get_extra(self, request, obj=None, **kwargs):
        # A briefing drafted from a source offers a row for each of its judgments, and one more.
        drafted = getattr(request, "briefing_drafted_from", None)
        return len(drafted["key_judgments"]) + 1 if drafted and obj is None else self.extra

    @admin.display(description="likelihood · confidence")
    def estimate(self, obj):
        return estimate_display(obj.assessment) if obj.assessment_id else ""

    class Media:
        # "Add another key judgment" numbers the new row after the last one.
        js = ["admin-extra/key-judgment-order.js"]


class BriefingAdmin(MarkdownPreviewMixin, AnalystHelpMixin, DeskHistoryAdmin):
    form = BriefingAdminForm
    markdown_field = "body"
    list_display = [
        "title",
        "state",
        "published",
        "revised",
        "marking",
        "country_list",
        "author_list",
        "preview_link",
    ]
    list_filter = [
        "status",
        "marking",
        ("countries", LinkedOnlyFilter),
        ("authors", LinkedOnlyFilter),
    ]
    # Titles and bottom lines, and the exact address; words deep in a body are the site
    # search's to find (README, "The admin at the desk's size").
    search_fields = ["title", "=slug", "summary"]
    list_defer = ("body", "body_html")
    list_prefetch_related = (
        Prefetch("countries", to_attr="listed_countries"),
        Prefetch("authors", to_attr="listed_authors"),
    )
    autocomplete_fields = ["countries", "actors", "events", "sources", "authors", "recipient_organisations"]
    filter_horizontal = ["recipient_readers"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["publication", "body_preview", "updated_at"]
    inlines = [KeyJudgmentInline]
    actions = ["submit_for_review", "publish", "withdraw", "return_to_draft"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        (
            "Publication",
            {
                "fields": ["status", "publication", "updated_at", "revision_note", "authors"],
                "description": WORKFLOW_HELP,
            },
        ),
        (
            "Who may read it",
            {
                "fields": ["marking", "recipient_organisations", "recipient_readers"],
                "description": "TLP 2.0. Publishing is refused while it shows a judgment, event, "
                "source or excerpt marked above it. TLP:AMBER reaches the desk's organisation, the "
                "recipient organisations and their clients; AMBER+STRICT the desk's organisation "
                "and the recipients only; RED only the readers named here.",
            },
        ),
        ("Body", {"fields": ["body", "body_preview"]}),
        ("What it covers", {"fields": ["countries", "actors", "events", "sources"]}),
    ]
    help_texts = {
        "title": "The headline readers see.",
        "authors": "Who wrote it; their names appear on the page. Analysts edit the drafts they author.",
        "countries": "Countries it covers; each links to the country's page.",
        "actors": "Actors it covers; each links to the actor's page.",
        "events": "The events of its timeline, shown in date order.",
        "sources": "The documents it cites; their excerpts become the page's footnotes.",
    }

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "recipient_readers":
            # Only readers can be named recipients; staff read it in the admin.
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(reader__isnull=False).order_by(
                "username"
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        # The change page's authors: the analyst's right to change a briefing is read from
        # them. The list reads its own (`list_prefetch_related`).
        return super().get_queryset(request).prefetch_related("countries", "authors")

    # --- Drafting a briefing from a source -----------------------------------------------

    def drafted_from(self, request) -> dict | None:
        """The initial data of a briefing drafted from the source in "?from_source=<id>", read
        once per request; None without one (or for a source this user may not see)."""
        if not hasattr(request, "briefing_drafted_from"):
            pk = request.GET.get("from_source", "")
            source = Source.objects.filter(pk=pk).first() if pk.isdecimal() else None
            if source is not None and not request.user.has_perm("briefings.view_source"):
                source = None
            request.briefing_drafted_from = (
                briefing_initial_from_source(source=source) if source is not None else None
            )
        return request.briefing_drafted_from

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.pop("from_source", None)
        drafted = self.drafted_from(request)
        if drafted:
            initial.update({name: value for name, value in drafted.items() if name != "key_judgments"})
        return initial

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        drafted = self.drafted_from(request) if obj is None or obj.pk is None else None
        if drafted and isinstance(inline, KeyJudgmentInline):
            kwargs["initial"] = drafted["key_judgments"]
        return kwargs

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory makes a new class on every call: this user is this request's.
        form.user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        """An analyst changes only the drafts they author; the rule is the services'."""
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.briefing_may_change(user=request.user, briefing=obj)

    def view_on_site(self, obj):
        # Only a page readers can reach: a draft's address would be a 404.
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description="status", ordering="status")
    def state(self, obj):
        if obj.scheduled_for:
            return f"in review, to be published {short_datetime(obj.scheduled_for)}"
        # "Published" with a future date is not yet on the site: say so.
        if obj.status == PublicationStatus.PUBLISHED and not obj.is_public:
            return "published, scheduled"
        return obj.get_status_display()

    @admin.display(description="publication")
    def publication(self, obj):
        """When readers got it, or will: set by the workflow panel's one "Publish at"."""
        if obj is None or obj.pk is None:
            return "Not published: a new briefing starts as a draft."
        if obj.scheduled_for:
            return f"Scheduled for {long_datetime(obj.scheduled_for)}; set below, under Workflow."
        if obj.published_at:
            return f"First published {long_datetime(obj.published_at)}."
        return "Not published yet. Editors publish it, now or at a set time, under Workflow below."

    @admin.display(description="published", ordering="published_at")
    def published(self, obj):
        return short_date(obj.published_at)

    @admin.display(description="last revised", ordering="updated_at")
    def revised(self, obj):
        return short_date(obj.updated_at)

    @admin.display(description="countries")
    def country_list(self, obj):
        return joined(obj.listed_countries)

    @admin.display(description="authors")
    def author_list(self, obj):
        return joined(display_name(author) for author in obj.listed_authors)

    @admin.display(description="preview")
    def body_preview(self, obj):
        return self.markdown_preview(obj.body_html)

    @admin.display(description="preview")
    def preview_link(self, obj):
        url = row_url("admin:briefings_briefing_preview", obj.pk, current_app=self.admin_site.name)
        return format_html('<a href="{}">Preview</a>', url)

    # --- Previews and share links ------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/preview/", view(self.preview_view), name="briefings_briefing_preview"),
            path(
                "<path:object_id>/preview.pdf",
                view(self.preview_pdf_view),
                name="briefings_briefing_preview_pdf",
            ),
            path("<path:object_id>/share/", view(self.share_create_view), name="briefings_briefing_share"),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                view(self.share_revoke_view),
                name="briefings_briefing_share_revoke",
            ),
            path(
                "<path:object_id>/since-review/",
                view(self.changes_since_review_view),
                name="briefings_briefing_since_review",
            ),
        ] + super().get_urls()

    def viewable_briefing(self, request, object_id):
        """The briefing, if this user may view it in the admin; else 404 (or 403)."""
        briefing = self.get_object(request, object_id)
        if briefing is None:
            raise Http404("No such briefing.")
        if not self.has_view_permission(request, briefing):
            raise PermissionDenied
        return briefing

    def preview_view(self, request, object_id):
        """The current draft as readers will see it, with the preview banner."""
        briefing = self.viewable_briefing(request, object_id)
        pdf_url = reverse("admin:briefings_briefing_preview_pdf", args=[briefing.pk])
        return preview_response(request, briefing, pdf_url=pdf_url)

    def preview_pdf_view(self, request, object_id):
        return preview_response(request, self.viewable_briefing(request, object_id), pdf=True)

    def share_create_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        briefing = self.viewable_briefing(request, object_id)
        try:
            lifetime = int(request.POST.get("share-lifetime", ""))
            link = services.share_link_create(
                briefing=briefing,
                created_by=request.user,
                lifetime=lifetime,
                note=request.POST.get("share-note", "")[:200],
            )
        except ValueError:
            self.message_user(request, "Choose how long the link lasts.", messages.ERROR)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, " ".join(error_messages(error)), messages.ERROR)
        else:
            url = request.build_absolute_uri(services.share_link_url(link))
            self.message_user(
                request,
                format_html(
                    'Share link made, open until {}: <a href="{}">{}</a>',
                    short_datetime(link.expires_at),
                    url,
                    url,
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(
            reverse("admin:briefings_briefing_change", args=[briefing.pk]) + "#sharing"
        )

    def share_revoke_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        briefing = self.viewable_briefing(request, object_id)
        link = get_object_or_404(ShareLink, pk=link_id, briefing=briefing)
        try:
            services.share_link_revoke(link=link, user=request.user)
        except PermissionDenied as error:
            self.message_user(request, " ".join(error_messages(error)), messages.ERROR)
        else:
            self.message_user(request, "Share link revoked: it no longer opens.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:briefings_briefing_change", args=[briefing.pk]) + "#sharing"
        )

    def sharing_context(self, request, obj) -> dict | None:
        """The share links panel: for editors, the links that still open, with their openings."""
        if not services.user_is_editor(request.user):
            return None
        links = services.share_links_of(obj)
        return {
            "links": [
                {
                    "link": link,
                    "url": request.build_absolute_uri(services.share_link_url(link)),
                    "openings": list(link.openings.all()),
                    "revoke_url": reverse("admin:briefings_briefing_share_revoke", args=[obj.pk, link.pk]),
                }
                for link in links
            ],
            "lifetimes": ShareLinkLifetime.choices,
            "create_url": reverse("admin:briefings_briefing_share", args=[obj.pk]),
        }

    # --- Changes since an editor last reviewed it -----------------------------------------

    def changes_since_review_view(self, request, object_id):
        """What changed, field by field, between the version this editor last reviewed
        (returned, published or scheduled it) and now."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        changes = review.briefing_changes_since_review(briefing=obj, user=request.user)
        diff = []
        if changes is not None and changes.reviewed.pk != changes.latest.pk:
            # The status moved with the review itself: the log below the form says how.
            names = [name for name in self.compare_fields if name not in SINCE_REVIEW_SKIP]
            diff = self.compare_diff(changes.reviewed, changes.latest, names=names)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes to “{obj}” since you last reviewed it",
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "original": obj,
            "changes": changes,
            "compare_data": diff,
            "history_url": self._admin_url("history", quote(obj.pk)),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/briefings/briefing/since_review.html", context)

    # --- The workflow panel of the change page -----------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow"] = self.workflow_context(request, obj, context["adminform"].form)
            context["sharing"] = self.sharing_context(request, obj)
            context["preview_url"] = reverse("admin:briefings_briefing_preview", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_context(self, request, obj, form) -> dict:
        """What the panel shows: the moves this user may make, the log and the comments,
        each read in one query."""
        user = request.user
        may_change = self.has_change_permission(request, obj)
        moves = services.briefing_available_moves(user=user, briefing=obj) if may_change else []
        in_review = obj.status == PublicationStatus.IN_REVIEW
        return {
            "may_change": may_change,
            "moves": [move for _, move in moves],
            "needs_comment": any(move.needs_comment for _, move in moves),
            "can_schedule": may_change and in_review and user.has_perm(services.SCHEDULE_PERMISSION),
            "can_comment": may_change and in_review and user.has_perm(services.REVIEW_PERMISSION),
            "form": form.workflow,
            "log": list(obj.transitions.select_related("user").order_by("at", "pk")),
            "comments": list(obj.review_comments.select_related("author").order_by("created_at", "pk")),
            "editor": services.user_is_editor(user),
            "is_author": any(author.pk == user.pk for author in obj.authors.all()),
            "reviewed_before": review.briefing_last_review(briefing=obj, user=user) is not None,
        }

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        briefing, user = form.instance, request.user
        if not change:
            services.briefing_add_creator(briefing=briefing, user=user)
        else:
            self.apply_workflow(request, form.workflow.cleaned_data, briefing)

    def apply_workflow(self, request, data, briefing) -> None:
        """Press the workflow button that was pressed, once the edits are saved. The form has
        checked it already; the service checks again under a lock, since another editor
        may have moved the briefing since the page was loaded."""
        user, action = request.user, data.get("action")
        if data.get("resolved"):
            services.review_comments_resolve(briefing=briefing, user=user, ids=data["resolved"])
        if not action:
            return
        request.briefing_workflow_action = action
        try:
            done = services.briefing_do_action(
                user=user,
                briefing=briefing,
                action=action,
                comment=data.get("comment") or "",
                at=data.get("scheduled_for"),
            )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, " ".join(error_messages(error)), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)

    def response_change(self, request, obj):
        if getattr(request, "briefing_workflow_action", ""):
            # Back to the page, where the log shows the move (or the message why not).
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # --- List actions ------------------------------------------------------------------

    def has_publish_permission(self, request):
        return services.user_is_editor(request.user)

    def has_review_permission(self, request):
        return request.user.has_perm(services.REVIEW_PERMISSION) or self.has_publish_permission(request)

    def response_action(self, request, queryset):
        """An action this user may not run (posted by hand: the list does not offer it) is
        refused with the reason, not with Django's "No action selected"."""
        name = request.POST.get("action", "")
        refusals = {"delete_selected": "Only editors may delete briefings."}
        for move in services.WORKFLOW.values():
            refusals.setdefault(ACTION_NAMES.get(move.action, move.action), move.refused)
        if name in refusals and name not in self.get_actions(request):
            self.message_user(request, f"{refusals[name]} Nothing was changed.", messages.ERROR)
            return None
        return super().response_action(request, queryset)

    def _transition_selected(self, request, queryset, service, done: str, comment: str = ""):
        moved = 0
        with transaction.atomic():
            for briefing in queryset.order_by("pk"):
                try:
                    service(briefing=briefing, user=request.user, comment=comment)
                except (services.TransitionError, PermissionDenied) as error:
                    self.message_user(
                        request, f"“{briefing}”: {' '.join(error_messages(error))}", messages.ERROR
                    )
                else:
                    moved += 1
        if moved:
            self.message_user(
                request, f"{done} {moved} briefing{'' if moved == 1 else 's'}.", messages.SUCCESS
            )

    @admin.action(description="Submit selected briefings for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._transition_selected(request, queryset, services.briefing_submit, "Submitted for review:")

    @admin.action(description="Publish selected briefings", permissions=["publish"])
    def publish(self, request, queryset):
        self._transition_selected(request, queryset, services.briefing_publish, "Published:")

    @admin.action(description="Withdraw selected briefings", permissions=["publish"])
    def withdraw(self, request, queryset):
        self._transition_selected(request, queryset, services.briefing_withdraw, "Withdrew:")

    @admin.action(description="Return selected briefings to draft…", permissions=["review"])
    def return_to_draft(self, request, queryset):
        """Asks first for the comment the authors will read, then returns them all; without
        the comment a briefing in review needs, asks again, with the reason beside the box."""
        comment = request.POST.get("workflow-comment", "")
        needs_comment = queryset.filter(status=PublicationStatus.IN_REVIEW).exists()
        comment_error = ""
        if "apply" in request.POST:
            if not (needs_comment and not comment.strip()):
                self._transition_selected(
                    request,
                    queryset,
                    services.briefing_return_to_draft,
                    "Returned to draft:",
                    comment=comment,
                )
                return None
            comment_error = "Say what should change: a briefing in review goes back to its authors with it."
        return TemplateResponse(
            request,
            "admin/briefings/briefing/return_to_draft.html",
            {
                **self.admin_site.each_context(request),
                "title": "Return to draft",
                "opts": self.model._meta,
                "briefings": queryset.order_by("pk"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "needs_comment": needs_comment,
                "comment": comment,
                "comment_error": comment_error,
            },
        )


# What "changes since you last reviewed it" leaves out: the workflow's own fields.
SINCE_REVIEW_SKIP = {"status", "published_at", "scheduled_for"}

# The list actions named differently from the workflow's moves.
ACTION_NAMES = {"submit": "submit_for_review"}
