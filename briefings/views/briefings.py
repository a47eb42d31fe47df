"""The home page and a briefing's page: bottom line first, then the key judgments with their
likelihood and evidence, the timeline, who acted on whom, and the footnotes."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.text import Truncator

from .. import charts
from ..models import (
    Actor,
    Assessment,
    Briefing,
    Country,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    Source,
    display_name,
)
from ..services.readers import request_reader
from .common import (
    BRIEFINGS_PER_PAGE,
    Citation,
    FootnoteRegister,
    acted_on,
    actor_links,
    briefing_list,
    event_datetime,
    event_queryset,
    paginate,
    reliability_words,
    timeline_chart,
    timeline_rows,
    who,
)
from .outcomes import attach_judgment_outcomes
from .trends import trend_changes


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


def home(request):
    page = paginate(request, briefing_list(request_reader(request)), per_page=BRIEFINGS_PER_PAGE)
    return render(
        request, "briefings/home.html", {"page": page, "nav": "briefings", "trend_changes": trend_changes()}
    )


def briefing_detail(request, slug):
    reader = request_reader(request)
    evidence_events = (
        Event.objects.visible_to(reader)
        .select_related("country")
        .prefetch_related(Prefetch("roles", queryset=EventActor.objects.select_related("actor")))
        .order_by("date", "title")
    )
    judgment_links = (
        KeyJudgment.objects.select_related("assessment")
        .prefetch_related(
            Prefetch("assessment__evidence_events", queryset=evidence_events),
            Prefetch(
                "assessment__evidence_excerpts",
                queryset=Excerpt.objects.visible_to(reader)
                .select_related("source")
                .order_by("source_id", "start", "pk"),
            ),
        )
        .filter(assessment__in=Assessment.objects.visible_to(reader))
    )
    briefing = get_object_or_404(
        Briefing.objects.visible_to(reader).prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name")),
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            Prefetch("judgment_links", queryset=judgment_links.order_by("order", "pk")),
            Prefetch(
                "events",
                queryset=event_queryset(reader)
                .filter(pk__in=Event.objects.visible_to(reader).values("pk"))
                .order_by("date", "title"),
            ),
            Prefetch(
                "sources", queryset=Source.objects.visible_to(reader).order_by("-published_on", "title")
            ),
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
    attach_judgment_outcomes([judgment.assessment for judgment in judgments], reader=reader)

    rows = timeline_rows(events, footnotes)
    acts = acted_on(events)
    links = actor_links(acts)

    # Sources: those the briefing lists, then any other a cited excerpt comes from.
    sources = list(briefing.sources.all())
    known = {source.pk for source in sources}
    for note in footnotes.footnotes:
        if note.excerpt.source.pk not in known:
            known.add(note.excerpt.source.pk)
            sources.append(note.excerpt.source)

    context = {
        "briefing": briefing,
        "marking": briefing.marking,
        "authors": [display_name(user) for user in authors],
        "judgments": judgments,
        "timeline": rows,
        "timeline_chart": timeline_chart(rows, "Timeline of the briefing's events"),
        "actor_links": links,
        "acted_on": acts,
        "actor_map": charts.actor_map_svg(links),
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
