"""The search index: one `SearchDocument` per briefing, judgment, event, actor, quoted
passage, country and country trend, rewritten whenever the row (or text it borrows, such as an
actor's aliases) is saved. On PostgreSQL the document also holds a weighted tsvector behind
a GIN index."""

import multiprocessing
import queue
import traceback
from collections.abc import Callable, Iterable

from django.db import connection, connections
from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed, post_delete, post_save

from ..markdown import html_to_text
from ..models import (
    Actor,
    ActorAlias,
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    EventActor,
    EventKind,
    Excerpt,
    SearchDocument,
    SearchKind,
)
from .text import PART_SEPARATOR, SEARCH_CONFIG, on_postgres, plain_text


def _document_parts(kind: str, obj) -> tuple[str, list[tuple[str, str]]]:
    """The title of a kind's document and its weighted text parts (A is weightiest)."""
    if kind == SearchKind.BRIEFING:
        return obj.title, [(obj.summary, "B"), (html_to_text(obj.body_html), "C")]
    if kind == SearchKind.JUDGMENT:
        # What became of it is part of what readers see under it: a name in the outcome's
        # note (the contractors that deployed) finds the judgment.
        return obj.statement, [
            (html_to_text(obj.rationale_html), "B"),
            (obj.assumptions, "C"),
            (obj.alternatives, "C"),
            (obj.outcome_note, "C"),
        ]
    if kind == SearchKind.EVENT:
        # A batch (a rebuild, a busy actor's save) reads its actors' names in one query
        # (`_events_with_actors`); a single save asks for them.
        names = getattr(obj, "actor_names", None)
        if names is None:
            names = obj.roles.values_list("actor__name", flat=True)
        actors = sorted(set(names))
        where = ", ".join(filter(None, [obj.place, obj.country.name if obj.country_id else ""]))
        return obj.title, [
            (obj.description, "B"),
            # What get_kind_display() says, without rebuilding the choices' dict for every event.
            (str(EVENT_KIND_LABELS.get(obj.kind, obj.kind)), "B"),
            (where, "C"),
            ("; ".join(actors), "C"),
        ]
    if kind == SearchKind.ACTOR:
        aliases = "; ".join(alias.name for alias in obj.aliases.all())
        return obj.name, [(aliases, "A"), (obj.role_title, "B"), (obj.description, "C")]
    if kind == SearchKind.EXCERPT:
        # A passage is found by its own words only, and headed by them: its source's title
        # and byline would make a common word ("coup") in a title match every passage quoted
        # from that source. The source is named under the result, not searched.
        return obj.text, []
    if kind == SearchKind.COUNTRY:
        return obj.name, [(obj.official_name, "B"), (f"{obj.iso2} {obj.iso3}", "C")]
    if kind == SearchKind.TREND:
        heading = f"{obj.country.name}, {obj.month:%B %Y}: {obj.get_trend_display()}"
        return heading, [(obj.reason, "B"), (obj.get_alert_display() if obj.alert else "", "C")]
    raise ValueError(f"unknown search kind {kind!r}")


EVENT_KIND_LABELS = dict(EventKind.choices)

# The weights of each kind's parts after its title, in `_document_parts`' order: the
# vector of every document of a kind is built by one SQL expression of that many parts.
PART_WEIGHTS = {
    SearchKind.BRIEFING: ("B", "C"),
    SearchKind.JUDGMENT: ("B", "C", "C", "C"),
    SearchKind.EVENT: ("B", "B", "C", "C"),
    SearchKind.ACTOR: ("A", "B", "C"),
    SearchKind.EXCERPT: (),
    SearchKind.COUNTRY: ("B", "C"),
    SearchKind.TREND: ("B", "C"),
}
# A document's title weighs A, except a passage's: its title is the whole quoted text, which
# should rank as a body does, not as a heading.
TITLE_WEIGHTS = {SearchKind.EXCERPT: "B"}


def _vector_sql(kind: str) -> str:
    """The tsvector of a document from its title and parts (columns t.title, t.p0, t.p1, ...).
    An empty part adds nothing and shifts no position, so every document of a kind has the
    same parts, and one statement writes a whole batch."""
    weights = (TITLE_WEIGHTS.get(kind, "A"), *PART_WEIGHTS[kind])
    columns = ["t.title", *(f"t.p{n}" for n in range(len(PART_WEIGHTS[kind])))]
    return " || ".join(
        f"setweight(to_tsvector('{SEARCH_CONFIG}', {column}), '{weight}')"
        for column, weight in zip(columns, weights, strict=True)
    )


def search_documents_write(*, kind: str, objs: Iterable) -> int:
    """Write (or rewrite) the search documents of rows of one kind, in one statement; the
    number of rows whose documents are now current. Saves call it with one row, a rebuild
    with a batch."""
    rows = []
    for obj in objs:
        title, parts = _document_parts(kind, obj)
        parts = [plain_text(text) for text, _ in parts]
        rows.append((obj.pk, plain_text(title), PART_SEPARATOR.join(filter(None, parts)), parts))
    if not rows:
        return 0
    if not on_postgres():
        SearchDocument.objects.bulk_create(
            [SearchDocument(kind=kind, object_id=pk, title=title, text=text) for pk, title, text, _ in rows],
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=["title", "text", "updated_at"],
        )
        return len(rows)
    width = len(PART_WEIGHTS[kind])
    part_columns = [f"p{n}" for n in range(width)]
    arrays = [[row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows]]
    arrays += [[row[3][n] for row in rows] for n in range(width)]
    unnest = ", ".join(["%s::bigint[]", *["%s::text[]"] * (2 + width)])
    table = SearchDocument._meta.db_table
    # Safe for bandit's B608: the table, columns and weights are constants of this module;
    # every value is a parameter.
    sql = (
        f"INSERT INTO {table} (kind, object_id, title, text, search_vector, updated_at) "  # noqa: S608  # nosec B608
        f"SELECT %s, t.id, t.title, t.text, {_vector_sql(kind)}, now() "
        f"FROM unnest({unnest}) AS t({', '.join(['id', 'title', 'text', *part_columns])}) "
        "ON CONFLICT (kind, object_id) DO UPDATE SET title = EXCLUDED.title, text = EXCLUDED.text, "
        "search_vector = EXCLUDED.search_vector, updated_at = EXCLUDED.updated_at "
        # A document that would not change is not rewritten: a new row version costs its GIN
        # entries again (three quarters of a rebuild's time when the index is already current).
        f"WHERE ({table}.title, {table}.text, {table}.search_vector) "
        "IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.text, EXCLUDED.search_vector)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, *arrays])
    return len(rows)


def search_document_write(*, kind: str, obj) -> None:
    """Write (or rewrite) the search document of one row."""
    search_documents_write(kind=kind, objs=[obj])


def search_document_delete(*, kind: str, pk: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=pk).delete()


MODEL_KINDS = {
    Briefing: SearchKind.BRIEFING,
    Assessment: SearchKind.JUDGMENT,
    Event: SearchKind.EVENT,
    Actor: SearchKind.ACTOR,
    Excerpt: SearchKind.EXCERPT,
    CountryTrend: SearchKind.TREND,
    Country: SearchKind.COUNTRY,
}


# What a rebuild reads with each kind's rows: only the columns a document is made of, so
# that a batch costs a few queries, not one per row.
REBUILD_ROWS = {
    SearchKind.BRIEFING: lambda: Briefing.objects.only("pk", "title", "summary", "body_html"),
    SearchKind.JUDGMENT: lambda: Assessment.objects.only(
        "pk", "statement", "rationale_html", "assumptions", "alternatives", "outcome_note"
    ),
    SearchKind.EVENT: lambda: Event.objects.select_related("country").only(
        "pk", "title", "description", "kind", "place", "country_id", "country__name"
    ),
    SearchKind.ACTOR: lambda: Actor.objects.prefetch_related("aliases"),
    SearchKind.EXCERPT: lambda: Excerpt.objects.only("pk", "text"),
    SearchKind.COUNTRY: lambda: Country.objects.only("pk", "name", "official_name", "iso2", "iso3"),
    SearchKind.TREND: lambda: CountryTrend.objects.select_related("country"),
}
# Rows a batch reads and writes in one statement: a briefing's text is tens of kilobytes, so
# its batches are smaller, and the rebuild's workers share the work evenly.
REBUILD_BATCH = 2000
REBUILD_BATCHES = {SearchKind.BRIEFING: 100, SearchKind.JUDGMENT: 1000}
# Connections a rebuild writes on at once (PostgreSQL): building the vectors is the work,
# and each connection is a server process of its own, on a CPU of its own.
REBUILD_WORKERS = 2


def _events_with_actors(events: list) -> list:
    """`events` with their actors' names (`actor_names`), read in one narrow query rather than
    as a role and an actor object per name."""
    names: dict[int, list[str]] = {event.pk: [] for event in events}
    for event_id, name in EventActor.objects.filter(event_id__in=list(names)).values_list(
        "event_id", "actor__name"
    ):
        names[event_id].append(name)
    for event in events:
        event.actor_names = names[event.pk]
    return events


def _rebuild_batch(kind: str, rows) -> list:
    """One batch of a kind's rows, read as a rebuild needs them."""
    batch = list(rows)
    return _events_with_actors(batch) if kind == SearchKind.EVENT else batch


def search_index_size() -> int:
    """How many documents a rebuild writes: for its progress bar."""
    return sum(model.objects.count() for model in MODEL_KINDS)


def _rebuild_ranges() -> list[tuple[str, int, int]]:
    """The rebuild's work: each kind's primary keys cut into batches (first and last key),
    the kinds with the longest texts first so that two workers finish together."""
    models = {kind: model for model, kind in MODEL_KINDS.items()}
    order = [SearchKind.BRIEFING, SearchKind.JUDGMENT, *(k for k in REBUILD_ROWS if k not in REBUILD_BATCHES)]
    ranges = []
    for kind in order:
        size = REBUILD_BATCHES.get(kind, REBUILD_BATCH)
        keys = list(models[kind].objects.order_by("pk").values_list("pk", flat=True))
        ranges += [
            (kind, chunk[0], chunk[-1]) for chunk in (keys[n : n + size] for n in range(0, len(keys), size))
        ]
    return ranges


def _rebuild_range(kind: str, first: int, last: int) -> int:
    rows = REBUILD_ROWS[kind]().filter(pk__gte=first, pk__lte=last).order_by("pk")
    return search_documents_write(kind=kind, objs=_rebuild_batch(kind, rows))


# The database connections a rebuild's worker process inherited at its fork: held, never
# used, closed or freed (the process ends by os._exit, which runs no finalizers).
_inherited_connections: list = []


def _connections_forget_inherited() -> None:
    """In a forked worker: set aside every database connection the process inherited open,
    so that its first query opens a connection of its own.

    The calling process closes its connections before it forks, but it can hold one it no
    longer reaches: Django keeps a thread's connections in storage that depends on whether
    an event loop runs in the thread (as Playwright's, in the browser tests), and a
    connection opened before the loop started stays open behind it. The forked worker,
    where no loop runs, finds that one. Two workers querying on that one socket read each
    other's rows. Closing it here would end the caller's session (libpq says goodbye on the
    shared socket); it is kept referenced instead, so that it is never freed either."""
    for wrapper in connections.all(initialized_only=True):
        if wrapper.connection is not None:
            _inherited_connections.append(wrapper.connection)
            wrapper.connection = None


def _rebuild_worker(work, done) -> None:
    """A rebuild's worker process: batches from `work` until its end (None), each written on
    the process's own connection and committed; `done` hears each batch's count, or an error."""
    _connections_forget_inherited()
    try:
        while (item := work.get()) is not None:
            done.put(_rebuild_range(*item))
    except Exception:  # handed to the calling process as text, which raises it
        done.put(traceback.format_exc())
    finally:
        connections.close_all()


def _next_result(done, processes):
    """The next count (or error) a worker reports; an error when every worker has ended
    without it (killed, out of memory), rather than waiting for ever."""
    while True:
        try:
            return done.get(timeout=1)
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                try:
                    return done.get(timeout=1)
                except queue.Empty:
                    return "every worker ended before its work was done"


def _rebuild_in_parallel(ranges, workers: int, progress: Callable[[int], None] | None) -> int:
    """Write `ranges` from `workers` processes, each with a connection of its own: a process
    each, not a thread, because reading rows and cleaning their text is Python's work too,
    and threads would take turns at it. The calling process reports progress and raises a
    worker's error."""
    context = multiprocessing.get_context("fork")
    work, done = context.Queue(), context.Queue()
    for item in [*ranges, *[None] * workers]:
        work.put(item)
    # A forked process must not share this one's connections: each opens its own (and sets
    # aside any it inherited, `_connections_forget_inherited`).
    connections.close_all()
    processes = [
        context.Process(target=_rebuild_worker, args=(work, done), name=f"search-rebuild-{n}")
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    count, error = 0, None
    try:
        for _ in ranges:
            result = _next_result(done, processes)
            if isinstance(result, str):
                error = result
                break
            count += result
            if progress:
                progress(result)
    finally:
        if error is not None:
            for process in processes:
                process.terminate()
        for process in processes:
            process.join()
    if error is not None:
        raise RuntimeError(f"a search index worker failed:\n{error}")
    return count


def search_index_rebuild(
    *, progress: Callable[[int], None] | None = None, workers: int = REBUILD_WORKERS
) -> int:
    """Rewrite every search document, a batch of rows at a time, and delete the documents of
    rows that are gone; for rows written around the ORM's signals (bulk loads). `progress` is
    told how many documents each batch wrote.

    Documents are rewritten in place, so searches find the whole index throughout. On
    PostgreSQL, outside a transaction, `workers` processes write at once, each batch
    committed; inside one (a caller's atomic block, a test) or on SQLite, which writes one
    statement at a time, the batches are written in turn on the caller's connection, where
    its uncommitted rows are visible."""
    ranges = _rebuild_ranges()
    if workers > 1 and on_postgres() and not connection.in_atomic_block:
        count = _rebuild_in_parallel(ranges, workers, progress)
    else:
        count = 0
        for item in ranges:
            written = _rebuild_range(*item)
            count += written
            if progress:
                progress(written)
    for model, kind in MODEL_KINDS.items():
        SearchDocument.objects.filter(kind=kind).exclude(object_id__in=model.objects.values("pk")).delete()
    return count


def _row_saved(sender, instance, **kwargs):
    search_document_write(kind=MODEL_KINDS[sender], obj=instance)


def _actor_saved(sender, instance, **kwargs):
    search_document_write(kind=SearchKind.ACTOR, obj=instance)
    # An event's document carries its actors' names: a busy actor's events are rewritten a
    # batch at a time.
    acted = Exists(EventActor.objects.filter(event=OuterRef("pk"), actor=instance))
    last = 0
    while True:
        rows = REBUILD_ROWS[SearchKind.EVENT]().filter(acted, pk__gt=last).order_by("pk")[:REBUILD_BATCH]
        batch = _rebuild_batch(SearchKind.EVENT, rows)
        if not batch:
            break
        search_documents_write(kind=SearchKind.EVENT, objs=batch)
        last = batch[-1].pk


def _row_deleted(sender, instance, **kwargs):
    search_document_delete(kind=MODEL_KINDS[sender], pk=instance.pk)


def _alias_changed(sender, instance, **kwargs):
    actor = Actor.objects.filter(pk=instance.actor_id).first()
    if actor is not None:
        search_document_write(kind=SearchKind.ACTOR, obj=actor)


def _event_role_changed(sender, instance, **kwargs):
    event = Event.objects.filter(pk=instance.event_id).first()
    if event is not None:
        search_document_write(kind=SearchKind.EVENT, obj=event)


def _event_actors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    events = Event.objects.filter(pk__in=pk_set or []) if reverse else [instance]
    for event in events:
        search_document_write(kind=SearchKind.EVENT, obj=event)


def search_index_connect() -> None:
    """Keep every document current as rows are saved and deleted. Called once, from
    `BriefingsConfig.ready()`."""
    post_save.connect(_row_saved, sender=Briefing, dispatch_uid="search-row_saved-briefing")
    post_save.connect(_row_saved, sender=Assessment, dispatch_uid="search-row_saved-assessment")
    post_save.connect(_row_saved, sender=Event, dispatch_uid="search-row_saved-event")
    post_save.connect(_row_saved, sender=Excerpt, dispatch_uid="search-row_saved-excerpt")
    post_save.connect(_actor_saved, sender=Actor, dispatch_uid="search-actor_saved-actor")
    post_delete.connect(_row_deleted, sender=Briefing, dispatch_uid="search-row_deleted-briefing")
    post_delete.connect(_row_deleted, sender=Assessment, dispatch_uid="search-row_deleted-assessment")
    post_delete.connect(_row_deleted, sender=Event, dispatch_uid="search-row_deleted-event")
    post_delete.connect(_row_deleted, sender=Actor, dispatch_uid="search-row_deleted-actor")
    post_delete.connect(_row_deleted, sender=Excerpt, dispatch_uid="search-row_deleted-excerpt")
    post_save.connect(_alias_changed, sender=ActorAlias, dispatch_uid="search-alias_changed-actoralias")
    post_delete.connect(_alias_changed, sender=ActorAlias, dispatch_uid="search-alias_changed-actoralias")
    post_save.connect(
        _event_role_changed, sender=EventActor, dispatch_uid="search-event_role_changed-eventactor"
    )
    post_delete.connect(
        _event_role_changed, sender=EventActor, dispatch_uid="search-event_role_changed-eventactor"
    )
    m2m_changed.connect(
        _event_actors_changed, sender=Event.actors.through, dispatch_uid="search-event_actors_changed-event"
    )
    post_save.connect(_row_saved, sender=Country, dispatch_uid="search-row_saved-country")
    post_delete.connect(_row_deleted, sender=Country, dispatch_uid="search-row_deleted-country")
    post_save.connect(_row_saved, sender=CountryTrend, dispatch_uid="search-row_saved-countrytrend")
    post_delete.connect(_row_deleted, sender=CountryTrend, dispatch_uid="search-row_deleted-countrytrend")
