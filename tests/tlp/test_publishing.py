"""A briefing is never published below what it shows: the workflow refuses it, naming each
item, wherever the move comes from; an editor's re-marking of an item is logged."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from briefings import services
from briefings.models import Briefing, BriefingTransition, PublicationStatus, Tlp
from briefings.services.workflow import TransitionError

from ..factories import (
    AssessmentFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    UserFactory,
)
from ..helpers import briefing_in, future, post_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(role="editor")


@pytest.fixture
def in_review():
    """A briefing in review marked GREEN, whose judgment, event and excerpt are AMBER."""
    briefing = briefing_in(PublicationStatus.IN_REVIEW, marking=Tlp.GREEN, title="Sahel outlook")
    judgment = AssessmentFactory(statement="Wagner is likely to stay.", marking=Tlp.AMBER)
    KeyJudgmentFactory(briefing=briefing, assessment=judgment)
    event = EventFactory(title="Convoy seen at Gao", marking=Tlp.AMBER)
    briefing.events.add(event)
    judgment.evidence_excerpts.add(ExcerptFactory(text="A convoy was seen.", marking=Tlp.RED))
    return briefing


def refusal(error: TransitionError) -> str:
    return " ".join(error.messages)


def test_publishing_a_briefing_below_what_it_shows_is_refused_naming_each_item(in_review, editor):
    with pytest.raises(TransitionError) as refused:
        services.briefing_publish(briefing=in_review, user=editor)
    text = refusal(refused.value)
    assert "“Wagner is likely to stay.” is marked TLP:AMBER" in text
    assert "Convoy seen at Gao” is marked TLP:AMBER" in text
    assert "is marked TLP:RED, above the briefing's TLP:GREEN" in text
    assert Briefing.objects.get(pk=in_review.pk).status == PublicationStatus.IN_REVIEW


def test_a_briefing_marked_as_restrictively_as_what_it_shows_is_published(in_review, editor):
    Briefing.objects.filter(pk=in_review.pk).update(marking=Tlp.RED)
    in_review.refresh_from_db()
    services.briefing_publish(briefing=in_review, user=editor)
    assert Briefing.objects.get(pk=in_review.pk).status == PublicationStatus.PUBLISHED


def test_scheduling_a_briefing_below_what_it_shows_is_refused(in_review, editor):
    with pytest.raises(TransitionError) as refused:
        services.briefing_schedule(briefing=in_review, user=editor, at=future())
    assert "TLP:AMBER" in refusal(refused.value)


def test_the_admins_publish_button_is_refused_with_the_items_named(in_review, editor, client):
    client.force_login(editor)
    response = post_change(client, in_review, **{"workflow-action": "publish"})
    assert Briefing.objects.get(pk=in_review.pk).status == PublicationStatus.IN_REVIEW
    page = (
        response.content.decode()
        if response.status_code == 200
        else client.get(response.url).content.decode()
    )
    assert "Convoy seen at Gao" in page and "TLP:AMBER" in page


def test_publish_due_leaves_a_briefing_re_marked_below_its_items_in_review(in_review):
    # Scheduled when it was marked RED; re-marked AMBER since, below its RED excerpt.
    Briefing.objects.filter(pk=in_review.pk).update(
        marking=Tlp.AMBER, scheduled_for=timezone.now() - datetime.timedelta(minutes=1)
    )
    out = StringIO()
    call_command("publish_due", stdout=out)
    assert out.getvalue() == ""
    assert Briefing.objects.get(pk=in_review.pk).status == PublicationStatus.IN_REVIEW


def test_an_editors_re_marking_of_a_shown_item_is_logged_on_the_briefing(briefing_at, editor):
    briefing = briefing_at(Tlp.CLEAR)
    event = briefing.events.get()
    services.material_remark(obj=event, user=editor, marking=Tlp.GREEN)
    event.refresh_from_db()
    assert event.marking == Tlp.GREEN
    log = BriefingTransition.objects.filter(briefing=briefing).last()
    assert "re-marked from TLP:CLEAR to TLP:GREEN" in log.comment
    assert log.user == editor


def test_an_analyst_may_not_re_mark_what_readers_see(briefing_at):
    from django.core.exceptions import PermissionDenied

    briefing = briefing_at(Tlp.CLEAR)
    with pytest.raises(PermissionDenied):
        services.material_remark(obj=briefing.events.get(), user=UserFactory(role="analyst"), marking=Tlp.RED)


def test_an_editors_re_marking_in_the_admin_is_logged_with_both_labels(briefing_at, editor, client):
    briefing = briefing_at(Tlp.CLEAR)
    event = briefing.events.get()
    client.force_login(editor)
    response = post_change(client, event, marking=Tlp.AMBER)
    assert response.status_code == 302
    log = BriefingTransition.objects.filter(briefing=briefing).last()
    assert "re-marked from TLP:CLEAR to TLP:AMBER" in log.comment
