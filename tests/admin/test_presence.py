"""Presence: the change page says who else has it open."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, EditPresence

from ..factories import BriefingFactory, UserFactory
from ..helpers import change_url, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing():
    return BriefingFactory()


def presence_url(obj) -> str:
    return reverse("curation:presence", args=["briefings", obj._meta.model_name, obj.pk])


def test_change_page_carries_the_presence_box(briefing, ana):
    response = client_for(ana).get(change_url(briefing))

    box = BeautifulSoup(response.content, "html.parser").find(id="presence")
    assert box["data-presence-url"] == presence_url(briefing)


def test_change_page_loads_the_presence_script_from_static_files(briefing, ana):
    response = client_for(ana).get(change_url(briefing))

    scripts = [s.get("src", "") for s in BeautifulSoup(response.content, "html.parser").find_all("script")]
    assert any(src.endswith("admin-extra/presence.js") for src in scripts)


def test_add_page_has_no_presence_box(ana):
    response = client_for(ana).get(reverse("admin:briefings_briefing_add"))

    assert BeautifulSoup(response.content, "html.parser").find(id="presence") is None


def test_first_visitor_sees_nobody_else(briefing, ana):
    response = client_for(ana).post(presence_url(briefing))

    assert response.json()["others"] == []


def test_second_visitor_sees_the_first_with_the_time_they_opened_it(briefing, ana, ben):
    client_for(ana).post(presence_url(briefing))

    others = client_for(ben).post(presence_url(briefing)).json()["others"]

    assert [(o["name"], o["since"]) for o in others] == [
        ("Ana Lopes", timezone.localtime(EditPresence.objects.get(user=ana).opened_at).strftime("%H:%M"))
    ]


def test_presence_is_per_object(briefing, ana, ben):
    client_for(ana).post(presence_url(BriefingFactory()))

    assert client_for(ben).post(presence_url(briefing)).json()["others"] == []


def test_someone_silent_for_45_seconds_is_no_longer_shown(briefing, ana, ben):
    client_for(ana).post(presence_url(briefing))
    EditPresence.objects.filter(user=ana).update(seen_at=timezone.now() - datetime.timedelta(seconds=46))

    assert client_for(ben).post(presence_url(briefing)).json()["others"] == []


def test_someone_seen_30_seconds_ago_is_still_shown(briefing, ana, ben):
    client_for(ana).post(presence_url(briefing))
    EditPresence.objects.filter(user=ana).update(seen_at=timezone.now() - datetime.timedelta(seconds=30))

    assert len(client_for(ben).post(presence_url(briefing)).json()["others"]) == 1


def test_a_ping_keeps_the_time_the_page_was_opened(briefing, ana):
    client = client_for(ana)
    client.post(presence_url(briefing))
    opened = timezone.now() - datetime.timedelta(minutes=5)
    EditPresence.objects.filter(user=ana).update(opened_at=opened, seen_at=timezone.now())

    client.post(presence_url(briefing))

    assert EditPresence.objects.get(user=ana).opened_at == opened


def test_coming_back_after_a_silence_starts_a_new_visit(briefing, ana):
    client = client_for(ana)
    client.post(presence_url(briefing))
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    EditPresence.objects.filter(user=ana).update(opened_at=long_ago, seen_at=long_ago)

    client.post(presence_url(briefing))

    assert EditPresence.objects.get(user=ana).opened_at > long_ago


def test_leaving_the_page_removes_the_visitor(briefing, ana, ben):
    client_for(ana).post(presence_url(briefing))

    client_for(ana).post(presence_url(briefing), {"leave": "1"})

    assert client_for(ben).post(presence_url(briefing)).json()["others"] == []


def test_presence_is_kept_in_the_database(briefing, ana):
    client_for(ana).post(presence_url(briefing))

    row = EditPresence.objects.get()
    assert (row.user, row.content_type, row.object_id) == (
        ana,
        ContentType.objects.get_for_model(Briefing),
        str(briefing.pk),
    )


def test_presence_only_answers_posts(briefing, ana):
    assert client_for(ana).get(presence_url(briefing)).status_code == 405


def test_presence_refuses_anonymous_visitors(briefing):
    assert Client().post(presence_url(briefing)).status_code == 403


def test_presence_refuses_non_staff_users(briefing):
    assert client_for(UserFactory(username="reader")).post(presence_url(briefing)).status_code == 403


def test_presence_refuses_staff_who_may_not_see_the_records(briefing):
    outsider = UserFactory(username="outsider", is_staff=True, permissions=["view_source"])

    assert client_for(outsider).post(presence_url(briefing)).status_code == 403


def test_presence_needs_the_csrf_token(briefing, ana):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana)

    assert client.post(presence_url(briefing)).status_code == 403


def test_presence_of_an_unknown_kind_of_record_is_not_found(ana):
    url = reverse("curation:presence", args=["briefings", "nosuchmodel", 1])

    assert client_for(ana).post(url).status_code == 404
