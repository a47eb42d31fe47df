"""Search results as a reader sees them: grouped by the published briefing that shows them
(each briefing once, its best match first; countries, actors and country trends, which no
briefing holds, in a group of their own), each with its heading and snippet with the terms marked
(every piece escaped first), its kind, where it links and a line about it."""

import operator
import re
from dataclasses import dataclass, field
from functools import reduce

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import (
    ANONYMOUS,
    Actor,
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    Excerpt,
    KeyJudgment,
    ReaderContext,
    SearchKind,
)
from .text import (
    EXCERPT_ANCHOR,
    GROUP_SHOWN,
    GROUPS_PER_PAGE,
    JUDGMENT_ANCHOR,
    MARK_START,
    MARK_STOP,
    MAX_GROUPED_MATCHES,
    SNIPPET_CHARS,
)


def mark_headline(headline: str) -> SafeString:
    """ts_headline's output made safe: escaped first, then its markers become <mark>."""
    escaped = escape(headline)
    # Safe for bandit's B308/B703: escaped first; the markers cannot occur in indexed text.
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))  # noqa: S308  # nosec B308 B703


def trim_headline(headline: str, limit: int = SNIPPET_CHARS) -> str:
    """A headline marked throughout (a passage's whole text) cut to about `limit` characters
    around its first marked term, the markers kept paired."""
    headline = " ".join((headline or "").split())
    if len(headline) <= limit:
        return headline
    first = headline.find(MARK_START)
    start = max(0, first - limit // 3) if first > 0 else 0
    if start:
        space = headline.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(headline), start + limit)
    if end < len(headline):
        space = headline.rfind(" ", start, end)
        end = space if space > start + limit // 2 else end
    piece = headline[start:end]
    if piece.count(MARK_START) > piece.count(MARK_STOP):
        piece += MARK_STOP
    return ("… " if start else "") + piece + (" …" if end < len(headline) else "")


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
    # Safe for bandit's B308/B703: every piece is escaped or a <mark> we wrote.
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703


@dataclass
class SearchResult:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    meta: str = ""


@dataclass
class ResultGroup:
    """One published briefing and its matching material, or (`briefing` None) what no briefing holds."""

    briefing: Briefing | None = None
    # The briefing's own result, when the briefing itself matched.
    lead: SearchResult | None = None
    results: list[SearchResult] = field(default_factory=list)
    keys: list[tuple[str, int]] = field(default_factory=list)

    @property
    def shown(self) -> list[SearchResult]:
        return self.results[:GROUP_SHOWN]

    @property
    def folded(self) -> list[SearchResult]:
        """The group's weaker matches, shown folded so that the next briefing stays in sight."""
        return self.results[GROUP_SHOWN:]

    @property
    def all_results(self) -> list[SearchResult]:
        return ([self.lead] if self.lead else []) + self.results


# Kinds no briefing holds: they are grouped together, after their rank like any group.
UNGROUPED_KINDS = {SearchKind.ACTOR, SearchKind.COUNTRY, SearchKind.TREND}


def briefing_homes(
    matches: list[tuple[str, int, float]], *, reader: ReaderContext = ANONYMOUS
) -> dict[tuple[str, int], int]:
    """The briefing `reader` may read that each matching judgment, event and passage is
    shown in (the latest, when several show it): one query per kind, however many matches."""
    published = Briefing.objects.visible_to(reader)
    ids: dict[str, list[int]] = {}
    for kind, object_id, _ in matches:
        ids.setdefault(kind, []).append(object_id)
    rows: list[tuple[str, int, int, object]] = []
    if ids.get(SearchKind.JUDGMENT):
        rows += [
            (SearchKind.JUDGMENT, *row)
            for row in KeyJudgment.objects.filter(
                assessment_id__in=ids[SearchKind.JUDGMENT], briefing__in=published
            ).values_list("assessment_id", "briefing_id", "briefing__published_at")
        ]
    if ids.get(SearchKind.EVENT):
        rows += [
            (SearchKind.EVENT, *row)
            for row in published.filter(events__in=ids[SearchKind.EVENT])
            .values_list("events", "pk", "published_at")
            .distinct()
        ]
    if ids.get(SearchKind.EXCERPT):
        excerpt_ids = ids[SearchKind.EXCERPT]
        rows += [
            (SearchKind.EXCERPT, *row)
            for row in published.filter(events__excerpts__in=excerpt_ids)
            .values_list("events__excerpts", "pk", "published_at")
            .distinct()
        ]
        rows += [
            (SearchKind.EXCERPT, *row)
            for row in published.filter(judgment_links__assessment__evidence_excerpts__in=excerpt_ids)
            .values_list("judgment_links__assessment__evidence_excerpts", "pk", "published_at")
            .distinct()
        ]
    homes: dict[tuple[str, int], int] = {}
    for kind, object_id, briefing_id, _ in sorted(rows, key=lambda row: (row[3], row[2])):
        homes[(kind, object_id)] = briefing_id  # the latest wins
    for kind, object_id, _ in matches:
        if kind == SearchKind.BRIEFING:
            homes[(kind, object_id)] = object_id
    return homes


def group_matches(
    matches: list[tuple[str, int, float]], homes: dict[tuple[str, int], int]
) -> list[ResultGroup]:
    """The matches (best first, each with its rank) gathered under their briefings, each
    group placed by its best match; on a tie a briefing comes before what no briefing holds.
    A judgment or passage no published briefing shows has nowhere to link to and is left
    out (`published()` should already have left it out)."""
    groups: dict[int | None, ResultGroup] = {}
    best: dict[int | None, tuple] = {}
    for position, (kind, object_id, rank) in enumerate(matches):
        key = (kind, object_id)
        home = homes.get(key)
        if home is None and kind not in UNGROUPED_KINDS and kind != SearchKind.EVENT:
            continue
        groups.setdefault(home, ResultGroup()).keys.append(key)
        best.setdefault(home, (-(rank or 0), home is None, position))
    return [groups[home] for home in sorted(groups, key=best.__getitem__)]


def search_results_page(
    documents,
    terms: list[str],
    page_number,
    *,
    reader: ReaderContext = ANONYMOUS,
    per_page: int = GROUPS_PER_PAGE,
):
    """One page of grouped results for the ranked `documents` (from `search_documents`).

    The best `MAX_GROUPED_MATCHES` matches are grouped (one narrow query: kinds and ids),
    the groups paginated, and only the page's documents read in full with their
    headlines, so the number of queries does not grow with the results."""
    ranked = "rank" in documents.query.annotations  # not when filters alone list material
    fields = ("kind", "object_id", "rank") if ranked else ("kind", "object_id")
    matches = [(*row, 0)[:3] for row in documents.values_list(*fields)[:MAX_GROUPED_MATCHES]]
    homes = briefing_homes(matches, reader=reader)
    groups = group_matches(matches, homes)
    # Past the grouped matches, the count comes from the database.
    grouped = sum(len(group.keys) for group in groups)
    total = grouped if len(matches) < MAX_GROUPED_MATCHES else documents.count()
    page = Paginator(groups, per_page).get_page(page_number)
    keys = [key for group in page.object_list for key in group.keys]
    wanted: dict[str, list[int]] = {}
    for kind, object_id in keys:
        wanted.setdefault(kind, []).append(object_id)
    on_page = reduce(operator.or_, [Q(kind=kind, object_id__in=ids) for kind, ids in wanted.items()], Q())
    # Only what a result shows: never the stored vector (a briefing's is tens of kilobytes).
    shown = documents.filter(on_page).only("kind", "object_id", "title", "text")
    page_documents = {(d.kind, d.object_id): d for d in shown} if wanted else {}
    briefing_ids = {homes[key] for key in keys if key in homes}
    briefings = Briefing.objects.visible_to(reader).in_bulk(briefing_ids)
    results = build_results(
        [page_documents[key] for key in keys if key in page_documents], terms, homes, briefings
    )
    for group in page.object_list:
        group.briefing = briefings.get(homes.get(group.keys[0])) if group.keys[0] in homes else None
        group.results, group.lead = [], None
        for key in group.keys:
            result = results.get(key)
            if result is None:
                continue
            if key[0] == SearchKind.BRIEFING:
                group.lead = result
            else:
                group.results.append(result)
    return page, total


def build_results(documents, terms: list[str], homes, briefings) -> dict[tuple[str, int], SearchResult]:
    """Display rows for one page of documents, in a fixed number of queries whatever its length."""
    by_kind: dict[str, list[int]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document.object_id)
    objects = {
        SearchKind.BRIEFING: briefings,
        SearchKind.JUDGMENT: Assessment.objects.in_bulk(by_kind.get(SearchKind.JUDGMENT, [])),
        SearchKind.EVENT: Event.objects.select_related("country").in_bulk(by_kind.get(SearchKind.EVENT, [])),
        SearchKind.ACTOR: Actor.objects.in_bulk(by_kind.get(SearchKind.ACTOR, [])),
        SearchKind.EXCERPT: Excerpt.objects.select_related("source").in_bulk(
            by_kind.get(SearchKind.EXCERPT, [])
        ),
        SearchKind.TREND: CountryTrend.objects.select_related("country").in_bulk(
            by_kind.get(SearchKind.TREND, [])
        ),
        SearchKind.COUNTRY: Country.objects.in_bulk(by_kind.get(SearchKind.COUNTRY, [])),
    }
    results = {}
    for document in documents:
        key = (document.kind, document.object_id)
        obj = objects[document.kind].get(document.object_id)
        if obj is None:
            continue
        if hasattr(document, "title_headline"):
            headline = document.title_headline
            if document.kind == SearchKind.EXCERPT:
                headline = trim_headline(headline)
            title = mark_headline(headline)
            snippet = mark_headline(document.text_headline) if document.text else SafeString("")
        else:
            limit = SNIPPET_CHARS if document.kind == SearchKind.EXCERPT else None
            title = highlight(document.title, terms, limit=limit)
            snippet = highlight(document.text, terms)
        if document.kind in (SearchKind.JUDGMENT, SearchKind.EXCERPT):
            home = briefings.get(homes.get(key))
            if home is None:
                continue
            anchor = (JUDGMENT_ANCHOR if document.kind == SearchKind.JUDGMENT else EXCERPT_ANCHOR).format(
                pk=document.object_id
            )
            url = f"{home.get_absolute_url()}#{anchor}"
        else:
            url = obj.get_absolute_url()
        results[key] = SearchResult(
            kind=document.kind,
            kind_label=SearchKind(document.kind).label,
            title=title,
            snippet=snippet,
            url=url,
            meta=_meta(document.kind, obj),
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
        source = obj.source
        published = f"{source.published_on:%-d %B %Y}" if source.published_on else ""
        by = ", ".join(filter(None, [source.author, source.publisher, published]))
        return f"Quoted from “{source.title}”" + (f" ({by})" if by else "") + f"; graded {obj.grade}"
    if kind == SearchKind.COUNTRY:
        return " · ".join(
            filter(None, [obj.official_name if obj.official_name != obj.name else "", obj.iso3])
        )
    if kind == SearchKind.TREND:
        return f"{obj.country.name}, {obj.month:%B %Y}" + (
            f"; alert: {obj.get_alert_display()}" if obj.alert else ""
        )
    return ""
