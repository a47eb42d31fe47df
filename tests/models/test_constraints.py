"""The database refuses bad rows however they are written: these go around the admin
and the models' clean(), straight to create()/update()."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from briefings import models

from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    CountryFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    RegionFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db


def refused(write, constraint: str | None = None):
    """Run `write`; true when the database refuses it (naming `constraint`, if given)."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    # SQLite and PostgreSQL both name a violated CHECK constraint; only PostgreSQL names
    # a violated UNIQUE one, so those are checked by the refusal alone.
    return constraint is None or constraint in str(error.value)


# --- Check constraints: each named, each refusing its bad row ------------------------


def test_event_end_not_before_start():
    event = EventFactory(date=datetime.date(2020, 8, 18))
    assert refused(
        lambda: models.Event.objects.filter(pk=event.pk).update(end_date=datetime.date(2020, 8, 17)),
        "event_end_not_before_start",
    )


def test_event_may_end_on_the_day_it_starts():
    event = EventFactory(date=datetime.date(2020, 8, 18), end_date=datetime.date(2020, 8, 18))
    assert event.pk


def test_event_kind_valid():
    assert refused(lambda: EventFactory(kind="picnic"), "event_kind_valid")


def test_event_precision_valid():
    assert refused(lambda: EventFactory(date_precision="week"), "event_precision_valid")


def test_briefing_published_has_published_at():
    assert refused(
        lambda: BriefingFactory(status=models.PublicationStatus.PUBLISHED, published_at=None),
        "briefing_published_has_published_at",
    )


def test_briefing_published_at_cannot_be_cleared_by_update():
    briefing = BriefingFactory(published=True)
    assert refused(
        lambda: models.Briefing.objects.filter(pk=briefing.pk).update(published_at=None),
        "briefing_published_has_published_at",
    )


def test_briefing_status_valid():
    assert refused(lambda: BriefingFactory(status="archived"), "briefing_status_valid")


def test_assessment_likelihood_valid():
    assert refused(lambda: AssessmentFactory(likelihood="probable"), "assessment_likelihood_valid")


def test_assessment_without_likelihood_is_allowed():
    assert AssessmentFactory(likelihood="").pk


def test_assessment_confidence_valid():
    assert refused(lambda: AssessmentFactory(confidence="certain"), "assessment_confidence_valid")


def test_assessment_confidence_required():
    assert refused(lambda: AssessmentFactory(confidence=""), "assessment_confidence_valid")


@pytest.mark.parametrize("probability", [0, 100])
def test_assessment_probability_in_range(probability):
    assert refused(lambda: AssessmentFactory(probability=probability), "assessment_probability_in_range")


def test_assessment_outcome_valid():
    assert refused(
        lambda: AssessmentFactory(outcome="maybe", outcome_on=datetime.date(2021, 12, 1)),
        "assessment_outcome_valid",
    )


def test_source_reliability_valid():
    assert refused(lambda: SourceFactory(reliability="G"), "source_reliability_valid")


def test_excerpt_position_ordered_refuses_end_before_start():
    assert refused(lambda: ExcerptFactory(start=10, end=5), "excerpt_position_ordered")


def test_excerpt_position_ordered_refuses_empty_span():
    assert refused(lambda: ExcerptFactory(start=10, end=10), "excerpt_position_ordered")


def test_excerpt_position_ordered_refuses_start_without_end():
    assert refused(lambda: ExcerptFactory(start=10, end=None), "excerpt_position_ordered")


def test_excerpt_credibility_valid():
    assert refused(lambda: ExcerptFactory(credibility=7), "excerpt_credibility_valid")


def test_country_iso2_two_capitals():
    assert refused(
        lambda: CountryFactory(iso2="xq", iso3="XQA", name="Xq", slug="xq"),
        "country_iso2_two_capitals",
    )


def test_country_iso3_three_capitals():
    assert refused(
        lambda: CountryFactory(iso2="XQ", iso3="X1A", name="Xq", slug="xq"),
        "country_iso3_three_capitals",
    )


def test_event_actor_role_valid():
    assert refused(lambda: EventActorFactory(role="bystander"), "event_actor_role_valid")


# --- Uniqueness ----------------------------------------------------------------------


def test_briefing_slug_unique():
    BriefingFactory(slug="russia-mali")
    assert refused(lambda: BriefingFactory(slug="russia-mali"))


def test_actor_slug_unique():
    ActorFactory(slug="wagner")
    assert refused(lambda: ActorFactory(slug="wagner"))


def test_event_slug_unique():
    EventFactory(slug="coup-in-mali")
    assert refused(lambda: EventFactory(slug="coup-in-mali"))


def test_country_slug_unique():
    assert refused(lambda: CountryFactory(iso2="XQ", iso3="XQA", name="Mali", slug="mali"))


def test_country_iso2_unique():
    assert refused(lambda: CountryFactory(iso2="ML", iso3="XQA", name="Xq", slug="xq"))


def test_country_iso3_unique():
    assert refused(lambda: CountryFactory(iso2="XQ", iso3="MLI", name="Xq", slug="xq"))


def test_region_name_unique():
    RegionFactory(name="Lake Chad Basin")
    assert refused(lambda: RegionFactory(name="Lake Chad Basin", slug="another"))


def test_region_slug_unique():
    RegionFactory(name="Lake Chad Basin", slug="lake-chad")
    assert refused(lambda: RegionFactory(name="Lake Chad", slug="lake-chad"))


def test_actor_alias_unique_per_actor():
    alias = ActorAliasFactory(name="CNSP")
    assert refused(lambda: ActorAliasFactory(actor=alias.actor, name="CNSP"))


def test_same_alias_may_name_two_actors():
    ActorAliasFactory(name="the junta")
    assert ActorAliasFactory(name="the junta").pk


def test_event_actor_role_unique():
    link = EventActorFactory()
    assert refused(lambda: EventActorFactory(event=link.event, actor=link.actor, role=link.role))


def test_actor_may_hold_two_roles_in_one_event():
    link = EventActorFactory(role=models.ActorRole.INITIATOR)
    assert EventActorFactory(event=link.event, actor=link.actor, role=models.ActorRole.PARTICIPANT).pk


def test_key_judgment_once_per_briefing():
    link = KeyJudgmentFactory()
    assert refused(lambda: KeyJudgmentFactory(briefing=link.briefing, assessment=link.assessment))


# --- Foreign keys that protect what is cited -----------------------------------------


def test_assessment_cited_as_key_judgment_cannot_be_deleted():
    from django.db.models import ProtectedError

    link = KeyJudgmentFactory()
    with pytest.raises(ProtectedError):
        link.assessment.delete()


def test_country_with_events_cannot_be_deleted():
    from django.db.models import ProtectedError

    EventFactory(country=country("ML"))
    with pytest.raises(ProtectedError):
        country("ML").delete()


def test_future_published_at_is_allowed_for_scheduling():
    briefing = BriefingFactory(
        status=models.PublicationStatus.PUBLISHED, published_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert not briefing.is_public
