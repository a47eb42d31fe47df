"""Atom feeds, sitemap.xml and robots.txt: well formed, published material only."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.exports.sitemaps import BriefingSitemap
from briefings.models import PublicationStatus

from ..factories import ActorFactory, BriefingFactory, EventActorFactory, EventFactory, UserFactory, country
from ..helpers import SITEMAP_NS, sitemap_locations, sitemap_pages

pytestmark = pytest.mark.django_db

ALL = reverse("briefings:feed-briefings")


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


@pytest.fixture
def on_mali():
    briefing = BriefingFactory(published=True, title="Coup in Mali", summary="The junta holds.")
    briefing.countries.add(country("ML"))
    briefing.authors.add(UserFactory(first_name="Ada", last_name="Analyst"))
    return briefing


def test_briefings_feed_parses_without_errors(client, on_mali):
    feed = parse(client, ALL)
    assert feed.version == "atom10"
    assert titles(feed) == ["Coup in Mali"]


def test_feed_entry_carries_summary_link_author_and_country(client, on_mali):
    (entry,) = parse(client, ALL).entries
    assert entry.summary == "The junta holds."
    assert entry.link.endswith(on_mali.get_absolute_url())
    assert entry.author == "Ada Analyst"
    assert [tag.term for tag in entry.tags] == ["Mali"]


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.WITHDRAWN]
)
def test_unpublished_briefing_is_not_in_feed(client, on_mali, status):
    BriefingFactory(status=status, title="Not for readers", published_at=timezone.now())
    assert titles(parse(client, ALL)) == ["Coup in Mali"]


def test_scheduled_briefing_is_not_in_feed_before_its_time(client, on_mali):
    BriefingFactory(
        status=PublicationStatus.PUBLISHED,
        title="Tomorrow's",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert titles(parse(client, ALL)) == ["Coup in Mali"]


def test_country_feed_holds_briefings_about_the_country(client, on_mali):
    BriefingFactory(published=True, title="Niger note").countries.add(country("NE"))
    feed = parse(client, reverse("briefings:feed-country", kwargs={"slug": "mali"}))
    assert titles(feed) == ["Coup in Mali"]
    assert "Mali" in feed.feed.title


def test_country_feed_of_a_country_without_briefings_is_empty(client):
    assert titles(parse(client, reverse("briefings:feed-country", kwargs={"slug": "niger"}))) == []


def test_actor_feed_holds_briefings_covering_or_citing_the_actor(client, on_mali):
    actor = ActorFactory(name="Wagner Group")
    on_mali.actors.add(actor)
    citing = BriefingFactory(published=True, title="Contractors arrive")
    event = EventFactory()
    EventActorFactory(event=event, actor=actor)
    citing.events.add(event)
    BriefingFactory(published=True, title="Unrelated")
    feed = parse(client, reverse("briefings:feed-actor", kwargs={"slug": actor.slug}))
    assert sorted(titles(feed)) == ["Contractors arrive", "Coup in Mali"]


def test_actor_known_only_to_a_draft_has_no_feed(client):
    actor = ActorFactory()
    BriefingFactory(status=PublicationStatus.DRAFT).actors.add(actor)
    assert client.get(reverse("briefings:feed-actor", kwargs={"slug": actor.slug})).status_code == 404


@pytest.mark.parametrize("name", ["feed-country", "feed-actor"])
def test_unknown_slug_feed_is_404(client, name):
    assert client.get(reverse(f"briefings:{name}", kwargs={"slug": "no-such-thing"})).status_code == 404


def test_demo_country_feed_lists_the_demo_briefing(client, demo_briefing):
    slug = demo_briefing.countries.get(iso2="ML").slug
    feed = parse(client, reverse("briefings:feed-country", kwargs={"slug": slug}))
    assert demo_briefing.title in titles(feed)


# --- sitemap.xml and robots.txt ---


def test_sitemap_lists_published_briefings_and_their_country(client, on_mali):
    locations = sitemap_locations(client)
    assert f"http://testserver{on_mali.get_absolute_url()}" in locations
    assert "http://testserver" + country("ML").get_absolute_url() in locations


def test_sitemap_leaves_out_drafts(client, on_mali):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    assert not [loc for loc in sitemap_locations(client) if draft.slug in loc]


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_is_an_index_of_its_sections(client, on_mali):
    pages = sitemap_pages(client)
    assert "http://testserver/sitemap-briefings.xml" in pages
    assert "http://testserver/sitemap-events.xml" in pages


def test_sitemap_section_is_split_into_pages_of_a_bounded_size(client, on_mali, monkeypatch):
    monkeypatch.setattr(BriefingSitemap, "limit", 1)
    BriefingFactory(published=True)
    pages = sitemap_pages(client)
    assert "http://testserver/sitemap-briefings.xml?p=2" in pages
    assert len(sitemap_locations(client)) == len(set(sitemap_locations(client)))


def test_sitemap_index_gives_each_section_its_latest_change(client, on_mali):
    response = client.get(reverse("sitemap"))
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    entries = root.findall("sm:sitemap", SITEMAP_NS)
    briefings = next(
        e for e in entries if e.findtext("sm:loc", namespaces=SITEMAP_NS).endswith("-briefings.xml")
    )
    assert briefings.findtext("sm:lastmod", namespaces=SITEMAP_NS)


# --- Where readers find the feeds ---


def test_every_page_announces_the_briefings_feed(client, on_mali):
    html = client.get("/").content.decode()
    assert f'type="application/atom+xml" title="Briefing desk: all briefings" href="{ALL}"' in html


def test_country_page_announces_and_links_its_feed(client, on_mali):
    html = client.get(country("ML").get_absolute_url()).content.decode()
    feed = reverse("briefings:feed-country", kwargs={"slug": "mali"})
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Briefings on Mali" href="{feed}">' in html
    )
    assert f'<a href="{feed}">' in html


def test_briefing_page_links_its_countries_feeds(client, on_mali):
    html = client.get(on_mali.get_absolute_url()).content.decode()
    assert f'href="{reverse("briefings:feed-country", kwargs={"slug": "mali"})}"' in html


def test_actor_page_announces_its_feed(client, on_mali):
    actor = ActorFactory(name="CNSP")
    on_mali.actors.add(actor)
    html = client.get(actor.get_absolute_url()).content.decode()
    feed = reverse("briefings:feed-actor", kwargs={"slug": actor.slug})
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Briefings on CNSP" href="{feed}">' in html
    )
