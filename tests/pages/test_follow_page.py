"""The Follow page: what a feed is, and every feed's address, ready to copy."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import ActorFactory, BriefingFactory, EventActorFactory, EventFactory, country

pytestmark = pytest.mark.django_db

FOLLOW = reverse("briefings:follow")


@pytest.fixture
def covered(db):
    """A published briefing on Mali covering one actor and citing another's event; a draft on Niger."""
    mali = country("ML")
    briefing = BriefingFactory(published=True)
    briefing.countries.add(mali)
    covered_actor = ActorFactory(name="Malian Armed Forces")
    briefing.actors.add(covered_actor)
    event = EventFactory(country=mali)
    acting = ActorFactory(name="Wagner Group")
    EventActorFactory(event=event, actor=acting)
    briefing.events.add(event)
    draft = BriefingFactory()
    draft.countries.add(country("NE"))
    draft.actors.add(ActorFactory(name="Draft-only actor"))
    return {"country": mali, "covered": covered_actor, "acting": acting}


def test_follow_page_says_what_a_feed_is(client, covered):
    body = client.get(FOLLOW).content.decode()
    assert "A feed is an address" in body
    assert "paste one of the addresses below into a feed reader" in body


def test_follow_page_lists_the_all_briefings_and_trends_feeds(client, covered):
    body = client.get(FOLLOW).content.decode()
    assert f'value="http://testserver{reverse("briefings:feed-briefings")}"' in body
    assert f'value="http://testserver{reverse("briefings:trend-feed")}"' in body


def test_follow_page_lists_countries_and_actors_with_published_briefings_only(client, covered):
    body = client.get(FOLLOW).content.decode()
    assert reverse("briefings:feed-country", kwargs={"slug": covered["country"].slug}) in body
    assert reverse("briefings:feed-actor", kwargs={"slug": covered["covered"].slug}) in body
    assert reverse("briefings:feed-actor", kwargs={"slug": covered["acting"].slug}) in body
    assert "Niger" not in body
    assert "Draft-only actor" not in body


def test_each_address_has_a_copy_button_revealed_by_script(client, covered):
    body = client.get(FOLLOW).content.decode()
    button = BeautifulSoup(body, "html.parser").select_one('button[data-copy="feed-all"]')
    assert button.has_attr("hidden")
    assert "js/follow.js" in body
    assert "<script>" not in body  # no inline script


def test_name_filter_narrows_countries_and_actors(client, covered):
    body = client.get(FOLLOW, {"name": "wagner"}).content.decode()
    assert "Wagner Group" in body
    assert "Malian Armed Forces" not in body
    assert "No country with published briefings matches" in body


def test_actors_are_listed_a_page_at_a_time(client, covered):
    briefing = BriefingFactory(published=True)
    for n in range(60):
        briefing.actors.add(ActorFactory(name=f"Actor {n:02d}"))
    response = client.get(FOLLOW)
    assert len(response.context["actors"]) == 50
    second = client.get(FOLLOW, {"actors_page": 2})
    assert len(second.context["actors"]) == 12


def test_follow_page_runs_the_same_queries_however_many_feeds(client, covered, django_assert_num_queries):
    with CaptureQueriesContext(connection) as baseline:
        client.get(FOLLOW)
    briefing = BriefingFactory(published=True)
    for _ in range(20):
        briefing.actors.add(ActorFactory())
    # A count and a page for countries and for actors: never a query per feed.
    with django_assert_num_queries(len(baseline)):
        client.get(FOLLOW)


@pytest.mark.parametrize("page_name", ["home", "country", "actor"])
def test_home_country_and_actor_pages_link_the_follow_page(client, covered, page_name):
    url = {
        "home": reverse("briefings:home"),
        "country": covered["country"].get_absolute_url(),
        "actor": covered["covered"].get_absolute_url(),
    }[page_name]
    assert f'href="{FOLLOW}' in client.get(url).content.decode()


def test_home_page_links_the_all_briefings_feed(client, covered):
    body = client.get(reverse("briefings:home")).content.decode()
    assert f'<a href="{reverse("briefings:feed-briefings")}">' in body
