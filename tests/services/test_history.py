"""History: every save keeps a version; restoring one brings back its rows and is itself a
new version that the version check guards."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from briefings.models import (
    Actor,
    ActorAlias,
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    PublicationStatus,
    Region,
    Source,
    VersionConflict,
)
from briefings.services import history

from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    SourceFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def restorer(db):
    return UserFactory(username="restorer", role="editor", first_name="Rita", last_name="Editor")


def save_as(user, obj, comment="Edited."):
    """A save as the admin makes it: one revision, by a user."""
    with history.revision(user, comment):
        obj.save()
    return obj


def latest_version(obj) -> Version:
    return history.versions_of(obj).first()


@pytest.fixture
def briefing_with_two_judgments(restorer):
    briefing = BriefingFactory(title="Russia and the coup", summary="Moscow gains.")
    KeyJudgmentFactory(briefing=briefing, order=1, assessment__statement="Russia gains economically.")
    KeyJudgmentFactory(briefing=briefing, order=2, assessment__statement="Wagner deploys by 2022.")
    briefing.countries.set([country("ML"), country("RU")])
    return save_as(restorer, briefing, "Two key judgments.")


@pytest.mark.parametrize(
    "make",
    [BriefingFactory, AssessmentFactory, EventFactory, ActorFactory, SourceFactory, ExcerptFactory],
)
def test_every_save_keeps_a_version_even_outside_the_admin(make):
    obj = make()
    obj.save()

    assert history.versions_of(obj).count() == 2


def test_saves_in_one_revision_are_kept_together(restorer):
    briefing = BriefingFactory()
    assessment = AssessmentFactory()
    with history.revision(restorer, "Both at once."):
        briefing.save()
        assessment.save()

    assert latest_version(briefing).revision == latest_version(assessment).revision


def test_a_version_records_who_saved_it_and_why(briefing_with_two_judgments, restorer):
    revision = latest_version(briefing_with_two_judgments).revision

    assert (revision.user, revision.comment) == (restorer, "Two key judgments.")


def test_restoring_brings_back_a_removed_key_judgment(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    briefing.judgment_links.get(order=2).delete()
    save_as(restorer, briefing, "Dropped the Wagner judgment.")

    history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    assert list(briefing.judgment_links.values_list("assessment__statement", flat=True)) == [
        "Russia gains economically.",
        "Wagner deploys by 2022.",
    ]


def test_restoring_removes_a_key_judgment_added_since(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    KeyJudgmentFactory(briefing=briefing, order=3, assessment__statement="Added later.")
    save_as(restorer, briefing)

    history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    assert briefing.judgment_links.count() == 2


def test_restoring_leaves_the_assessments_text_alone(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    assessment = Assessment.objects.get(statement="Russia gains economically.")
    assessment.statement = "Russia gains a great deal."
    save_as(restorer, assessment)

    history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    assessment.refresh_from_db()
    assert assessment.statement == "Russia gains a great deal."


def test_restoring_brings_back_fields_and_countries(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    briefing.title, briefing.body = "Renamed", "New **body**."
    briefing.countries.set([country("FR")])
    save_as(restorer, briefing)

    history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    briefing.refresh_from_db()
    assert (briefing.title, sorted(briefing.countries.values_list("iso2", flat=True))) == (
        "Russia and the coup",
        ["ML", "RU"],
    )


def test_restoring_rebuilds_the_rendered_body(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    briefing.body = "Changed *later*."
    save_as(restorer, briefing)

    history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    briefing.refresh_from_db()
    assert "<strong>analysis</strong>" in briefing.body_html


def test_restoring_is_itself_a_new_version(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    briefing.title = "Renamed"
    save_as(restorer, briefing)
    count = history.versions_of(briefing).count()

    history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    newest = latest_version(briefing)
    assert history.versions_of(briefing).count() == count + 1
    assert newest.revision.comment.startswith("Restored the version of ")


def test_restoring_raises_the_version_number(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    briefing.title = "Renamed"
    save_as(restorer, briefing)
    before = Briefing.objects.get(pk=briefing.pk).version

    report = history.version_restore(version=old, user=restorer, expected_version=before)

    assert report.obj.version == before + 1


def test_restoring_over_a_newer_save_is_refused(briefing_with_two_judgments, restorer):
    briefing = briefing_with_two_judgments
    old = latest_version(briefing)
    seen = Briefing.objects.get(pk=briefing.pk).version
    briefing.title = "Saved by someone else meanwhile"
    save_as(restorer, briefing)

    with pytest.raises(VersionConflict):
        history.version_restore(version=old, user=restorer, expected_version=seen)

    briefing.refresh_from_db()
    assert briefing.title == "Saved by someone else meanwhile"


def test_restoring_keeps_the_briefings_place_in_the_workflow(restorer):
    briefing = save_as(restorer, BriefingFactory(title="Draft title"))
    old = latest_version(briefing)
    Briefing.objects.filter(pk=briefing.pk).update(status=PublicationStatus.IN_REVIEW)
    briefing.refresh_from_db()
    briefing.title = "Reviewed title"
    save_as(restorer, briefing)

    history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    briefing.refresh_from_db()
    assert (briefing.title, briefing.status) == ("Draft title", PublicationStatus.IN_REVIEW)


def test_restoring_an_event_brings_back_its_actors_roles(restorer):
    role = EventActorFactory(event__title="Coup in Mali")
    event = save_as(restorer, role.event)
    old = latest_version(event)
    role.delete()
    save_as(restorer, event)

    history.version_restore(version=old, user=restorer, expected_version=event.version)

    assert EventActor.objects.filter(event=event).count() == 1


def test_restoring_an_actor_brings_back_its_aliases(restorer):
    actor = ActorFactory(name="National Committee for the Salvation of the People")
    ActorAliasFactory(actor=actor, name="CNSP")
    save_as(restorer, actor)
    old = latest_version(actor)
    actor.aliases.all().delete()
    save_as(restorer, actor)

    history.version_restore(version=old, user=restorer, expected_version=actor.version)

    assert list(actor.aliases.values_list("name", flat=True)) == ["CNSP"]


def test_restoring_a_source_brings_back_a_deleted_excerpt(restorer):
    excerpt = ExcerptFactory()
    source = save_as(restorer, excerpt.source)
    old = latest_version(source)
    excerpt.delete()
    save_as(restorer, source)

    history.version_restore(version=old, user=restorer, expected_version=source.version)

    assert list(source.excerpts.values_list("text", flat=True)) == [
        "On August 18 the president was overthrown."
    ]


def test_restoring_a_source_keeps_excerpts_added_since(restorer):
    source = save_as(restorer, SourceFactory())
    old = latest_version(source)
    ExcerptFactory(source=source)
    save_as(restorer, source)

    history.version_restore(version=old, user=restorer, expected_version=source.version)

    assert source.excerpts.count() == 1


def test_restoring_an_assessment_keeps_its_recorded_outcome(restorer):
    assessment = save_as(restorer, AssessmentFactory(statement="Old wording."))
    old = latest_version(assessment)
    Assessment.objects.filter(pk=assessment.pk).update(
        statement="New wording.", outcome="happened", outcome_on="2022-01-01"
    )
    assessment.refresh_from_db()

    history.version_restore(version=old, user=restorer, expected_version=assessment.version)

    assessment.refresh_from_db()
    assert (assessment.statement, assessment.outcome) == ("Old wording.", "happened")


def test_restoring_leaves_out_links_to_rows_deleted_since(restorer):
    event = EventFactory()
    briefing = BriefingFactory()
    briefing.events.set([event])
    save_as(restorer, briefing)
    old = latest_version(briefing)
    event.delete()

    report = history.version_restore(version=old, user=restorer, expected_version=briefing.version)

    assert report.left_out
    assert not briefing.events.exists()


def test_only_editors_may_restore(briefing_with_two_judgments):
    analyst = UserFactory(username="analyst", is_staff=True, permissions=["change_briefing", "view_briefing"])
    old = latest_version(briefing_with_two_judgments)

    with pytest.raises(PermissionDenied):
        history.version_restore(
            version=old, user=analyst, expected_version=briefing_with_two_judgments.version
        )


def test_a_user_with_the_restore_permission_may_restore(briefing_with_two_judgments):
    restorer = UserFactory(
        username="restorer2",
        is_staff=True,
        permissions=["change_briefing", "view_briefing", "restore_version"],
    )
    old = latest_version(briefing_with_two_judgments)

    history.version_restore(version=old, user=restorer, expected_version=briefing_with_two_judgments.version)

    assert latest_version(briefing_with_two_judgments).revision.user == restorer


def test_recovering_a_deleted_briefing_brings_back_its_key_judgments(briefing_with_two_judgments, restorer):
    pk = briefing_with_two_judgments.pk
    briefing_with_two_judgments.delete()
    [deleted] = history.deleted_versions(Briefing)

    report = history.version_recover(version=deleted, user=restorer)

    assert report.obj.pk == pk
    assert KeyJudgment.objects.filter(briefing_id=pk).count() == 2


def test_recovering_an_object_that_exists_is_refused(briefing_with_two_judgments, restorer):
    version = latest_version(briefing_with_two_judgments)

    with pytest.raises(ValidationError):
        history.version_recover(version=version, user=restorer)


def test_recovering_a_deleted_actor_brings_back_its_aliases(restorer):
    actor = ActorFactory(name="Wagner Group")
    ActorAliasFactory(actor=actor, name="PMC Wagner")
    save_as(restorer, actor)
    actor.delete()
    [deleted] = history.deleted_versions(Actor)

    report = history.version_recover(version=deleted, user=restorer)

    assert list(report.obj.aliases.values_list("name", flat=True)) == ["PMC Wagner"]


def test_only_editors_may_recover(restorer):
    source = SourceFactory()
    source.delete()
    [deleted] = history.deleted_versions(Source)
    analyst = UserFactory(
        username="analyst", is_staff=True, permissions=["add_source", "change_source", "view_source"]
    )

    with pytest.raises(PermissionDenied):
        history.version_recover(version=deleted, user=analyst)


def test_versions_name_countries_by_iso_code(briefing_with_two_judgments):
    data = latest_version(briefing_with_two_judgments).serialized_data

    assert '["ML"]' in data and '["RU"]' in data


def test_models_with_history_are_registered_in_one_place():
    import reversion

    kept = {
        Briefing, Assessment, Event, Actor, Source, Excerpt, KeyJudgment, EventActor, ActorAlias,
        CountryTrend, Country, Region,
    }  # fmt: skip

    assert {m for m in reversion.get_registered_models() if m._meta.app_label == "briefings"} == kept
