"""The ACLED-like CSV of events: published events only, one row each, safe in a spreadsheet."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.exports.csv import COLUMNS
from briefings.models import ActorRole, DatePrecision, PublicationStatus

from ..factories import (
    ActorFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db

ALL_EVENTS = reverse("briefings:events-csv")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


@pytest.fixture
def coup():
    """A published coup: soldiers (initiator) against the president (target), a mediator taking part."""
    briefing = BriefingFactory(published=True)
    event = EventFactory(
        title="Soldiers overthrow the president",
        description="Mutiny at Kati, then arrests in Bamako.",
        country=country("ML"),
        place="Bamako",
    )
    EventActorFactory(event=event, actor=ActorFactory(name="Soldiers"), role=ActorRole.INITIATOR)
    EventActorFactory(event=event, actor=ActorFactory(name="Keita"), role=ActorRole.TARGET)
    EventActorFactory(event=event, actor=ActorFactory(name="ECOWAS"), role=ActorRole.PARTICIPANT)
    event.excerpts.add(ExcerptFactory(source=SourceFactory(publisher="FPRI")))
    briefing.events.add(event)
    return briefing, event


def test_header_has_the_acled_like_columns(client, coup):
    header = body(client.get(ALL_EVENTS)).decode().splitlines()[0]
    assert header.split(",") == COLUMNS


def test_published_event_is_one_row_with_its_fields(client, coup):
    (row,) = rows(client.get(ALL_EVENTS))
    assert row["event_date"] == "2020-08-18"
    assert row["date_precision"] == "day"
    assert row["event_type"] == "coup"
    assert row["country"] == "Mali"
    assert row["iso3"] == "MLI"
    assert row["location"] == "Bamako"
    assert row["source"] == "FPRI"
    assert "Mutiny at Kati" in row["notes"]


def test_initiators_are_actor1_and_targets_actor2(client, coup):
    (row,) = rows(client.get(ALL_EVENTS))
    assert (row["actor1"], row["actor2"], row["assoc_actors"]) == ("Soldiers", "Keita", "ECOWAS")


def test_event_cited_only_by_a_draft_is_not_exported(client, coup):
    BriefingFactory(status=PublicationStatus.DRAFT).events.add(EventFactory(title="Secret meeting"))
    assert [row["notes"] for row in rows(client.get(ALL_EVENTS)) if "Secret" in row["notes"]] == []


def test_month_precision_is_kept(client):
    briefing = BriefingFactory(published=True)
    briefing.events.add(EventFactory(date=datetime.date(2019, 6, 1), date_precision=DatePrecision.MONTH))
    (row,) = rows(client.get(ALL_EVENTS))
    assert (row["event_date"], row["date_precision"]) == ("2019-06-01", "month")


def test_cell_that_looks_like_a_formula_is_kept_as_text(client):
    briefing = BriefingFactory(published=True)
    briefing.events.add(EventFactory(title='=HYPERLINK("http://evil")', place="@SUM(A1)"))
    (row,) = rows(client.get(ALL_EVENTS))
    assert row["location"] == "'@SUM(A1)"
    assert row["notes"].startswith("'=")


def test_briefing_csv_holds_only_its_events(client, coup):
    briefing, _ = coup
    BriefingFactory(published=True).events.add(EventFactory(title="Elsewhere"))
    response = client.get(reverse("briefings:briefing-events-csv", kwargs={"slug": briefing.slug}))
    assert [row["notes"].split(" — ")[0] for row in rows(response)] == ["Soldiers overthrow the president"]


def test_draft_briefing_has_no_csv(client):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    response = client.get(reverse("briefings:briefing-events-csv", kwargs={"slug": draft.slug}))
    assert response.status_code == 404


def test_csv_is_an_attachment(client, coup):
    assert "attachment" in client.get(ALL_EVENTS)["Content-Disposition"]


def test_export_runs_a_fixed_number_of_queries(client, coup, django_assert_num_queries):
    briefing, _ = coup
    for n in range(5):
        event = EventFactory(title=f"Meeting {n}")
        EventActorFactory(event=event)
        event.excerpts.add(ExcerptFactory())
        briefing.events.add(event)
    # The ids of the passages the reader may read; events, their roles with actors, their
    # excerpts with sources: four, however many rows (read while the body streams); and the
    # publication version the page cache's key reads.
    with django_assert_num_queries(5):
        body(client.get(ALL_EVENTS))


def test_demo_events_export(client, demo_briefing):
    exported = rows(client.get(reverse("briefings:briefing-events-csv", kwargs={"slug": demo_briefing.slug})))
    assert len(exported) == demo_briefing.events.count()
    assert any(row["event_type"] == "coup" and row["iso3"] == "MLI" for row in exported)


# The export as it was before it streamed (commit "events.csv golden"): the same bytes since.
GOLDEN = (
    "event_id,event_date,date_precision,event_type,event_type_label,country,iso3,location,"
    "actor1,actor2,assoc_actors,source,notes\r\n"
    "2019-06-01-hyperlinkhttpevil,2019-06-01,month,coup,coup,,,'@SUM(A1),,,,,"
    '"\'=HYPERLINK(""http://evil"")"\r\n'
    "2020-08-18-soldiers-overthrow-the-president,2020-08-18,day,coup,coup,Mali,MLI,Bamako,"
    'Soldiers,Keita,ECOWAS,FPRI,"Soldiers overthrow the president — Mutiny at Kati, then arrests in Bamako."\r\n'
    '2020-09-02-talks-in-algiers,2020-09-02,day,coup,coup,,,,"ECOWAS mediators; Junta, the",,,'
    "Le Monde; Untitled wire,Talks in Algiers\r\n"
)


@pytest.fixture
def varied(coup):
    """The coup, a formula-looking event by month, and an event with no country, two
    initiators and two sources (one with no publisher)."""
    briefing, _ = coup
    briefing.events.add(
        EventFactory(
            title='=HYPERLINK("http://evil")',
            place="@SUM(A1)",
            date=datetime.date(2019, 6, 1),
            date_precision=DatePrecision.MONTH,
        )
    )
    talks = EventFactory(title="Talks in Algiers", date=datetime.date(2020, 9, 2), country=None)
    talks.excerpts.add(
        ExcerptFactory(source=SourceFactory(publisher="", title="Untitled wire")),
        ExcerptFactory(source=SourceFactory(publisher="Le Monde")),
    )
    EventActorFactory(event=talks, actor=ActorFactory(name="Junta, the"), role=ActorRole.INITIATOR)
    EventActorFactory(event=talks, actor=ActorFactory(name="ECOWAS mediators"), role=ActorRole.INITIATOR)
    briefing.events.add(talks)
    return briefing


def test_export_is_byte_for_byte_what_it_was(client, varied):
    assert body(client.get(ALL_EVENTS)).decode() == GOLDEN


def test_export_is_the_same_from_the_cache(client, varied):
    body(client.get(ALL_EVENTS))
    response = client.get(ALL_EVENTS)
    assert response["X-Page-Cache"] == "hit"
    assert body(response).decode() == GOLDEN


def test_export_streams_line_by_line(client, varied):
    response = client.get(ALL_EVENTS)
    assert response.streaming
    chunks = list(response.streaming_content)
    # The header, then one chunk per event: nothing waits for the whole file.
    assert len(chunks) == 4
    assert chunks[0].decode().startswith("event_id,")


def test_briefing_export_streams(client, varied):
    response = client.get(reverse("briefings:briefing-events-csv", kwargs={"slug": varied.slug}))
    assert response.streaming
    assert body(response).decode() == GOLDEN


def test_export_reads_only_the_columns_it_writes(client, varied):
    with CaptureQueriesContext(connection) as queries:
        body(client.get(ALL_EVENTS))
    sql = " ".join(q["sql"] for q in queries)
    for unwritten in (
        '"full_text"',
        '"briefings_excerpt"."text"',
        '"briefings_actor"."description"',
        '"iso2"',
    ):
        assert unwritten not in sql, unwritten


def test_export_reads_its_rows_in_chunks(client, varied, monkeypatch, django_assert_num_queries):
    from briefings.exports import csv as export

    monkeypatch.setattr(export, "CHUNK_SIZE", 2)
    # One query for the readable passages' ids, one for the events, read from its cursor two
    # at a time; each chunk's roles and excerpts; and the publication version.
    with django_assert_num_queries(1 + 1 + 2 * 2 + 1):
        assert body(client.get(ALL_EVENTS)).decode() == GOLDEN
