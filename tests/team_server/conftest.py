"""The team server's tests start app servers (gunicorn, a relay, a restore) against the test
database; each test ends only once their sessions have left it."""

import time

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _app_servers_gone_from_the_database(django_db_blocker):
    """A stopped gunicorn's sessions end a moment after it does (PostgreSQL notices the closed
    socket, through a relay later still). The last test of a worker must not leave one: the
    test database could not be dropped while it was there ("being accessed by other users")."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        deadline = time.monotonic() + 20
        while others := sessions_of_others():
            if time.monotonic() > deadline:
                pytest.fail(f"{others} other session(s) still on the test database")
            time.sleep(0.1)


def sessions_of_others() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]
