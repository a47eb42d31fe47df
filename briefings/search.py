"""Full-text search over what readers may see: briefings, key judgments, events, actors
and quoted passages.

Each of those rows has one `SearchDocument` holding its text, rewritten by the receivers
below whenever the row (or text it borrows) is saved. On PostgreSQL the document also
holds a weighted tsvector behind a GIN index, queried with `websearch_to_tsquery`, which
accepts any input (quotes, `or`, `-word`) without a syntax error; ranking is `ts_rank`
and snippets come from `ts_headline`. Elsewhere (SQLite on a laptop) the same documents
are matched term by term with `icontains` and ranked by where the terms occur.

Whether a document may be shown is never stored: every query starts from the models'
`published()` QuerySets, so a draft's text never reaches a result.
"""

import html
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .models import (
    Actor,
    ActorAlias,
    Assessment,
    Briefing,
    Country,
    Event,
    EventActor,
    EventKind,
    Excerpt,
    KeyJudgment,
    SearchDocument,
    SearchKind,
    Source,
)

# The text-search configuration: the desk writes in English.
SEARCH_CONFIG = "english"
# Longer queries are cut here: no sensible question needs more, and a 10,000-character
# paste must not become a 10,000-term query.
MAX_QUERY_LENGTH = 200
# At most this many terms are matched on the fallback path (one LIKE per term).
MAX_FALLBACK_TERMS = 8
RESULTS_PER_PAGE = 20
# Between a document's parts (an event's description, its kind, place and actors), so a
# snippet that spans two reads as two.
PART_SEPARATOR = " · "
SNIPPET_CHARS = 240

# Private-use characters mark highlights in ts_headline's output. They are removed from
# every document's text when it is written, so in a headline they can only be markers.
_MARK_START, _MARK_STOP = "\ue000", "\ue001"
_CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}

# Anchors on a briefing's page that a judgment's or a passage's result links to.
JUDGMENT_ANCHOR = "judgment-{pk}"
EXCERPT_ANCHOR = "excerpt-{pk}"


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- Writing the documents -------------------------------------------------------------


def _plain(text: str) -> str:
    """Plain text for the index: no markup, no control or private-use characters."""
    text = "".join(
        " " if unicodedata.category(ch) in _CONTROL_CATEGORIES and ch not in "\n\t" else ch
        for ch in text or ""
    )
    return re.sub(r"[ \t]+", " ", text).strip()


def _html_to_text(value: str) -> str:
    return html.unescape(strip_tags(value or ""))


def _document_parts(kind: str, obj) -> tuple[str, list[tuple[str, str]]]:
    """The title of a kind's document and its weighted text parts (A is weightiest)."""
    if kind == SearchKind.BRIEFING:
        return obj.title, [(obj.summary, "B"), (_html_to_text(obj.body_html), "C")]
    if kind == SearchKind.JUDGMENT:
        return obj.statement, [
            (_html_to_text(obj.rationale_html), "B"),
            (obj.assumptions, "C"),
            (obj.alternatives, "C"),
        ]
    if kind == SearchKind.EVENT:
        actors = sorted({role.actor.name for role in obj.roles.select_related("actor")})
        where = ", ".join(filter(None, [obj.place, obj.country.name if obj.country_id else ""]))
        return obj.title, [
            (obj.description, "B"),
            (obj.get_kind_display(), "B"),
            (where, "C"),
            ("; ".join(actors), "C"),
        ]
    if kind == SearchKind.ACTOR:
        aliases = "; ".join(obj.aliases.values_list("name", flat=True))
        return obj.name, [(aliases, "A"), (obj.role_title, "B"), (obj.description, "C")]
    if kind == SearchKind.EXCERPT:
        source = obj.source
        byline = "; ".join(filter(None, [source.author, source.publisher]))
        return source.title, [(obj.text, "B"), (byline, "D")]
    raise ValueError(f"unknown search kind {kind!r}")


def search_document_write(*, kind: str, obj) -> SearchDocument:
    """Write (or rewrite) the search document of one row."""
    title, parts = _document_parts(kind, obj)
    title = _plain(title)
    parts = [(_plain(text), weight) for text, weight in parts if text and _plain(text)]
    document, _ = SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={"title": title, "text": PART_SEPARATOR.join(text for text, _ in parts)},
    )
    if on_postgres():
        vector = reduce(
            operator.add,
            [
                SearchVector(Value(text, output_field=TextField()), weight=w, config=SEARCH_CONFIG)
                for text, w in [(title, "A"), *parts]
            ],
        )
        SearchDocument.objects.filter(pk=document.pk).update(search_vector=vector)
    return document


def search_document_delete(*, kind: str, pk: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=pk).delete()


MODEL_KINDS = {
    Briefing: SearchKind.BRIEFING,
    Assessment: SearchKind.JUDGMENT,
    Event: SearchKind.EVENT,
    Actor: SearchKind.ACTOR,
    Excerpt: SearchKind.EXCERPT,
}


def search_index_rebuild() -> int:
    """Rewrite every search document; for rows written around the ORM's signals (bulk loads)."""
    SearchDocument.objects.all().delete()
    count = 0
    for model, kind in MODEL_KINDS.items():
        for obj in model.objects.all().iterator():
            search_document_write(kind=kind, obj=obj)
            count += 1
    return count


@receiver(post_save, sender=Briefing)
@receiver(post_save, sender=Assessment)
@receiver(post_save, sender=Event)
@receiver(post_save, sender=Excerpt)
def _row_saved(sender, instance, **kwargs):
    search_document_write(kind=MODEL_KINDS[sender], obj=instance)


@receiver(post_save, sender=Actor)
def _actor_saved(sender, instance, **kwargs):
    search_document_write(kind=SearchKind.ACTOR, obj=instance)
    # An event's document carries its actors' names.
    for event in Event.objects.filter(roles__actor=instance).distinct():
        search_document_write(kind=SearchKind.EVENT, obj=event)


@receiver(post_delete, sender=Briefing)
@receiver(post_delete, sender=Assessment)
@receiver(post_delete, sender=Event)
@receiver(post_delete, sender=Actor)
@receiver(post_delete, sender=Excerpt)
def _row_deleted(sender, instance, **kwargs):
    search_document_delete(kind=MODEL_KINDS[sender], pk=instance.pk)


@receiver(post_save, sender=ActorAlias)
@receiver(post_delete, sender=ActorAlias)
def _alias_changed(sender, instance, **kwargs):
    actor = Actor.objects.filter(pk=instance.actor_id).first()
    if actor is not None:
        search_document_write(kind=SearchKind.ACTOR, obj=actor)


@receiver(post_save, sender=EventActor)
@receiver(post_delete, sender=EventActor)
def _event_role_changed(sender, instance, **kwargs):
    event = Event.objects.filter(pk=instance.event_id).first()
    if event is not None:
        search_document_write(kind=SearchKind.EVENT, obj=event)


@receiver(m2m_changed, sender=Event.actors.through)
def _event_actors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    events = Event.objects.filter(pk__in=pk_set or []) if reverse else [instance]
    for event in events:
        search_document_write(kind=SearchKind.EVENT, obj=event)


@receiver(post_save, sender=Source)
def _source_saved(sender, instance, **kwargs):
    for excerpt in instance.excerpts.select_related("source"):
        search_document_write(kind=SearchKind.EXCERPT, obj=excerpt)


# --- Reading: the form, the filters, the query -----------------------------------------


def clean_query(value: str) -> str:
    """The query as searched: control characters (NUL among them) gone, spaces collapsed, cut short."""
    value = "".join(ch for ch in value or "" if unicodedata.category(ch) not in _CONTROL_CATEGORIES)
    return " ".join(value.split())[:MAX_QUERY_LENGTH].strip()


class QueryField(forms.CharField):
    """Takes whatever a reader typed and keeps what can be searched: never a validation error."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


def visible_countries():
    return Country.objects.filter(
        Q(briefings__in=Briefing.objects.published()) | Q(events__in=Event.objects.published())
    ).distinct()


class SearchForm(forms.Form):
    """The search page's query and filters; a bad filter is reported and left out, never fatal."""

    q = QueryField(label="Search for", required=False)
    type = forms.ChoiceField(label="Show", required=False, choices=[("", "everything"), *SearchKind.choices])
    country = forms.ModelChoiceField(
        label="Country", required=False, queryset=Country.objects.none(), to_field_name="slug",
        empty_label="any country",
    )  # fmt: skip
    actor = forms.ModelChoiceField(
        label="Actor", required=False, queryset=Actor.objects.none(), to_field_name="slug",
        empty_label="any actor",
    )  # fmt: skip
    kind = forms.ChoiceField(
        label="Event kind", required=False, choices=[("", "any kind"), *EventKind.choices]
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Events by date; briefings and judgments by publication; passages by their source's date.",
    )  # fmt: skip
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = visible_countries().order_by("name")
        self.fields["actor"].queryset = Actor.objects.published().order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end of the date range is before its start.")
            cleaned.pop("date_to", None)
        return cleaned

    def valid_values(self) -> dict:
        """The query and the filters that passed validation (the others are reported on the form)."""
        self.is_valid()
        bad_dates = [
            name
            for name in ("date_from", "date_to")
            if any(error.code == "invalid" for error in self.errors.as_data().get(name, []))
        ]
        if bad_dates:
            # A date input may only hold a date: show it empty, with its error beside it.
            self.data = self.data.copy()
            for name in bad_dates:
                self.data[name] = ""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


@dataclass(frozen=True)
class Filters:
    type: str = ""
    country: Country | None = None
    actor: Actor | None = None
    kind: str = ""
    date_from: object = None
    date_to: object = None

    @property
    def any(self) -> bool:
        return any([self.type, self.country, self.actor, self.kind, self.date_from, self.date_to])


def _date_range(field: str, filters: Filters) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{field}__lte": filters.date_to})
    return q


def visible_ids(kind: str, filters: Filters):
    """The primary keys of one kind's rows a reader may see and the filters select, as a subquery."""
    published_briefings = Briefing.objects.published()
    published_events = Event.objects.published()
    dated = bool(filters.date_from or filters.date_to)
    events_filtered = published_events
    if filters.country:
        events_filtered = events_filtered.filter(country=filters.country)
    if filters.actor:
        events_filtered = events_filtered.filter(roles__actor=filters.actor)
    if filters.kind:
        events_filtered = events_filtered.filter(kind=filters.kind)

    if kind == SearchKind.BRIEFING:
        rows = published_briefings
        if filters.country:
            rows = rows.filter(countries=filters.country)
        if filters.actor:
            rows = rows.filter(Q(actors=filters.actor) | Q(events__roles__actor=filters.actor))
        if filters.kind:
            rows = rows.filter(events__kind=filters.kind)
        rows = rows.filter(_date_range("published_at__date", filters))
    elif kind == SearchKind.JUDGMENT:
        rows = Assessment.objects.published()
        if filters.country:
            rows = rows.filter(
                Q(countries=filters.country)
                | Q(evidence_events__in=published_events.filter(country=filters.country))
            )
        if filters.actor:
            rows = rows.filter(
                Q(actors=filters.actor)
                | Q(evidence_events__in=published_events.filter(roles__actor=filters.actor))
            )
        if filters.kind:
            rows = rows.filter(evidence_events__in=published_events.filter(kind=filters.kind))
        if dated:
            rows = rows.filter(
                briefing_links__briefing__in=published_briefings.filter(
                    _date_range("published_at__date", filters)
                )
            )
    elif kind == SearchKind.EVENT:
        rows = events_filtered
        if filters.date_from:
            rows = rows.filter(Q(end_date__gte=filters.date_from) | Q(date__gte=filters.date_from))
        if filters.date_to:
            rows = rows.filter(date__lte=filters.date_to)
    elif kind == SearchKind.ACTOR:
        if dated:
            # Actors have no date of their own.
            return None
        rows = Actor.objects.published()
        if filters.country:
            rows = rows.filter(countries=filters.country)
        if filters.actor:
            rows = rows.filter(Q(pk=filters.actor.pk) | Q(parent=filters.actor))
        if filters.kind:
            rows = rows.filter(event_roles__event__in=published_events.filter(kind=filters.kind))
    elif kind == SearchKind.EXCERPT:
        rows = Excerpt.objects.published()
        if filters.country or filters.actor or filters.kind:
            rows = rows.filter(events__in=events_filtered)
        rows = rows.filter(_date_range("source__published_on", filters))
    else:
        raise ValueError(f"unknown search kind {kind!r}")
    return rows.values("pk")


def _visible_documents(filters: Filters):
    kinds = [filters.type] if filters.type else list(SearchKind.values)
    visible = Q()
    for kind in kinds:
        ids = visible_ids(kind, filters)
        if ids is not None:
            visible |= Q(kind=kind, object_id__in=ids)
    if not visible:
        return SearchDocument.objects.none()
    return SearchDocument.objects.filter(visible)


_TERM = re.compile(r'"([^"]+)"|(\S+)')


def fallback_terms(query: str) -> tuple[list[str], list[str]]:
    """Terms to include and to exclude, read as websearch_to_tsquery reads them, roughly."""
    include, exclude = [], []
    for phrase, word in _TERM.findall(query):
        negative = word.startswith("-")
        text = phrase or word.lstrip("-")
        text = " ".join(re.findall(r"\w+", text))
        if not text or (word and text.lower() == "or"):
            continue
        if len(text) < 2 and text.isascii():
            continue
        (exclude if negative else include).append(text)
    return include[:MAX_FALLBACK_TERMS], exclude[:MAX_FALLBACK_TERMS]


def search_documents(query: str, filters: Filters):
    """The matching documents a reader may see, best first; with `highlight_terms` on the fallback."""
    documents = _visible_documents(filters)
    if not query:
        return documents.order_by("kind", "title", "object_id"), []
    if on_postgres():
        tsquery = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        headline = {
            "config": SEARCH_CONFIG,
            "start_sel": _MARK_START,
            "stop_sel": _MARK_STOP,
        }
        documents = (
            documents.filter(search_vector=tsquery)
            .annotate(
                # F(), not the bare name: a name would be re-parsed from text, losing the weights.
                rank=SearchRank(F("search_vector"), tsquery),
                title_headline=SearchHeadline("title", tsquery, highlight_all=True, **headline),
                text_headline=SearchHeadline(
                    "text",
                    tsquery,
                    max_words=40,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **headline,
                ),  # fmt: skip
            )
            .order_by("-rank", "kind", "title", "object_id")
        )
        return documents, []
    include, exclude = fallback_terms(query)
    if not include:
        return SearchDocument.objects.none(), []
    for term in include:
        documents = documents.filter(Q(title__icontains=term) | Q(text__icontains=term))
    for term in exclude:
        documents = documents.exclude(Q(title__icontains=term) | Q(text__icontains=term))
    rank = reduce(
        operator.add,
        [
            Case(
                When(title__icontains=term, then=Value(3)),
                When(text__icontains=term, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in include
        ],
    )
    return documents.annotate(rank=rank).order_by("-rank", "kind", "title", "object_id"), include


# --- Highlighting ----------------------------------------------------------------------


def mark_headline(headline: str) -> SafeString:
    """ts_headline's output made safe: escaped first, then its markers become <mark>."""
    escaped = escape(headline)
    return mark_safe(escaped.replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>"))  # noqa: S308


def highlight(text: str, terms: list[str], *, limit: int | None = SNIPPET_CHARS) -> SafeString:
    """A snippet of `text` around the first term found, each term marked; every piece escaped."""
    text = " ".join((text or "").split())
    pattern = (
        re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
        if terms
        else None
    )
    if limit is not None and len(text) > limit:
        found = pattern.search(text) if pattern else None
        start = max(0, found.start() - limit // 3) if found else 0
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < start + 20 else start
        end = min(len(text), start + limit)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + limit // 2 else end
        text = ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for found in pattern.finditer(text):
        pieces.append(escape(text[position : found.start()]))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        position = found.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308


# --- Results -----------------------------------------------------------------------------


@dataclass
class SearchResult:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    meta: str = ""


def _links_to_briefings(documents) -> dict[tuple[str, int], tuple[str, str]]:
    """For judgments and passages: the latest published briefing that carries each, and its anchor."""
    published = Briefing.objects.published()
    links: dict[tuple[str, int], tuple[str, str]] = {}
    judgment_ids = [d.object_id for d in documents if d.kind == SearchKind.JUDGMENT]
    if judgment_ids:
        for link in (
            KeyJudgment.objects.filter(assessment_id__in=judgment_ids, briefing__in=published)
            .select_related("briefing")
            .order_by("briefing__published_at")
        ):
            anchor = JUDGMENT_ANCHOR.format(pk=link.assessment_id)
            links[(SearchKind.JUDGMENT, link.assessment_id)] = (link.briefing.get_absolute_url(), anchor)
    excerpt_ids = [d.object_id for d in documents if d.kind == SearchKind.EXCERPT]
    if excerpt_ids:
        rows = list(
            published.filter(events__excerpts__in=excerpt_ids)
            .values_list("events__excerpts", "slug", "published_at")
            .distinct()
        ) + list(
            published.filter(judgment_links__assessment__evidence_excerpts__in=excerpt_ids)
            .values_list("judgment_links__assessment__evidence_excerpts", "slug", "published_at")
            .distinct()
        )
        for excerpt_id, slug, _ in sorted(rows, key=lambda row: row[2]):
            url = Briefing(slug=slug).get_absolute_url()
            links[(SearchKind.EXCERPT, excerpt_id)] = (url, EXCERPT_ANCHOR.format(pk=excerpt_id))
    return links


def build_results(documents, terms: list[str]) -> list[SearchResult]:
    """Display rows for one page of documents, in a fixed number of queries whatever its length."""
    documents = list(documents)
    by_kind: dict[str, list[int]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document.object_id)
    objects = {
        SearchKind.BRIEFING: Briefing.objects.in_bulk(by_kind.get(SearchKind.BRIEFING, [])),
        SearchKind.JUDGMENT: Assessment.objects.in_bulk(by_kind.get(SearchKind.JUDGMENT, [])),
        SearchKind.EVENT: Event.objects.select_related("country").in_bulk(by_kind.get(SearchKind.EVENT, [])),
        SearchKind.ACTOR: Actor.objects.in_bulk(by_kind.get(SearchKind.ACTOR, [])),
        SearchKind.EXCERPT: Excerpt.objects.select_related("source").in_bulk(
            by_kind.get(SearchKind.EXCERPT, [])
        ),
    }
    links = _links_to_briefings(documents)
    results = []
    for document in documents:
        obj = objects[document.kind].get(document.object_id)
        if obj is None:
            continue
        if hasattr(document, "title_headline"):
            title = mark_headline(document.title_headline)
            snippet = mark_headline(document.text_headline) if document.text else SafeString()
        else:
            title = highlight(document.title, terms, limit=None)
            snippet = highlight(document.text, terms)
        if document.kind in (SearchKind.JUDGMENT, SearchKind.EXCERPT):
            page, anchor = links.get((document.kind, document.object_id), ("", ""))
            if not page:
                continue
            url = f"{page}#{anchor}"
        else:
            url = obj.get_absolute_url()
        results.append(
            SearchResult(
                kind=document.kind,
                kind_label=SearchKind(document.kind).label,
                title=title,
                snippet=snippet,
                url=url,
                meta=_meta(document.kind, obj),
            )
        )
    return results


def _meta(kind: str, obj) -> str:
    if kind == SearchKind.BRIEFING:
        return f"Published {obj.published_at:%-d %B %Y}" if obj.published_at else ""
    if kind == SearchKind.JUDGMENT:
        likelihood = (
            f"{obj.get_likelihood_display()} ({obj.likelihood_range_display})" if obj.likelihood else ""
        )
        return "; ".join(filter(None, [likelihood, f"{obj.get_confidence_display()} confidence"]))
    if kind == SearchKind.EVENT:
        where = ", ".join(filter(None, [obj.place, obj.country.name if obj.country else ""]))
        return " · ".join(filter(None, [obj.display_date, obj.get_kind_display(), where]))
    if kind == SearchKind.ACTOR:
        return " · ".join(filter(None, [obj.get_kind_display(), obj.role_title]))
    if kind == SearchKind.EXCERPT:
        return f"Quoted from {obj.source.title}; graded {obj.grade}"
    return ""


def search_page(request):
    """The search page: ranked results with highlighted snippets, filters, pages."""
    form = SearchForm(request.GET or None)
    values = form.valid_values() if form.is_bound else {}
    query = values.pop("q", "")
    filters = Filters(**values)
    searched = bool(query or filters.any)
    page = results = None
    if searched:
        documents, terms = search_documents(query, filters)
        page = Paginator(documents, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results = build_results(page.object_list, terms)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "briefings/search.html",
        {
            "form": form,
            "query": query,
            "searched": searched,
            "page": page,
            "results": results,
            "page_query": params.urlencode(),
        },
    )
