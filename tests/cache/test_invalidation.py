"""Every kind of write that can change a public page is on the very next anonymous request:
the page was cached first (a hit proves it), then the write, then the page shows it.

The cache is the configured one (locmem in the suite), never mocked. Each test runs in one
transaction, so the publication version in the database is raised only by the tests that
let the commit happen (`django_capture_on_commit_callbacks`); in the others the writing
connection's own count of writes keeps its next request current (see briefings/cache.py)."""

import datetime
import pickle

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings import cache as page_cache
from briefings.cache import public_state_read
from briefings.models import Briefing, Outcome, PublicationStatus, PublicVersion
from briefings.services.outcomes import assessment_resolve
from briefings.services.workflow import briefing_publish, briefing_schedule, briefing_withdraw

from ..factories import BriefingFactory, CountryTrendFactory, EventFactory, UserFactory, country
from ..helpers import briefing_in, judgment_in

HOME = reverse("briefings:home")


def cached(client, url) -> str:
    """The page's text, after making sure it is in the cache (the second request is a hit)."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return page_text(response)


def page_text(response) -> str:
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode()


def fresh(client, url) -> str:
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss", url
    return page_text(response)


def test_a_cached_page_is_served_with_one_query(client, briefing, local_cache):
    client.get(briefing.get_absolute_url())
    # The publication version the page was stored at; the page itself comes from the cache.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(briefing.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 1


def test_with_redis_a_cached_page_is_served_without_a_query(client, briefing, shared_cache, settings):
    settings.BRIEFINGS_PAGE_VERSION_SECONDS = 600  # a slow machine must not see the number expire
    client.get(briefing.get_absolute_url())
    # The version is kept in Redis next to the page: one round trip, no query.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(briefing.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


@pytest.mark.parametrize("backend", ["local_cache", "shared_cache"])
def test_an_entry_not_written_by_the_desk_is_never_unpickled_but_rendered_again(
    client, briefing, backend, request
):
    """What is read back from the cache is parsed, never unpickled: an entry someone else
    wrote under a page's key (a pickle that would run code) is a miss, replaced at once."""
    request.getfixturevalue(backend)
    client.get(briefing.get_absolute_url())
    key = next(iter(_page_keys(backend, request)))
    hostile = pickle.dumps(_Boom())
    if backend == "shared_cache":
        from django.core.cache import cache

        cache._cache.get_client(write=True).set(key, hostile)
    else:
        from django.core.cache import cache

        cache.set(key, hostile)
    response = client.get(briefing.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert client.get(briefing.get_absolute_url())["X-Page-Cache"] == "hit"


class _Boom:
    def __reduce__(self):
        return (pytest.fail, ("an entry of the cache was unpickled",))


def _page_keys(backend, request):
    from django.core.cache import cache

    if backend == "shared_cache":
        client = cache._cache.get_client(write=True)
        return [k.decode() for k in client.keys("*public-page:*")]
    return [k.split(":", 2)[2] for k in cache._cache if "public-page:" in k]


# A deploy runs `migrate` (which raises the version) before gunicorn restarts: a page an old
# worker renders in between carries the new version, but the old build.
@pytest.mark.parametrize("backend", ["local_cache", "shared_cache"])
def test_a_page_the_code_before_a_deploy_cached_is_rendered_again_by_the_code_after(
    client, briefing, backend, request, monkeypatch
):
    request.getfixturevalue(backend)
    url = briefing.get_absolute_url()
    cached(client, url)

    monkeypatch.setattr(page_cache, "build_fingerprint", lambda: "the-next-release")

    fresh(client, url)
    cached(client, url)


def test_a_write_behind_the_desks_back_is_not_seen_until_a_real_write(client, briefing):
    """Proves the page really comes from the cache: a raw change to the row is not shown."""
    cached(client, briefing.get_absolute_url())
    Briefing._base_manager.filter(pk=briefing.pk).update(summary="Changed behind the cache.")
    assert "Changed behind the cache." not in cached(client, briefing.get_absolute_url())


def test_publishing_a_briefing_puts_it_on_the_home_page(client, briefing):
    editor = UserFactory(role="editor")
    waiting = briefing_in(PublicationStatus.IN_REVIEW, title="The Sahel in 2021")
    assert "The Sahel in 2021" not in cached(client, HOME)
    briefing_publish(briefing=waiting, user=editor)
    assert "The Sahel in 2021" in fresh(client, HOME)


def test_withdrawing_a_briefing_takes_its_page_and_its_place_on_the_home_page(client, briefing):
    assert "Mali after the coup" in cached(client, HOME)
    cached(client, briefing.get_absolute_url())
    briefing_withdraw(briefing=briefing, user=UserFactory(role="editor"))
    assert "Mali after the coup" not in fresh(client, HOME)
    assert client.get(briefing.get_absolute_url()).status_code == 404


def test_revising_a_briefing_shows_the_revision(client, briefing):
    cached(client, briefing.get_absolute_url())
    briefing.summary = "The junta now holds the whole country."
    briefing.save()
    assert "The junta now holds the whole country." in fresh(client, briefing.get_absolute_url())


def test_editing_an_event_shows_on_its_page_and_the_briefings(client, briefing, event):
    cached(client, event.get_absolute_url())
    cached(client, briefing.get_absolute_url())
    event.title = "Soldiers seize the radio station"
    event.save()
    assert "Soldiers seize the radio station" in fresh(client, event.get_absolute_url())
    assert "Soldiers seize the radio station" in fresh(client, briefing.get_absolute_url())


def test_renaming_an_actor_shows_on_its_page(client, actor):
    cached(client, actor.get_absolute_url())
    actor.name = "National Committee for the Salvation of the People"
    actor.save()
    assert "National Committee for the Salvation of the People" in fresh(client, actor.get_absolute_url())


def test_editing_a_judgment_shows_on_the_briefing(client, briefing, judgment):
    cached(client, briefing.get_absolute_url())
    judgment.statement = "The junta will almost certainly stay beyond eighteen months."
    judgment.save()
    assert "stay beyond eighteen months" in fresh(client, briefing.get_absolute_url())


def test_editing_an_excerpt_shows_in_the_footnotes(client, briefing, event):
    excerpt = event.excerpts.first()
    cached(client, briefing.get_absolute_url())
    excerpt.text = "Trade was halted at once."
    excerpt.save()
    assert "Trade was halted at once." in fresh(client, briefing.get_absolute_url())


def test_retitling_a_source_shows_in_the_footnotes(client, briefing):
    source = briefing.sources.get()
    cached(client, briefing.get_absolute_url())
    source.title = "Why Russia wins in Mali"
    source.save()
    assert "Why Russia wins in Mali" in fresh(client, briefing.get_absolute_url())


def test_a_published_trend_shows_on_the_country_page(client, briefing):
    url = reverse("briefings:country-detail", kwargs={"slug": country("ML").slug})
    assert 'class="trend-strip"' not in cached(client, url)
    CountryTrendFactory(published=True, month=datetime.date(2020, 8, 1))
    assert 'class="trend-strip"' in fresh(client, url)


def test_recording_an_outcome_shows_on_the_briefing_and_the_track_record(client, briefing):
    judgment = judgment_in(briefing, horizon=datetime.date(2021, 1, 31))
    track_record = reverse("briefings:track-record")
    cached(client, briefing.get_absolute_url())
    cached(client, track_record)
    assessment_resolve(
        assessment=judgment,
        outcome=Outcome.HAPPENED,
        on=datetime.date(2021, 2, 1),
        note="It happened.",
        user=UserFactory(role="editor"),
    )
    assert "outcome--happened" in fresh(client, briefing.get_absolute_url())
    assert fresh(client, track_record)


def test_deleting_an_event_takes_it_off_the_briefing(client, briefing):
    extra = EventFactory(title="A march in Kayes", country=country("ML"))
    briefing.events.add(extra)
    assert "A march in Kayes" in cached(client, briefing.get_absolute_url())
    extra.delete()
    assert "A march in Kayes" not in fresh(client, briefing.get_absolute_url())


def test_linking_an_event_to_a_briefing_shows_it(client, briefing):
    extra = EventFactory(title="A march in Kayes", country=country("ML"))
    assert "A march in Kayes" not in cached(client, briefing.get_absolute_url())
    briefing.events.add(extra)
    assert "A march in Kayes" in fresh(client, briefing.get_absolute_url())


def test_a_bulk_update_shows(client, briefing):
    cached(client, briefing.get_absolute_url())
    Briefing.objects.filter(pk=briefing.pk).update(title="Mali, one year on")
    assert "Mali, one year on" in fresh(client, briefing.get_absolute_url())


def test_renaming_an_author_shows_in_the_byline(client, briefing):
    author = briefing.authors.get()
    cached(client, briefing.get_absolute_url())
    author.first_name = "Grace"
    author.save()
    assert "Grace Analyst" in fresh(client, briefing.get_absolute_url())


def test_signing_in_does_not_empty_the_cache(client, briefing):
    editor = UserFactory(role="editor")
    cached(client, HOME)
    client.force_login(editor)  # records last_login
    client.logout()
    assert client.get(HOME)["X-Page-Cache"] == "hit"


def test_a_scheduled_publication_shows_once_publish_due_runs(client, briefing):
    editor = UserFactory(role="editor")
    waiting = briefing_in(PublicationStatus.IN_REVIEW, title="The Sahel in 2021")
    briefing_schedule(briefing=waiting, user=editor, at=timezone.now() + datetime.timedelta(hours=1))
    assert "The Sahel in 2021" not in cached(client, HOME)
    Briefing.objects.filter(pk=waiting.pk).update(
        scheduled_for=timezone.now() - datetime.timedelta(minutes=1)
    )
    cached(client, HOME)
    call_command("publish_due")
    assert "The Sahel in 2021" in fresh(client, HOME)


# --- The version in the database, as other app servers see it --------------------------


# These tests write only inside the captured callbacks: the version is raised once per
# transaction, at the first write's commit.


def test_a_committed_write_raises_the_version_every_server_reads(db, django_capture_on_commit_callbacks):
    before = PublicVersion.objects.get().value
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        briefing = BriefingFactory(published=True)
        briefing.summary = "Revised."
        briefing.save()
        briefing.events.add(EventFactory())
    # Raised once per transaction, however many rows it wrote.
    raises = [c for c in callbacks if getattr(getattr(c, "func", c), "briefings_public_raise", False)]
    assert len(raises) == 1
    assert PublicVersion.objects.get().value > before


def test_a_version_row_brought_back_by_a_restore_never_reuses_a_number(db):
    from briefings.cache import public_version_raise

    public_version_raise()
    used = PublicVersion.objects.get().value
    PublicVersion.objects.update(value=used - 1000)  # as a backup taken earlier brings it back

    public_version_raise()

    assert PublicVersion.objects.get().value > used


def test_the_version_is_raised_only_when_the_transaction_commits(db, django_capture_on_commit_callbacks):
    before = PublicVersion.objects.get().value
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        BriefingFactory(published=True).save()
        assert PublicVersion.objects.get().value == before
    assert len(callbacks) == 1


def test_a_publication_time_reached_changes_the_pages(
    client, db, local_cache, django_capture_on_commit_callbacks
):
    soon = timezone.now() + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        BriefingFactory(title="Timed for the minute", status=PublicationStatus.PUBLISHED, published_at=soon)
    assert PublicVersion.objects.get().next_due_at == soon
    assert "Timed for the minute" not in client.get(HOME).content.decode()
    # Time passes with no write at all; the row says when the next publication falls due.
    PublicVersion.objects.update(next_due_at=timezone.now() - datetime.timedelta(seconds=1))
    Briefing._base_manager.filter(title="Timed for the minute").update(published_at=timezone.now())
    assert "Timed for the minute" in fresh(client, HOME)
    assert PublicVersion.objects.get().next_due_at is None


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_raises_the_version_at_once(client):
    # Read as a request does: after a flush the row is made on first use.
    before = public_state_read().value
    EventFactory(title="Soldiers leave Kati")
    # Raised at once (the event, and its search document, each in a transaction of its own).
    assert public_state_read().value > before


@pytest.mark.django_db(transaction=True)
def test_a_version_raise_that_fails_after_commit_is_logged_and_the_write_stands(monkeypatch, caplog):
    from django.db import transaction

    from briefings import cache as page_cache
    from briefings.models import Event

    def unreachable(*, using):
        raise page_cache.OperationalError("the database went away")

    monkeypatch.setattr(page_cache, "public_version_raise", unreachable)
    with caplog.at_level("ERROR", logger="django.db.backends.base"), transaction.atomic():
        EventFactory(title="Soldiers leave Kati")

    assert Event.objects.filter(title="Soldiers leave Kati").exists()
    assert "raise_public_version" in caplog.text and "the database went away" in caplog.text


def test_a_bulk_update_of_an_actors_role_is_seen_at_once(client, event):
    from briefings.models import ActorRole, EventActor

    cached(client, event.get_absolute_url())
    EventActor.objects.filter(event=event).update(role=ActorRole.TARGET)

    assert "target" in fresh(client, event.get_absolute_url()).lower()


def test_actors_added_in_bulk_to_an_event_are_seen_at_once(client, event):
    from briefings.models import Actor, ActorRole, EventActor

    cached(client, event.get_absolute_url())
    newcomer = Actor.objects.create(name="Mopti Vigilance Committee", kind="armed_group")
    EventActor.objects.bulk_create([EventActor(event=event, actor=newcomer, role=ActorRole.PARTICIPANT)])

    assert "Mopti Vigilance Committee" in fresh(client, event.get_absolute_url())
