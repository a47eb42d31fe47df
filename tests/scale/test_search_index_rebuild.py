"""The search index rebuilt in batches holds exactly what saves write one row at a time,
and the command reports its progress."""

import io

from django.core.management import call_command

from briefings.models import SearchDocument
from briefings.search.index import search_index_rebuild


def stored_documents() -> list[tuple]:
    # On PostgreSQL the weighted vector too; on SQLite it stays empty.
    return sorted(
        (kind, object_id, title, text, str(vector))
        for kind, object_id, title, text, vector in SearchDocument.objects.values_list(
            "kind", "object_id", "title", "text", "search_vector"
        )
    )


def test_rebuild_writes_the_documents_saves_wrote(desk):
    desk.grow(2)
    written_by_saves = stored_documents()
    assert written_by_saves
    count = search_index_rebuild()
    assert count == len(written_by_saves)
    assert stored_documents() == written_by_saves


def test_rebuild_reports_progress_in_batches(desk):
    seen = []
    count = search_index_rebuild(progress=seen.append)
    assert sum(seen) == count


def test_rebuild_command_shows_a_progress_bar(desk):
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert "Rewrote" in out.getvalue()
    assert "doc" in err.getvalue()


def test_saving_a_busy_actor_rewrites_every_event_it_acts_in(desk):
    desk.grow(3)
    desk.actor.name = "Renamed Contractors Group"
    desk.actor.save()
    event_ids = set(desk.actor.event_roles.values_list("event_id", flat=True))
    texts = SearchDocument.objects.filter(kind="event", object_id__in=event_ids).values_list(
        "text", flat=True
    )
    assert len(texts) == len(event_ids)
    assert all("Renamed Contractors Group" in text for text in texts)
