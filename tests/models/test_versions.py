"""Every write raises the version, whoever makes it: a form opened before it then sees a
conflict instead of overwriting it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from briefings.models import Assessment, Briefing, PublicationStatus

from ..factories import AssessmentFactory, BriefingFactory
from ..helpers import change_url, open_change_form, post_data

pytestmark = pytest.mark.django_db


def stored_version(obj) -> int:
    return type(obj).objects.values_list("version", flat=True).get(pk=obj.pk)


def test_a_new_row_starts_at_version_1():
    assert BriefingFactory().version == 1


def test_every_save_raises_the_version_by_one():
    briefing = BriefingFactory()

    briefing.save()
    briefing.save()

    assert (briefing.version, stored_version(briefing)) == (3, 3)


def test_a_save_of_some_fields_only_raises_the_version_too():
    assessment = AssessmentFactory()

    assessment.save(update_fields=["statement"])

    assert stored_version(assessment) == 2


def test_a_bulk_update_raises_the_version_of_every_row_it_touches():
    first, second = BriefingFactory(), BriefingFactory()

    Briefing.objects.filter(pk__in=[first.pk, second.pk]).update(summary="Rewritten.")

    assert list(Briefing.objects.order_by("pk").values_list("version", flat=True)) == [2, 2]


def test_a_save_from_an_outdated_copy_still_raises_the_version_from_the_stored_one():
    briefing = BriefingFactory()
    outdated = Briefing.objects.get(pk=briefing.pk)
    Briefing.objects.filter(pk=briefing.pk).update(summary="Elsewhere.")  # version 2

    outdated.save()

    assert stored_version(briefing) == 3


def test_a_bulk_admin_action_raises_the_version(client, editor):
    briefing = BriefingFactory()
    client.force_login(editor)

    client.post(
        "/admin/briefings/briefing/", {"action": "submit_for_review", "_selected_action": [briefing.pk]}
    )

    briefing.refresh_from_db()
    assert (briefing.status, briefing.version) == (PublicationStatus.IN_REVIEW, 2)


def test_a_form_opened_before_a_bulk_action_keeps_both_changes(client, editor):
    briefing = BriefingFactory()
    client.force_login(editor)
    fields = open_change_form(client, briefing)
    client.post(
        "/admin/briefings/briefing/", {"action": "submit_for_review", "_selected_action": [briefing.pk]}
    )

    response = client.post(change_url(briefing), post_data(fields, title="Changed"))

    assert response.status_code == 302
    briefing.refresh_from_db()
    assert (briefing.status, briefing.title) == (PublicationStatus.IN_REVIEW, "Changed")


def test_a_management_command_raises_the_version():
    briefing = BriefingFactory(status=PublicationStatus.IN_REVIEW)
    Briefing.objects.filter(pk=briefing.pk).update(
        scheduled_for=timezone.now() - datetime.timedelta(minutes=1)
    )
    before = stored_version(briefing)

    call_command("publish_due", verbosity=0)

    briefing.refresh_from_db()
    assert (briefing.status, briefing.version) == (PublicationStatus.PUBLISHED, before + 1)


def test_a_service_write_raises_the_version(editor):
    assessment = AssessmentFactory(horizon=datetime.date(2021, 1, 1))
    from briefings import services

    services.assessment_resolve(
        assessment=assessment,
        outcome="happened",
        on=datetime.date(2021, 6, 1),
        note="It did.",
        user=editor,
    )

    assert Assessment.objects.get(pk=assessment.pk).version == 2
