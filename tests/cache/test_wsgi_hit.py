"""A hit answered at the WSGI layer (project/wsgi.py, `PublicPageCacheApplication`) is the
answer Django's handler and the cache's middleware give: the same status, headers (the
security middleware's among them) and body, for every kind of request; and everything the
cache may not answer goes to Django."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.urls import reverse

from briefings.cache import PublicPageCacheApplication

HOME = reverse("briefings:home")


@pytest.fixture
def apps(shared_cache, briefing, settings, wsgi_without_connection_checks):
    """Django's WSGI application and the same behind the WSGI layer's cache, built (as
    gunicorn builds them) after the settings of a team server behind an https proxy."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    # The version record read from Redis lives long enough for the whole test.
    settings.BRIEFINGS_PAGE_VERSION_SECONDS = 600
    django_application = WSGIHandler()
    return django_application, PublicPageCacheApplication(django_application)


def environ(path: str, method: str = "GET", **headers) -> dict:
    return RequestFactory().generic(method, path, headers={"X-Forwarded-Proto": "https", **headers}).environ


def answer(application, environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=headers)

    body = application(dict(environ), start_response)
    try:
        content = b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return started["status"], started["headers"], content


def undated(answer):
    status, headers, body = answer
    return status, [(name, value) for name, value in headers if name != "Expires"], body


def both(apps, path: str, method: str = "GET", **headers):
    """The answer of each path to the same request (the page stored first)."""
    django_application, early = apps
    answer(django_application, environ(path))
    request = environ(path, method, **headers)
    return answer(django_application, request), answer(early, request), early.hit(dict(request)) is not None


def test_an_anonymous_hit_is_answered_early_as_django_answers_it(apps):
    through_django, early, served_early = both(apps, HOME)
    assert served_early
    assert early == through_django
    headers = dict(early[1])
    assert headers["X-Page-Cache"] == "hit" and "Strict-Transport-Security" in headers


def test_a_hit_with_a_query_string_is_answered_early_as_django_answers_it(apps):
    through_django, early, served_early = both(apps, reverse("briefings:search") + "?q=Bamako")
    assert served_early and early == through_django


def test_a_matching_if_none_match_is_a_304_answered_early_as_django_answers_it(apps):
    django_application, _ = apps
    etag = dict(answer(django_application, environ(HOME))[1])["ETag"]
    through_django, early, served_early = both(apps, HOME, **{"If-None-Match": etag})
    assert served_early and early == through_django
    assert early[0].startswith("304") and early[2] == b""


def test_head_is_left_to_django(apps):
    through_django, early, served_early = both(apps, HOME, "HEAD")
    assert not served_early and early == through_django


def test_a_reader_with_a_session_cookie_is_never_answered_from_the_cache(apps, settings):
    through_django, early, served_early = both(apps, HOME, Cookie=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert not served_early
    # Rendered twice: only Expires (the moment of each, never-cache) may differ.
    assert undated(early) == undated(through_django)
    assert dict(early[1])["X-Page-Cache"] == "bypass"


def test_a_post_is_left_to_django(apps):
    through_django, early, served_early = both(apps, HOME, "POST")
    assert not served_early and early[:2] == through_django[:2]


def test_a_redirect_to_https_is_left_to_django(apps, settings):
    settings.SECURE_SSL_REDIRECT = True
    django_application = WSGIHandler()
    early = PublicPageCacheApplication(django_application)
    answer(django_application, environ(HOME))  # stored for https readers
    plain = RequestFactory().get(HOME).environ
    assert early.hit(dict(plain)) is None
    assert answer(early, plain) == answer(django_application, plain)
    assert answer(early, plain)[0].startswith("301")


def test_without_a_shared_cache_nothing_is_answered_early(
    briefing, local_cache, wsgi_without_connection_checks
):
    django_application = WSGIHandler()
    early = PublicPageCacheApplication(django_application)
    answer(django_application, environ(HOME))
    assert early.hit(environ(HOME)) is None  # the version is read from the database


@pytest.mark.parametrize(
    "path", ["/actors/x\U0005490cy/", "/countries/c\u00f4te-d-ivoire/", "/search/?q=caf\u00e9"]
)
def test_an_address_beyond_ascii_is_answered_as_django_answers_it(apps, path):
    # The environ is as a WSGI server hands it over: the address's UTF-8 bytes as Latin-1.
    through_django, early, _ = both(apps, path.encode().decode("latin-1"))
    assert undated(early) == undated(through_django)
    assert not early[0].startswith("5")


def test_a_page_the_code_before_a_deploy_cached_is_not_answered_early_after_it(apps, monkeypatch):
    from briefings import cache as page_cache

    django_application, early = apps
    answer(django_application, environ(HOME))
    assert early.hit(environ(HOME)) is not None

    monkeypatch.setattr(page_cache, "build_fingerprint", lambda: "the-next-release")

    assert early.hit(environ(HOME)) is None
