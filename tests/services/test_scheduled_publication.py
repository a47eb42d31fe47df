"""Scheduled publication: private until its time, then published by `publish_due`, a
command cron can run every few minutes."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from briefings import services
from briefings.models import Briefing, PublicationStatus

from ..helpers import briefing_in


def scheduled(editor, *, minutes: int, **fields) -> Briefing:
    """A reviewed briefing scheduled `minutes` from now (negative: already due)."""
    briefing = briefing_in(PublicationStatus.IN_REVIEW, **fields)
    services.briefing_schedule(
        briefing=briefing, user=editor, at=timezone.now() + datetime.timedelta(hours=1)
    )
    # Moved into the past by hand: the service rightly refuses a time that has gone.
    at = timezone.now() + datetime.timedelta(minutes=minutes)
    Briefing.objects.filter(pk=briefing.pk).update(scheduled_for=at)
    briefing.refresh_from_db()
    return briefing


def publish_due(*args) -> str:
    out = io.StringIO()
    call_command("publish_due", *args, stdout=out)
    return out.getvalue()


def test_scheduled_briefing_is_not_public_before_its_time(client, editor):
    briefing = scheduled(editor, minutes=30)
    publish_due()
    assert not Briefing.objects.published().filter(pk=briefing.pk).exists()
    assert client.get(briefing.get_absolute_url()).status_code == 404


def test_command_publishes_what_is_due(client, editor):
    briefing = scheduled(editor, minutes=-5)
    publish_due()
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.PUBLISHED
    assert client.get(briefing.get_absolute_url()).status_code == 200


def test_publication_date_is_the_scheduled_time(editor):
    briefing = scheduled(editor, minutes=-5)
    due_at = briefing.scheduled_for
    publish_due()
    briefing.refresh_from_db()
    assert (briefing.published_at, briefing.scheduled_for) == (due_at, None)


def test_command_records_the_desk_as_publisher(editor):
    briefing = scheduled(editor, minutes=-5)
    publish_due()
    step = briefing.transitions.get(to_status=PublicationStatus.PUBLISHED)
    assert (step.user, step.from_status) == (None, PublicationStatus.IN_REVIEW)
    assert step.comment.startswith("Published as scheduled for")


def test_command_prints_what_it_published(editor):
    scheduled(editor, minutes=-5, title="Wagner arrives", slug="wagner-arrives")
    output = publish_due()
    assert output.startswith("Published “Wagner arrives” (/briefings/wagner-arrives/), scheduled for ")


def test_command_is_idempotent(editor):
    briefing = scheduled(editor, minutes=-5)
    publish_due()
    assert publish_due() == ""
    assert briefing.transitions.filter(to_status=PublicationStatus.PUBLISHED).count() == 1


def test_command_is_quiet_at_verbosity_zero(editor):
    briefing = scheduled(editor, minutes=-5)
    assert publish_due("--verbosity", "0") == ""
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.PUBLISHED


def test_command_says_nothing_is_due_only_when_asked(db):
    assert publish_due() == ""
    assert publish_due("--verbosity", "2") == "No briefing is due for publication.\n"


def test_command_skips_a_schedule_cancelled_by_a_return_to_draft(editor):
    briefing = scheduled(editor, minutes=-5)
    services.briefing_return_to_draft(briefing=briefing, user=editor, comment="Hold it.")
    assert publish_due() == ""
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.DRAFT
