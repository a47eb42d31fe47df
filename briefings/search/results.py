"""Search results as a reader sees them: each document's heading and snippet with the terms
marked (every piece escaped first), its kind, where it links and a line about it."""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import (
    ANONYMOUS,
    Actor,
    Assessment,
    Briefing,
    Event,
    Excerpt,
    KeyJudgment,
    ReaderContext,
    SearchKind,
)
from .text import EXCERPT_ANCHOR, JUDGMENT_ANCHOR, MARK_START, MARK_STOP, SNIPPET_CHARS


def mark_headline(headline: str) -> SafeString:
    """ts_headline's output made safe: escaped first, then its markers become <mark>."""
    escaped = escape(headline)
    # Safe for bandit's B308/B703: escaped first; the markers cannot occur in indexed text.
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))  # noqa: S308  # nosec B308 B703


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


def _links_to_briefings(documents, reader: ReaderContext) -> dict[tuple[str, int], tuple[str, str]]:
    """For judgments and passages: the latest published briefing that carries each, and its anchor."""
    published = Briefing.objects.visible_to(reader)
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


def build_results(documents, terms: list[str], *, reader: ReaderContext = ANONYMOUS) -> list[SearchResult]:
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
    links = _links_to_briefings(documents, reader)
    results = []
    for document in documents:
        obj = objects[document.kind].get(document.object_id)
        if obj is None:
            continue
        if hasattr(document, "title_headline"):
            title = mark_headline(document.title_headline)
            snippet = mark_headline(document.text_headline) if document.text else SafeString("")
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
