"""Search's shared fixtures: a published briefing with material of every kind."""

import pytest

from briefings.models import EventKind

from ..factories import (
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    country,
)


@pytest.fixture
def mali():
    return country("ML")


@pytest.fixture
def briefing_with_material(mali):
    """A published briefing on Mali with a judgment, an event (a coup by an actor) and a passage."""
    briefing = BriefingFactory(
        published=True,
        title="Russia and the coup in Mali",
        summary="Moscow welcomed the junta quickly.",
        body="The **ambassador** met the committee within days.",
    )
    briefing.countries.add(mali)
    actor = ActorFactory(name="Malian Armed Forces", kind="armed_force")
    actor.countries.add(mali)
    briefing.actors.add(actor)
    event = EventFactory(title="Soldiers overthrow the president", kind=EventKind.COUP, country=mali)
    EventActorFactory(event=event, actor=actor)
    briefing.events.add(event)
    excerpt = ExcerptFactory()
    event.excerpts.add(excerpt)
    judgment = KeyJudgmentFactory(
        briefing=briefing, assessment=AssessmentFactory(statement="Russia is likely to gain influence.")
    ).assessment
    return {"briefing": briefing, "actor": actor, "event": event, "excerpt": excerpt, "judgment": judgment}
