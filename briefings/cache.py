"""The shared cache of public pages: what a reader without a session is served, kept in
Django's configured cache (Redis when `REDIS_URL` is set, each process's memory otherwise).

**Keys.** ``public-page:<build>:<variant>:<digest>``, the entry holding the version the
page was rendered at, where

- `build` fingerprints what renders the pages (`build_fingerprint`): the code, templates
  and pinned packages, and the static files' hashed names. A deploy runs `migrate`, which
  raises the version, before gunicorn restarts; a page an old worker rendered in between is
  stored under the old build's key, which the new code never reads.
- `variant` is what the reader may see. Today every cached reader is the public ("public");
  a reader's clearance would become another variant, never mixed with this one.
- the version is the desk's publication version (`PublicVersion`): one number in the
  database that every write able to change a public page raises. A page stored at another
  number is never served (it is rendered again and replaces the entry), so a write is on the
  very next request and nothing has to be found and deleted; old entries age out
  (`BRIEFINGS_PAGE_CACHE_SECONDS`). With Redis the number is kept there too, so that the
  number and the page come in one round trip (see "The version kept in a shared cache").
- `digest` hashes the full address (scheme, host, path, query string: feeds and sitemaps
  print absolute addresses) and the `Accept` header (the API varies on it).

**What raises the version** (`public_changes_connect`, from `BriefingsConfig.ready()`): a
save or deletion of any row of the app except open-page markers (briefings, events, actors,
assessments and their outcomes, excerpts, sources, countries, regions, trends, key
judgments, the search index...), a link added or removed (`m2m_changed`), a bulk
`QuerySet.update()` of versioned rows, a change to a user (authors' names are printed), and
the workflow's moves, scheduled publications included (`publish_due` saves the briefing).
A publication time reached is a change too: the version row remembers the next one still to
come and the first request after it raises the version.

The number is raised after the write's transaction commits, so that no reader sees the new
number with the old rows (a reader who saw the old number with the new rows only stored
them under a key nobody asks for any more). Until then, the connection that writes sees its
own uncommitted writes: inside a transaction the key also carries how many writes that
connection has made (the suite runs each test in one transaction).

**Who is served from it.** GET requests outside the admin by a reader with no session or
messages cookie and no Authorization header. Signed-in readers, staff and previews (which
need a session) never enter it and are never served from it; their responses are marked
``private`` and ``no-store``. Only a 200 is stored, never one that sets a cookie, varies on
anything but Cookie and Accept, says it is private or uncacheable, or used a CSP nonce
(the header and the page must carry the same one; the desk uses none today). A streamed
response is stored as it passes, when it is small enough (`BRIEFINGS_PAGE_CACHE_MAX_BYTES`).

**Headers.** A cacheable page goes out with ``Cache-Control: public, max-age=<n>,
s-maxage=<n>`` (`BRIEFINGS_PAGE_MAX_AGE`, short), ``Vary: Cookie``, an ``ETag`` (of the
body) and ``Last-Modified`` (when public material last changed); a conditional GET that
matches gets 304. ``X-Page-Cache`` says ``hit``, ``miss`` or ``bypass``.

**Where a hit is answered.** Under gunicorn, before Django's handler runs
(`PublicPageCacheApplication`, project/wsgi.py): the same functions decide whether the
request may be served, make its key, read the entry and answer a conditional GET, and the
middleware before the cache's in MIDDLEWARE (SecurityMiddleware) handles the answer as in
Django's path. What it skips is the handler's request cycle, which a hit does not need. A
hit whose version must be read from the database (none in Redis, a publication time come,
no Redis at all) goes the middleware's way.
"""

import functools
import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections, models, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.module_loading import import_string

logger = logging.getLogger("briefings.cache")

PUBLIC_VARIANT = "public"
# Rows no reader ever sees that change all day long: they must not empty the cache.
# Rows no reader sees: writing them leaves every public page as it was (a share link's
# openings are logged on every visit).
PRIVATE_MODELS = {
    "briefings.editpresence",
    "briefings.publicversion",
    "briefings.sharelink",
    "briefings.sharelinkopening",
}
# Besides the session cookie (signed in, preview): a message waiting to be shown
# (django.contrib.messages' CookieStorage.cookie_name).
MESSAGES_COOKIE = "messages"
CACHEABLE_VARY = {"cookie", "accept"}


def max_age() -> int:
    return int(getattr(settings, "BRIEFINGS_PAGE_MAX_AGE", 30))


def entry_seconds() -> int:
    return int(getattr(settings, "BRIEFINGS_PAGE_CACHE_SECONDS", 600))


def max_entry_bytes() -> int:
    return int(getattr(settings, "BRIEFINGS_PAGE_CACHE_MAX_BYTES", 5 * 1024 * 1024))


# --- The publication version -------------------------------------------------------------


@dataclass(frozen=True)
class PublicState:
    """The publication version a request is answered at."""

    value: int
    changed_at: datetime
    pending: int = 0  # this connection's uncommitted writes, inside a transaction

    @property
    def token(self) -> str:
        return f"{self.value}.{self.pending}" if self.pending else str(self.value)


def _version_model():
    from .models import PublicVersion

    return PublicVersion


def next_publication_due(*, now: datetime, using: str = DEFAULT_DB_ALIAS) -> datetime | None:
    """The next publication time still to come of a published briefing or trend, if any."""
    from .models import Briefing, CountryTrend, PublicationStatus

    times = [
        model._base_manager.using(using)
        .filter(status=PublicationStatus.PUBLISHED, published_at__gt=now)
        .aggregate(due=models.Min("published_at"))["due"]
        for model in (Briefing, CountryTrend)
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None


def public_version_raise(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the publication version by one: every public page cached so far is stale."""
    model = _version_model()
    now = timezone.now()
    due = next_publication_due(now=now, using=using)
    rows = model._base_manager.using(using)
    # Never below the clock in milliseconds: a row brought back by a restore (or a replica
    # that was behind) jumps past every number used since, so no key is ever reused; and
    # `changed_at` never goes back, so Last-Modified only moves forward.
    if not rows.filter(pk=1).update(
        value=Greatest(F("value") + 1, first_value(now)),
        changed_at=Greatest(F("changed_at"), now),
        next_due_at=due,
    ):
        rows.get_or_create(pk=1, defaults={"value": first_value(now), "changed_at": now, "next_due_at": due})
    if _shared_cache() is not None:
        value, changed_at, next_due_at = (
            rows.filter(pk=1).values_list("value", "changed_at", "next_due_at").get()
        )
        shared_version_publish(value=value, changed_at=changed_at, next_due_at=next_due_at)


def first_value(now: datetime) -> int:
    """The number a new version row starts at (after a flush, a new database): the time in
    milliseconds, above any number an older row reached, so that no page cached under an
    old number (Redis outlives the database's rows) is ever served again."""
    return int(now.timestamp() * 1000)


def public_state_read(*, using: str = DEFAULT_DB_ALIAS) -> PublicState:
    """The publication version now, from the database: one query, plus a raise when a
    publication time has come."""
    value, changed_at, _due = _database_version(using=using)
    return PublicState(value=value, changed_at=changed_at, pending=_pending_writes(using))


def _database_version(*, using: str = DEFAULT_DB_ALIAS) -> tuple[int, datetime, datetime | None]:
    model = _version_model()
    row = (
        model._base_manager.using(using)
        .filter(pk=1)
        .values_list("value", "changed_at", "next_due_at")
        .first()
    )
    if row is None or (row[2] is not None and row[2] <= timezone.now()):
        public_version_raise(using=using)
        row = (
            model._base_manager.using(using)
            .filter(pk=1)
            .values_list("value", "changed_at", "next_due_at")
            .get()
        )
    return row


def _pending_writes(using: str) -> int:
    connection = transaction.get_connection(using)
    return getattr(connection, "briefings_public_writes", 0) if connection.in_atomic_block else 0


# --- The version kept in a shared cache ----------------------------------------------------
#
# With Redis, every worker of every app server reads the same cache: the version is kept
# there too, next to the pages, so that a hit is one round trip (the version and the page in
# one MGET) and no query. The database stays the source of truth:
#
# - every raise writes the new number to the cache after writing it to the database
#   (`public_version_raise`), so a write is on the very next request, on every server;
# - the cache only ever takes a number at least as high as the highest it has held (a Lua
#   script compares with a floor key), so two raises finishing out of order cannot put an
#   older number back;
# - the cached number lives `BRIEFINGS_PAGE_VERSION_SECONDS` (1 s): then the next request
#   reads the database again. A Redis emptied or restarted (from a snapshot, its numbers
#   long expired) has no number, and the database's is taken. A database row below the
#   floor (a restore; a database emptied and made again) is raised past it at once, so the
#   pages cached since are never served with older rows;
# - a scheduled publication time reached is in the cached record too (`next_due_at`): the
#   first request after it reads the database, which raises the number.
#
# Without Redis (each process its own memory) the number is read from the database on every
# request: nothing else is shared by the workers.

VERSION_KEY = "public-version"
VERSION_FLOOR_KEY = "public-version-floor"
# KEYS: the record, the floor. ARGV: the number, the record, its lifetime in ms.
_PUBLISH_SCRIPT = """
local floor = tonumber(redis.call('GET', KEYS[2]) or '0')
local value = tonumber(ARGV[1])
if value < floor then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""


def version_seconds() -> float:
    return float(getattr(settings, "BRIEFINGS_PAGE_VERSION_SECONDS", 1))


def _shared_cache() -> RedisCache | None:
    """The configured cache when every worker of every server shares it (Redis)."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    return backend if isinstance(backend, RedisCache) else None


def _redis_client(backend: RedisCache):
    """A client on Django's own connection pool for the cache, used raw for MGET and the
    script; made once per backend (Django makes a new one, and its table of reply parsers,
    on every call: half a millisecond)."""
    client = getattr(backend, "_briefings_client", None)
    if client is None:
        client = backend._briefings_client = backend._cache.get_client(write=True)
    return client


# How many times this process has been forked from the one that imported this module: a
# connection opened before a fork is the parent's (gunicorn --preload), never used after it.
_forks = [0]
os.register_at_fork(after_in_child=lambda: _forks.__setitem__(0, _forks[0] + 1))


def _shared_read(backend: RedisCache, key: str) -> tuple[bytes | None, bytes | None]:
    """The version record and the page stored under `key`: one MGET, on a connection of this
    process and thread's own to the cache's server, kept open. A hit is little more than
    this round trip, and the client's machinery around it (a connection taken from the pool
    and given back, retries, metrics) cost twice the round trip's own CPU."""
    local = getattr(backend, "_briefings_reader", None)
    if local is None:
        local = backend._briefings_reader = threading.local()
    connection = getattr(local, "connection", None)
    if connection is None or local.forks != _forks[0]:  # a forked worker opens its own
        pool = backend._cache._get_connection_pool(write=True)  # where the version is published
        connection = local.connection = pool.connection_class(**pool.connection_kwargs)
        local.forks = _forks[0]
        local.command = _command_prefix(backend.make_key(VERSION_KEY))
    name = backend.make_key(key).encode()
    try:
        connection.send_packed_command(
            [b"%s$%d\r\n%s\r\n" % (local.command, len(name), name)], check_health=False
        )
        record, data = connection.read_response()
    except BaseException:
        # A reply half read would be the next request's answer: start again on a new socket.
        connection.disconnect()
        local.connection = None
        raise
    return record, data


def _command_prefix(version_key: str) -> bytes:
    """`MGET <version key>` in Redis's protocol, the page's key to follow: the same for
    every request of a process, so packed once."""
    version = version_key.encode()
    return b"*3\r\n$4\r\nMGET\r\n$%d\r\n%s\r\n" % (len(version), version)


def _microseconds(moment: datetime | None) -> str:
    return "-" if moment is None else str(int(moment.timestamp() * 1_000_000))


def _moment(text: bytes) -> datetime | None:
    return None if text == b"-" else datetime.fromtimestamp(int(text) / 1_000_000, tz=UTC)


def shared_version_publish(*, value: int, changed_at: datetime, next_due_at: datetime | None) -> bool:
    """Put the database's version into the shared cache, unless the cache has held a higher
    number (then the caller's number is older than one already served). Whether it took it."""
    backend = _shared_cache()
    record = f"{value} {_microseconds(changed_at)} {_microseconds(next_due_at)}"
    keys = [backend.make_key(VERSION_KEY), backend.make_key(VERSION_FLOOR_KEY)]
    try:
        taken = _redis_client(backend).eval(
            _PUBLISH_SCRIPT, 2, *keys, value, record, max(1, int(version_seconds() * 1000))
        )
    except Exception:  # noqa: BLE001 - readers fall back on the database when the cache is back
        logger.exception("Page cache unavailable: version not published")
        return True
    return bool(taken)


def _shared_version_refresh(*, using: str = DEFAULT_DB_ALIAS) -> tuple[int, datetime]:
    """The database's version, now in the shared cache: raised first if it is below a number
    the cache has held (the database was restored or emptied)."""
    value, changed_at, due = _database_version(using=using)
    if not shared_version_publish(value=value, changed_at=changed_at, next_due_at=due):
        public_version_raise(using=using)  # publishes the raised number
        value, changed_at, due = _database_version(using=using)
    return value, changed_at


def _shared_version(
    record: bytes | None, *, using: str, database: bool = True
) -> tuple[int, datetime] | None:
    """The version in the record read from the shared cache; else (none there, or a
    publication time has come) the database's, or None when `database` is False."""
    if record is not None:
        value, changed, due = record.split(b" ")
        due_at = _moment(due)
        if due_at is None or due_at > timezone.now():
            return int(value), _moment(changed)
    return _shared_version_refresh(using=using) if database else None


def _raise_after_commit(using: str):
    """What `public_changed` runs on commit: a function of its own, since Django names it in
    the error it logs when a robust callback fails (a `partial` has no name to log, and
    logging it failed in its turn)."""

    def raise_public_version() -> None:
        public_version_raise(using=using)

    raise_public_version.briefings_public_raise = True
    return raise_public_version


def public_changed(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Something a reader may see has been written on `using`: raise the version once the
    transaction commits (at once outside one), and count the write for this connection."""
    connection = transaction.get_connection(using)
    # Never reset, so that a count never comes back to a value an earlier state was keyed by.
    connection.briefings_public_writes = getattr(connection, "briefings_public_writes", 0) + 1
    if connection.in_atomic_block and any(
        getattr(func, "briefings_public_raise", False) for _sids, func, _robust in connection.run_on_commit
    ):
        return  # already raised when this transaction commits
    transaction.on_commit(_raise_after_commit(using), using=using, robust=True)


def _saved(sender, instance, using, update_fields=None, **kwargs):
    public_changed(using=using)


def _user_saved(sender, instance, using, update_fields=None, **kwargs):
    # Signing in records last_login: no reader sees it.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    public_changed(using=using)


def _deleted(sender, instance, using, **kwargs):
    public_changed(using=using)


def _rows_updated(sender, using, **kwargs):
    public_changed(using=using)


def _links_changed(sender, instance, action, using, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        public_changed(using=using)


def _tables_rebuilt(sender, using, **kwargs):
    """`flush` and `migrate` end with post_migrate: the rows changed under every page. Not
    after migrating the app back to zero, when the tables the version reads are gone."""
    from .models import Briefing, CountryTrend

    if sender.label != "briefings":
        return
    needed = {model._meta.db_table for model in (_version_model(), Briefing, CountryTrend)}
    if needed <= set(connections[using].introspection.table_names()):
        public_version_raise(using=using)


def public_changes_connect(app_models) -> None:
    """Raise the publication version on every write to a model of the app a reader may see,
    and to users. Called once, from `BriefingsConfig.ready()`."""
    from django.contrib.auth import get_user_model

    from .models.base import rows_updated

    rows_updated.connect(_rows_updated, dispatch_uid="public-version-bulk-update")
    for model in app_models:
        label = model._meta.label_lower
        if label in PRIVATE_MODELS:
            continue
        uid = f"public-version-{label}"
        models.signals.post_save.connect(_saved, sender=model, dispatch_uid=uid)
        models.signals.post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            models.signals.m2m_changed.connect(
                _links_changed, sender=through, dispatch_uid=f"public-version-{through._meta.label_lower}"
            )
    models.signals.post_migrate.connect(_tables_rebuilt, dispatch_uid="public-version-tables-rebuilt")
    user = get_user_model()
    models.signals.post_save.connect(_user_saved, sender=user, dispatch_uid="public-version-user")
    models.signals.post_delete.connect(_deleted, sender=user, dispatch_uid="public-version-user")


# --- The pages -------------------------------------------------------------------------


# A reader's personal feed address carries their secret in the path: it is theirs alone.
PERSONAL_FEED_PREFIX = "/feeds/r/"


def reader_is_private(request) -> bool:
    """Whether the request may be someone's own page: a session, a message waiting,
    credentials (an API token), or a personal feed address. Such a reader is never served
    a shared page, and their page is never stored: what a cleared reader sees never
    reaches the public or a shared proxy."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return True
    if request.path_info.startswith(PERSONAL_FEED_PREFIX):
        return True
    return "HTTP_AUTHORIZATION" in request.META


def page_cache_applies(request) -> bool:
    """Whether the address is the public site's (not the admin's)."""
    excluded = getattr(settings, "BRIEFINGS_PAGE_CACHE_EXCLUDE", ("/admin/",))
    # path_info: the address inside the site, whatever prefix a proxy mounts it under.
    return not request.path_info.startswith(tuple(excluded))


def public_page_key(request) -> str | None:
    """The key this request's page may be served from and stored under, or None when the
    shared cache is not for it: a reader who may be private, the admin, anything but a
    GET, a host the site refuses (it is refused below, as any other request)."""
    if reader_is_private(request) or not page_cache_applies(request) or request.method != "GET":
        return None
    try:
        return page_cache_key(request)
    except DisallowedHost:
        return None


def page_cache_key(request, *, variant: str = PUBLIC_VARIANT) -> str:
    """The key of this request's page for this kind of reader, as this build renders it.
    The publication version the page was rendered at is inside the entry, so that the
    version and the page can be read in one round trip."""
    address = request.build_absolute_uri()
    accept = request.META.get("HTTP_ACCEPT", "")
    digest = hashlib.sha256(f"{address}\n{accept}".encode()).hexdigest()
    return f"public-page:{build_fingerprint()}:{variant}:{digest}"


# What renders a page, under the project folder: the app's code and data files, the
# settings and URLconf, the templates, and the pinned packages.
BUILD_SOURCES = ("briefings", "project", "templates", "requirements.txt")


@functools.cache
def build_fingerprint() -> str:
    """This process's build, read once: the same for every server running the same files
    (it hashes their content, never their times), another after any change to them. With
    hashed static files, the hash Django keeps of their manifest too: a changed stylesheet
    changes its hashed name in every page."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    files = files_fingerprint([Path(settings.BASE_DIR) / name for name in BUILD_SOURCES])
    manifest = getattr(staticfiles_storage, "manifest_hash", "")
    return hashlib.sha256(f"{files}\0{manifest}".encode()).hexdigest()[:16]


def files_fingerprint(paths) -> str:
    """A digest of the files at `paths` and in the folders among them, each named from the
    path it was found under (so the same tree elsewhere gives the same digest), compiled
    bytecode left out. A path that does not exist counts as none; a file that cannot be read
    counts by its name (the pages are served either way)."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or not file.is_file():
                continue
            name = path.name if file == path else f"{path.name}/{file.relative_to(path).as_posix()}"
            try:
                content = file.read_bytes()
            except OSError:
                content = b"unreadable"
            digest.update(f"{name}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()[:16]


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.cookies:
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str) or "'nonce-" in response.get(
        "Content-Security-Policy", ""
    ):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= CACHEABLE_VARY


@dataclass(frozen=True)
class CachedPage:
    """What is stored: the version it was rendered at, the body, and the headers as the
    desk's middleware left them (its ETag included, so a hit hashes nothing)."""

    token: str
    status: int
    headers: dict[str, str]
    content: bytes

    def dumps(self) -> bytes:
        # JSON for the label, status and headers, then the body as it is: nothing read back
        # from the cache is ever unpickled, so a cache server written by anyone else can at
        # worst spoil a page, never run code.
        meta = json.dumps([self.token, self.status, self.headers]).encode()
        return len(meta).to_bytes(4, "big") + meta + self.content

    @classmethod
    def loads(cls, data: bytes | None) -> "CachedPage | None":
        if not isinstance(data, bytes) or len(data) < 4:
            return None
        size = int.from_bytes(data[:4], "big")
        try:
            token, status, headers = json.loads(data[4 : 4 + size])
        except (ValueError, TypeError):
            return None  # not an entry of this format: a miss, rendered again and replaced
        if not (isinstance(token, str) and isinstance(status, int) and isinstance(headers, dict)):
            return None
        return cls(token, status, headers, data[4 + size :])

    def response(self, request) -> HttpResponse:
        """The page for `request`, or a 304 when its If-None-Match names this very page."""
        response = HttpResponse(self.content, status=self.status)
        # The headers were checked when the page was rendered; setting them one by one checks
        # their encoding again, two thirds of the cost of making the response (16 µs of 24).
        response.headers._store.update((name.lower(), (name, value)) for name, value in self.headers.items())
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            return _conditional(request, response)
        return response


def page_lookup(
    key: str, *, using: str = DEFAULT_DB_ALIAS, database: bool = True
) -> tuple[PublicState | None, CachedPage | None]:
    """The publication version now and the page stored under `key`, if it was rendered at
    that version. With Redis, one round trip (MGET of the version and the page) and no
    query; otherwise one query and a read of this process's memory. Without `database`,
    (None, None) whenever the version would have to be read from the database."""
    backend = _shared_cache()
    if backend is None:
        if not database:
            return None, None
        state = public_state_read(using=using)
        page = CachedPage.loads(cache.get(key))
    else:
        record, data = _shared_read(backend, key)
        version = _shared_version(record, using=using, database=database)
        if version is None:
            return None, None
        state = PublicState(value=version[0], changed_at=version[1], pending=_pending_writes(using))
        page = CachedPage.loads(data)
    # A page stored at another version (older, or by a reader who read the number before a
    # raise) is never served: it is rendered again and replaces it.
    return state, page if page is not None and page.token == state.token else None


def _mark_public(response, state: PublicState) -> None:
    patch_cache_control(response, public=True, max_age=max_age(), s_maxage=max_age())
    patch_vary_headers(response, ["Cookie"])
    response["Last-Modified"] = http_date(state.changed_at.timestamp())


def _etag(content: bytes) -> str:
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def _store(key: str, response, content: bytes, state: PublicState) -> None:
    """Store the page under `key`, labelled with the version read before it was rendered:
    a raise committed meanwhile leaves it under an older label, never served again."""
    headers = {k: v for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache", "etag")}
    headers["ETag"] = _etag(content)
    headers["X-Page-Cache"] = "hit"
    data = CachedPage(state.token, response.status_code, headers, content).dumps()
    try:
        backend = _shared_cache()
        if backend is None:
            cache.set(key, data, entry_seconds())
        else:
            _redis_client(backend).set(backend.make_key(key), data, ex=entry_seconds())
    except Exception:  # noqa: BLE001 - a page not stored is rendered again next time
        logger.exception("Page cache unavailable: page not stored")


def _stream_and_store(key: str, response, content, state: PublicState):
    """Pass a streamed body on as it comes, and store it once whole if it stayed small."""
    chunks, size = [], 0
    for chunk in content:
        if chunks is not None:
            size += len(chunk)
            chunks = chunks + [chunk] if size <= max_entry_bytes() else None
        yield chunk
    if chunks is not None:
        _store(key, response, b"".join(chunks), state)


class PublicPageCacheMiddleware:
    """Serves readers without a session from the shared cache (see the module's docstring).

    Sits after SecurityMiddleware and WhiteNoise and before the session middleware, so that
    it stores a page with the headers of everything inside it (CSP, X-Frame-Options, Vary),
    and a hit skips them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if reader_is_private(request) or not page_cache_applies(request):
            return self._private(self.get_response(request))
        key = public_page_key(request)
        if key is None:
            return self.get_response(request)
        try:
            state, page = page_lookup(key)
        except (OperationalError, InterfaceError):
            # The database is down: let the page say so (DatabaseUnavailableMiddleware).
            return self.get_response(request)
        except Exception:  # noqa: BLE001 - the cache is an aid: without it, pages are rendered
            logger.exception("Page cache unavailable: serving without it")
            return self._bypass(self.get_response(request))
        if page is not None:
            return page.response(request)  # its headers say X-Page-Cache: hit
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return self._bypass(response)
        response["X-Page-Cache"] = "miss"
        _mark_public(response, state)
        if response.streaming:
            # The ETag needs the whole body: a streamed page gets one once served from the cache.
            response.streaming_content = _stream_and_store(key, response, response.streaming_content, state)
            return response
        response["ETag"] = _etag(response.content)
        if len(response.content) <= max_entry_bytes():
            _store(key, response, response.content, state)
        return _conditional(request, response)

    @staticmethod
    def _bypass(response):
        """An anonymous response the shared cache does not hold (a 404, one that sets a
        cookie): no proxy may keep it either."""
        if "Cache-Control" not in response:
            patch_cache_control(
                response, **({"private": True, "no_store": True} if response.cookies else {"no_cache": True})
            )
        response["X-Page-Cache"] = "bypass"
        return response

    @staticmethod
    def _private(response):
        if "Cache-Control" not in response:
            add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie"])
        response["X-Page-Cache"] = "bypass"
        return response


def _conditional(request, response):
    # On the ETag alone: Last-Modified has a resolution of one second, so two changes in
    # one second would answer a client that sends only If-Modified-Since with a 304.
    conditional = get_conditional_response(request, etag=response.get("ETag"), response=response)
    if conditional is not response:
        conditional["X-Page-Cache"] = response.get("X-Page-Cache", "")
    return conditional


class PublicPageCacheApplication:
    """The WSGI application in front of Django's (project/wsgi.py): answers a hit before
    Django's handler runs, with the very functions the middleware uses (`public_page_key`,
    `page_lookup`, `CachedPage.response`) and through the same middleware that sits before
    it in MIDDLEWARE (SecurityMiddleware's headers, its redirect), so that a hit is the
    same answer either way. Anything else goes to Django: a miss, a reader with a session,
    anything but a GET, a version that has to be read from the database, a static file.

    What it leaves out is the handler's request cycle around a hit: the request_started and
    request_finished signals (database connections checked and closed: a hit makes no
    query) and the middleware inside the cache's, about half the CPU of a hit."""

    def __init__(self, application):
        self.application = application
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/") if settings.STATIC_URL else None
        self.outer = self._outer_middleware()

    @staticmethod
    def _outer_middleware():
        """The middleware before the cache's in MIDDLEWARE, as a chain around the hit already
        found (None when the cache's middleware is not installed: nothing is served early)."""
        ours = f"{PublicPageCacheMiddleware.__module__}.{PublicPageCacheMiddleware.__qualname__}"
        if ours not in settings.MIDDLEWARE:
            return None
        chain = _early_hit
        for path in reversed(settings.MIDDLEWARE[: settings.MIDDLEWARE.index(ours)]):
            try:
                chain = import_string(path)(chain)
            except MiddlewareNotUsed:
                continue
        return chain

    def __call__(self, environ, start_response):
        try:
            response = self.hit(environ)
        except Exception:  # noqa: BLE001 - a request it cannot read (say, a path that is not
            # Latin-1, as WSGI requires) is Django's to answer, as it answers every other.
            response = None
        if response is None:
            return self.application(environ, start_response)
        # As Django's WSGIHandler answers (a hit sets no cookie).
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]

    def hit(self, environ) -> HttpResponse | None:
        """The answer to this request from the shared cache, as the middleware would give it,
        when it is a hit found without a query; else None."""
        if self.outer is None or environ.get("REQUEST_METHOD") != "GET":
            return None
        if self.static_prefix and environ.get("PATH_INFO", "").startswith(self.static_prefix):
            return None  # whitenoise's
        # A copy: Django's request writes the decoded path back into the environ it is given,
        # and Django's handler, should the request go on to it, decodes that path again
        # (a path of UTF-8 beyond Latin-1 would then be a 500).
        request = WSGIRequest(dict(environ))
        key = public_page_key(request)
        if key is None:
            return None
        try:
            _state, page = page_lookup(key, database=False)
        except Exception:  # noqa: BLE001 - Django's path logs it and renders the page
            return None
        if page is None:
            return None
        request.briefings_early_hit = page.response(request)
        response = self.outer(request)
        # The outer middleware may answer without it (a redirect to https): Django's path.
        return response if response is request.briefings_early_hit else None


def _early_hit(request):
    return request.briefings_early_hit
