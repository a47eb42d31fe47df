"""Published events as CSV, in columns modelled on ACLED's export so its users' tools read it.

Columns: event_id (the event's slug), event_date (ISO), date_precision (day, month,
year or approximate), event_type (the kind's code) and event_type_label, country,
iso3, location, actor1 (the initiators), actor2 (the targets), assoc_actors (the
other participants), source (the publishers of the passages that report it), notes
(the event's title and description).
"""

import csv
from collections.abc import Iterator
from itertools import islice

from ..models import ActorRole, Event, EventActor, EventKind

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


# Events read per round trip while streaming: each chunk is one read of the events' cursor,
# one query for their actors in roles and one for their passages' publishers (after one
# query for the ids of the passages the reader may read).
CHUNK_SIZE = 2000

# The event columns the CSV writes, read as tuples: no model instance is built, and none
# carries text it does not print (a source's full text, an actor's description).
_EVENT_FIELDS = (
    "pk",
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
_KIND_LABELS = dict(EventKind.choices)
_ROLE_COLUMNS = {ActorRole.INITIATOR: 0, ActorRole.TARGET: 1, ActorRole.PARTICIPANT: 2}


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _actor_names(event_ids: list[int]) -> dict[int, tuple[list[str], list[str], list[str]]]:
    """Each event's actors by role (initiators, targets, others), by name."""
    names: dict[int, tuple[list[str], list[str], list[str]]] = {}
    roles = (
        EventActor.objects.filter(event_id__in=event_ids)
        .order_by("event_id", "role", "actor__name", "pk")
        .values_list("event_id", "role", "actor__name")
    )
    for event_id, role, name in roles:
        names.setdefault(event_id, ([], [], []))[_ROLE_COLUMNS[role]].append(name)
    return names


def _publishers(event_ids: list[int], readable: set[int]) -> dict[int, set[str]]:
    """The publishers (or, without one, the titles) of the passages reporting each event
    that the reader may read (`readable`, their ids): the export names no source the
    reader's pages do not show."""
    publishers: dict[int, set[str]] = {}
    reports = (
        Event.excerpts.through.objects.filter(event_id__in=event_ids)
        .values_list("event_id", "excerpt_id", "excerpt__source__publisher", "excerpt__source__title")
        .order_by()
    )
    for event_id, excerpt_id, publisher, title in reports:
        if excerpt_id in readable:
            publishers.setdefault(event_id, set()).add(publisher or title)
    return publishers


def event_row(
    values: tuple, actors: tuple[list[str], list[str], list[str]], publishers: set[str]
) -> list[str]:
    """One event's line: `values` in the order of `_EVENT_FIELDS`."""
    _pk, slug, date, precision, kind, place, title, description, country, iso3 = values
    initiators, targets, others = actors
    return [
        _cell(value)
        for value in [
            slug,
            date.isoformat(),
            precision,
            kind,
            _KIND_LABELS.get(kind, kind),
            country or "",
            iso3 or "",
            place,
            "; ".join(initiators),
            "; ".join(targets),
            "; ".join(others),
            "; ".join(sorted(publishers)),
            " — ".join(filter(None, [title, description])),
        ]
    ]


class _Line:
    """A file-like object whose write() returns the line, for csv.writer to hand back."""

    def write(self, line: str) -> str:
        return line


def events_csv_lines(events, *, readable_excerpts) -> Iterator[str]:
    """The CSV of `events` (a QuerySet of what the reader may read, `Event.objects.visible_to`),
    line by line, reading the rows in chunks: memory stays flat however many events there
    are. `readable_excerpts` (an Excerpt QuerySet) is what the reader may read of the
    passages, whose sources the `source` column names."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS)
    # Which passages the reader may read is one query for the whole export (the ids only),
    # rather than the visibility rule evaluated again for every chunk.
    readable = set(readable_excerpts.values_list("pk", flat=True))
    rows = events.order_by("date", "title", "pk").values_list(*_EVENT_FIELDS)
    no_actors: tuple[list[str], list[str], list[str]] = ([], [], [])
    for chunk in _chunks(rows.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        ids = [values[0] for values in chunk]
        actors = _actor_names(ids)
        publishers = _publishers(ids, readable)
        for values in chunk:
            yield writer.writerow(
                event_row(values, actors.get(values[0], no_actors), publishers.get(values[0], set()))
            )
