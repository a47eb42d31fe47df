"""The public page of a briefing revised after publication says what changed."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from briefings.models import Briefing

from ..factories import BriefingFactory
from ..helpers import change_url, open_change_form, post_data

pytestmark = pytest.mark.django_db


def public_page(client, briefing):
    response = client.get(briefing.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_revised_briefing_shows_the_editors_note_on_what_changed(client):
    briefing = BriefingFactory(
        published=True, revision_note="Judgment 2 now rates deployment likely, after new reporting."
    )

    note = public_page(client, briefing).find(id="what-changed")

    assert note.get_text(" ", strip=True) == (
        "What changed Judgment 2 now rates deployment likely, after new reporting."
    )


def test_a_briefing_without_a_note_shows_none(client):
    briefing = BriefingFactory(published=True)

    assert public_page(client, briefing).find(id="what-changed") is None


def test_a_note_written_before_publication_is_not_shown(client):
    briefing = BriefingFactory(published=True, revision_note="Drafting note.")
    # Last saved before it was published: the note predates publication.
    now = timezone.now()
    Briefing.objects.filter(pk=briefing.pk).update(
        updated_at=now - datetime.timedelta(days=2), published_at=now - datetime.timedelta(days=1)
    )

    assert public_page(client, briefing).find(id="what-changed") is None


def test_the_page_shows_when_it_was_last_revised(client):
    briefing = BriefingFactory(published=True)

    meta = public_page(client, briefing).select_one(".briefing-header .meta").get_text(" ", strip=True)

    assert f"Last revised {briefing.updated_at.day} {briefing.updated_at:%B %Y}" in meta


def test_an_editor_writes_the_note_in_the_admin(client, editor):
    briefing = BriefingFactory(published=True)
    client.force_login(editor)
    fields = open_change_form(client, briefing)

    response = client.post(
        change_url(briefing), post_data(fields, revision_note="Corrected the date of the coup.")
    )

    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.revision_note == "Corrected the date of the coup."
