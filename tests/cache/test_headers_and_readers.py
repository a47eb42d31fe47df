"""Who is served from the public pages' cache, every kind of public page in it, and the
headers that go out with a cached page (Cache-Control, ETag, Last-Modified, Vary, CSP)."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from briefings.cache import response_is_cacheable

from ..factories import UserFactory

HOME = reverse("briefings:home")
KINDS = [
    "home",
    "briefing",
    "country",
    "actor",
    "event",
    "search",
    "track record",
    "feed",
    "sitemap",
    "api list",
    "api detail",
    "stix",
    "csv",
    "briefing csv",
]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_public_page_is_served_from_the_cache_the_second_time(client, public_addresses, kind):
    url = public_addresses[kind]
    first = client.get(url)
    first_body = body(first)  # a streamed export is stored once it has passed whole
    second = client.get(url)
    assert (first.status_code, first["X-Page-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Page-Cache"]) == (200, "hit")
    assert body(second) == first_body
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_public_page_is_fresh_after_a_write(client, public_addresses, briefing, kind):
    url = public_addresses[kind]
    client.get(url)
    briefing.title = "Mali, revised"
    briefing.save()
    assert client.get(url)["X-Page-Cache"] == "miss"


# --- Readers with a session ------------------------------------------------------------


def test_a_signed_in_reader_is_never_served_a_cached_page(client, signed_in, briefing):
    anonymous = Client()
    anonymous.get(HOME)
    assert anonymous.get(HOME)["X-Page-Cache"] == "hit"
    response = signed_in.get(HOME)
    assert response["X-Page-Cache"] == "bypass"


def test_a_signed_in_readers_page_is_never_stored(signed_in, briefing):
    signed_in.get(briefing.get_absolute_url())
    assert Client().get(briefing.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_signed_in_readers_page_is_private_and_not_stored_by_browsers_or_proxies(signed_in, briefing):
    response = signed_in.get(briefing.get_absolute_url())
    control = response["Cache-Control"]
    assert "private" in control and "no-store" in control and "public" not in control
    assert "ETag" not in response


def test_staff_pages_stay_outside_the_cache(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]


def test_a_session_cookie_alone_keeps_a_reader_out_of_the_cache(client, briefing):
    client.get(HOME)
    client.cookies["sessionid"] = "anything"
    assert client.get(HOME)["X-Page-Cache"] == "bypass"


def test_a_waiting_message_keeps_a_reader_out_of_the_cache(client, briefing):
    client.get(HOME)
    client.cookies["messages"] = "anything"
    assert client.get(HOME)["X-Page-Cache"] == "bypass"


def test_the_admins_sign_in_page_is_never_cached(client, db):
    client.get(reverse("admin:login"))
    assert client.get(reverse("admin:login"))["X-Page-Cache"] == "bypass"


# --- What is not stored ----------------------------------------------------------------


def test_a_streamed_export_is_stored_only_once_it_has_passed_whole(client, public_addresses):
    url = public_addresses["csv"]
    unread = client.get(url)
    assert client.get(url)["X-Page-Cache"] == "miss"
    body(unread)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_streamed_export_too_large_to_keep_is_not_stored(client, public_addresses, settings):
    settings.BRIEFINGS_PAGE_CACHE_MAX_BYTES = 100
    url = public_addresses["csv"]
    body(client.get(url))
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert len(body(response)) > 100


def test_a_missing_page_is_not_stored(client, db):
    client.get("/briefings/no-such-briefing/")
    response = client.get("/briefings/no-such-briefing/")
    assert response.status_code == 404
    assert response["X-Page-Cache"] == "bypass"


def test_a_response_that_sets_a_cookie_is_not_stored():
    request = RequestFactory().get("/")
    response = HttpResponse("page")
    response.set_cookie("csrftoken", "x")
    assert not response_is_cacheable(request, response)


def test_a_response_with_a_csp_nonce_is_not_stored():
    """The page and its header carry the same nonce: a stored copy would reuse it for all."""
    request = RequestFactory().get("/")
    request._csp_nonce = "abc"
    assert not response_is_cacheable(request, HttpResponse("<script nonce='abc'></script>"))


def test_a_response_varying_on_something_else_is_not_stored():
    response = HttpResponse("page")
    response["Vary"] = "Accept-Language"
    assert not response_is_cacheable(RequestFactory().get("/"), response)


def test_the_query_string_is_part_of_the_key(client, briefing):
    search = reverse("briefings:search")
    client.get(f"{search}?q=Bamako")
    assert client.get(f"{search}?q=Kidal")["X-Page-Cache"] == "miss"
    assert client.get(f"{search}?q=Bamako")["X-Page-Cache"] == "hit"


def test_the_host_is_part_of_the_key(client, briefing):
    """Feeds and the sitemap print absolute addresses."""
    client.get(reverse("sitemap"))
    assert client.get(reverse("sitemap"), HTTP_HOST="localhost")["X-Page-Cache"] == "miss"


# --- Headers ---------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["miss", "hit"])
def test_a_public_page_may_be_kept_briefly_by_browsers_and_proxies(client, briefing, state, settings):
    response = client.get(HOME)
    if state == "hit":
        response = client.get(HOME)
    assert response["X-Page-Cache"] == state
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    age = settings.BRIEFINGS_PAGE_MAX_AGE
    assert control == {"public", f"max-age={age}", f"s-maxage={age}"}
    assert "Cookie" in response["Vary"]
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")


def test_a_hit_carries_the_same_security_headers_as_the_page_it_stored(client, briefing):
    first, second = client.get(HOME), client.get(HOME)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second[header] == first[header], header
    assert "nonce" not in second["Content-Security-Policy"]
    assert "'unsafe-inline'" not in second["Content-Security-Policy"]


def test_the_etag_is_the_same_for_the_stored_page(client, briefing):
    assert client.get(HOME)["ETag"] == client.get(HOME)["ETag"]


@pytest.mark.parametrize("state", ["miss", "hit"])
def test_a_conditional_get_with_the_etag_is_not_modified(client, briefing, state):
    etag = client.get(HOME)["ETag"]
    if state == "miss":
        from django.core.cache import cache

        cache.clear()
    response = client.get(HOME, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_conditional_get_on_the_date_alone_always_gets_the_page(client, briefing):
    # Last-Modified counts whole seconds: two changes in one second would look unchanged, so
    # only the ETag answers a conditional request with a 304.
    first = client.get(HOME)
    briefing.summary = "Changed within the same second."
    briefing.save()
    response = client.get(HOME, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert response.status_code == 200 and b"within the same second" in response.content
    assert client.get(HOME, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_conditional_get_after_a_write_gets_the_new_page(client, briefing):
    etag = client.get(briefing.get_absolute_url())["ETag"]
    briefing.summary = "The junta now holds the whole country."
    briefing.save()
    response = client.get(briefing.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"holds the whole country" in response.content


def test_a_host_the_site_does_not_serve_is_refused_not_cached(client, db):
    assert client.get(HOME, HTTP_HOST="evil.example").status_code == 400
    assert client.get(HOME, HTTP_HOST="evil.example").status_code == 400


def test_a_request_with_credentials_keeps_out_of_the_cache(client, briefing):
    client.get(HOME)
    assert client.get(HOME, HTTP_AUTHORIZATION="Bearer anything")["X-Page-Cache"] == "bypass"


def test_a_signed_in_readers_head_request_is_marked_private(client, briefing):
    client.force_login(UserFactory())
    response = client.head(briefing.get_absolute_url())

    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_an_anonymous_page_the_cache_does_not_hold_is_not_kept_by_proxies_either(client, db):
    response = client.get("/briefings/no-such-briefing/")

    assert response.status_code == 404
    assert response["X-Page-Cache"] == "bypass" and "no-cache" in response["Cache-Control"]


def test_a_page_larger_than_an_entry_may_be_is_served_but_not_stored(client, briefing, settings):
    settings.BRIEFINGS_PAGE_CACHE_MAX_BYTES = 100

    assert client.get(briefing.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(briefing.get_absolute_url())["X-Page-Cache"] == "miss"


def test_pages_are_served_while_the_cache_is_unavailable(client, briefing, settings):
    # A real cache server that does not answer: nothing listens on this port.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get(briefing.get_absolute_url())

    assert response.status_code == 200 and response["X-Page-Cache"] == "bypass"
