"""Fixtures for TLP markings and readers: organisations, readers at each clearance, and
published briefings marked at each level whose every item carries that level's canary."""

import datetime

import pytest
from django.utils import timezone

from briefings.models import Organisation, PublicationStatus, Tlp

from ..factories import (
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    OrganisationFactory,
    ReaderProfileFactory,
    SourceFactory,
    country,
)

# A word per level, as it appears in canary strings ("amber+strict" has no "+").
TAGS = {
    Tlp.CLEAR: "Clear",
    Tlp.GREEN: "Green",
    Tlp.AMBER: "Amber",
    Tlp.AMBER_STRICT: "Amberstrict",
    Tlp.RED: "Red",
}


def secret(level: str) -> str:
    """The string every item marked `level` carries, and no page ever echoes from a request."""
    return f"Canary{TAGS[level]}Secret"


def term(level: str) -> str:
    """The word a reader searches to find the items marked `level`."""
    return f"zqx{TAGS[level].lower()}"


@pytest.fixture
def desk(db):
    """The desk's own organisation: owner of every briefing."""
    return Organisation.objects.create(name="The desk", is_desk=True)


@pytest.fixture
def partner(db):
    """An organisation a restricted briefing is for."""
    return OrganisationFactory(name="Partner ministry")


@pytest.fixture
def partner_client(partner):
    """A client of the partner: TLP:AMBER reaches it, AMBER+STRICT does not."""
    return OrganisationFactory(name="Partner's contractor", client_of=partner)


@pytest.fixture
def outsider(db):
    """An organisation no briefing names."""
    return OrganisationFactory(name="Unrelated agency")


@pytest.fixture
def make_reader(db):
    def make(clearance=Tlp.GREEN, organisation=None, **kwargs):
        extra = {"organisation": organisation} if organisation is not None else {}
        return ReaderProfileFactory(clearance=clearance, **extra, **kwargs)

    return make


def marked_briefing(level: str, *, recipients=(), readers=(), tag: str = ""):
    """A published briefing marked `level`, with a judgment, an event, an excerpt, a source
    and an actor of its own, each marked `level` and carrying its canary (that of `tag`, a
    word of one's own, when several briefings share a level)."""
    tag = tag or TAGS[level]
    words = f"Canary{tag}Secret zqx{tag.lower()}"
    tag = tag.lower()
    source = SourceFactory(title=f"Source {words}", full_text=f"The text {words} goes on.", marking=level)
    excerpt = ExcerptFactory(source=source, text=f"The text {words}", marking=level)
    event = EventFactory(title=f"Event {words}", slug=f"event-{tag}", country=country("ML"), marking=level)
    event.excerpts.add(excerpt)
    actor = ActorFactory(name=f"Actor {words}", slug=f"actor-{tag}")
    EventActorFactory(event=event, actor=actor)
    judgment = AssessmentFactory(statement=f"Judgment {words} is likely to hold.", marking=level)
    judgment.evidence_events.add(event)
    judgment.evidence_excerpts.add(excerpt)
    judgment.countries.add(country("ML"))
    briefing = BriefingFactory(
        title=f"Briefing {words}",
        slug=f"briefing-{tag}",
        summary=f"Bottom line {words}.",
        marking=level,
        status=PublicationStatus.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    KeyJudgmentFactory(briefing=briefing, assessment=judgment, order=1)
    briefing.events.add(event)
    briefing.sources.add(source)
    briefing.actors.add(actor)
    briefing.countries.add(country("ML"))
    briefing.recipient_organisations.add(*recipients)
    briefing.recipient_readers.add(*readers)
    return briefing


@pytest.fixture
def briefing_at():
    return marked_briefing
