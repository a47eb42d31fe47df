"""The browser fixture (tests/conftest.py) leaves a browser test on the transaction its test
opened, whatever ran before it in the worker: a browser test started after ordinary ones
once wrote outside its transaction, and kept the worker's test database from being dropped."""

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db


def test_an_ordinary_test_before_the_browser_starts_opens_the_connection():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert connection.in_atomic_block


def test_a_browser_test_queries_on_the_connection_of_its_own_transaction(page):
    assert connection.in_atomic_block
    # While Playwright's loop runs, `connections` reads asgiref's per-context storage; the
    # thread's plain storage (`_storage`) holds what the thread used before the loop and
    # uses again once it stops. Both must hold the same connection.
    assert connections["default"] is getattr(connections._connections._storage, "default", None)
