"""Two editors publishing the same briefing at the same moment: exactly one succeeds, the
other is told it is already published. Real threads, each with its own connection, on
PostgreSQL, where `select_for_update` takes a row lock (SQLite has none to take)."""

import datetime
import threading
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from briefings import services
from briefings.models import Briefing, BriefingTransition, PublicationStatus

from ..factories import UserFactory
from ..helpers import briefing_in

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_content_types():
    """A transactional test before this one may have emptied the tables the cache of content
    types describes; history kept on save looks them up."""
    ContentType.objects.clear_cache()


def editors():
    """Two editors, in the Editor group (a flush by an earlier transactional test leaves it:
    the post_migrate receiver puts the role groups back)."""
    return [UserFactory(username=name, role="editor") for name in ("eddie", "edith")]


def run_together(*jobs, timeout: float = 30) -> list:
    """Run each job in its own thread, released at the same instant; what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait(timeout=timeout)
            results[i] = job()
        except Exception as error:  # reported to the test, which says what it expected
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.fixture
def slow_check(monkeypatch):
    """Hold each publisher for a moment between reading the status and writing it, so that
    without the row lock both would read "in review" and both would publish."""
    real = services.briefing_check_transition

    def slow(**kwargs):
        move = real(**kwargs)
        time.sleep(0.5)
        return move

    monkeypatch.setattr(services.workflow, "briefing_check_transition", slow)


def test_two_editors_publishing_at_once_exactly_one_succeeds(slow_check):
    briefing = briefing_in(PublicationStatus.IN_REVIEW, title="Mali after the coup")
    users = editors()

    results = run_together(
        *(
            lambda user=user: services.briefing_publish(
                briefing=Briefing.objects.get(pk=briefing.pk), user=user
            )
            for user in users
        )
    )

    published = [r for r in results if isinstance(r, Briefing)]
    refused = [r for r in results if isinstance(r, services.TransitionError)]
    assert (len(published), len(refused)) == (1, 1), results
    assert "“Mali after the coup” is already published." in refused[0].messages
    assert (
        BriefingTransition.objects.filter(briefing=briefing, to_status=PublicationStatus.PUBLISHED).count()
        == 1
    )


def test_the_winner_is_the_one_logged(slow_check):
    briefing = briefing_in(PublicationStatus.IN_REVIEW)
    users = editors()

    results = run_together(
        *(
            lambda user=user: services.briefing_publish(
                briefing=Briefing.objects.get(pk=briefing.pk), user=user
            )
            for user in users
        )
    )

    winner = users[[isinstance(r, Briefing) for r in results].index(True)]
    assert BriefingTransition.objects.get(briefing=briefing).user == winner


def test_two_publish_due_runs_at_once_publish_once(slow_check):
    editor = editors()[0]
    briefing = briefing_in(PublicationStatus.IN_REVIEW)
    services.briefing_schedule(
        briefing=briefing, user=editor, at=timezone.now() + datetime.timedelta(hours=1)
    )
    Briefing.objects.filter(pk=briefing.pk).update(
        scheduled_for=timezone.now() - datetime.timedelta(minutes=1)
    )

    results = run_together(services.briefings_publish_due, services.briefings_publish_due)

    assert sorted(len(r) for r in results) == [0, 1], results
    assert (
        BriefingTransition.objects.filter(briefing=briefing, to_status=PublicationStatus.PUBLISHED).count()
        == 1
    )
