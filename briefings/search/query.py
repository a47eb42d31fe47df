"""Finding documents: which a reader may see (every query starts from the models'
`published()` QuerySets, so a draft's text never reaches a result), and which match,
best first. On PostgreSQL `websearch_to_tsquery` accepts any input (quotes, `or`, `-word`)
without a syntax error, ranked by `ts_rank` with `ts_headline` snippets; elsewhere (SQLite
on a laptop) the same documents are matched term by term and ranked by where terms occur."""

import operator
import re
from dataclasses import dataclass
from functools import reduce
from typing import NamedTuple

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When

from ..models import (
    ANONYMOUS,
    Actor,
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    ReaderContext,
    SearchDocument,
    SearchKind,
)
from .text import CANDIDATES, MARK_START, MARK_STOP, MAX_FALLBACK_TERMS, SEARCH_CONFIG, on_postgres


@dataclass(frozen=True)
class SearchFilters:
    type: str = ""
    country: Country | None = None
    actor: Actor | None = None
    kind: str = ""
    date_from: object = None
    date_to: object = None
    # Who is searching: they find only what they may read (`visible_to`).
    reader: ReaderContext = ANONYMOUS

    @property
    def any(self) -> bool:
        return any([self.type, self.country, self.actor, self.kind, self.date_from, self.date_to])


# The order in which kinds fill the candidates: what briefings show first, then what no
# briefing holds. Without it they came in the table's physical order, and a rebuild that
# moved an actor's document to the front made every search build the set of visible actors.
CANDIDATE_KINDS = [
    SearchKind.BRIEFING,
    SearchKind.JUDGMENT,
    SearchKind.EVENT,
    SearchKind.EXCERPT,
    SearchKind.COUNTRY,
    SearchKind.ACTOR,
    SearchKind.TREND,
]


def _date_range(field: str, filters: SearchFilters) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{field}__lte": filters.date_to})
    return q


def _linked(through, column: str, **match) -> Exists:
    """Whether the outer row has a link in `through` (a many-to-many table) matching `match`:
    an EXISTS, so that no facet joins wide rows or repeats one."""
    return Exists(through.objects.filter(**{column: OuterRef("pk")}, **match))


def _linking(through, **match):
    """The judgments that `through` (a link table of judgments) links to rows matching `match`."""
    return through.objects.filter(**match).order_by().values("assessment_id")


def visible_ids(kind: str, filters: SearchFilters):
    """The primary keys of one kind's rows a reader may see and the filters select, as a subquery.

    Every facet is an EXISTS on a link table (never an OR over joins, which multiplies the
    rows a filter scans by the links on each side), so the cost of a facet does not grow with
    the number of actors, events or countries a row is linked to."""
    published_briefings = Briefing.objects.visible_to(filters.reader)
    published_events = Event.objects.visible_to(filters.reader)
    dated = bool(filters.date_from or filters.date_to)
    events_filtered = published_events
    if filters.country:
        events_filtered = events_filtered.filter(country=filters.country)
    if filters.actor:
        events_filtered = events_filtered.filter(_linked(EventActor, "event", actor=filters.actor))
    if filters.kind:
        events_filtered = events_filtered.filter(kind=filters.kind)
    cites = Assessment.evidence_events.through

    if kind == SearchKind.BRIEFING:
        rows = published_briefings
        if filters.country:
            rows = rows.filter(_linked(Briefing.countries.through, "briefing", country=filters.country))
        if filters.actor:
            rows = rows.about_actor(filters.actor)
        if filters.kind:
            rows = rows.filter(_linked(Briefing.events.through, "briefing", event__kind=filters.kind))
        rows = rows.filter(_date_range("published_at__date", filters))
    elif kind == SearchKind.JUDGMENT:
        rows = Assessment.objects.visible_to(filters.reader)
        # A judgment is about a country (or an actor) it names or that an event it cites
        # is in: a union of keys read once, not two correlated checks per visible judgment
        # (on 20,000 events, 0.5 s of the search with a country).
        if filters.country:
            rows = rows.filter(
                pk__in=_linking(Assessment.countries.through, country=filters.country).union(
                    _linking(cites, event__in=published_events.filter(country=filters.country))
                )
            )
        if filters.actor:
            acted = published_events.filter(_linked(EventActor, "event", actor=filters.actor))
            rows = rows.filter(
                pk__in=_linking(Assessment.actors.through, actor=filters.actor).union(
                    _linking(cites, event__in=acted)
                )
            )
        if filters.kind:
            rows = rows.filter(
                _linked(cites, "assessment", event__in=published_events.filter(kind=filters.kind))
            )
        if dated:
            shown_then = published_briefings.filter(_date_range("published_at__date", filters))
            rows = rows.filter(_linked(KeyJudgment, "assessment", briefing__in=shown_then))
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
        rows = Actor.objects.visible_to(filters.reader)
        if filters.country:
            rows = rows.filter(_linked(Actor.countries.through, "actor", country=filters.country))
        if filters.actor:
            rows = rows.filter(Q(pk=filters.actor.pk) | Q(parent=filters.actor))
        if filters.kind:
            rows = rows.filter(
                _linked(EventActor, "actor", event__in=published_events.filter(kind=filters.kind))
            )
    elif kind == SearchKind.EXCERPT:
        rows = Excerpt.objects.visible_to(filters.reader)
        if filters.country or filters.actor or filters.kind:
            rows = rows.filter(_linked(Excerpt.events.through, "excerpt", event__in=events_filtered))
        rows = rows.filter(_date_range("source__published_on", filters))
    elif kind == SearchKind.COUNTRY:
        if dated:
            # Countries have no date of their own.
            return None
        rows = Country.objects.visible_to(filters.reader)
        if filters.country:
            rows = rows.filter(pk=filters.country.pk)
        if filters.actor or filters.kind:
            rows = rows.filter(Exists(events_filtered.filter(country=OuterRef("pk"))))
    elif kind == SearchKind.TREND:
        rows = CountryTrend.objects.published()
        if filters.country:
            rows = rows.filter(country=filters.country)
        if filters.actor or filters.kind:
            rows = rows.filter(
                _linked(CountryTrend.events.through, "countrytrend", event__in=events_filtered)
            )
        # A trend covers its month: it is in a range that reaches any day of it.
        if filters.date_from:
            rows = rows.filter(month__gte=filters.date_from.replace(day=1))
        if filters.date_to:
            rows = rows.filter(month__lte=filters.date_to)
    else:
        raise ValueError(f"unknown search kind {kind!r}")
    return rows.values("pk")


def searched_kinds(filters: SearchFilters) -> list[str]:
    return [filters.type] if filters.type else list(SearchKind.values)


def _visible_of_kind(kind: str, ids) -> Q:
    # A correlated EXISTS, checked for each matching document: an IN would build the set of
    # every visible row of the kind (every published event) for each search, however few
    # documents match.
    return Q(kind=kind) & Q(Exists(ids.filter(pk=OuterRef("object_id"))))


def visible_documents(filters: SearchFilters):
    """The documents a reader may see that the facets select."""
    visible = Q()
    for kind in searched_kinds(filters):
        ids = visible_ids(kind, filters)
        if ids is not None:
            visible |= _visible_of_kind(kind, ids)
    if not visible:
        return SearchDocument.objects.none()
    return SearchDocument.objects.filter(visible)


def visible_documents_by_kind(filters: SearchFilters) -> list:
    """`visible_documents` a kind at a time, in `CANDIDATE_KINDS`' order: each with only its
    own kind's visibility, so that a query made of them is planned in a seventh of the time."""
    kinds = searched_kinds(filters)
    by_kind = []
    for kind in CANDIDATE_KINDS:
        ids = visible_ids(kind, filters) if kind in kinds else None
        if ids is not None:
            by_kind.append(SearchDocument.objects.filter(_visible_of_kind(kind, ids)))
    return by_kind


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


class SearchMatches(NamedTuple):
    """What a search found: the matching documents, best first; the terms to highlight on the
    fallback path; and whether more matched than the `CANDIDATES` ranked (a count shown as
    "1,000+", not as the number ranked)."""

    documents: object
    terms: list[str]
    capped: bool = False


def _candidates(branches: list) -> tuple[list[int], bool]:
    """The keys of at most `CANDIDATES` documents of the `branches` (querysets of matching
    documents, taken in turn, each in its own order), and whether more matched: one more is read to tell, never a
    count of every match. On PostgreSQL one UNION ALL, which stops at the limit, so the later
    kinds' visibility is never worked out once the first have filled it."""
    wanted = CANDIDATES + 1
    if not branches:
        return [], False
    if len(branches) == 1:
        keys = list(branches[0].values_list("pk", flat=True)[:wanted])
        return keys[:CANDIDATES], len(keys) > CANDIDATES
    branches = [branch.order_by().values_list("pk", flat=True)[:wanted] for branch in branches]
    keys = list(branches[0].union(*branches[1:], all=True)[:wanted])
    return keys[:CANDIDATES], len(keys) > CANDIDATES


def search_documents(query: str, documents, *, filters: SearchFilters | None = None) -> SearchMatches:
    """The `documents` (those a reader may see, from `visible_documents`) that match, best
    first, with the terms to highlight on the fallback path. Whichever the database, at most
    `CANDIDATES` matches are ranked and counted. With the `filters` that chose `documents`,
    PostgreSQL finds the candidates a kind at a time (`visible_documents_by_kind`)."""
    if not query:
        return SearchMatches(documents.order_by("kind", "title", "object_id"), [])
    if on_postgres():
        tsquery = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        headline = {
            "config": SEARCH_CONFIG,
            "start_sel": MARK_START,
            "stop_sel": MARK_STOP,
        }
        # Ranked among the first CANDIDATES matches a reader may see: a common word matches
        # most of the desk, and ranking (or counting) every match would read them all.
        # Read first, as keys: left as a subquery, the planner ranks every document to join them.
        by_kind = visible_documents_by_kind(filters) if filters is not None else [documents]
        candidates, capped = _candidates(
            [branch.filter(search_vector=tsquery).order_by() for branch in by_kind]
        )
        documents = (
            SearchDocument.objects.filter(pk__in=candidates)
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
        return SearchMatches(documents, [], capped)
    include, exclude = fallback_terms(query)
    if not include:
        return SearchMatches(SearchDocument.objects.none(), [])
    for term in include:
        documents = documents.filter(Q(title__icontains=term) | Q(text__icontains=term))
    for term in exclude:
        documents = documents.exclude(Q(title__icontains=term) | Q(text__icontains=term))
    # SQLite scans every match anyway (LIKE has no index): one query, kinds in their order.
    in_order = Case(
        *(When(kind=kind, then=Value(n)) for n, kind in enumerate(CANDIDATE_KINDS)),
        output_field=IntegerField(),
    )
    candidates, capped = _candidates([documents.alias(kind_order=in_order).order_by("kind_order", "pk")])
    documents = SearchDocument.objects.filter(pk__in=candidates)
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
    return SearchMatches(
        documents.annotate(rank=rank).order_by("-rank", "kind", "title", "object_id"), include, capped
    )
