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
# one query for their actors in roles, one for their passages' publishers and one for which
# of those passages the reader may read.
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


def _reports(event_ids: list[int]) -> list[tuple[int, int, str, str]]:
    """(event, passage, publisher, source title) for each passage reporting these events."""
    return list(
        Event.excerpts.through.objects.filter(event_id__in=event_ids)
        .values_list("event_id", "excerpt_id", "excerpt__source__publisher", "excerpt__source__title")
        .order_by()
    )


def _readable_ids(readable_excerpts, *, among: set[int] | None = None) -> set[int]:
    """The ids of the passages the reader may read: `among` these, or all of them."""
    rows = readable_excerpts.order_by()
    if among is not None:
        rows = rows.filter(pk__in=among)
    return set(rows.values_list("pk", flat=True))


def _publishers(reports, readable: set[int]) -> dict[int, set[str]]:
    """Each event's publishers (or, without one, source titles) of the passages the reader
    may read: the export names no source the reader's pages do not show."""
    publishers: dict[int, set[str]] = {}
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
    rows = events.order_by("date", "title", "pk").values_list(*_EVENT_FIELDS)
    no_actors: tuple[list[str], list[str], list[str]] = ([], [], [])
    readable: set[int] | None = None
    for chunk in _chunks(rows.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        ids = [values[0] for values in chunk]
        actors = _actor_names(ids)
        reports = _reports(ids)
        if readable is None and len(chunk) < CHUNK_SIZE:
            # The whole export in one chunk (a briefing's): the rule is asked of its passages
            # only, row by row, not of every passage of the desk.
            allowed = _readable_ids(readable_excerpts, among={report[1] for report in reports})
        else:
            # A longer export reads the ids of every readable passage once, not per chunk.
            if readable is None:
                readable = _readable_ids(readable_excerpts)
            allowed = readable
        publishers = _publishers(reports, allowed)
        for values in chunk:
            actors_of = actors.get(values[0], no_actors)
            yield writer.writerow(event_row(values, actors_of, publishers.get(values[0], set())))
