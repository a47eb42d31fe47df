"""What several public pages show alike, built once: pages of a list, Admiralty grades in
words, events with their actors in roles, footnotes numbered in order of citation,
timeline rows and charts, who acted on whom, and judgments with their briefings.

Each view fetches everything its template shows (select_related / prefetch_related with
ordered querysets) and hands the template ready-made structures, so templates never
trigger a query.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch

from .. import charts
from ..models import (
    ANONYMOUS,
    ActorRole,
    Assessment,
    Briefing,
    Country,
    Credibility,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    ReaderContext,
    Reliability,
)

BRIEFINGS_PER_PAGE = 10
ITEMS_PER_PAGE = 25
ROLE_ORDER = {ActorRole.INITIATOR: 0, ActorRole.TARGET: 1, ActorRole.PARTICIPANT: 2}


def paginate(request, queryset, *, param: str = "page", per_page: int = ITEMS_PER_PAGE) -> Page:
    """A page of `queryset` from the `param` query parameter; bad numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


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


def readable_rows(model, reader: ReaderContext, *, preview_of=None):
    """What `reader` may read of `model` (`visible_to`). With `preview_of` (a Briefing
    QuerySet), also what those briefings show: a preview shows a briefing as readers will see
    it once it is published."""
    rows = model.objects.visible_to(reader)
    if preview_of is not None:
        rows = rows | model.objects.shown_by(preview_of)
    return rows


def event_queryset(reader: ReaderContext = ANONYMOUS, *, preview_of=None):
    """Events with everything a timeline row shows: country, actors in roles, and the
    excerpts `reader` may read (`readable_rows`)."""
    return Event.objects.select_related("country").prefetch_related(
        Prefetch(
            "roles", queryset=EventActor.objects.select_related("actor").order_by("role", "actor__name")
        ),
        Prefetch(
            "excerpts",
            queryset=readable_rows(Excerpt, reader, preview_of=preview_of)
            .select_related("source")
            .order_by("source_id", "start", "pk"),
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


def actor_links(acts: list[dict]) -> list[charts.ActorLink]:
    """The actor map's links, from the same `acted_on()` items its text equivalent lists."""
    return charts.actor_links(
        (
            charts.MapActor(initiator.pk, initiator.name),
            charts.MapActor(target.pk, target.name),
            f"{item['event'].display_date}, {item['event'].title}",
        )
        for item in acts
        for initiator in item["initiators"]
        for target in item["targets"]
    )


def briefing_list(reader: ReaderContext = ANONYMOUS):
    """The briefings `reader` may read, as lists show them, each with its countries."""
    return Briefing.objects.visible_to(reader).prefetch_related(
        Prefetch("countries", queryset=Country.objects.order_by("name"))
    )


def judgment_queryset(reader: ReaderContext = ANONYMOUS):
    """The judgments `reader` may read, with the briefings they may read that carry them."""
    return (
        Assessment.objects.visible_to(reader)
        .prefetch_related(
            Prefetch(
                "briefing_links",
                queryset=KeyJudgment.objects.filter(briefing__in=Briefing.objects.visible_to(reader))
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
