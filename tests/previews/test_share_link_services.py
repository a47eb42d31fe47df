"""Share links as services: made by editors for a set lifetime, signed, revocable, and
opening one briefing only while they are active; every opening logged."""

import datetime

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from briefings import services
from briefings.models import ShareLink, ShareLinkLifetime, ShareLinkOpening
from briefings.services.sharing import SALT

from ..factories import UserFactory


def token_of(link) -> str:
    return services.share_link_token(link)


@pytest.mark.parametrize("lifetime", [1, 7, 30])
def test_share_link_expires_after_its_lifetime(draft, editor, lifetime):
    link = services.share_link_create(briefing=draft, created_by=editor, lifetime=lifetime)
    assert link.expires_at - link.created_at == datetime.timedelta(days=lifetime)


def test_share_link_lifetime_must_be_one_offered(draft, editor):
    with pytest.raises(ValidationError):
        services.share_link_create(briefing=draft, created_by=editor, lifetime=365)


def test_analyst_may_not_make_a_share_link(draft):
    with pytest.raises(PermissionDenied):
        services.share_link_create(briefing=draft, created_by=UserFactory(role="analyst"), lifetime=7)


def test_active_link_opens_its_briefing(link):
    assert services.share_link_open(token=token_of(link), ip_address="203.0.113.9").briefing == link.briefing


def test_each_opening_is_logged_with_its_time_and_address(link):
    services.share_link_open(token=token_of(link), ip_address="203.0.113.9")
    services.share_link_open(token=token_of(link), ip_address="2001:db8::1", what="pdf")
    openings = list(ShareLinkOpening.objects.filter(link=link).order_by("at", "pk"))
    assert [(o.ip_address, o.what) for o in openings] == [("203.0.113.9", "page"), ("2001:db8::1", "pdf")]
    assert all(timezone.now() - o.at < datetime.timedelta(minutes=1) for o in openings)


def test_expired_link_does_not_open(link):
    later = link.expires_at + datetime.timedelta(seconds=1)
    with pytest.raises(services.ShareLinkInvalid):
        services.share_link_open(token=token_of(link), ip_address=None, now=later)


def test_revoked_link_does_not_open(link, editor):
    services.share_link_revoke(link=link, user=editor)
    with pytest.raises(services.ShareLinkInvalid):
        services.share_link_open(token=token_of(link), ip_address=None)


def test_revoking_twice_keeps_the_first_revocation(link, editor):
    first = services.share_link_revoke(link=link, user=editor).revoked_at
    assert services.share_link_revoke(link=link, user=UserFactory(role="editor")).revoked_at == first


def test_analyst_may_not_revoke_a_share_link(link):
    with pytest.raises(PermissionDenied):
        services.share_link_revoke(link=link, user=UserFactory(role="analyst"))


def test_forged_token_does_not_open(link):
    forged = signing.dumps({"link": link.pk, "briefing": link.briefing_id}, salt=SALT, key="not-the-secret")
    with pytest.raises(services.ShareLinkInvalid):
        services.share_link_open(token=forged, ip_address=None)


def test_altered_token_does_not_open(link):
    token = token_of(link)
    with pytest.raises(services.ShareLinkInvalid):
        services.share_link_open(token=token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), ip_address=None)


def test_token_naming_another_briefing_does_not_open(link, published):
    # Signed like a real one, but its row is another briefing's link: it opens nothing.
    other = signing.dumps({"link": link.pk, "briefing": published.pk}, salt=SALT)
    with pytest.raises(services.ShareLinkInvalid):
        services.share_link_open(token=other, ip_address=None)


def test_failed_opening_is_not_logged(link, editor):
    services.share_link_revoke(link=link, user=editor)
    with pytest.raises(services.ShareLinkInvalid):
        services.share_link_open(token=token_of(link), ip_address="203.0.113.9")
    assert not ShareLinkOpening.objects.exists()


def test_share_links_of_lists_only_active_links_newest_first(draft, editor, link):
    revoked = services.share_link_create(briefing=draft, created_by=editor, lifetime=ShareLinkLifetime.DAY)
    services.share_link_revoke(link=revoked, user=editor)
    newest = services.share_link_create(briefing=draft, created_by=editor, lifetime=ShareLinkLifetime.MONTH)
    assert [item.pk for item in services.share_links_of(draft)] == [newest.pk, link.pk]


def test_database_refuses_a_link_that_expires_before_it_is_made(draft, editor):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ShareLink.objects.create(briefing=draft, created_by=editor, created_at=now, expires_at=now)
