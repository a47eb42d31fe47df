"""What readers see changes only with an editor: an analyst's change to material a published
briefing shows is refused, with the reason, by every path; an editor's is logged on the
briefing (`briefings.services.published`)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied

from briefings.models import (
    BriefingTransition,
    Event,
    PublicationStatus,
)
from briefings.services import country_trend_transition
from briefings.services.history import version_restore, versions_of
from briefings.services.published import material_check_change

from ..factories import (
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
from ..helpers import admin_url, change_url, client_for, open_change_form, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown():
    """A published briefing and everything its page shows."""
    briefing = BriefingFactory(published=True, title="Mali after the coup")
    source = SourceFactory(title="The wire report")
    excerpt = ExcerptFactory(source=source)
    event = EventFactory(title="The coup", country=country("ML"))
    event.excerpts.add(excerpt)
    actor = ActorFactory(name="The junta")
    EventActorFactory(event=event, actor=actor)
    assessment = AssessmentFactory(statement="The junta is likely to stay.")
    assessment.evidence_excerpts.add(excerpt)
    KeyJudgmentFactory(briefing=briefing, assessment=assessment)
    briefing.events.add(event)
    briefing.countries.add(country("ML"))
    return {
        "briefing": briefing,
        "assessment": assessment,
        "event": event,
        "actor": actor,
        "excerpt": excerpt,
        "source": source,
        "country": country("ML"),
    }


# Each kind of material a published page shows, and a field an analyst might change.
MATERIAL = [
    ("assessment", "statement", "The junta will fall."),
    ("event", "title", "A different coup"),
    ("actor", "name", "Another junta"),
    ("excerpt", "text", "The ambassador met the committee."),
    ("source", "title", "Another title"),
    ("country", "name", "Mali (renamed)"),
]


@pytest.mark.parametrize(("kind", "field", "value"), MATERIAL)
def test_analyst_sees_published_material_read_only_with_the_reason(shown, analyst, kind, field, value):
    response = client_for(analyst).get(change_url(shown[kind]))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Mali after the coup" in m and "only an editor may change it" in m for m in messages)


@pytest.mark.parametrize(("kind", "field", "value"), MATERIAL)
def test_analyst_posting_a_change_to_published_material_changes_nothing(
    shown, analyst, editor, kind, field, value
):
    obj = shown[kind]
    fields = open_change_form(client_for(editor), obj)  # what a crafted post would send

    response = client_for(analyst).post(change_url(obj), post_data(fields, **{field: value}))

    assert response.status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, field) != value


@pytest.mark.parametrize(("kind", "field", "value"), MATERIAL)
def test_editors_change_to_published_material_is_logged_on_the_briefing(shown, editor, kind, field, value):
    obj = shown[kind]
    client = client_for(editor)

    response = client.post(change_url(obj), post_data(open_change_form(client, obj), **{field: value}))

    assert response.status_code == 302
    note = BriefingTransition.objects.filter(briefing=shown["briefing"]).latest("pk")
    assert note.comment.startswith("Revised after publication:") and note.user == editor


@pytest.mark.parametrize(("kind", "field", "value"), MATERIAL)
def test_analyst_changes_material_no_published_page_shows(analyst, kind, field, value):
    make = {
        "assessment": AssessmentFactory,
        "event": EventFactory,
        "actor": ActorFactory,
        "excerpt": ExcerptFactory,
        "source": SourceFactory,
    }
    if kind == "country":
        pytest.skip("every country has a page; a country no briefing shows is covered by the rule below")
    obj = make[kind]()
    client = client_for(analyst)

    response = client.post(change_url(obj), post_data(open_change_form(client, obj), **{field: value}))

    assert response.status_code == 302


def test_a_country_no_published_briefing_shows_stays_open_to_analysts(analyst):
    assert not material_check_change(user=analyst, obj=country("NE"))


def test_analyst_cannot_change_an_excerpt_through_its_sources_inline(shown, analyst, editor):
    fields = open_change_form(client_for(editor), shown["source"])

    response = client_for(analyst).post(
        change_url(shown["source"]), post_data(fields, **{"excerpts-0-credibility": "1"})
    )

    assert response.status_code == 403
    shown["excerpt"].refresh_from_db()
    assert shown["excerpt"].credibility != 1


def test_analyst_cannot_delete_published_material_with_a_bulk_action(shown, analyst):
    client_for(analyst).post(
        admin_url(Event, "changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [shown["event"].pk], "post": "yes"},
    )

    assert Event.objects.filter(pk=shown["event"].pk).exists()


def test_analyst_cannot_restore_an_old_version_of_published_material(shown, analyst):
    version = versions_of(shown["event"]).last()

    with pytest.raises(PermissionDenied):
        version_restore(version=version, user=analyst, expected_version=shown["event"].version)


def test_service_refuses_an_analysts_change_to_published_material(shown, analyst):
    with pytest.raises(PermissionDenied, match="only an editor may change it"):
        material_check_change(user=analyst, obj=shown["event"])


def test_accepting_suggestions_leaves_a_published_actor_as_readers_see_it(shown, analyst):
    from briefings.services.suggestions import ActorChoice, suggestions_accept

    source = SourceFactory(full_text="The junta, also called the CNSP, met the envoy.")
    result = suggestions_accept(
        source=source,
        countries=[],
        actors=[
            ActorChoice(
                ref="a1", name="The junta", kind="armed_force", match=shown["actor"].pk,
                start=0, end=len(source.full_text), aliases=["CNSP"],
            )
        ],
        events=[],
        judgments=[],
        user=analyst,
    )  # fmt: skip

    assert not shown["actor"].aliases.filter(name="CNSP").exists()
    assert "actor “The junta”" in result.summary


def test_analyst_cannot_change_a_published_trend(analyst, editor):
    trend = CountryTrendFactory(status=PublicationStatus.DRAFT)
    country_trend_transition(trend=trend, to_status=PublicationStatus.IN_REVIEW, user=editor)
    country_trend_transition(trend=trend, to_status=PublicationStatus.PUBLISHED, user=editor)

    response = client_for(analyst).get(change_url(trend))

    assert not response.context["has_change_permission"]


def test_analyst_cannot_return_a_trend_in_review_to_draft(analyst, editor):
    trend = CountryTrendFactory(status=PublicationStatus.DRAFT)
    country_trend_transition(trend=trend, to_status=PublicationStatus.IN_REVIEW, user=analyst)

    with pytest.raises(PermissionDenied):
        country_trend_transition(trend=trend, to_status=PublicationStatus.DRAFT, user=analyst)
    trend.refresh_from_db()
    assert trend.status == PublicationStatus.IN_REVIEW
