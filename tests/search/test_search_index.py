"""The search index after a rebuild: what saves wrote one row at a time, whether the rebuild
writes from worker processes or on the caller's connection, and nothing of rows that are gone."""

import asyncio
import threading

import pytest
from django.db import connection, connections

from briefings.models import Event, SearchDocument, SearchKind
from briefings.search.index import search_index_rebuild

from ..factories import EventFactory

pytestmark = pytest.mark.django_db


def stored_documents() -> list[tuple]:
    # On PostgreSQL the weighted vector too; on SQLite it stays empty.
    return sorted(
        (kind, object_id, title, text, str(vector))
        for kind, object_id, title, text, vector in SearchDocument.objects.values_list(
            "kind", "object_id", "title", "text", "search_vector"
        )
    )


@pytest.mark.django_db(transaction=True)
def test_rebuild_by_two_workers_writes_what_a_rebuild_in_turn_wrote(briefing_with_material):
    # Committed rows, so that the workers' own connections (PostgreSQL) read them. The
    # baseline is a rebuild on this connection (which the test below and
    # tests/scale/test_search_index_rebuild.py hold equal to what saves write): after an
    # earlier transactional test the reference countries are reloaded around the signals,
    # without their documents, so what saves wrote would lack them.
    search_index_rebuild(workers=1)
    written_in_turn = stored_documents()
    SearchDocument.objects.filter(kind=SearchKind.EVENT).delete()
    SearchDocument.objects.filter(kind=SearchKind.BRIEFING).update(title="stale", text="stale")
    seen = []
    count = search_index_rebuild(workers=2, progress=seen.append)
    assert count == sum(seen) == len(written_in_turn)
    assert stored_documents() == written_in_turn


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rebuild_workers_forked_under_an_event_loop_leave_the_callers_connection_alone(
    briefing_with_material, monkeypatch
):
    # Django keeps a thread's connections apart while an event loop runs in it (Playwright's
    # does in the browser tests), so a connection opened before the loop started stays open
    # behind it, where the caller's close before forking does not reach. A forked worker, in
    # which no loop runs, inherits it: it must neither query on it (two workers on one socket
    # read each other's rows) nor close it (that ends the caller's session).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    search_index_rebuild(workers=1)
    written_in_turn = stored_documents()
    SearchDocument.objects.filter(kind=SearchKind.EVENT).delete()
    seen = {}

    async def rebuild_under_a_loop():
        try:
            seen["count"] = search_index_rebuild(workers=2)
        finally:
            connections.close_all()

    def caller():
        try:
            seen["before"] = backend_pid()
            asyncio.run(rebuild_under_a_loop())
            seen["after"] = backend_pid()
        except Exception as error:  # reported to the test below
            seen["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=caller)
    thread.start()
    thread.join(timeout=60)

    assert "error" not in seen, seen.get("error")
    assert seen["after"] == seen["before"]
    assert seen["count"] == len(written_in_turn)
    assert stored_documents() == written_in_turn


def test_rebuild_in_a_transaction_writes_what_saves_wrote(briefing_with_material):
    written_by_saves = stored_documents()
    SearchDocument.objects.all().delete()
    search_index_rebuild(workers=2)
    assert stored_documents() == written_by_saves


def test_rebuild_deletes_the_documents_of_rows_that_are_gone(briefing_with_material):
    event = EventFactory(title="An event in no briefing")
    # Deleted around the ORM's signals, as a bulk load's clean-up would.
    Event.objects.filter(pk=event.pk)._raw_delete(Event.objects.db)
    assert SearchDocument.objects.filter(kind=SearchKind.EVENT, object_id=event.pk).exists()
    search_index_rebuild()
    assert not SearchDocument.objects.filter(kind=SearchKind.EVENT, object_id=event.pk).exists()
    assert SearchDocument.objects.filter(kind=SearchKind.BRIEFING).exists()
