"""The security tests' own fixtures: the corpus of hostile text, and one published briefing
holding it in every field, loaded once for the tests that read it (`SharedLoad`)."""

from pathlib import Path

import pytest

from briefings.models import Briefing

from ..conftest import SharedLoad, _reader_of
from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    CountryTrendFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    SourceFactory,
    country,
)

PAYLOADS = [
    line
    for line in Path(__file__).with_name("xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def load_hostile_briefing():
    """A published briefing whose every field, and every row it shows, holds a payload."""
    joined = "\n\n".join(PAYLOADS)
    briefing = BriefingFactory(
        published=True, slug="hostile", title=PAYLOADS[0], summary=joined, body=joined, revision_note=joined
    )
    source = SourceFactory(
        title=PAYLOADS[1],
        author=PAYLOADS[2],
        publisher=PAYLOADS[3],
        full_text=joined,
        url="https://example.org/a",
    )
    for number, payload in enumerate(PAYLOADS):
        actor = ActorFactory(name=payload[:200], role_title=payload[:200], description=payload)
        ActorAliasFactory(actor=actor, name=f"{payload[:190]} {number}")
        target = ActorFactory(name=f"target {number} {payload[:180]}")
        event = EventFactory(
            title=payload[:300], description=payload, place=payload[:200], country=country("ML")
        )
        EventActorFactory(event=event, actor=actor, role="initiator")
        EventActorFactory(event=event, actor=target, role="target")
        excerpt = ExcerptFactory(source=source, text=payload, start=None, end=None)
        event.excerpts.add(excerpt)
        assessment = AssessmentFactory(
            statement=payload, rationale=payload, assumptions=payload, alternatives=payload
        )
        assessment.evidence_excerpts.add(excerpt)
        assessment.evidence_events.add(event)
        KeyJudgmentFactory(briefing=briefing, assessment=assessment, order=number + 1)
        briefing.events.add(event)
        briefing.actors.add(actor)
    briefing.sources.add(source)
    briefing.countries.add(country("ML"))
    CountryTrendFactory(country=country("ML"), reason=PAYLOADS[4][:300], published=True)
    return briefing


SHARED_HOSTILE = SharedLoad("hostile_briefing", load_hostile_briefing)


@pytest.fixture(scope="session")
def _hostile_loaded(django_db_setup, django_db_blocker):
    yield from SHARED_HOSTILE.session(django_db_blocker)


@pytest.fixture
def hostile_briefing(request, _hostile_loaded, db):
    """The hostile briefing, loaded once for the tests that only read it."""
    _reader_of(request, SHARED_HOSTILE)
    return Briefing.objects.get(slug="hostile")
