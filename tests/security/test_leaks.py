"""Nothing leaks: draft rows never reach a page through a trend, exports carry what readers
see (not the raw Markdown behind it), the public track record names no login, and feeds say
what their summaries are."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from ..factories import (
    AssessmentFactory,
    BriefingFactory,
    CountryTrendFactory,
    EventFactory,
    KeyJudgmentFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db


def test_a_trend_never_shows_an_event_only_a_draft_holds(client):
    draft_event = EventFactory(title="Secret troop movement")
    BriefingFactory().events.add(draft_event)
    trend = CountryTrendFactory(country=country("ML"), published=True)
    trend.events.add(draft_event)

    html = client.get("/countries/mali/").content.decode()

    assert "Secret troop movement" not in html


def test_stix_notes_carry_the_rendered_rationale_not_its_markdown(client):
    briefing = BriefingFactory(published=True, slug="stix-note")
    assessment = AssessmentFactory(
        rationale="**Because** <!-- internal: source is X --> the [army](https://example.org) said so."
    )
    KeyJudgmentFactory(briefing=briefing, assessment=assessment)

    bundle = json.loads(client.get("/briefings/stix-note/stix.json").content)

    note = next(obj for obj in bundle["objects"] if obj["type"] == "note")
    assert "Because the army said so." in " ".join(note["content"].split())
    assert "internal" not in note["content"] and "**" not in note["content"]


def test_the_public_track_record_names_no_login(client):
    author = UserFactory(username="jsmith-staff", first_name="Jo", last_name="Smith", role="analyst")
    briefing = BriefingFactory(published=True)
    briefing.authors.add(author)
    KeyJudgmentFactory(briefing=briefing)

    html = client.get("/track-record/").content.decode()

    assert "jsmith-staff" not in html
    options = [
        o.get("value") for o in BeautifulSoup(html, "html.parser").select("select[name=author] option")
    ]
    assert str(author.pk) in options


def test_the_track_record_filters_by_an_authors_number(client):
    author = UserFactory(first_name="Jo", last_name="Smith", role="analyst")
    briefing = BriefingFactory(published=True)
    briefing.authors.add(author)
    KeyJudgmentFactory(briefing=briefing)

    assert client.get("/track-record/", {"author": author.pk}).status_code == 200
    assert client.get("/track-record/", {"author": author.username}).status_code == 400


@pytest.mark.parametrize("url", ["/feeds/briefings/", "/feeds/trends/"])
def test_feed_summaries_say_they_are_plain_text(client, url):
    BriefingFactory(published=True, summary="Plain & simple <not markup>.")
    CountryTrendFactory(published=True, reason="A reason & <more>.")

    feed = feedparser.parse(client.get(url).content)

    assert feed.entries
    assert all(entry.summary_detail.type == "text/plain" for entry in feed.entries)
