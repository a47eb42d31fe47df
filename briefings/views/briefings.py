"""The home page and a briefing's page: bottom line first, then the key judgments with their
likelihood and evidence, the timeline, who acted on whom, and the footnotes."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
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
from ..models.choices import tlp_at_or_below
from ..pdf import pdf_response
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
    readable_rows,
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


@dataclass(frozen=True)
class Unpublished:
    """The rows a preview shows whose own pages readers cannot open yet: the page names them
    without a link, so a preview never links to a page that would be a 404."""

    events: frozenset[int] = frozenset()
    actors: frozenset[int] = frozenset()


def briefing_page_context(request, briefings, *, preview: bool = False) -> dict:
    """Everything a briefing's page shows, for the one briefing in `briefings` (else 404).

    Readers' page: `briefings` is `Briefing.objects.published()` and the evidence shown is
    what published briefings show, as far as the reader's clearance reaches (`visible_to`). A preview (staff, a share link, their PDFs) shows a
    briefing not yet published as readers will see it once it is: the evidence shown is what
    the published briefings and this one show, and the page's links to pages readers cannot
    open yet are left out (`Unpublished`)."""
    reader = request_reader(request)
    preview_of = briefings if preview else None
    evidence_events = (
        readable_rows(Event, reader, preview_of=preview_of)
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
                queryset=readable_rows(Excerpt, reader, preview_of=preview_of)
                .select_related("source")
                .order_by("source_id", "start", "pk"),
            ),
        )
        .filter(assessment__in=readable_rows(Assessment, reader, preview_of=preview_of))
    )
    briefing = get_object_or_404(
        briefings.prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name")),
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            Prefetch("judgment_links", queryset=judgment_links.order_by("order", "pk")),
            Prefetch(
                "events",
                queryset=event_queryset(reader, preview_of=preview_of)
                .filter(pk__in=readable_rows(Event, reader, preview_of=preview_of).values("pk"))
                .order_by("date", "title"),
            ),
            Prefetch(
                "sources",
                queryset=readable_rows(Source, reader, preview_of=preview_of).order_by(
                    "-published_on", "title"
                ),
            ),
        ),
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
    unpublished = Unpublished()
    if preview:
        unpublished = unpublished_pages(briefing, events)
    for number, link in enumerate(briefing.judgment_links.all(), start=1):
        assessment = link.assessment
        evidence = [
            EvidenceEvent(
                event,
                f"#event-{event.slug}"
                if event.pk in event_numbers
                else ("" if event.pk in unpublished.events else event.get_absolute_url()),
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
    # A source marked above the briefing (re-marked since it was published) stays out.
    allowed = tlp_at_or_below(briefing.marking)
    for note in footnotes.footnotes:
        if note.excerpt.source.pk not in known and note.excerpt.source.marking in allowed:
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
        if briefing.published_at and briefing.updated_at > briefing.published_at
        else "",
        "preview": preview,
        "unpublished": unpublished,
        "pdf_url": reverse("briefings:briefing-pdf", kwargs={"slug": briefing.slug}),
    }
    return context


def unpublished_pages(briefing, events) -> Unpublished:
    """Which of the events and actors `briefing`'s page shows have no page readers can open."""
    actor_ids = {actor.pk for actor in briefing.actors.all()}
    actor_ids |= {role.actor_id for event in events for role in event.roles.all()}
    event_ids = {event.pk for event in events}
    for link in briefing.judgment_links.all():
        event_ids |= {event.pk for event in link.assessment.evidence_events.all()}
    public_events = set(Event.objects.published().filter(pk__in=event_ids).values_list("pk", flat=True))
    public_actors = set(Actor.objects.published().filter(pk__in=actor_ids).values_list("pk", flat=True))
    return Unpublished(frozenset(event_ids - public_events), frozenset(actor_ids - public_actors))


def briefing_detail(request, slug):
    context = briefing_page_context(
        request, Briefing.objects.visible_to(request_reader(request)).filter(slug=slug)
    )
    return render(request, "briefings/briefing_detail.html", context)


def briefing_pdf(request, slug):
    """The briefing's page as a print-ready PDF, for any briefing readers see."""
    context = briefing_page_context(
        request, Briefing.objects.visible_to(request_reader(request)).filter(slug=slug)
    )
    return pdf_response(request, context)
