"""How the suite runs, and the fixtures every area shares.

- It runs on SQLite by default and on PostgreSQL when DATABASE_URL is set; tests marked
  `postgres` are skipped (with a reason) on SQLite.
- Passwords are hashed with Django's fast MD5 hasher: every test user has one, and a real
  key derivation would cost more than most tests.
- The demo is loaded once for all the tests that only read it (`demo_briefing`); see
  `SharedLoad` for how no other test ever sees it.
- An area's own fixtures live in its folder's conftest.py; a fixture only one module uses
  stays in that module. Plain helpers are in `tests/helpers.py`, factories in
  `tests/factories.py`.
"""

import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction

from briefings import demo
from briefings.models import Briefing

from .factories import BriefingFactory, UserFactory


def pytest_configure(config):
    # Before any test hashes a password (Django caches its hashers on first use).
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    redis_database_per_worker(settings)


def redis_database_per_worker(settings) -> None:
    """With REDIS_URL, the tests empty the Redis database the cache is in (Django's
    `cache.clear()` is FLUSHDB, whatever the key prefix). Under pytest-xdist each worker
    (`gw0`, `gw1`, …) therefore takes a database of its own: the URL's number plus the
    worker's, so `redis://…/5` with 4 workers uses 5 to 8."""
    from urllib.parse import urlsplit, urlunsplit

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    location = settings.CACHES["default"].get("LOCATION")
    if not worker or not os.environ.get("REDIS_URL") or not location:
        return
    parts = urlsplit(location)
    number = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    if number > 15:
        raise pytest.UsageError(f"{location} with worker {worker}: Redis has databases 0 to 15 only")
    settings.CACHES["default"]["LOCATION"] = urlunsplit(parts._replace(path=f"/{number}"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL to run it")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
    # After pytest-django's own ordering (database tests in a transaction first, then
    # transactional ones, then the rest), the readers of each shared load go first, back to
    # back, so that each load is made once. Readers are database tests in a transaction, so
    # pytest-django's order still holds.
    items.sort(key=lambda item: SharedLoad.rank(item))


# --- The demo, shared by the tests that only read it ------------------------------------


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


class SharedLoad:
    """Rows loaded once into an open transaction, for consecutive tests that only read them.

    Loading the demo takes over a second, and dozens of tests only read it. So the first test
    that asks for a shared load (by its fixture, e.g. `demo_briefing`) opens a transaction on
    the test database and loads the rows in it, never committing. Each test then runs as
    pytest-django runs any database test, in a transaction of its own that is rolled back
    after it; inside the open one that is a savepoint, so the test sees the loaded rows, and
    whatever it writes, even to them, is undone before the next test. Before any test that
    did not ask for these rows (hook `pytest_runtest_setup`), the open transaction is rolled
    back: the rows were never committed, so no other test, and no other connection (a live
    server, a second app server), ever sees them. A later reader would load them again;
    `pytest_collection_modifyitems` runs the readers first and together, so that does not
    happen in a whole run.

    A transactional test (a browser test's live server reads committed rows) cannot share:
    it loads its own (`fresh_demo_briefing`), as does a test that reloads or flushes."""

    registry: dict[str, "SharedLoad"] = {}
    blocker = None

    def __init__(self, fixture: str, load):
        self.fixture, self.load, self.atomic = fixture, load, None
        self.registry[fixture] = self

    @classmethod
    def wanted_by(cls, item) -> "SharedLoad | None":
        wanted = [shared for name, shared in cls.registry.items() if name in item.fixturenames]
        if len(wanted) > 1:
            raise pytest.UsageError(f"{item.nodeid} asks for two shared loads: {wanted}")
        return wanted[0] if wanted and not is_transactional(item) else None

    @classmethod
    def rank(cls, item) -> int:
        shared = cls.wanted_by(item)
        return list(cls.registry.values()).index(shared) if shared else len(cls.registry)

    @classmethod
    def before(cls, item) -> None:
        """Roll back whatever shared load `item` does not read, then open the one it reads."""
        if cls.blocker is None:
            return  # nothing loaded yet: the load's session fixture opens it for its first reader
        wanted = cls.wanted_by(item)
        for shared in cls.registry.values():
            if shared is not wanted:
                shared.discard()
        if wanted:
            wanted.open()

    def open(self) -> None:
        if self.atomic is not None:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                self.load()
            except BaseException:
                self.discard()
                raise

    def session(self, blocker):
        """The session fixture's body: open this load for the run's first reader, roll it back
        at the end of the run."""
        SharedLoad.blocker = blocker
        for other in self.registry.values():
            if other is not self:
                other.discard()
        self.open()
        yield self
        self.discard()

    def discard(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None

    def __repr__(self):
        return self.fixture


SHARED_DEMO = SharedLoad("demo_briefing", lambda: call_command("load_demo", verbosity=0))
SHARED_DEMO_BRIEFING_STEP = SharedLoad("demo_briefing_step", demo.demo_briefing_load)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    SharedLoad.before(item)


def _reader_of(request, shared: SharedLoad) -> None:
    if is_transactional(request.node):
        pytest.fail(
            f"{shared.fixture} is shared in a transaction a transactional test cannot see: "
            "use fresh_demo_briefing"
        )
    assert shared.atomic is not None, f"{shared.fixture} was not opened before the test"


@pytest.fixture(scope="session")
def _demo_loaded(django_db_setup, django_db_blocker):
    # Session-scoped, so pytest sets it up before the test's own transaction (a fixture of
    # the function's scope would load inside that transaction, and lose it with the test).
    yield from SHARED_DEMO.session(django_db_blocker)


@pytest.fixture(scope="session")
def _demo_briefing_step_loaded(django_db_setup, django_db_blocker):
    yield from SHARED_DEMO_BRIEFING_STEP.session(django_db_blocker)


@pytest.fixture
def demo_briefing(request, _demo_loaded, db):
    """The curated demo briefing, as `manage.py load_demo` leaves the database (briefing and
    track record), loaded once for all the tests that only read it (see `SharedLoad`). A
    test that changes demo rows, reloads the demo, flushes the database or is transactional
    uses `fresh_demo_briefing` (a stray write here is still undone after the test)."""
    _reader_of(request, SHARED_DEMO)
    return Briefing.objects.get(slug=demo.BRIEFING_SLUG)


@pytest.fixture
def demo_briefing_step(request, _demo_briefing_step_loaded, db):
    """The briefing as the demo's first step alone leaves it (`demo.demo_briefing_load()`:
    the curated briefing, no track record yet), shared as `demo_briefing` is."""
    _reader_of(request, SHARED_DEMO_BRIEFING_STEP)
    return Briefing.objects.get(slug=demo.BRIEFING_SLUG)


@pytest.fixture
def fresh_demo_briefing(db):
    """The demo loaded by `manage.py load_demo` for this test alone: for a test that changes
    the demo's rows beyond what a rollback undoes (a flush, a reload), and for transactional
    tests, whose live server reads only committed rows."""
    call_command("load_demo", verbosity=0)
    return Briefing.objects.get(slug=demo.BRIEFING_SLUG)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the public pages' cache (briefings/cache.py) is
    keyed by a publication version the test's rolled-back transaction never raised, so one
    test's pages must not be served to the next."""
    cache.clear()
    yield
    cache.clear()


# --- Users and briefings every area uses -------------------------------------------------


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def staff_user(db):
    """A staff superuser, for tests about pages rather than about who may see them."""
    return UserFactory(username="staff", role="superuser")


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def editor(db):
    """Staff in the Editor group the data migration created."""
    return UserFactory(username="eddie", role="editor")


@pytest.fixture
def analyst(db):
    """Staff in the Analyst group the data migration created."""
    return UserFactory(username="amira", role="analyst")


@pytest.fixture
def published_briefing(db):
    return BriefingFactory(published=True)


# --- Real Chromium ---------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Real Chromium through Playwright. Skipped where Chromium is missing, unless
    BRIEFINGS_REQUIRE_BROWSER is set (CI sets it), when a missing browser fails."""
    import shutil

    executable = os.environ.get("CHROMIUM_PATH", CHROMIUM)
    if not (os.path.exists(executable) or shutil.which(executable)):
        message = f"Chromium not found at {executable}: install Debian's `chromium` package"
        if os.environ.get("BRIEFINGS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live server and the
    # ORM calls in browser tests are ordinary synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    # While a loop runs in a thread, Django keeps that thread's connections in a storage of
    # their own (asgiref's per-context one), apart from those it opened before. Without
    # this, the first browser test of a worker would query on a second connection, outside
    # the transaction its test opened on the first, and the worker's test database could
    # not be dropped at the end (the second, out of reach once the loop stops, still on it).
    # The same connection objects are put in both storages.
    before_the_loop = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, wrapper in before_the_loop.items():
            connections[alias] = wrapper
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# --- A real mail server ----------------------------------------------------------------


class ReceivedMail:
    """What a test's SMTP server received: each message's envelope recipients and message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "message": message})
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """An SMTP server (aiosmtpd) on 127.0.0.1 at a free port, with Django's SMTP backend
    pointed at it; yields what it received (`.messages`)."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received = ReceivedMail()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.DEFAULT_FROM_EMAIL = "desk@example.org"
    settings.BRIEFINGS_SITE_URL = "https://desk.example.org"
    try:
        yield received
    finally:
        controller.stop()
