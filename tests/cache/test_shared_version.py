"""With Redis, the publication version is kept in the cache next to the pages (one round
trip per hit, no query) while the database stays the source of truth: every committed
write is on the next request of every worker, and neither an emptied Redis, a restored
database, two raises finishing out of order nor a raise during a render brings back an old
page (see briefings/cache.py)."""

import datetime
import threading

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings.cache import (
    VERSION_KEY,
    _redis_client,
    _shared_cache,
    _store,
    page_lookup,
    public_version_raise,
    shared_version_publish,
)
from briefings.models import Briefing, PublicationStatus, PublicVersion

from ..factories import BriefingFactory

HOME = reverse("briefings:home")


def served(client, url=HOME):
    response = client.get(url)
    return response["X-Page-Cache"], response.content.decode()


def cached_record() -> bytes | None:
    backend = _shared_cache()
    return _redis_client(backend).get(backend.make_key(VERSION_KEY))


@pytest.mark.django_db(transaction=True)
def test_with_redis_a_committed_write_is_on_the_next_request_of_another_worker(shared_cache):
    briefing = BriefingFactory(title="Bamako before the vote", published=True)
    reader = Client()
    served(reader), served(reader)
    assert served(reader)[0] == "hit"

    briefing.title = "Bamako after the vote"
    briefing.save()  # outside a transaction: committed, and the version raised, at once

    answers = []
    # Another worker: a thread of its own has its own cache client and database connection.
    other = threading.Thread(target=lambda: answers.append(served(Client())))
    other.start()
    other.join()
    ((state, page),) = answers
    assert state == "miss" and "Bamako after the vote" in page


@pytest.mark.django_db
def test_with_redis_emptied_while_the_database_keeps_its_number_no_old_page_returns(
    client, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        BriefingFactory(title="Gao in the rains", published=True)
    served(client), served(client)
    number = PublicVersion.objects.get().value

    shared_cache.clear()  # FLUSHDB, as a restarted Redis without its snapshot

    assert served(client)[0] == "miss"
    assert cached_record().split(b" ")[0] == str(number).encode()
    assert served(client)[0] == "hit"


@pytest.mark.django_db
def test_with_redis_a_database_restored_below_a_number_served_is_raised_past_it(
    client, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        BriefingFactory(title="Kidal in the dry season", published=True)
    served(client), served(client)
    served_at = PublicVersion.objects.get().value
    # A backup brings the row back with an older number; the cached number then expires.
    PublicVersion.objects.update(value=served_at - 1000)
    _redis_client(_shared_cache()).delete(_shared_cache().make_key(VERSION_KEY))

    assert served(client)[0] == "miss"
    assert PublicVersion.objects.get().value > served_at


def test_with_redis_two_raises_finishing_out_of_order_never_put_an_older_number_back(shared_cache, db):
    now = timezone.now()
    assert shared_version_publish(value=10_000_001, changed_at=now, next_due_at=None)
    assert not shared_version_publish(value=10_000_000, changed_at=now, next_due_at=None)
    assert cached_record().split(b" ")[0] == b"10000001"


@pytest.mark.django_db
def test_with_redis_a_page_rendered_across_a_raise_is_not_served_at_the_new_version(
    client, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        BriefingFactory(title="Timbuktu", published=True)
    response = client.get(HOME)
    key = "public-page:public:race"
    before, _ = page_lookup(key)
    public_version_raise()  # committed while the page was being rendered
    _store(key, response, b"rendered before the raise", before)

    after, page = page_lookup(key)
    assert after.value > before.value and page is None


@pytest.mark.django_db
def test_with_redis_a_publication_time_reached_changes_the_pages(
    client, shared_cache, monkeypatch, django_capture_on_commit_callbacks
):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        BriefingFactory(title="Timed for the minute", status=PublicationStatus.PUBLISHED, published_at=soon)
    served(client)
    assert served(client)[0] == "hit" and "Timed for the minute" not in served(client)[1]
    # Time passes with no write at all: the cached version says when the next one falls due.
    later = soon + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    state, page = served(client)
    assert state == "miss" and "Timed for the minute" in page
    assert PublicVersion.objects.get().next_due_at is None
    assert Briefing.objects.get(title="Timed for the minute").published_at == soon


@pytest.mark.django_db(transaction=True)
def test_with_redis_a_flushed_database_is_on_the_next_request(shared_cache, settings):
    from django.core.management import call_command

    settings.BRIEFINGS_PAGE_VERSION_SECONDS = 600  # not the number's expiry: the flush itself

    BriefingFactory(title="Menaka", published=True)
    reader = Client()
    served(reader), served(reader)
    assert "Menaka" in served(reader)[1]

    call_command("flush", interactive=False, verbosity=0)

    state, page = served(reader)
    assert state == "miss" and "Menaka" not in page
