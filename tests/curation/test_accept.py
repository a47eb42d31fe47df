"""Accepting suggestions: one transaction, exact excerpts, idempotent, matches the desk."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from briefings.models import (
    Actor,
    ActorAlias,
    Assessment,
    Confidence,
    Event,
    EventActor,
    Excerpt,
    Likelihood,
)
from briefings.services import suggestions as accept_module
from briefings.services.suggestions import (
    ActorChoice,
    EventChoice,
    JudgmentChoice,
    pending_suggestions,
    suggestions_accept,
)

from ..factories import ActorFactory, SourceFactory

ARTICLE = (
    "Officers Seize Power In Niger\n\nBy Ann Analyst\n\n"
    "On August 4, Niger's President Amadou Sanda was overthrown in a coup led by officers of the "
    "Nigerien Armed Forces. The Economic Forum of Sahel States (EFSS) condemned the coup. Days "
    "earlier, General Issa Kone had returned to Niamey from Algiers. On August 9, French Ambassador "
    "to Niger Claire Martin met with representatives of the Council for National Renewal (CNR). "
    "The CNR is unlikely to hold elections soon. In June 2019, Niger signed a defence agreement "
    "with Algeria.\n\nThe views expressed here are the author's alone."
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return SourceFactory(
        title="Officers seize power", full_text=ARTICLE, published_on=datetime.date(2020, 9, 1)
    )


def choices(pending, *, countries=None):
    """Every suggestion kept, as the suggestions page would post them."""
    suggestions = pending.suggestions
    refs = {name: f"actor:{pk}" for name, pk in pending.accepted.items()}
    actors = []
    for number, actor in enumerate(suggestions.actors):
        refs[actor.name] = f"row:{number}"
        start, end = suggestions.sentence_around(actor.mentions[0].start)
        actors.append(
            ActorChoice(
                ref=f"row:{number}",
                name=actor.name,
                kind=actor.kind,
                match=actor.existing,
                start=start,
                end=end,
                aliases=actor.aliases,
                role_title=actor.role_title,
                countries=actor.countries,
            )
        )
    events = [
        EventChoice(
            title=e.title,
            date=e.day,
            precision=e.precision,
            kind=e.kind,
            start=e.start,
            end=e.end,
            actors=[(refs[n], e.roles.get(n, "participant")) for n in e.actors if n in refs],
            countries=e.countries,
        )
        for e in suggestions.events
    ]
    judgments = [
        JudgmentChoice(likelihood=j.likelihood, start=j.start, end=j.end, countries=j.countries)
        for j in suggestions.judgments
    ]
    chosen = [c.iso2 for c in suggestions.countries] if countries is None else countries
    return {"countries": chosen, "actors": actors, "events": events, "judgments": judgments}


def accept_all(source, **kwargs):
    return suggestions_accept(source=source, **choices(pending_suggestions(source), **kwargs))


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Actor, ActorAlias, Event, EventActor, Excerpt, Assessment)
    }


def test_accept_creates_the_events_with_dates_and_precisions(source):
    accept_all(source)
    assert sorted((f"{e.date}", e.date_precision) for e in Event.objects.all()) == [
        ("2019-06-01", "month"),
        ("2020-08-01", "approximate"),
        ("2020-08-04", "day"),
        ("2020-08-09", "day"),
    ]


def test_accept_creates_the_actors_with_aliases(source):
    accept_all(source)
    council = Actor.objects.get(name="Council for National Renewal")
    assert list(council.aliases.values_list("name", flat=True)) == ["CNR"]
    assert Actor.objects.get(name="Claire Martin").role_title == "French Ambassador to Niger"


def test_every_excerpt_quotes_the_source_at_its_position(source):
    accept_all(source)
    excerpts = list(Excerpt.objects.filter(source=source))
    assert excerpts
    assert all(source.full_text[e.start : e.end] == e.text for e in excerpts)


def test_an_event_rests_on_the_exact_sentence(source):
    accept_all(source)
    event = Event.objects.get(date=datetime.date(2020, 8, 9))
    assert [e.text for e in event.excerpts.all()] == [
        "On August 9, French Ambassador to Niger Claire Martin met with representatives of the "
        "Council for National Renewal (CNR)."
    ]


def test_the_coup_has_its_actors_in_roles(source):
    accept_all(source)
    coup = Event.objects.get(date=datetime.date(2020, 8, 4))
    roles = {(r.actor.name, r.role) for r in coup.roles.select_related("actor")}
    assert roles == {("Amadou Sanda", "target"), ("Nigerien Armed Forces", "initiator")}
    assert coup.kind == "coup"
    assert coup.country.iso2 == "NE"


def test_judgments_become_low_confidence_drafts_with_their_likelihood(source):
    accept_all(source)
    (assessment,) = Assessment.objects.all()
    assert (assessment.likelihood, assessment.confidence) == (Likelihood.UNLIKELY, Confidence.LOW)
    assert assessment.statement == "The CNR is unlikely to hold elections soon."
    assert [e.text for e in assessment.evidence_excerpts.all()] == [assessment.statement]


def test_accepting_twice_creates_nothing_more(source):
    chosen = choices(pending_suggestions(source))
    suggestions_accept(source=source, **chosen)
    before = counts()
    suggestions_accept(source=source, **chosen)
    assert counts() == before


def test_suggestions_after_accepting_list_only_what_is_left(source):
    accept_all(source)
    pending = pending_suggestions(source)
    suggestions = pending.suggestions
    assert (suggestions.actors, suggestions.events, suggestions.judgments) == ([], [], [])
    assert pending.hidden["events"] == 4


def test_accepting_part_leaves_the_rest_suggested(source):
    pending = pending_suggestions(source)
    chosen = choices(pending)
    chosen["events"] = chosen["events"][:1]
    suggestions_accept(source=source, **chosen)
    assert len(pending_suggestions(source).suggestions.events) == 3


def test_an_existing_actor_is_matched_by_alias_not_duplicated(source):
    council = ActorFactory(name="National Renewal Council", kind="state")
    ActorAlias.objects.create(actor=council, name="CNR")
    accept_all(source)
    assert not Actor.objects.filter(name="Council for National Renewal").exists()
    assert set(council.aliases.values_list("name", flat=True)) == {"CNR", "Council for National Renewal"}


def test_an_existing_actor_is_matched_approximately(source):
    sanda = ActorFactory(name="Amadou Sandá", kind="person")
    accept_all(source)
    assert Actor.objects.filter(name__startswith="Amadou").count() == 1
    assert EventActor.objects.filter(actor=sanda, role="target").exists()


def test_the_desk_actor_already_accepted_still_joins_new_events(source):
    pending = pending_suggestions(source)
    chosen = choices(pending)
    chosen["events"] = []
    suggestions_accept(source=source, **chosen)
    suggestions_accept(source=source, **choices(pending_suggestions(source)))
    coup = Event.objects.get(date=datetime.date(2020, 8, 4))
    assert coup.roles.count() == 2


def test_an_unticked_country_is_not_linked(source):
    accept_all(source, countries=["FR"])
    coup = Event.objects.get(date=datetime.date(2020, 8, 4))
    assert coup.country is None


def test_a_failure_mid_accept_creates_nothing(source, monkeypatch):
    before = counts()

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(accept_module.Assessment.objects, "create", broken)
    with pytest.raises(RuntimeError):
        accept_all(source)
    assert counts() == before


def test_a_position_outside_the_text_is_refused(source):
    chosen = choices(pending_suggestions(source))
    chosen["events"][0].end = len(ARTICLE) + 10
    with pytest.raises(ValidationError):
        suggestions_accept(source=source, **chosen)
    assert Excerpt.objects.count() == 0


def test_a_text_without_names_or_dates_suggests_nothing():
    quiet = SourceFactory(full_text="nothing here has a name, and nothing is dated.")
    suggestions = pending_suggestions(quiet).suggestions
    assert (suggestions.countries, suggestions.actors, suggestions.events) == ([], [], [])
