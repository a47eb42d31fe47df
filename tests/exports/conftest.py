"""Fixtures of the export tests: a small briefing that uses every part of the STIX mapping,
and MISP's own STIX 2.1 importer (misp-stix), run in-process as MISP runs it."""

import functools

import pytest

from briefings.models import ActorKind, ActorRole, Confidence, Likelihood

from ..factories import (
    ActorAliasFactory,
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
def briefing():
    """A small published briefing: a coup by an armed group against a president, judged."""
    mali = country("ML")
    briefing = BriefingFactory(published=True, title="Coup in Mali")
    briefing.countries.add(mali)
    group = ActorFactory(name="Breakaway soldiers", kind=ActorKind.ARMED_GROUP)
    ActorAliasFactory(actor=group, name="the mutineers")
    president = ActorFactory(name="Ibrahim Boubacar Keita", kind=ActorKind.PERSON)
    president.countries.add(mali)
    event = EventFactory(title="Soldiers overthrow the president", country=mali, place="Bamako")
    EventActorFactory(event=event, actor=group, role=ActorRole.INITIATOR)
    EventActorFactory(event=event, actor=president, role=ActorRole.TARGET)
    excerpt = ExcerptFactory(credibility=2)
    event.excerpts.add(excerpt)
    briefing.events.add(event)
    briefing.sources.add(excerpt.source)
    assessment = AssessmentFactory(
        statement="Russia is unlikely to deploy contractors.",
        likelihood=Likelihood.UNLIKELY,
        confidence=Confidence.MODERATE,
    )
    assessment.evidence_events.add(event)
    assessment.evidence_excerpts.add(excerpt)
    KeyJudgmentFactory(briefing=briefing, assessment=assessment, order=1)
    return briefing


@functools.cache
def _misp_import(bundle_json: str):
    # Imported here: misp-stix loads its STIX 1 stack too, which only these tests need.
    from misp_stix_converter.stix2misp.external_stix2_to_misp import ExternalSTIX2toMISPParser
    from misp_stix_converter.tools.stix2_loading_helpers import load_stix2_content

    # What MISP's "Import from STIX 2.1" does with a file from another producer: the
    # external parser, with its defaults (one MISP event per report or grouping).
    parser = ExternalSTIX2toMISPParser()
    parser.load_stix_bundle(load_stix2_content(bundle_json))
    parser.parse_stix_bundle()
    return parser


@pytest.fixture
def misp_import():
    """Imports a bundle's JSON as MISP does; returns the parser, which holds the MISP
    event(s) it made and its error and warning lists. A bundle is converted once per run:
    the conversion depends on its bytes alone."""
    return _misp_import
