"""The database connection as the desk's queries need it."""

import time
import urllib.request

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT")
def test_postgresql_connections_compile_no_plan(db):
    """JIT compiled the search's visibility subqueries for 19 s, for a 0.4 s query."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner statistics")


@sqlite_only
def test_sqlite_connections_bound_the_rows_an_analysis_reads(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit")
        assert cursor.fetchone() == (1000,)


@sqlite_only
def test_a_request_on_sqlite_leaves_statistics_for_the_tables_its_queries_used(live_server):
    """Without statistics SQLite took the marking index for a selective one, and the briefing
    page's queries tested every event of the desk (1,037 ms at 3,000 events, 3 ms with them)."""
    from ..helpers import build_briefing

    briefing = build_briefing(events=3, judgments=2)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")  # what earlier tests gathered

    with urllib.request.urlopen(f"{live_server.url}{briefing.get_absolute_url()}", timeout=30) as page:
        assert page.status == 200

    # The server checks its connection once the response is sent: wait for it, a while.
    deadline = time.monotonic() + 15
    while not {"briefings_event", "briefings_excerpt"} <= (analysed := tables_analysed()):
        assert time.monotonic() < deadline, f"only {sorted(analysed)} analysed"
        time.sleep(0.1)


def tables_analysed() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {table for (table,) in cursor.fetchall()}


@sqlite_only
def test_a_sqlite_transaction_holds_the_write_lock_from_its_start(transactional_db):
    """So a transaction that reads, then writes, never meets another writer midway: SQLite
    fails that upgrade at once ("database is locked") rather than wait for the lock."""
    import sqlite3

    from django.db import transaction

    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
    try:
        with transaction.atomic():
            connection.cursor().execute("SELECT 1")
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once it commits
        other.execute("ROLLBACK")
    finally:
        other.close()
