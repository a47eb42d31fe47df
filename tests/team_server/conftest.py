"""The team server's tests start app servers (gunicorn, a relay, a restore) against the test
database; each test ends only once their sessions have left it."""

import time

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _app_servers_gone_from_the_database(django_db_blocker):
    """A stopped gunicorn's sessions end a moment after it does (PostgreSQL notices the closed
    socket). The last test of a worker must not leave one: the test database could not be
    dropped while it was there ("being accessed by other users"). A session the outage test's
    relay still holds open once every server of the test has stopped is ended here: the
    database is this worker's own, and nothing of the test is left to use it."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        if not sessions_of_others_end(within=5):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            assert sessions_of_others_end(within=15), "other sessions still on the test database"


def sessions_of_others_end(*, within: float) -> bool:
    deadline = time.monotonic() + within
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if not cursor.fetchone()[0]:
                return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
