"""Public pages. Every one starts from a `published()` QuerySet.

Each view fetches everything its template shows (select_related / prefetch_related with
ordered querysets) and hands the template ready-made structures: footnote numbers,
timeline rows, chart SVG. Templates never trigger a query.
"""

import unicodedata
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.text import Truncator

from . import charts
from .models import (
    Actor,
    ActorAlias,
    ActorRole,
    Assessment,
    Briefing,
    Country,
    Credibility,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    Reliability,
    Source,
)
from .views_tracking import attach_judgment_outcomes, trend_changes, trend_strip

BRIEFINGS_PER_PAGE = 10
ITEMS_PER_PAGE = 25
ROLE_ORDER = {ActorRole.INITIATOR: 0, ActorRole.TARGET: 1, ActorRole.PARTICIPANT: 2}


def paginate(request, queryset, *, param: str = "page", per_page: int = ITEMS_PER_PAGE) -> Page:
    """A page of `queryset` from the `param` query parameter; bad numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def author_name(user) -> str:
    return user.get_full_name().strip() or user.get_username()


def grade_words(excerpt: Excerpt) -> str:
    """An Admiralty grade in words, e.g. "source usually reliable; information probably true"."""
    reliability = reliability_words(excerpt.source.reliability)
    credibility = Credibility(excerpt.credibility).label.split(" – ", 1)[-1].lower()
    if excerpt.source.reliability == Reliability.F:
        reliability = "source reliability cannot be judged"
    else:
        reliability = f"source {reliability}"
    if excerpt.credibility == Credibility.CANNOT_JUDGE:
        credibility = "truth of the information cannot be judged"
    else:
        credibility = f"information {credibility}"
    return f"{reliability}; {credibility}"


def reliability_words(code: str) -> str:
    """A source's Admiralty reliability in words, e.g. "usually reliable"."""
    return Reliability(code).label.split(" – ", 1)[-1].lower()


def sorted_roles(event: Event) -> list[EventActor]:
    """An event's actors, initiators first, then targets, then participants."""
    return sorted(event.roles.all(), key=lambda r: (ROLE_ORDER.get(r.role, 9), r.actor.name))


def who(event: Event) -> str:
    """ "Initiator: X; target: Y", from the prefetched roles."""
    parts = []
    for role, roles in groupby(sorted_roles(event), key=lambda r: r.role):
        names = ", ".join(r.actor.name for r in roles)
        parts.append(f"{ActorRole(role).label}: {names}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def event_datetime(event: Event) -> str:
    """The machine-readable date for <time datetime>, no more precise than what is known."""
    if event.date_precision == "year":
        return f"{event.date:%Y}"
    if event.date_precision == "month":
        return f"{event.date:%Y-%m}"
    return event.date.isoformat()


# --- Footnotes ---------------------------------------------------------------------------


@dataclass
class Citation:
    """One place citing a footnote: the [n] link, whose id the footnote's back-link targets."""

    number: int
    ref_id: str

    @property
    def href(self) -> str:
        return f"#fn-{self.number}"


@dataclass
class Backlink:
    ref_id: str
    label: str


@dataclass
class Footnote:
    number: int
    excerpt: Excerpt
    grade_words: str
    backlinks: list[Backlink] = field(default_factory=list)
    # After a source's first note gives it in full, its later notes cite it short.
    short: bool = False

    @property
    def anchor(self) -> str:
        return f"fn-{self.number}"


class FootnoteRegister:
    """Numbers excerpts in the order they are first cited and remembers every citing place."""

    def __init__(self):
        self._notes: dict[int, Footnote] = {}

    def cite(self, excerpt: Excerpt, *, place: str, label: str) -> Citation:
        note = self._notes.get(excerpt.pk)
        if note is None:
            note = Footnote(len(self._notes) + 1, excerpt, grade_words(excerpt))
            self._notes[excerpt.pk] = note
        ref_id = f"ref-{note.number}-{place}"
        note.backlinks.append(Backlink(ref_id, label))
        return Citation(note.number, ref_id)

    @property
    def footnotes(self) -> list[Footnote]:
        notes, seen = list(self._notes.values()), set()
        for note in notes:
            note.short = note.excerpt.source_id in seen
            seen.add(note.excerpt.source_id)
        return notes


# --- Briefing page structures ------------------------------------------------------------


@dataclass
class EvidenceEvent:
    event: Event
    href: str
    who: str
    datetime: str


@dataclass
class EvidenceExcerpt:
    excerpt: Excerpt
    citation: Citation
    quote: str


@dataclass
class JudgmentView:
    number: int
    assessment: Assessment
    scale: str
    events: list[EvidenceEvent]
    excerpts: list[EvidenceExcerpt]

    @property
    def anchor(self) -> str:
        return f"judgment-{self.assessment.pk}"


@dataclass
class TimelineRow:
    number: int
    event: Event
    roles: list[EventActor]
    citations: list[Citation]
    datetime: str
    swatch: str

    @property
    def anchor(self) -> str:
        return f"event-{self.event.slug}"


def event_queryset():
    """Events with everything a timeline row shows: country, actors in roles, excerpts."""
    return Event.objects.select_related("country").prefetch_related(
        Prefetch(
            "roles", queryset=EventActor.objects.select_related("actor").order_by("role", "actor__name")
        ),
        Prefetch(
            "excerpts", queryset=Excerpt.objects.select_related("source").order_by("source_id", "start", "pk")
        ),
    )


def timeline_rows(events, footnotes: FootnoteRegister | None = None) -> list[TimelineRow]:
    rows = []
    for number, event in enumerate(events, start=1):
        citations = []
        if footnotes is not None:
            citations = sorted(
                (
                    footnotes.cite(excerpt, place=f"event-{event.slug}", label=f"event {number}")
                    for excerpt in event.excerpts.all()
                ),
                key=lambda citation: citation.number,
            )
        rows.append(
            TimelineRow(
                number,
                event,
                sorted_roles(event),
                citations,
                event_datetime(event),
                charts.kind_swatch(event.kind),
            )
        )
    return rows


def timeline_chart(rows: list[TimelineRow], caption: str) -> dict:
    items = [
        charts.TimelineItem(
            number=row.number,
            title=row.event.title,
            date=row.event.date,
            precision=row.event.date_precision,
            display_date=row.event.display_date,
            kind=row.event.kind,
            kind_label=row.event.get_kind_display(),
            end_date=row.event.end_date,
        )
        for row in rows
    ]
    return {
        "svg": charts.timeline_svg(items, caption=caption),
        "legend": charts.legend(row.event.kind for row in rows),
        "has_periods": any(
            row.event.end_date or row.event.date_precision in ("month", "year") for row in rows
        ),
        "has_approximate": any(row.event.date_precision == "approximate" for row in rows),
    }


def acted_on(events) -> list[dict]:
    """The events in which someone acted on someone: the actor map's text equivalent."""
    items = []
    for event in events:
        roles = sorted_roles(event)
        initiators = [r.actor for r in roles if r.role == ActorRole.INITIATOR]
        targets = [r.actor for r in roles if r.role == ActorRole.TARGET]
        if initiators and targets:
            items.append({"event": event, "initiators": initiators, "targets": targets})
    return items


def home(request):
    briefings = Briefing.objects.published().prefetch_related(
        Prefetch("countries", queryset=Country.objects.order_by("name"))
    )
    page = paginate(request, briefings, per_page=BRIEFINGS_PER_PAGE)
    return render(
        request, "briefings/home.html", {"page": page, "nav": "briefings", "trend_changes": trend_changes()}
    )


def briefing_detail(request, slug):
    evidence_events = (
        Event.objects.published()
        .select_related("country")
        .prefetch_related(Prefetch("roles", queryset=EventActor.objects.select_related("actor")))
        .order_by("date", "title")
    )
    judgment_links = KeyJudgment.objects.select_related("assessment").prefetch_related(
        Prefetch("assessment__evidence_events", queryset=evidence_events),
        Prefetch(
            "assessment__evidence_excerpts",
            queryset=Excerpt.objects.select_related("source").order_by("source_id", "start", "pk"),
        ),
    )
    briefing = get_object_or_404(
        Briefing.objects.published().prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name")),
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            Prefetch("judgment_links", queryset=judgment_links.order_by("order", "pk")),
            Prefetch("events", queryset=event_queryset().order_by("date", "title")),
            Prefetch("sources", queryset=Source.objects.order_by("-published_on", "title")),
        ),
        slug=slug,
    )
    # The authors in the order they were added, as a citation lists them.
    authors = [
        link.user
        for link in Briefing.authors.through.objects.filter(briefing=briefing)
        .select_related("user")
        .order_by("pk")
    ]
    events = list(briefing.events.all())
    event_numbers = {event.pk: number for number, event in enumerate(events, start=1)}
    footnotes = FootnoteRegister()

    # Judgments are cited first, so their excerpts take the lowest footnote numbers.
    judgments = []
    for number, link in enumerate(briefing.judgment_links.all(), start=1):
        assessment = link.assessment
        evidence = [
            EvidenceEvent(
                event,
                f"#event-{event.slug}" if event.pk in event_numbers else event.get_absolute_url(),
                who(event),
                event_datetime(event),
            )
            for event in assessment.evidence_events.all()
        ]
        excerpts = [
            EvidenceExcerpt(
                excerpt,
                footnotes.cite(excerpt, place=f"judgment-{assessment.pk}", label=f"key judgment {number}"),
                Truncator(" ".join(excerpt.text.split())).chars(160),
            )
            for excerpt in assessment.evidence_excerpts.all()
        ]
        scale = ""
        if assessment.likelihood:
            scale = charts.likelihood_scale(
                assessment.likelihood, assessment.get_likelihood_display(), assessment.probability
            )
        judgments.append(JudgmentView(number, assessment, scale, evidence, excerpts))
    attach_judgment_outcomes([judgment.assessment for judgment in judgments])

    rows = timeline_rows(events, footnotes)
    edges = charts.actor_edges(events)

    # Sources: those the briefing lists, then any other a cited excerpt comes from.
    sources = list(briefing.sources.all())
    known = {source.pk for source in sources}
    for note in footnotes.footnotes:
        if note.excerpt.source.pk not in known:
            known.add(note.excerpt.source.pk)
            sources.append(note.excerpt.source)

    context = {
        "briefing": briefing,
        "authors": [author_name(user) for user in authors],
        "judgments": judgments,
        "timeline": rows,
        "timeline_chart": timeline_chart(rows, "Timeline of the briefing's events"),
        "actor_edges": edges,
        "acted_on": acted_on(events),
        "actor_map": charts.actor_map_svg(edges),
        "footnotes": footnotes.footnotes,
        "sources": [(source, reliability_words(source.reliability)) for source in sources],
        "absolute_url": request.build_absolute_uri(briefing.get_absolute_url()),
        "site_name": settings.BRIEFINGS_SITE_NAME,
        "nav": "briefings",
        # The editor's note on what changed since publication (ICD 203: explain changes).
        "revision_note": briefing.revision_note.strip()
        if briefing.updated_at > briefing.published_at
        else "",
    }
    return render(request, "briefings/briefing_detail.html", context)


# --- Countries ---------------------------------------------------------------------------


def initial(name: str) -> str:
    """The letter a name is filed under: "Côte d'Ivoire" under C, "Åland Islands" under A."""
    letter = unicodedata.normalize("NFKD", name[:1])[:1].upper()
    return letter if letter.isalpha() else "#"


def country_list(request):
    published_briefings = Briefing.objects.published()
    countries = (
        Country.objects.annotate(
            briefing_count=Count("briefings", filter=Q(briefings__in=published_briefings), distinct=True),
            event_count=Count("events", filter=Q(events__in=Event.objects.published()), distinct=True),
        )
        .filter(Q(briefing_count__gt=0) | Q(event_count__gt=0))
        .order_by("name")
    )
    groups = [(letter, list(items)) for letter, items in groupby(countries, key=lambda c: initial(c.name))]
    return render(request, "briefings/country_list.html", {"groups": groups, "nav": "countries"})


def judgment_queryset():
    """Published judgments with the published briefings that carry them."""
    return (
        Assessment.objects.published()
        .prefetch_related(
            Prefetch(
                "briefing_links",
                queryset=KeyJudgment.objects.filter(briefing__in=Briefing.objects.published())
                .select_related("briefing")
                .order_by("briefing__published_at", "pk"),
            )
        )
        .order_by("-created_at", "pk")
    )


def judgment_rows(assessments) -> list[dict]:
    rows = []
    for assessment in assessments:
        scale = ""
        if assessment.likelihood:
            scale = charts.likelihood_scale(
                assessment.likelihood, assessment.get_likelihood_display(), assessment.probability
            )
        rows.append(
            {"assessment": assessment, "scale": scale, "links": list(assessment.briefing_links.all())}
        )
    return rows


def country_detail(request, slug):
    country = get_object_or_404(Country, slug=slug)
    briefings = (
        Briefing.objects.published()
        .filter(countries=country)
        .prefetch_related(Prefetch("countries", queryset=Country.objects.order_by("name")))
    )
    events = event_queryset().filter(pk__in=Event.objects.published().values("pk"), country=country)
    events = events.order_by("-date", "title")
    judgments = judgment_queryset().filter(countries=country)
    actors = Actor.objects.published().filter(countries=country).order_by("name")

    briefing_page = paginate(request, briefings, per_page=BRIEFINGS_PER_PAGE)
    event_page = paginate(request, events, param="events_page")
    judgment_page = paginate(request, judgments, param="judgments_page", per_page=BRIEFINGS_PER_PAGE)
    actor_page = paginate(request, actors, param="actors_page", per_page=50)
    # Page 1 holds the latest events; each page reads in date order, like a timeline.
    rows = timeline_rows(reversed(list(event_page.object_list)))
    context = {
        "country": country,
        "briefing_page": briefing_page,
        "event_page": event_page,
        "timeline": rows,
        "timeline_chart": timeline_chart(rows, f"Timeline of published events in {country.name}"),
        "judgment_page": judgment_page,
        "judgments": judgment_rows(judgment_page.object_list),
        "actor_page": actor_page,
        "trend_strip": trend_strip(country),
        "nav": "countries",
    }
    return render(request, "briefings/country_detail.html", context)


# --- Actors and events -------------------------------------------------------------------


def actor_detail(request, slug):
    published_actors = Actor.objects.published()
    actor = get_object_or_404(
        Actor.objects.filter(pk__in=published_actors.values("pk"))
        .select_related("parent")
        .prefetch_related(
            Prefetch("aliases", queryset=ActorAlias.objects.order_by("name")),
            Prefetch("countries", queryset=Country.objects.order_by("name")),
        ),
        slug=slug,
    )
    # Related actors show only where a reader may see them on their own.
    parent = published_actors.filter(pk=actor.parent_id).first() if actor.parent_id else None
    members = list(published_actors.filter(parent=actor).order_by("name"))
    event_roles = (
        EventActor.objects.filter(actor=actor, event__in=Event.objects.published())
        .select_related("event", "event__country")
        .prefetch_related(
            Prefetch("event__roles", queryset=EventActor.objects.select_related("actor").order_by("role"))
        )
        .order_by("-event__date", "event__title", "role")
    )
    role_page = paginate(request, event_roles, param="events_page")
    briefings = (
        Briefing.objects.published()
        .filter(Q(actors=actor) | Q(events__roles__actor=actor))
        .distinct()
        .prefetch_related(Prefetch("countries", queryset=Country.objects.order_by("name")))
    )
    briefing_page = paginate(request, briefings, per_page=BRIEFINGS_PER_PAGE)
    judgment_page = paginate(
        request, judgment_queryset().filter(actors=actor), param="judgments_page", per_page=BRIEFINGS_PER_PAGE
    )
    event_rows = [
        {
            "role": role,
            "event": role.event,
            "datetime": event_datetime(role.event),
            "others": [r for r in sorted_roles(role.event) if r.actor_id != actor.pk],
            "swatch": charts.kind_swatch(role.event.kind),
        }
        for role in role_page.object_list
    ]
    context = {
        "actor": actor,
        "parent": parent,
        "members": members,
        "role_page": role_page,
        "event_rows": event_rows,
        "briefing_page": briefing_page,
        "judgment_page": judgment_page,
        "judgments": judgment_rows(judgment_page.object_list),
    }
    return render(request, "briefings/actor_detail.html", context)


def event_detail(request, slug):
    event = get_object_or_404(
        event_queryset().filter(pk__in=Event.objects.published().values("pk")),
        slug=slug,
    )
    briefings = list(
        Briefing.objects.published()
        .filter(events=event)
        .prefetch_related(Prefetch("countries", queryset=Country.objects.order_by("name")))
    )
    judgments = judgment_rows(judgment_queryset().filter(evidence_events=event))
    excerpts = [(excerpt, grade_words(excerpt)) for excerpt in event.excerpts.all()]
    context = {
        "event": event,
        "datetime": event_datetime(event),
        "roles": sorted_roles(event),
        "excerpts": excerpts,
        "briefings": briefings,
        "judgments": judgments,
        "swatch": charts.kind_swatch(event.kind),
    }
    return render(request, "briefings/event_detail.html", context)
