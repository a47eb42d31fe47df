"""Fixtures of the public pages' cache tests: a published briefing with its material, and
the addresses of every kind of public page it appears on."""

import pytest
from django.urls import reverse

from ..factories import UserFactory
from ..helpers import build_briefing


@pytest.fixture
def briefing(db):
    """A published briefing on Mali: two events (with actors and excerpts), two judgments."""
    return build_briefing(title="Mali after the coup", summary="The junta holds Bamako.")


@pytest.fixture
def event(briefing):
    return briefing.events.order_by("date").first()


@pytest.fixture
def actor(event):
    return event.roles.select_related("actor").first().actor


@pytest.fixture
def judgment(briefing):
    return briefing.key_judgments.order_by("pk").first()


@pytest.fixture
def signed_in(client, db):
    """A reader with a session: an editor, signed in."""
    client.force_login(UserFactory(role="editor"))
    return client


@pytest.fixture
def public_addresses(briefing, event, actor):
    """One address of each kind of public page the cache serves."""
    return {
        "home": reverse("briefings:home"),
        "briefing": briefing.get_absolute_url(),
        "country": reverse("briefings:country-detail", kwargs={"slug": "mali"}),
        "actor": reverse("briefings:actor-detail", kwargs={"slug": actor.slug}),
        "event": reverse("briefings:event-detail", kwargs={"slug": event.slug}),
        "search": reverse("briefings:search") + "?q=Bamako",
        "track record": reverse("briefings:track-record"),
        "feed": reverse("briefings:feed-briefings"),
        "sitemap": reverse("sitemap"),
        "api list": "/api/briefings/",
        "api detail": f"/api/briefings/{briefing.slug}/",
        "stix": reverse("briefings:briefing-stix", kwargs={"slug": briefing.slug}),
        "csv": reverse("briefings:events-csv"),
        "briefing csv": reverse("briefings:briefing-events-csv", kwargs={"slug": briefing.slug}),
    }


@pytest.fixture(scope="session")
def redis_url():
    """A Redis server of the tests' own (`redis-server` on a free port, emptied on exit)."""
    from ..team_server.servers import redis_server

    with redis_server() as url:
        if url is None:
            pytest.skip("redis-server is not installed here")
        yield url


@pytest.fixture
def shared_cache(settings, redis_url):
    """The page cache on Redis, as every worker of a team server shares it."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def local_cache(settings):
    """The page cache in this process's memory, as without REDIS_URL."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def wsgi_without_connection_checks():
    """Requests made through a WSGI application, as Django's test client makes them: the
    handler's signals must not close the database connection holding the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
