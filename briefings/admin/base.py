"""What every admin page of the desk shares: the stylesheet and version check of
`DeskAdmin`, history (`DeskHistoryAdmin`), help texts, a live Markdown preview, inline rows
that only link, and the explanations of the standards the forms use.

Changelists load their related rows up front (`list_select_related`, `get_queryset` with
prefetches and counts) so a page of a hundred rows costs the same few queries as a page of
three. At the desk's size (100,000 events, 2,000 briefings) a list counts only the rows its
filters match, never the whole table beside them (`show_full_result_count`); counts shown in
a column are subqueries read for the rows of the page (`related_count`), not a grouping of
the whole table; a search or filter through a join lists each row once by its key
(`DeskChangeList`), a related filter finds its choices by index probes (`LinkedOnlyFilter`);
an autocomplete reads at most `AUTOCOMPLETE_LIMIT` rows. Every write that carries a rule
goes through `briefings.services`.
"""

import datetime
from urllib.parse import parse_qsl, urlencode
from urllib.parse import quote as url_quote

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.utils import quote as admin_quote
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import DataError, models
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import get_resolver, get_script_prefix, get_urlconf, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..api.pagination import CappedCountPaginator, page_reach
from ..markdown import markdown_problem, render_markdown
from ..models import LIKELIHOOD_RANGES, Assessment, Credibility, Likelihood, Reliability
from ..services import published
from .concurrency import VersionCheckAdminMixin
from .history import HistoryAdmin

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


def joined(objects, limit: int = 4) -> str:
    """A short, comma-separated list of related rows for a changelist column."""
    names = [str(o) for o in objects]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" +{len(names) - limit}"
    return ", ".join(names)


def related_count(model, field: str):
    """How many rows of `model` point by `field` at each row listed: a correlated subquery,
    so that a changelist counts for the hundred rows of its page, not by grouping the table."""
    rows = (
        model._base_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(rows), 0)


# Stands for a row's key in an address reversed once for a whole list (`row_url`).
KEY_SLOT = "0key0slot0"
_row_url_patterns: dict[tuple, str] = {}


def row_url(viewname: str, pk, current_app: str | None = None) -> str:
    """The address of one row's admin view (its change page, its preview), as `reverse` gives
    it, from a pattern reversed once per URLconf: a list of 100 rows reversed each of its two
    or three links, and `reverse` was a tenth of the page's time."""
    key = (get_resolver(get_urlconf()), get_script_prefix(), viewname, current_app)
    pattern = _row_url_patterns.get(key)
    if pattern is None:
        pattern = _row_url_patterns[key] = reverse(viewname, args=(KEY_SLOT,), current_app=current_app)
    # As `reverse` writes an argument: the admin's own quoting, then the URL's.
    return pattern.replace(KEY_SLOT, url_quote(str(admin_quote(pk)), safe=RFC3986_SUBDELIMS + "/~:@"))


# The rows a list counts exactly: a hundred pages of 100. Past them it says "more than
# 10000 events" and offers the next page, as far as the page asked for (`ListPaginator`).
LIST_COUNT_CAP = 10_000


class ListPaginator(CappedCountPaginator):
    """A changelist's pages, counted as far as `reach` + 1 rows, by their keys alone: the
    100,000 events were counted on every load of their list, 60 ms on a busy machine, to
    number a thousand pages nobody pages through."""

    @cached_property
    def counted(self) -> int:
        rows = self.object_list
        if not rows.query.is_sliced:  # an autocomplete's rows are a bounded slice already
            rows = rows.order_by().values("pk")[: self.reach + 1]
        return rows.count()


# The most rows an autocomplete reads for one term: a person narrows by typing, and an empty
# term on 100,000 events must neither read nor count them all. Above the 249 countries, so
# that one scrolls the whole list of them.
AUTOCOMPLETE_LIMIT = 500


def is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete for one inline row's foreign key that shows the row already loaded
    with the inline's rows (`select_related`), where Django's widget would query the chosen
    row again for each row of the inline."""

    preloaded = None  # the chosen object, set for each row by `PreloadedAutocompleteInlineMixin`

    def optgroups(self, name, value, attr=None):
        chosen = self.preloaded
        if chosen is None or [str(v) for v in value if v not in ("", None)] != [str(chosen.pk)]:
            return super().optgroups(name, value, attr)
        label = self.choices.field.label_from_instance(chosen)
        groups = [(None, [], 0)]
        if not self.is_required:
            groups[0][1].append(self.create_option(name, "", "", False, 0))
        groups[0][1].append(self.create_option(name, chosen.pk, label, {str(chosen.pk)}, len(groups[0][1])))
        return groups


class PreloadedAutocompleteInlineMixin:
    """Inline rows whose autocompletes show the row each inline row already loaded
    (`select_related` in the inline's queryset): the change page costs the same queries for
    eight rows as for one."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        names = list(self.get_autocomplete_fields(request))

        class PreloadedFormSet(formset):
            def _construct_form(self, i, **form_kwargs):
                form = super()._construct_form(i, **form_kwargs)
                for name in names:
                    field = form.fields.get(name)
                    descriptor = getattr(type(form.instance), name, None)
                    if field is None or not getattr(descriptor, "is_cached", None):
                        continue
                    widget = getattr(field.widget, "widget", field.widget)
                    if isinstance(widget, PreloadedAutocompleteSelect) and descriptor.is_cached(
                        form.instance
                    ):
                        widget.preloaded = getattr(form.instance, name)
                return form

        return PreloadedFormSet


def estimate_display(assessment: Assessment) -> str:
    """“unlikely (20–45%) · moderate confidence”, as analysts state a judgment."""
    parts = []
    if assessment.likelihood:
        parts.append(f"{assessment.get_likelihood_display()} ({assessment.likelihood_range_display})")
    if assessment.confidence:
        parts.append(f"{assessment.get_confidence_display()} confidence")
    return " · ".join(parts)


class ListInputMixin:
    """A changelist answers input the database cannot take as any impossible filter is:
    the list with its error flag, not a server error. That is a value past the database's
    integers (?country=1e30) or a NUL character, which PostgreSQL refuses in any query."""

    def get_changelist_instance(self, request):
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            raise IncorrectLookupParameters("A NUL character is not allowed in a filter or search.")
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, DataError) as error:
            raise IncorrectLookupParameters(error) from error


class LinkedOnlyFilter(admin.RelatedFieldListFilter):
    """A filter offering only the related rows some listed row links to (the countries that
    have events), each found by one index probe (`EXISTS`), where Django's
    `RelatedOnlyFieldListFilter` reads the key of every listed row: 100,000 events on
    every load of their list."""

    def field_choices(self, field, request, model_admin):
        linked = model_admin.get_queryset(request).filter(**{self.field_path: OuterRef("pk")})
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, limit_choices_to=Q(Exists(linked)), ordering=ordering)


class DeskChangeList(ChangeList):
    """A list whose search or filter goes through a many-valued relation (an event's actors,
    a briefing's countries) lists each row once by a semi-join on its key, where Django's
    `distinct()` would compare every column of every matching row: a sort of the whole
    table, at 100,000 events, on every search."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each row's link carries the list's filters back to it (`url_for_result`), encoded
        # once: Django's row template adds them to each link by resolving its address anew,
        # two thirds of the rows' time on a filtered or paged list.
        self.row_link_query = urlencode(dict(parse_qsl(self.preserved_filters)))
        self.preserved_filters = ""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = self.each_row_once(super().get_queryset(request, exclude_parameters))
        if self.model_admin.list_defer:
            queryset = queryset.defer(*self.model_admin.list_defer)
        prefetches = self.model_admin.list_prefetch_related
        return queryset.prefetch_related(None).prefetch_related(*prefetches) if prefetches else queryset

    def each_row_once(self, queryset):
        if not queryset.query.distinct or queryset.query.distinct_fields:
            return queryset
        matched = queryset.all()
        matched.query.distinct = False
        matched.query.clear_ordering(force=True)
        rows = self.root_queryset.filter(pk__in=matched.values("pk"))
        return self.apply_select_related(rows).order_by(*queryset.query.order_by)

    @property
    def count_is_lower_bound(self) -> bool:
        """Whether the list stopped counting (`ListPaginator`): "more than 10000 events"."""
        return not getattr(self.paginator, "exact", True)

    def url_for_result(self, result):
        url = row_url(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            getattr(result, self.pk_attname),
            current_app=self.model_admin.admin_site.name,
        )
        return f"{url}?{self.row_link_query}" if self.row_link_query else url

    # The most years the date hierarchy probes one by one; a wider span (a mistyped year
    # 0201) is left to Django's pass over every date.
    HIERARCHY_YEARS = 300

    @cached_property
    def date_hierarchy_links(self) -> dict:
        """The date hierarchy's links (`admin/change_list.html`), as Django's template tag
        makes them, except for its first level: the years that have rows are read by one
        index probe per year (`EXISTS`, in one query), where Django's `dates()` truncates
        and sorts the date of every row, 100,000 events on every load of their list."""
        name = self.date_hierarchy
        field = get_fields_from_path(self.model, name)[-1]
        drilled_down = any(key.startswith(f"{name}__") for key in self.params)
        # A search's matches are few enough to read their dates; the probes would each search
        # again.
        if isinstance(field, models.DateTimeField) or drilled_down or self.query:
            return date_hierarchy(self)
        span = self.queryset.aggregate(first=Min(name), last=Max(name))
        first, last = span["first"], span["last"]
        if first is None:
            return {"show": True, "back": None, "choices": []}
        if last.year - first.year >= self.HIERARCHY_YEARS:
            return date_hierarchy(self)
        if first.year == last.year:
            # One year: its months (or one month's days), which Django lists from those rows
            # alone, as it would were that year chosen; the span is not read a second time.
            drilled = {f"{name}__year": str(first.year)}
            if first.month == last.month:
                drilled[f"{name}__month"] = str(first.month)
            params, self.params = self.params, {**self.params, **drilled}
            try:
                return date_hierarchy(self)
            finally:
                self.params = params
        rows = self.queryset.order_by()
        probes = {
            f"y{year}": Exists(
                rows.filter(
                    **{
                        f"{name}__gte": datetime.date(year, 1, 1),
                        f"{name}__lt": datetime.date(year + 1, 1, 1),
                    }
                )
            )
            for year in range(first.year, last.year + 1)
        }
        found = self.model._base_manager.order_by().annotate(**probes).values(*probes)[0]
        year_field = f"{name}__year"
        return {
            "show": True,
            "back": None,
            "choices": [
                {"link": self.get_query_string({year_field: probe[1:]}, [f"{name}__"]), "title": probe[1:]}
                for probe, exists in found.items()
                if exists
            ],
        }


class DeskAdmin(ListInputMixin, VersionCheckAdminMixin, admin.ModelAdmin):
    """The desk's admin pages, with the desk's stylesheet; a save made from an outdated
    form is merged or answered with the conflict page (`admin.concurrency`); material that
    readers see opens read-only for analysts, and an editor's change to it is logged on the
    briefings that show it (`services.published`)."""

    # An address typed without a scheme ("fpri.org/article/…") is read as https, as the
    # article import form reads it (and as Django 6 will by default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # "12 results", not also "(100,000 total)": that second count reads the whole table on
    # every filtered load.
    show_full_result_count = False
    # What the list reads for its columns' related rows, in place of `get_queryset`'s
    # prefetches (which serve the change page): `Prefetch(..., to_attr=...)` lists, which a
    # column reads as they are, where a prefetch into a relation's manager builds a queryset
    # for each row of the page.
    list_prefetch_related: tuple = ()
    # Long columns no column of the list shows (a briefing's body and its HTML, 25 kB a row),
    # left unread by the list.
    list_defer: tuple = ()

    class Media:
        css = {"all": ["admin-extra/admin.css"]}

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or published.material_may_change(user=request.user, obj=obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and not published.material_may_change(user=request.user, obj=obj):
            self.message_user(request, published.material_refusal(obj), messages.INFO)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_changelist(self, request, **kwargs):
        return DeskChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """Counted up to `LIST_COUNT_CAP` rows, or to the page asked for, whichever is further,
        so that the page shown and the next one always exist."""
        reach = page_reach(request.GET.get(PAGE_VAR), per_page=per_page, cap=LIST_COUNT_CAP)
        return ListPaginator(
            queryset, per_page, reach=reach, orphans=orphans, allow_empty_first_page=allow_empty_first_page
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        cl = context.get("cl")
        if isinstance(cl, DeskChangeList) and cl.count_is_lower_bound:
            context["selection_note_all"] = f"All of more than {cl.paginator.reach} selected"
        return response

    def action_checkbox(self, obj):
        """The row's checkbox for the list's actions, the same markup as Django's, written
        directly: rendering Django's widget template for each of 100 rows was a third of the
        briefing list's time."""
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

    def get_search_results(self, request, queryset, search_term):
        """In an autocomplete, at most `AUTOCOMPLETE_LIMIT` rows, each once: a slice the
        widget pages through, so its "more results" counts the slice, not the table."""
        queryset, may_have_duplicates = self.search_matches(request, queryset, search_term)
        if not is_autocomplete(request):
            return queryset, may_have_duplicates
        if may_have_duplicates:
            # A name matched through a join (an event's actors) lists its row once; Django's
            # own `distinct()` cannot follow a slice.
            queryset = self.model._default_manager.filter(Exists(queryset.filter(pk=OuterRef("pk"))))
        return self.autocomplete_order(request, queryset, search_term)[:AUTOCOMPLETE_LIMIT], False

    def search_matches(self, request, queryset, search_term):
        """The rows a search term matches, and whether a row may be listed twice: Django's
        search over `search_fields`, unless a model's admin knows a way that reads less."""
        return super().get_search_results(request, queryset, search_term)

    def autocomplete_order(self, request, queryset, search_term):
        """The order an autocomplete offers its rows (and so which `AUTOCOMPLETE_LIMIT` it
        keeps): the list's own, unless a model's admin knows what a typist means first."""
        return queryset.order_by(*self.get_ordering(request) or self.model._meta.ordering, "-pk")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            changed = ", ".join(
                str(form.fields[name].label or name) for name in form.changed_data if name in form.fields
            )
            what = f"changed: {changed}"
            if "marking" in form.changed_data and form.initial.get("marking"):
                what += "; " + published.marking_change_note(old=form.initial["marking"], new=obj.marking)
            published.published_change_log(obj=obj, user=request.user, what=what)


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
        text = request.POST.get("text", "")
        problem = markdown_problem(text)
        if problem:
            return HttpResponse(format_html('<p class="errornote">{}</p>', problem), content_type="text/html")
        return HttpResponse(render_markdown(text), content_type="text/html")

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
            # Safe for bandit's B308/B703: sanitized by briefings.markdown on save.
            mark_safe(html) if html else "Nothing to preview yet.",  # noqa: S308  # nosec B308 B703
        )


class PublicPageMixin:
    """ "View on site" only for a row readers can open: an actor or event that no published
    briefing shows has no public page (its address is a 404)."""

    def view_on_site(self, obj):
        if obj is None or not type(obj).objects.published().filter(pk=obj.pk).exists():
            return None
        return obj.get_absolute_url()


class ChooseOnlyInlineMixin:
    """Inline rows that link to existing rows: their widgets may add, change and view the
    linked row but not delete it, which would remove it from every event or briefing."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and hasattr(formfield.widget, "can_delete_related"):
            formfield.widget.can_delete_related = False
        return formfield
