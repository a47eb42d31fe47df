"""The search index: one `SearchDocument` per briefing, judgment, event, actor, quoted
passage, country and country trend, rewritten whenever the row (or text it borrows, such as an
actor's aliases) is saved. On PostgreSQL the document also holds a weighted tsvector behind
a GIN index."""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchVector
from django.db.models import TextField, Value
from django.db.models.signals import m2m_changed, post_delete, post_save

from ..markdown import html_to_text
from ..models import (
    Actor,
    ActorAlias,
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    EventActor,
    Excerpt,
    SearchDocument,
    SearchKind,
)
from .text import PART_SEPARATOR, SEARCH_CONFIG, on_postgres, plain_text


def _document_parts(kind: str, obj) -> tuple[str, list[tuple[str, str]]]:
    """The title of a kind's document and its weighted text parts (A is weightiest)."""
    if kind == SearchKind.BRIEFING:
        return obj.title, [(obj.summary, "B"), (html_to_text(obj.body_html), "C")]
    if kind == SearchKind.JUDGMENT:
        # What became of it is part of what readers see under it: a name in the outcome's
        # note (the contractors that deployed) finds the judgment.
        return obj.statement, [
            (html_to_text(obj.rationale_html), "B"),
            (obj.assumptions, "C"),
            (obj.alternatives, "C"),
            (obj.outcome_note, "C"),
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
        # A passage is found by its own words only, and headed by them: its source's title
        # and byline would make a common word ("coup") in a title match every passage quoted
        # from that source. The source is named under the result, not searched.
        return obj.text, []
    if kind == SearchKind.COUNTRY:
        return obj.name, [(obj.official_name, "B"), (f"{obj.iso2} {obj.iso3}", "C")]
    if kind == SearchKind.TREND:
        heading = f"{obj.country.name}, {obj.month:%B %Y}: {obj.get_trend_display()}"
        return heading, [(obj.reason, "B"), (obj.get_alert_display() if obj.alert else "", "C")]
    raise ValueError(f"unknown search kind {kind!r}")


# A document's title weighs A, except a passage's: its title is the whole quoted text, which
# should rank as a body does, not as a heading.
TITLE_WEIGHTS = {SearchKind.EXCERPT: "B"}


def search_document_write(*, kind: str, obj) -> SearchDocument:
    """Write (or rewrite) the search document of one row."""
    title, parts = _document_parts(kind, obj)
    title_weight = TITLE_WEIGHTS.get(kind, "A")
    title = plain_text(title)
    parts = [(plain_text(text), weight) for text, weight in parts if text and plain_text(text)]
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
                for text, w in [(title, title_weight), *parts]
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
    CountryTrend: SearchKind.TREND,
    Country: SearchKind.COUNTRY,
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


def _row_saved(sender, instance, **kwargs):
    search_document_write(kind=MODEL_KINDS[sender], obj=instance)


def _actor_saved(sender, instance, **kwargs):
    search_document_write(kind=SearchKind.ACTOR, obj=instance)
    # An event's document carries its actors' names.
    for event in Event.objects.filter(roles__actor=instance).distinct():
        search_document_write(kind=SearchKind.EVENT, obj=event)


def _row_deleted(sender, instance, **kwargs):
    search_document_delete(kind=MODEL_KINDS[sender], pk=instance.pk)


def _alias_changed(sender, instance, **kwargs):
    actor = Actor.objects.filter(pk=instance.actor_id).first()
    if actor is not None:
        search_document_write(kind=SearchKind.ACTOR, obj=actor)


def _event_role_changed(sender, instance, **kwargs):
    event = Event.objects.filter(pk=instance.event_id).first()
    if event is not None:
        search_document_write(kind=SearchKind.EVENT, obj=event)


def _event_actors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    events = Event.objects.filter(pk__in=pk_set or []) if reverse else [instance]
    for event in events:
        search_document_write(kind=SearchKind.EVENT, obj=event)


def search_index_connect() -> None:
    """Keep every document current as rows are saved and deleted. Called once, from
    `BriefingsConfig.ready()`."""
    post_save.connect(_row_saved, sender=Briefing, dispatch_uid="search-row_saved-briefing")
    post_save.connect(_row_saved, sender=Assessment, dispatch_uid="search-row_saved-assessment")
    post_save.connect(_row_saved, sender=Event, dispatch_uid="search-row_saved-event")
    post_save.connect(_row_saved, sender=Excerpt, dispatch_uid="search-row_saved-excerpt")
    post_save.connect(_actor_saved, sender=Actor, dispatch_uid="search-actor_saved-actor")
    post_delete.connect(_row_deleted, sender=Briefing, dispatch_uid="search-row_deleted-briefing")
    post_delete.connect(_row_deleted, sender=Assessment, dispatch_uid="search-row_deleted-assessment")
    post_delete.connect(_row_deleted, sender=Event, dispatch_uid="search-row_deleted-event")
    post_delete.connect(_row_deleted, sender=Actor, dispatch_uid="search-row_deleted-actor")
    post_delete.connect(_row_deleted, sender=Excerpt, dispatch_uid="search-row_deleted-excerpt")
    post_save.connect(_alias_changed, sender=ActorAlias, dispatch_uid="search-alias_changed-actoralias")
    post_delete.connect(_alias_changed, sender=ActorAlias, dispatch_uid="search-alias_changed-actoralias")
    post_save.connect(
        _event_role_changed, sender=EventActor, dispatch_uid="search-event_role_changed-eventactor"
    )
    post_delete.connect(
        _event_role_changed, sender=EventActor, dispatch_uid="search-event_role_changed-eventactor"
    )
    m2m_changed.connect(
        _event_actors_changed, sender=Event.actors.through, dispatch_uid="search-event_actors_changed-event"
    )
    post_save.connect(_row_saved, sender=Country, dispatch_uid="search-row_saved-country")
    post_delete.connect(_row_deleted, sender=Country, dispatch_uid="search-row_deleted-country")
    post_save.connect(_row_saved, sender=CountryTrend, dispatch_uid="search-row_saved-countrytrend")
    post_delete.connect(_row_deleted, sender=CountryTrend, dispatch_uid="search-row_deleted-countrytrend")
