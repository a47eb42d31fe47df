"""Accepting suggestions: the one write of the curation flow, in one transaction.

Each created actor, event and draft assessment gets an Excerpt quoting the exact sentence
it came from. Accepting again never duplicates: excerpts are found by source and position,
events by excerpt and date (or title and date), assessments by excerpt, actors by name or
alias. `pending_suggestions` hides what is already accepted, so that re-running the
suggestions on a source lists only what is left.

What the analyst leaves unticked when accepting is stored as a `RejectedSuggestion` of the
source, in the same transaction: it is listed again greyed and unticked, never ticked, until
it is ticked and accepted (or restored). Each suggestion is known by `suggestion_key`.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from ..extraction.matching import ActorIndex, KnownActor
from ..extraction.suggest import (
    ActorSuggestion,
    CountrySuggestion,
    EventSuggestion,
    JudgmentSuggestion,
    Suggestions,
    suggest,
)
from ..extraction.text import fold_key
from ..models import (
    Actor,
    ActorAlias,
    ActorKind,
    ActorRole,
    Assessment,
    Confidence,
    Country,
    DatePrecision,
    Event,
    EventActor,
    EventKind,
    Excerpt,
    Likelihood,
    RejectedSuggestion,
    Source,
    SuggestionKind,
)
from .published import material_may_change


def known_actors_from_database() -> list[KnownActor]:
    """The desk's actors and their aliases, read in two queries, for `ActorIndex.build`."""
    aliases: dict[int, list[str]] = {}
    for actor_id, name in ActorAlias.objects.values_list("actor_id", "name"):
        aliases.setdefault(actor_id, []).append(name)
    return [
        KnownActor(pk, name, kind, tuple(aliases.get(pk, ())))
        for pk, name, kind in Actor.objects.values_list("pk", "name", "kind")
    ]


def suggestion_key(
    suggestion: CountrySuggestion | ActorSuggestion | EventSuggestion | JudgmentSuggestion,
) -> tuple[str, str]:
    """(kind, key) naming a suggestion of a source from one run of the extractor to the
    next: a country's code, an actor's folded name, a sentence's position (and an event's
    date)."""
    if isinstance(suggestion, CountrySuggestion):
        return SuggestionKind.COUNTRY, suggestion.iso2
    if isinstance(suggestion, ActorSuggestion):
        return SuggestionKind.ACTOR, fold_key(suggestion.name)[:200]
    if isinstance(suggestion, EventSuggestion):
        return SuggestionKind.EVENT, f"{suggestion.start}-{suggestion.end}-{suggestion.day.isoformat()}"
    return SuggestionKind.JUDGMENT, f"{suggestion.start}-{suggestion.end}"


@dataclass
class Rejection:
    """A suggestion left unticked: its kind, its `suggestion_key` and what it said."""

    kind: str
    key: str
    label: str = ""


@dataclass
class ActorChoice:
    """An actor the analyst kept: `match` is the desk's actor it is, or None for a new one."""

    ref: str
    name: str
    kind: str
    match: int | None
    start: int  # the sentence of its first mention
    end: int
    aliases: list[str] = field(default_factory=list)
    role_title: str = ""
    countries: list[str] = field(default_factory=list)
    key: str = ""  # its `suggestion_key`, to lift an earlier rejection


@dataclass
class EventChoice:
    """An event the analyst kept. Its country is `country` when the analyst set one (an ISO
    code, or "" for none); left as None, the first of `countries` that is ticked."""

    title: str
    date: datetime.date
    precision: str
    kind: str
    start: int  # its sentence
    end: int
    actors: list[tuple[str, str]] = field(default_factory=list)  # (actor ref, role)
    countries: list[str] = field(default_factory=list)
    key: str = ""
    place: str = ""
    country: str | None = None


@dataclass
class JudgmentChoice:
    likelihood: str
    start: int  # its sentence
    end: int
    actors: list[str] = field(default_factory=list)  # actor refs
    countries: list[str] = field(default_factory=list)
    key: str = ""


@dataclass
class AcceptResult:
    actors_created: list[Actor] = field(default_factory=list)
    actors_matched: list[Actor] = field(default_factory=list)
    aliases_added: int = 0
    events_created: list[Event] = field(default_factory=list)
    events_existing: int = 0
    assessments_created: list[Assessment] = field(default_factory=list)
    assessments_existing: int = 0
    excerpts_created: int = 0
    # Published material this user may not change: matched, but left as readers see it.
    left_published: list[str] = field(default_factory=list)
    rejected: int = 0

    @property
    def summary(self) -> str:
        return (
            f"{len(self.actors_created)} new actors, {len(self.actors_matched)} matched to the desk's actors, "
            f"{len(self.events_created)} events, {len(self.assessments_created)} draft assessments, "
            f"{self.excerpts_created} excerpts"
            + (
                f" ({self.events_existing + self.assessments_existing} already in the desk, left as they were)"
                if self.events_existing or self.assessments_existing
                else ""
            )
            + (
                f"; left as readers see them, for an editor to change: {', '.join(self.left_published)}"
                if self.left_published
                else ""
            )
            + (f"; {self.rejected} left unticked, kept as rejected" if self.rejected else "")
        )


def actor_ref_for(actor_id: int) -> str:
    """The reference of a desk actor that is not a row of the form (already accepted)."""
    return f"actor:{actor_id}"


def suggestions_accept(
    *,
    source: Source,
    countries: list[str],
    actors: list[ActorChoice],
    events: list[EventChoice],
    judgments: list[JudgmentChoice],
    rejected: list[Rejection] = (),
    user=None,
) -> AcceptResult:
    """Create the chosen actors, events and draft assessments, each with the excerpt of its
    sentence, and store the `rejected` suggestions as the source's, in one transaction: all
    of it, or (on any error) none of it. A chosen suggestion rejected before is rejected no
    more. Actors and events already in the desk gain aliases, countries and excerpts only
    where `user` may change them (`services.published`): what readers see changes only with
    an editor."""
    full_text = source.full_text or ""
    for choice in [*actors, *events, *judgments]:
        if not (0 <= choice.start < choice.end <= len(full_text)):
            raise ValidationError("A suggestion points outside the source's text; run the suggestions again.")
    for choice in events:
        for _, role in choice.actors:
            if role not in ActorRole.values:
                raise ValidationError(
                    f"“{role}” is not a role in an event: choose initiator, target or participant."
                )
    stated = {choice.country for choice in events if choice.country}
    result = AcceptResult()
    with transaction.atomic():
        _record_rejections(source, countries, actors, events, judgments, rejected, user)
        result.rejected = len(rejected)
        chosen = {c.iso2: c for c in Country.objects.filter(iso2__in=countries)}
        placed = {c.iso2: c for c in Country.objects.filter(iso2__in=stated)}
        if stated - set(placed):
            raise ValidationError(
                f"“{sorted(stated - set(placed))[0]}” is not a country of the desk: choose one from the list."
            )
        excerpts = _Excerpts(source, result)
        index = ActorIndex.build(known_actors_from_database())
        resolved: dict[str, Actor] = {}
        for choice in actors:
            resolved[choice.ref] = _accept_actor(choice, chosen, index, excerpts, result, user)

        def actor_for(ref: str) -> Actor | None:
            if ref in resolved:
                return resolved[ref]
            if ref.startswith("actor:") and ref[6:].isdecimal():
                return Actor.objects.filter(pk=int(ref[6:])).first()
            return None

        events_by_excerpt: dict[int, list[Event]] = {}
        for choice in events:
            excerpt = excerpts.get(choice.start, choice.end)
            event = _accept_event(choice, excerpt, chosen, placed, actor_for, result, user)
            events_by_excerpt.setdefault(excerpt.pk, []).append(event)
        for choice in judgments:
            excerpt = excerpts.get(choice.start, choice.end)
            existing = Assessment.objects.filter(evidence_excerpts=excerpt).first()
            if existing is not None:
                result.assessments_existing += 1
                continue
            likelihood = choice.likelihood if choice.likelihood in Likelihood.values else ""
            assessment = Assessment.objects.create(
                statement=excerpt.text, likelihood=likelihood, confidence=Confidence.LOW
            )
            assessment.evidence_excerpts.add(excerpt)
            assessment.evidence_events.add(*events_by_excerpt.get(excerpt.pk, []))
            assessment.countries.add(*[chosen[c] for c in choice.countries if c in chosen])
            assessment.actors.add(*[a for a in map(actor_for, choice.actors) if a is not None])
            result.assessments_created.append(assessment)
    return result


def _record_rejections(source, countries, actors, events, judgments, rejected, user) -> None:
    kept = [(SuggestionKind.COUNTRY, iso2) for iso2 in countries] + [
        (kind, choice.key)
        for kind, choices in (
            (SuggestionKind.ACTOR, actors),
            (SuggestionKind.EVENT, events),
            (SuggestionKind.JUDGMENT, judgments),
        )
        for choice in choices
        if choice.key
    ]
    by_kind: dict[str, list[str]] = {}
    for kind, key in kept:
        by_kind.setdefault(kind, []).append(key)
    for kind, keys in by_kind.items():
        RejectedSuggestion.objects.filter(source=source, kind=kind, key__in=keys).delete()
    for rejection in rejected:
        if rejection.kind not in SuggestionKind.values or not rejection.key:
            raise ValidationError("A suggestion left unticked is not one of this source's; reload the page.")
        RejectedSuggestion.objects.update_or_create(
            source=source,
            kind=rejection.kind,
            key=rejection.key[:200],
            defaults={"label": rejection.label[:300], "rejected_by": user},
        )


def suggestion_restore(*, source: Source, kind: str, key: str) -> bool:
    """Lift the rejection of one of the source's suggestions, so that it is proposed again as
    the extractor proposes it; False when it was not rejected."""
    deleted, _ = RejectedSuggestion.objects.filter(source=source, kind=kind, key=key).delete()
    return bool(deleted)


class _Excerpts:
    """The source's excerpts by position, created on first use."""

    def __init__(self, source: Source, result: AcceptResult):
        self.source, self.result = source, result
        self.by_span = {
            (e.start, e.end): e for e in Excerpt.objects.filter(source=source, start__isnull=False)
        }

    def get(self, start: int, end: int) -> Excerpt:
        excerpt = self.by_span.get((start, end))
        if excerpt is None:
            excerpt = Excerpt.objects.create(
                source=self.source,
                text=self.source.full_text[start:end],
                start=start,
                end=end,
                credibility=self.source.excerpt_credibility,
            )
            self.by_span[(start, end)] = excerpt
            self.result.excerpts_created += 1
        return excerpt


def _accept_actor(choice: ActorChoice, chosen, index: ActorIndex, excerpts: _Excerpts, result, user) -> Actor:
    actor = Actor.objects.filter(pk=choice.match).first() if choice.match else None
    if actor is None:
        # "New" twice is still one actor: look it up by its name and aliases first.
        found = next(filter(None, map(index.exact, (choice.name, *choice.aliases))), None)
        actor = Actor.objects.filter(pk=found).first() if found is not None else None
    if actor is None:
        kind = choice.kind if choice.kind in ActorKind.values else ActorKind.OTHER
        actor = Actor.objects.create(
            name=choice.name.strip()[:200],
            kind=kind,
            role_title=choice.role_title.strip()[:200],
            description=f"First named in “{excerpts.source.title}”.",
        )
        result.actors_created.append(actor)
        index.actors[actor.pk] = KnownActor(actor.pk, actor.name, actor.kind)
        index.by_key.setdefault(fold_key(actor.name), actor.pk)
    else:
        result.actors_matched.append(actor)
        if not material_may_change(user=user, obj=actor):
            result.left_published.append(f"actor “{actor}”")
            excerpts.get(choice.start, choice.end)
            return actor
    known = {fold_key(actor.name)} | {fold_key(a) for a in actor.aliases.values_list("name", flat=True)}
    for alias in [choice.name, *choice.aliases]:
        alias = alias.strip()[:200]
        if alias and fold_key(alias) not in known:
            ActorAlias.objects.create(actor=actor, name=alias)
            known.add(fold_key(alias))
            index.by_key.setdefault(fold_key(alias), actor.pk)
            result.aliases_added += 1
    actor.countries.add(*[chosen[c] for c in choice.countries if c in chosen])
    excerpts.get(choice.start, choice.end)
    return actor


def _accept_event(choice: EventChoice, excerpt: Excerpt, chosen, placed, actor_for, result, user) -> Event:
    title = (choice.title or excerpt.text).strip()[:300]
    existing = (
        Event.objects.filter(excerpts=excerpt, date=choice.date).first()
        or Event.objects.filter(title=title, date=choice.date).first()
    )
    if existing is not None:
        if material_may_change(user=user, obj=existing):
            existing.excerpts.add(excerpt)
        elif not existing.excerpts.filter(pk=excerpt.pk).exists():
            result.left_published.append(f"event “{existing.title}”")
        result.events_existing += 1
        return existing
    if choice.country is None:
        country = next((chosen[c] for c in choice.countries if c in chosen), None)
    else:
        country = placed.get(choice.country)
    event = Event.objects.create(
        title=title,
        date=choice.date,
        date_precision=choice.precision
        if choice.precision in DatePrecision.values
        else DatePrecision.APPROXIMATE,
        kind=choice.kind if choice.kind in EventKind.values else EventKind.OTHER,
        country=country,
        place=choice.place.strip()[:200],
    )
    event.excerpts.add(excerpt)
    for ref, role in choice.actors:
        actor = actor_for(ref)
        if actor is not None:
            EventActor.objects.get_or_create(event=event, actor=actor, role=role)
    result.events_created.append(event)
    return event


# --- What is left to accept ----------------------------------------------------------------


@dataclass
class Pending:
    suggestions: Suggestions
    hidden: dict[str, int]  # how many of each kind are already accepted
    accepted: dict[str, int]  # names of actors already accepted, to the desk's actor
    rejected: set[tuple[str, str]] = field(default_factory=set)  # (kind, key) left unticked before
    accepted_countries: set[str] = field(default_factory=set)

    def is_rejected(self, suggestion) -> bool:
        return suggestion_key(suggestion) in self.rejected

    def keys(self, kind: str) -> set[str]:
        """The keys of the suggestions listed, of one kind: the only ones a post may name."""
        listed = {
            SuggestionKind.COUNTRY: self.suggestions.countries,
            SuggestionKind.ACTOR: self.suggestions.actors,
            SuggestionKind.EVENT: self.suggestions.events,
            SuggestionKind.JUDGMENT: self.suggestions.judgments,
        }[kind]
        return {suggestion_key(s)[1] for s in listed}


def pending_suggestions(source: Source, *, published_on: datetime.date | None = None) -> Pending:
    """The source's suggestions less what the desk already holds from it."""
    published_on = published_on or source.published_on or source.created_at.date()
    suggestions = suggest(
        source.full_text or "", published_on, index=ActorIndex.build(known_actors_from_database())
    )
    spans = list(Excerpt.objects.filter(source=source, start__isnull=False).values_list("start", "end"))
    event_keys = set(
        Event.objects.filter(excerpts__source=source).values_list("excerpts__start", "excerpts__end", "date")
    )
    judgment_spans = set(
        Assessment.objects.filter(evidence_excerpts__source=source).values_list(
            "evidence_excerpts__start", "evidence_excerpts__end"
        )
    )
    linked_countries = set(
        Event.objects.filter(excerpts__source=source, country__isnull=False).values_list(
            "country__iso2", flat=True
        )
    ) | set(
        Assessment.objects.filter(evidence_excerpts__source=source).values_list("countries__iso2", flat=True)
    )

    rejected = set(RejectedSuggestion.objects.filter(source=source).values_list("kind", "key"))

    def quoted(position: int) -> bool:
        return any(start <= position < end for start, end in spans)

    def taken(suggestion) -> bool:
        # Named in an excerpt of this source, and not rejected: accepted before.
        return suggestion_key(suggestion) not in rejected and any(
            quoted(m.start) for m in suggestion.mentions
        )

    accepted_actors = [a for a in suggestions.actors if a.existing is not None and taken(a)]
    accepted_ids = {a.existing for a in accepted_actors}
    linked_countries |= set(
        Actor.objects.filter(pk__in=accepted_ids).values_list("countries__iso2", flat=True)
    )
    # A country ticked at an accept but linked to nothing made (the event took another
    # country) is accepted all the same: it is not proposed again.
    linked_countries |= {c.iso2 for c in suggestions.countries if taken(c)}
    before = {
        "countries": len(suggestions.countries),
        "actors": len(suggestions.actors),
        "events": len(suggestions.events),
        "judgments": len(suggestions.judgments),
    }
    suggestions.actors = [a for a in suggestions.actors if a not in accepted_actors]
    suggestions.events = [e for e in suggestions.events if (e.start, e.end, e.day) not in event_keys]
    suggestions.judgments = [j for j in suggestions.judgments if (j.start, j.end) not in judgment_spans]
    suggestions.countries = [c for c in suggestions.countries if c.iso2 not in linked_countries]
    hidden = {
        "countries": before["countries"] - len(suggestions.countries),
        "actors": before["actors"] - len(suggestions.actors),
        "events": before["events"] - len(suggestions.events),
        "judgments": before["judgments"] - len(suggestions.judgments),
    }
    return Pending(
        suggestions,
        hidden,
        {a.name: a.existing for a in accepted_actors},
        rejected=rejected,
        accepted_countries={c for c in linked_countries if c},
    )


@dataclass
class Accepted:
    """What the desk holds from a source: what accepting its suggestions made or matched."""

    events: list[Event]
    assessments: list[Assessment]
    actors: list[Actor]
    countries: list[Country]
    excerpts: int

    def __bool__(self) -> bool:
        return bool(self.events or self.assessments or self.actors or self.countries)


def source_accepted(source: Source, pending: Pending) -> Accepted:
    """The events, draft assessments, actors and countries accepted from `source`, in the
    order of the article, each read in one query."""
    events = list(
        Event.objects.filter(excerpts__source=source).order_by("excerpts__start", "date", "pk").distinct()
    )
    assessments = list(
        Assessment.objects.filter(evidence_excerpts__source=source)
        .order_by("evidence_excerpts__start", "pk")
        .distinct()
    )
    return Accepted(
        events=list(dict.fromkeys(events)),
        assessments=list(dict.fromkeys(assessments)),
        actors=list(Actor.objects.filter(pk__in=set(pending.accepted.values())).order_by("name")),
        countries=list(Country.objects.filter(iso2__in=pending.accepted_countries).order_by("name")),
        excerpts=Excerpt.objects.filter(source=source).count(),
    )


def briefing_initial_from_source(*, source: Source) -> dict:
    """What a new briefing drafted from `source` starts with: the countries, actors and events
    accepted from it, the source itself, and its draft assessments as key judgments in the
    order the article makes them ({"key_judgments": [{"order": 1, "assessment": pk}, …]}).
    Nothing is saved: the analyst reads, writes the title and bottom line, and saves."""
    accepted = source_accepted(source, pending_suggestions(source))
    return {
        "countries": [country.pk for country in accepted.countries],
        "actors": [actor.pk for actor in accepted.actors],
        "events": [event.pk for event in accepted.events],
        "sources": [source.pk],
        "key_judgments": [
            {"order": number, "assessment": assessment.pk}
            for number, assessment in enumerate(accepted.assessments, start=1)
        ],
    }
