"""Published events as CSV, in columns modelled on ACLED's export so its users' tools read it.

Columns: event_id (the event's slug), event_date (ISO), date_precision (day, month,
year or approximate), event_type (the kind's code) and event_type_label, country,
iso3, location, actor1 (the initiators), actor2 (the targets), assoc_actors (the
other participants), source (the publishers of the passages that report it), notes
(the event's title and description).
"""

import csv
from collections.abc import Iterator

from django.db.models import Prefetch

from ..models import ActorRole, Event, EventActor, Excerpt

COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "event_type_label",
    "country",
    "iso3",
    "location",
    "actor1",
    "actor2",
    "assoc_actors",
    "source",
    "notes",
]

# A cell starting with one of these is a formula to a spreadsheet; a leading apostrophe
# keeps it text (OWASP's advice for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value or "")
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


# Rows fetched per round trip while streaming: each chunk is one query for its events and
# one for each prefetched relation.
CHUNK_SIZE = 2000


def events_for_export(events):
    """The events' rows with only the columns the CSV writes (no instance carries text it
    does not print, such as a source's full text), in three queries per chunk."""
    return (
        events.select_related("country")
        .only(
            "slug",
            "date",
            "date_precision",
            "kind",
            "place",
            "title",
            "description",
            "country__name",
            "country__iso3",
        )
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=EventActor.objects.select_related("actor").only("event", "role", "actor__name"),
            ),
            Prefetch(
                "excerpts",
                queryset=Excerpt.objects.select_related("source").only("source__publisher", "source__title"),
            ),
        )
        .order_by("date", "title", "pk")
    )


def event_row(event: Event) -> list[str]:
    def names(role):
        return "; ".join(r.actor.name for r in event.roles.all() if r.role == role)

    publishers = sorted({e.source.publisher or e.source.title for e in event.excerpts.all()})
    return [
        _cell(value)
        for value in [
            event.slug,
            event.date.isoformat(),
            event.date_precision,
            event.kind,
            event.get_kind_display(),
            event.country.name if event.country else "",
            event.country.iso3 if event.country else "",
            event.place,
            names(ActorRole.INITIATOR),
            names(ActorRole.TARGET),
            names(ActorRole.PARTICIPANT),
            "; ".join(publishers),
            " — ".join(filter(None, [event.title, event.description])),
        ]
    ]


class _Line:
    """A file-like object whose write() returns the line, for csv.writer to hand back."""

    def write(self, line: str) -> str:
        return line


def events_csv_lines(events) -> Iterator[str]:
    """The CSV of `events` (a QuerySet that starts from `Event.objects.published()`), line by
    line, reading the rows in chunks: memory stays flat however many events there are."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS)
    for event in events_for_export(events).iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow(event_row(event))
