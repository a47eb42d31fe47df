"""Every public output reads through `visible_to(reader)`: pages, feeds (personal addresses
for readers), the sitemap, the API (token authentication), STIX and CSV, the track record,
and the shared cache, which never keeps or serves a restricted reader's page."""

import feedparser
import pytest
from django.core.cache import cache
from django.urls import reverse

from briefings.models import ReaderProfile, Tlp
from briefings.services.readers import feed_token_revoke, reader_api_token_reset

from ..factories import ExcerptFactory, SourceFactory
from ..helpers import sitemap_locations
from .conftest import marked_briefing as briefing_at_level

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def green(briefing_at):
    return briefing_at(Tlp.GREEN)


@pytest.fixture
def clear(briefing_at):
    return briefing_at(Tlp.CLEAR)


@pytest.fixture
def reader(make_reader):
    return make_reader(Tlp.GREEN)


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader.user)
    return client


def test_the_public_gets_a_404_for_a_restricted_briefing(client, green):
    assert client.get(green.get_absolute_url()).status_code == 404


def test_a_cleared_reader_reads_a_restricted_briefing_privately(reader_client, green):
    response = reader_client.get(green.get_absolute_url())
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and response["X-Page-Cache"] == "bypass"


def test_a_restricted_page_a_reader_opened_never_reaches_the_public(client, reader, green):
    client.force_login(reader.user)
    assert client.get(green.get_absolute_url()).status_code == 200
    client.logout()
    client.cookies.clear()
    assert client.get(green.get_absolute_url()).status_code == 404
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert green.title not in home.content.decode()


def test_the_public_feed_holds_clear_briefings_only(client, clear, green):
    titles = [
        e.title for e in feedparser.parse(client.get(reverse("briefings:feed-briefings")).content).entries
    ]
    assert titles == [clear.title]


def test_a_readers_personal_feed_holds_what_they_may_read(client, reader, clear, green):
    url = reverse("briefings:feed-briefings-personal", kwargs={"token": reader.feed_token})
    response = client.get(url)
    titles = {e.title for e in feedparser.parse(response.content).entries}
    assert titles == {clear.title, green.title}


def test_a_personal_feed_is_never_stored_or_served_from_the_shared_cache(client, reader, green):
    url = reverse("briefings:feed-briefings-personal", kwargs={"token": reader.feed_token})
    first, second = client.get(url), client.get(url)
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "bypass"
    assert "private" in second["Cache-Control"] and "no-store" in second["Cache-Control"]


def test_a_personal_country_feed_holds_the_readers_briefings_on_it(client, reader, green):
    url = reverse("briefings:feed-country-personal", kwargs={"token": reader.feed_token, "slug": "mali"})
    assert green.title in {e.title for e in feedparser.parse(client.get(url).content).entries}


def test_a_revoked_feed_address_stops_working(client, reader, green):
    old = reader.feed_token
    feed_token_revoke(profile=reader)
    assert client.get(reverse("briefings:feed-briefings-personal", kwargs={"token": old})).status_code == 404
    assert ReaderProfile.objects.get(pk=reader.pk).feed_token != old


def test_the_account_page_gives_the_personal_feed_and_replaces_it(reader_client, reader):
    page = reader_client.get(reverse("briefings:reader-account")).content.decode()
    assert reader.feed_token in page
    reader_client.post(reverse("briefings:reader-account"), {"revoke_feeds": "1"})
    assert ReaderProfile.objects.get(pk=reader.pk).feed_token != reader.feed_token


def test_the_sitemap_lists_clear_material_only_even_for_a_reader(reader_client, clear, green):
    body = "\n".join(sitemap_locations(reader_client))
    assert clear.get_absolute_url() in body and green.get_absolute_url() not in body


def test_the_api_without_credentials_lists_clear_briefings_only(client, clear, green):
    slugs = [row["slug"] for row in client.get("/api/briefings/").json()["results"]]
    assert slugs == [clear.slug]


def test_the_api_with_a_readers_token_lists_what_they_may_read(client, reader, clear, green):
    token = reader_api_token_reset(user=reader.user)
    response = client.get("/api/briefings/", HTTP_AUTHORIZATION=f"Token {token}")
    assert {row["slug"] for row in response.json()["results"]} == {clear.slug, green.slug}
    assert {row["marking"] for row in response.json()["results"]} == {"TLP:CLEAR", "TLP:GREEN"}
    assert "private" in response["Cache-Control"] and response["X-Page-Cache"] == "bypass"


def test_a_token_authenticated_api_page_never_reaches_the_public(client, reader, green):
    token = reader_api_token_reset(user=reader.user)
    detail = f"/api/briefings/{green.slug}/"
    assert client.get(detail, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    assert client.get(detail).status_code == 404


def test_a_bad_api_token_is_refused(client, green):
    assert client.get("/api/briefings/", HTTP_AUTHORIZATION="Token nonsense").status_code == 401


@pytest.mark.parametrize("name", ["briefings:briefing-stix", "briefings:briefing-events-csv"])
def test_downloads_of_a_restricted_briefing_are_for_its_readers(client, reader, green, name):
    url = reverse(name, kwargs={"slug": green.slug})
    assert client.get(url).status_code == 404
    client.force_login(reader.user)
    assert client.get(url).status_code == 200


def test_the_events_csv_holds_restricted_events_only_for_their_readers(client, reader, green):
    event = green.events.get()
    assert event.title not in b"".join(client.get("/events.csv").streaming_content).decode()
    client.force_login(reader.user)
    assert event.title in b"".join(client.get("/events.csv").streaming_content).decode()


def test_the_track_record_says_what_its_figures_cover(client, reader):
    assert "briefings marked TLP:CLEAR" in client.get("/track-record/").content.decode()
    client.force_login(reader.user)
    assert "your clearance: TLP:GREEN" in client.get("/track-record/").content.decode()


def test_a_restricted_judgment_counts_in_the_track_record_only_for_its_readers(client, reader, green):
    from briefings.models import Assessment, Outcome

    judgment = green.key_judgments.get()
    Assessment.objects.filter(pk=judgment.pk).update(outcome=Outcome.HAPPENED, outcome_on="2030-12-31")
    assert client.get("/track-record/").context["record"].desk.summary.judgments == 0
    client.force_login(reader.user)
    assert client.get("/track-record/").context["record"].desk.summary.judgments == 1


def test_the_events_csv_names_only_the_sources_of_passages_the_reader_may_read(client, reader, clear):
    # A passage re-marked above the briefing that shows its event: the public reads the
    # event, but neither the passage nor the name of its source.
    event = clear.events.get()
    hidden = ExcerptFactory(source=SourceFactory(publisher="Embassy cable"), marking=Tlp.GREEN)
    event.excerpts.add(hidden)
    public = b"".join(client.get("/events.csv").streaming_content).decode()
    assert event.title in public
    assert "Embassy cable" not in public
    green = briefing_at_level(Tlp.GREEN, tag="Cable")
    green.events.add(event)
    client.force_login(reader.user)
    assert "Embassy cable" in b"".join(client.get("/events.csv").streaming_content).decode()
