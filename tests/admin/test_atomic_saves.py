"""Nothing is half-saved: a save that fails midway (an error, a dropped database connection)
leaves the database as it was; and two saves from the same version at the same moment
cannot both succeed."""

import threading

import psycopg2
import pytest
from django.db import connection, connections
from django.db.models.signals import post_save
from reversion.models import Revision

from briefings.models import Briefing, KeyJudgment
from briefings.models import base as concurrency

from ..factories import AssessmentFactory, BriefingFactory
from ..helpers import change_url, client_for, open_change_form, post_data


def add_judgment_and_retitle(fields, assessment) -> dict:
    """The change form's data with a new title and a new key judgment in the inline's extra row."""
    return post_data(
        fields,
        title="Half-saved title",
        **{"judgment_links-0-assessment": str(assessment.pk), "judgment_links-0-order": "1"},
    )


class Boom(Exception):
    pass


def snapshot(briefing) -> tuple:
    """What a half-finished save could have changed."""
    row = Briefing.objects.get(pk=briefing.pk)
    return (row.title, row.version, KeyJudgment.objects.count(), Revision.objects.count())


@pytest.mark.django_db
def test_an_error_while_saving_an_inline_row_leaves_the_database_as_it_was(editor):
    briefing = BriefingFactory(title="Stored title")
    assessment = AssessmentFactory()
    client = client_for(editor)
    fields = open_change_form(client, briefing)
    before = snapshot(briefing)

    def fail(sender, instance, **kwargs):
        raise Boom("the disk is full")

    post_save.connect(fail, sender=KeyJudgment)
    try:
        with pytest.raises(Boom):
            client.post(change_url(briefing), add_judgment_and_retitle(fields, assessment))
    finally:
        post_save.disconnect(fail, sender=KeyJudgment)

    assert snapshot(briefing) == before


@pytest.mark.django_db
def test_an_error_in_a_bulk_action_leaves_every_briefing_as_it_was(editor, monkeypatch):
    first, second = BriefingFactory(), BriefingFactory()
    client = client_for(editor)
    calls = []
    original = concurrency.claim_version

    def fail_on_the_second(instance, **kwargs):
        calls.append(instance.pk)
        if len(calls) > 1:
            raise Boom("the server went away")
        return original(instance, **kwargs)

    monkeypatch.setattr(concurrency, "claim_version", fail_on_the_second)

    with pytest.raises(Boom):
        client.post(
            "/admin/briefings/briefing/",
            {"action": "submit_for_review", "_selected_action": [first.pk, second.pk]},
        )

    assert list(Briefing.objects.order_by("pk").values_list("status", "version")) == [
        ("draft", 1),
        ("draft", 1),
    ]


# --- On PostgreSQL: a dropped connection, and two saves at the same moment ------------


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def second_connection():
    """A connection of its own to the test database, as another server would have."""
    settings = connection.settings_dict
    return psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"] or "postgres",
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_dropped_in_the_middle_of_a_save_leaves_nothing_behind(editor):
    briefing = BriefingFactory(title="Stored title")
    assessment = AssessmentFactory()
    client = client_for(editor)
    fields = open_change_form(client, briefing)
    before = snapshot(briefing)
    pid = backend_pid()
    killed = []

    def drop_the_connection(sender, instance, **kwargs):
        # The briefing row is written; the key judgment just inserted. Now the database
        # server loses this connection, as on a network failure or a restart.
        other = second_connection()
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            killed.append(cursor.fetchone()[0])
        other.close()

    post_save.connect(drop_the_connection, sender=KeyJudgment)
    try:
        response = client.post(change_url(briefing), add_judgment_and_retitle(fields, assessment))
    finally:
        post_save.disconnect(drop_the_connection, sender=KeyJudgment)
        connection.close()

    assert killed == [True]
    # The analyst is told the database is unavailable (not a bare server error) ...
    assert response.status_code == 503
    # ... and nothing of the half-made save is left behind.
    assert snapshot(briefing) == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_save_committed_elsewhere_after_the_check_is_refused_by_the_write(editor, monkeypatch):
    briefing = BriefingFactory(title="Stored title", summary="Stored summary.")
    client = client_for(editor)
    fields = open_change_form(client, briefing)
    original = concurrency.claim_version
    landed = []

    def another_server_commits_first(instance, **kwargs):
        if not landed:
            other = second_connection()
            with other, other.cursor() as cursor:
                cursor.execute(
                    "UPDATE briefings_briefing SET summary = %s, version = version + 1 WHERE id = %s",
                    ["Saved elsewhere.", instance.pk],
                )
            other.close()
            landed.append(True)
        return original(instance, **kwargs)

    monkeypatch.setattr(concurrency, "claim_version", another_server_commits_first)

    response = client.post(change_url(briefing), post_data(fields, title="Changed here"))

    assert response.templates[0].name == "admin/briefings/conflict.html"
    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary) == ("Stored title", "Saved elsewhere.")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_saves_from_the_same_version_at_the_same_moment_exactly_one_succeeds(ana, ben, monkeypatch):
    briefing = BriefingFactory(title="Stored title")
    forms = {user.username: open_change_form(client_for(user), briefing) for user in (ana, ben)}
    both_checked = threading.Barrier(2, timeout=20)
    original = concurrency.claim_version

    def claim_together(instance, **kwargs):
        # Both requests have passed the form's check; now both write at once.
        both_checked.wait()
        return original(instance, **kwargs)

    monkeypatch.setattr(concurrency, "claim_version", claim_together)
    results = {}

    def save(user, title):
        try:
            response = client_for(user).post(
                change_url(briefing), post_data(forms[user.username], title=title)
            )
            results[user.username] = response.status_code
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(ana, "Ana's title")),
        threading.Thread(target=save, args=(ben, "Ben's title")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results.values()) == [200, 302]
    winner = "Ana's title" if results["ana"] == 302 else "Ben's title"
    assert Briefing.objects.get(pk=briefing.pk).title == winner
