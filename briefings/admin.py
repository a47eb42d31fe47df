"""The admin, where analysts curate and editors publish.

Changelists load their related rows up front (`list_select_related`, `get_queryset`
with prefetches and counts) so a page of a hundred rows costs the same few queries as a
page of three. Status changes of briefings go through `services`, never around them.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Max
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from . import services
from .admin_concurrency import VersionCheckAdminMixin
from .admin_history import HistoryAdmin
from .forms import BriefingAdminForm, error_messages
from .markdown import render_markdown
from .models import (
    LIKELIHOOD_RANGES,
    Actor,
    ActorAlias,
    Assessment,
    Briefing,
    BriefingStatus,
    Country,
    Credibility,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    Likelihood,
    Region,
    Reliability,
    Source,
)

# --- Explanations shown on the forms -------------------------------------------------

ADMIRALTY_RELIABILITY = format_html(
    "<p>Admiralty grading (NATO AJP-2.1) judges the <strong>source</strong> and the "
    "<strong>information</strong> separately: a usually reliable source can carry a doubtful "
    "claim. The letter grades the source as a whole, from its track record:</p><ul>{}</ul>",
    format_html_join("", "<li>{}</li>", ((label,) for label in Reliability.labels)),
)
ADMIRALTY_CREDIBILITY = format_html(
    "<p>The number grades this item of information, whatever its source: is it borne out "
    "by other reporting? Together with the source's letter it gives the grade readers see, "
    "e.g. <strong>B2</strong>: a usually reliable source, probably true.</p><ul>{}</ul>",
    format_html_join("", "<li>{}</li>", ((label,) for label in Credibility.labels)),
)
ICD_203 = format_html(
    "<p><strong>Likelihood</strong> is how probable you judge the statement to be, in ICD "
    "203's seven terms, each standing for a range. <strong>Confidence</strong> is how sound "
    "the basis of that judgment is: the quality of the sources, the strength of the "
    "reasoning, the gaps. They are stated separately: “Russia is unlikely to deploy "
    "contractors (moderate confidence)”. A judgment with no probability (an explanation, "
    "not a forecast) leaves likelihood empty and still states confidence.</p><ul>{}</ul>",
    format_html_join(
        "",
        "<li>{} ({}–{}%)</li>",
        ((Likelihood(term).label, low, high) for term, (low, high) in LIKELIHOOD_RANGES.items()),
    ),
)
WORKFLOW = (
    "A briefing moves draft → in review → published → withdrawn; an editor can send one in "
    "review back to its authors with a comment, and bring a withdrawn one back to draft. The "
    "status changes only with the workflow buttons below the form, which log who moved it and "
    "when; analysts submit their drafts, editors publish, schedule and withdraw. Readers see a "
    "briefing only once it is published. The actions on the briefing list do the same for "
    "several at once."
)


def joined(objects, limit: int = 4) -> str:
    """A short, comma-separated list of related rows for a changelist column."""
    names = [str(o) for o in objects]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" +{len(names) - limit}"
    return ", ".join(names)


def short_date(moment) -> str:
    """“25 Sep 2020”: enough for a list, where the time would crowd out the title."""
    if moment is None:
        return "—"
    moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%b %Y}"


def estimate_display(assessment: Assessment) -> str:
    """“unlikely (20–45%) · moderate confidence”, as analysts state a judgment."""
    parts = []
    if assessment.likelihood:
        parts.append(f"{assessment.get_likelihood_display()} ({assessment.likelihood_range_display})")
    if assessment.confidence:
        parts.append(f"{assessment.get_confidence_display()} confidence")
    return " · ".join(parts)


class DeskAdmin(VersionCheckAdminMixin, admin.ModelAdmin):
    """The desk's admin pages, with the desk's stylesheet; a save made from an outdated
    form is refused with the conflict page (`admin_concurrency`)."""

    class Media:
        css = {"all": ["admin-extra/admin.css"]}


class DeskHistoryAdmin(HistoryAdmin, DeskAdmin):
    """A desk admin page whose objects keep their history: list, compare, restore, recover."""


class AnalystHelpMixin:
    """Extra help texts for fields whose model leaves them unexplained."""

    help_texts: dict[str, str] = {}

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", self.help_texts)
        return super().get_form(request, obj, **kwargs)


class MarkdownPreviewMixin:
    """A live preview of a Markdown field, rendered by the project's one sanitizer.

    The change page shows the stored HTML at once; `admin-extra/markdown-preview.js`
    refreshes it from `markdown-preview/` as the analyst types.
    """

    markdown_field: str = ""

    class Media:
        js = ["admin-extra/markdown-preview.js"]

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "markdown-preview/",
                self.admin_site.admin_view(self.markdown_preview_view),
                name=f"{opts.app_label}_{opts.model_name}_markdown_preview",
            ),
        ] + super().get_urls()

    def markdown_preview_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return HttpResponse(status=403)
        return HttpResponse(render_markdown(request.POST.get("text", "")), content_type="text/html")

    def markdown_preview(self, html: str):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_markdown_preview")
        return format_html(
            '<div class="markdown-preview" data-markdown-preview data-source="id_{}" '
            'data-preview-url="{}" data-empty="{}">{}</div>',
            self.markdown_field,
            url,
            "Nothing to preview yet.",
            # Safe: stored HTML is rendered and sanitized by briefings.markdown on save.
            mark_safe(html) if html else "Nothing to preview yet.",  # noqa: S308
        )


class ChooseOnlyInlineMixin:
    """Inline rows that link to existing rows: their widgets may add, change and view the
    linked row but not delete it, which would remove it from every event or briefing."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and hasattr(formfield.widget, "can_delete_related"):
            formfield.widget.can_delete_related = False
        return formfield


# --- Geography -----------------------------------------------------------------------


@admin.register(Country)
class CountryAdmin(DeskAdmin):
    list_display = ["name", "iso2", "iso3", "official_name", "region_list"]
    list_filter = ["regions"]
    search_fields = ["name", "official_name", "=iso2", "=iso3"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "official_name", "iso2", "iso3", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    @admin.display(description="regions")
    def region_list(self, obj):
        return joined(obj.regions.all())


@admin.register(Region)
class RegionAdmin(AnalystHelpMixin, DeskAdmin):
    list_display = ["name", "country_count", "country_list"]
    search_fields = ["name", "countries__name"]
    list_filter = [("countries", admin.RelatedOnlyFieldListFilter)]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["countries"]
    fields = ["name", "slug", "countries", "description"]
    help_texts = {
        "name": "A grouping analysts use, e.g. “Sahel” or “West Africa”. It is not a country.",
        "countries": "Type a country's name or ISO code to add it.",
        "description": "Optional: how the desk draws the region's borders.",
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(num_countries=Count("countries", distinct=True))
            .prefetch_related("countries")
        )

    @admin.display(description="countries", ordering="num_countries")
    def country_count(self, obj):
        return obj.num_countries

    @admin.display(description="members")
    def country_list(self, obj):
        return joined(obj.countries.all(), limit=6)


# --- Actors --------------------------------------------------------------------------


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    verbose_name = "alias"
    verbose_name_plural = "aliases (acronyms, short forms, nicknames the sources use)"


@admin.register(Actor)
class ActorAdmin(AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["name", "kind", "role_title", "belongs_to", "country_list", "alias_list"]
    list_filter = ["kind", ("countries", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "aliases__name", "role_title", "slug"]
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


# --- Sources and excerpts ------------------------------------------------------------


class ExcerptInline(admin.TabularInline):
    model = Excerpt
    extra = 0
    fields = ["text", "credibility", "position"]
    readonly_fields = ["position"]
    # A source can carry dozens of excerpts: a row each, not a page each.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}
    verbose_name_plural = "excerpts (passages quoted exactly from the full text above)"

    @admin.display(description="position in the text")
    def position(self, obj):
        if obj.start is None:
            return "found when saved"
        return f"characters {obj.start}–{obj.end}"


@admin.register(Source)
class SourceAdmin(AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["title", "author", "publisher", "published_on", "reliability", "excerpt_count"]
    list_filter = ["reliability", "publisher"]
    search_fields = ["title", "author", "publisher", "url"]
    date_hierarchy = "published_on"
    inlines = [ExcerptInline]
    fieldsets = [
        ("Document", {"fields": ["title", "author", "publisher", "url", "published_on"]}),
        (
            "Admiralty grade",
            {"fields": ["reliability"], "description": ADMIRALTY_RELIABILITY + ADMIRALTY_CREDIBILITY},
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
        return super().get_queryset(request).annotate(num_excerpts=Count("excerpts", distinct=True))

    @admin.display(description="excerpts", ordering="num_excerpts")
    def excerpt_count(self, obj):
        return obj.num_excerpts


@admin.register(Excerpt)
class ExcerptAdmin(AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["quote", "grade", "source_title", "position"]
    list_filter = ["credibility", "source__reliability", ("source", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "source__title"]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    fieldsets = [
        ("Passage", {"fields": ["source", "text"]}),
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


# --- Events --------------------------------------------------------------------------


class EventActorInline(ChooseOnlyInlineMixin, admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Event)
class EventAdmin(AnalystHelpMixin, DeskHistoryAdmin):
    list_display = ["when", "title", "kind", "where", "actor_list", "excerpt_count"]
    list_display_links = ["when", "title"]
    list_filter = ["kind", "date_precision", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "description", "place", "actors__name", "country__name"]
    list_select_related = ["country"]
    date_hierarchy = "date"
    autocomplete_fields = ["country", "excerpts"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EventActorInline]
    fieldsets = [
        ("What happened", {"fields": ["title", "slug", "kind", "description"]}),
        ("When", {"fields": [("date", "date_precision"), "end_date"]}),
        ("Where", {"fields": [("country", "place")]}),
        ("Evidence", {"fields": ["excerpts"]}),
    ]
    help_texts = {
        "slug": "The event's address on the site; filled in from the date and title when empty.",
        "kind": "The category (CAMEO's roots, ACLED's political violence types, and coups).",
        "country": "Where it happened; type a name or ISO code.",
        "description": "What the sources report, in your words.",
        "excerpts": "Type words of the quote or the source's title to find it.",
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(num_excerpts=Count("excerpts", distinct=True))
            .prefetch_related("roles__actor")
        )

    @admin.display(description="date", ordering="date")
    def when(self, obj):
        if obj.end_date:
            return f"{obj.display_date} – {obj.end_date.day} {obj.end_date:%B %Y}"
        return obj.display_date

    @admin.display(description="where", ordering="country__name")
    def where(self, obj):
        return ", ".join(part for part in (obj.place, obj.country and obj.country.name) if part)

    @admin.display(description="actors")
    def actor_list(self, obj):
        return joined(obj.roles.all(), limit=3)

    @admin.display(description="excerpts", ordering="num_excerpts")
    def excerpt_count(self, obj):
        return obj.num_excerpts


# --- Assessments ---------------------------------------------------------------------


@admin.register(Assessment)
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
            "ICD 203 likelihood and confidence",
            {"fields": [("likelihood", "probability"), "confidence"], "description": ICD_203},
        ),
        ("About", {"fields": ["countries", "actors"]}),
        ("Evidence", {"fields": ["evidence_events", "evidence_excerpts"]}),
        ("Analysis", {"fields": ["rationale", "rationale_preview", "assumptions", "alternatives"]}),
        (
            "Forecast and outcome",
            {
                "classes": ["collapse"],
                "fields": ["horizon", ("outcome", "outcome_on"), "outcome_note", "outcome_page"],
                "description": "For a forecast, the date by which it should come true. Once it "
                "has passed, an editor records what happened on the judgment's outcome page.",
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
        if not obj.likelihood and obj.probability is None:
            return "It states no likelihood, so it is not a forecast with an outcome to record."
        try:
            url = reverse("admin:briefings_assessmentoutcome_change", args=[obj.pk])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">Record or review the outcome</a>', url)


# --- Briefings -----------------------------------------------------------------------


class KeyJudgmentInline(ChooseOnlyInlineMixin, admin.TabularInline):
    model = KeyJudgment
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
        formset.form.base_fields["order"].initial = (last or 0) + 1
        return formset

    @admin.display(description="likelihood · confidence")
    def estimate(self, obj):
        return estimate_display(obj.assessment) if obj.assessment_id else ""


@admin.register(Briefing)
class BriefingAdmin(MarkdownPreviewMixin, AnalystHelpMixin, DeskHistoryAdmin):
    form = BriefingAdminForm
    markdown_field = "body"
    list_display = [
        "title",
        "state",
        "published",
        "revised",
        "country_list",
        "author_list",
    ]
    list_filter = [
        "status",
        ("countries", admin.RelatedOnlyFieldListFilter),
        ("authors", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "slug", "summary", "body"]
    autocomplete_fields = ["countries", "actors", "events", "sources", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["body_preview", "updated_at"]
    inlines = [KeyJudgmentInline]
    actions = ["submit_for_review", "publish", "withdraw", "return_to_draft"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        (
            "Publication",
            {
                "fields": ["status", "published_at", "updated_at", "revision_note", "authors"],
                "description": WORKFLOW,
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

    def get_queryset(self, request):
        # Authors too: the analyst's right to change a briefing is read from them.
        return super().get_queryset(request).prefetch_related("countries", "authors")

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
        if obj.status == BriefingStatus.PUBLISHED and not obj.is_public:
            return "published, scheduled"
        return obj.get_status_display()

    @admin.display(description="published", ordering="published_at")
    def published(self, obj):
        return short_date(obj.published_at)

    @admin.display(description="last revised", ordering="updated_at")
    def revised(self, obj):
        return short_date(obj.updated_at)

    @admin.display(description="countries")
    def country_list(self, obj):
        return joined(obj.countries.all())

    @admin.display(description="authors")
    def author_list(self, obj):
        return joined(a.get_full_name() or a.get_username() for a in obj.authors.all())

    @admin.display(description="preview")
    def body_preview(self, obj):
        return self.markdown_preview(obj.body_html)

    # --- The workflow panel of the change page -----------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow"] = self.workflow_context(request, obj, context["adminform"].form)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_context(self, request, obj, form) -> dict:
        """What the panel shows: the moves this user may make, the log and the comments,
        each read in one query."""
        user = request.user
        may_change = self.has_change_permission(request, obj)
        moves = services.briefing_available_moves(user=user, briefing=obj) if may_change else []
        in_review = obj.status == BriefingStatus.IN_REVIEW
        return {
            "may_change": may_change,
            "moves": [move for _, move in moves],
            "needs_comment": any(move.needs_comment for _, move in moves),
            "can_schedule": may_change and in_review and user.has_perm(services.SCHEDULE_PERMISSION),
            "can_comment": may_change and in_review and user.has_perm(services.REVIEW_PERMISSION),
            "form": form.workflow,
            "log": list(obj.transitions.select_related("user").order_by("at", "pk")),
            "comments": list(obj.review_comments.select_related("author").order_by("created_at", "pk")),
            "editor": user.has_perm("briefings.publish_briefing"),
            "is_author": any(author.pk == user.pk for author in obj.authors.all()),
        }

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        briefing, user = form.instance, request.user
        # An analyst changes only the drafts they author: the one they create is theirs; so
        # is one an editor creates naming no author.
        authors = {a.pk for a in briefing.authors.all()} if not change else set()
        if (
            not change
            and user.pk not in authors
            and (not authors or not user.has_perm(services.REVIEW_PERMISSION))
        ):
            briefing.authors.add(user)
        if change:
            self.apply_workflow(request, form.workflow.cleaned_data, briefing)

    def apply_workflow(self, request, data, briefing) -> None:
        """Make the move whose button was pressed, once the edits are saved. The form has
        checked it already; the service checks again under a lock, since another editor
        may have moved the briefing since the page was loaded."""
        user, action, comment = request.user, data.get("action"), data.get("comment") or ""
        if data.get("resolved"):
            services.review_comments_resolve(briefing=briefing, user=user, ids=data["resolved"])
        if not action:
            return
        request.briefing_workflow_action = action
        try:
            if action == "schedule":
                services.briefing_schedule(
                    briefing=briefing, user=user, at=data["scheduled_for"], comment=comment
                )
                done = f"“{briefing}” will be published {short_datetime(briefing.scheduled_for)}."
            elif action == "unschedule":
                services.briefing_schedule(briefing=briefing, user=user, at=None, comment=comment)
                done = f"“{briefing}” is no longer scheduled."
            elif action == "comment":
                services.review_comment_add(briefing=briefing, user=user, text=comment)
                done = "Your comment is on the briefing for its authors."
            else:
                services.briefing_transition(
                    briefing=briefing, to_status=data["to_status"], user=user, comment=comment
                )
                done = f"“{briefing}” is now {briefing.get_status_display()}."
        except (services.TransitionError, ValidationError, PermissionDenied) as error:
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
        return request.user.has_perm("briefings.publish_briefing")

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
        """Asks first for the comment the authors will read, then returns them all."""
        if "apply" in request.POST:
            self._transition_selected(
                request,
                queryset,
                services.briefing_return_to_draft,
                "Returned to draft:",
                comment=request.POST.get("workflow-comment", ""),
            )
            return None
        return TemplateResponse(
            request,
            "admin/briefings/briefing/return_to_draft.html",
            {
                **self.admin_site.each_context(request),
                "title": "Return to draft",
                "opts": self.model._meta,
                "briefings": queryset.order_by("pk"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "needs_comment": queryset.filter(status=BriefingStatus.IN_REVIEW).exists(),
            },
        )


# The list actions named differently from the workflow's moves.
ACTION_NAMES = {"submit": "submit_for_review"}


def short_datetime(moment) -> str:
    """“25 Sep 2020, 09:00 UTC”: a scheduled time needs its hour and zone."""
    moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%b %Y, %H:%M %Z}"


from . import admin_tracking  # noqa: E402,F401
