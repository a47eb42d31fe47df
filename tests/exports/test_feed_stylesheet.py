"""Feeds opened in a browser explain themselves through an XSL stylesheet; feed readers
still get valid Atom."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from ..factories import ActorFactory, BriefingFactory, CountryTrendFactory, country

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feeds(db):
    mali = country("ML")
    actor = ActorFactory(name="Wagner Group")
    briefing = BriefingFactory(published=True, title="Coup in Mali")
    briefing.countries.add(mali)
    briefing.actors.add(actor)
    CountryTrendFactory(published=True, country=mali)
    return [
        reverse("briefings:feed-briefings"),
        reverse("briefings:feed-country", kwargs={"slug": mali.slug}),
        reverse("briefings:feed-actor", kwargs={"slug": actor.slug}),
        reverse("briefings:trend-feed"),
    ]


def test_every_feed_names_the_stylesheet_before_its_root_element(client, feeds):
    for url in feeds:
        body = client.get(url).content.decode()
        instruction = '<?xml-stylesheet href="/static/feeds/atom.xsl" media="screen" type="text/xsl"?>'
        assert instruction in body, url
        assert body.index(instruction) < body.index("<feed")


def test_feed_with_a_stylesheet_still_parses_as_atom(client, feeds):
    for url in feeds:
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.entries


def test_feed_links_the_follow_page(client, feeds):
    root = ET.fromstring(client.get(feeds[0]).content)  # noqa: S314 - our own response
    related = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "related"]
    assert related == ["http://testserver" + reverse("briefings:follow")]


def test_stylesheet_is_served_from_static_and_explains_feeds():
    path = finders.find("feeds/atom.xsl")
    assert path
    with open(path, encoding="utf-8") as file:
        text = file.read()
    root = ET.fromstring(text)  # noqa: S314 - our own file
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    assert "This is a feed" in text
    assert "Follow page" in text


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_browser_gets_the_feed_as_xml_so_it_applies_the_stylesheet(client, feeds):
    response = client.get(feeds[0], HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response["Content-Type"].startswith("application/xml")
    assert "Accept" in response["Vary"]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.version == "atom10"


@pytest.mark.parametrize("accept", ["application/atom+xml, application/rss+xml;q=0.9", "*/*", ""])
def test_feed_reader_gets_atoms_own_type(client, feeds, accept):
    response = client.get(feeds[0], HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith("application/atom+xml")
