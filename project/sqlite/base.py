"""Django's SQLite backend, with the planner statistics SQLite asks long-lived connections
to keep (ENGINE "project.sqlite" in project/settings.py).

Without statistics SQLite takes every index for a selective one. The reader pages filter on
the marking, which nearly every row shares, so it chose the marking index and tested every
event of the desk against the page's own few: on a desk of 3,000 events the briefing page's
17 queries took 1,037 ms, and 3 ms with statistics. PostgreSQL keeps its own (autovacuum).

So, as SQLite recommends: each connection bounds the rows an analysis reads
(`analysis_limit`), and `PRAGMA optimize` runs whenever Django checks its connections, at the
start and end of every request. It analyses only the tables this connection's queries used
that have no statistics yet or have grown many times over since; otherwise the check costs
about 10 µs. A bulk load (bench/generate.py) runs ANALYZE itself."""

import contextlib
import sqlite3

from django.db.backends.sqlite3 import base

# Rows read per index by an analysis: enough for the planner, bounded whatever the desk.
ANALYSIS_ROWS = 1000


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.execute(f"PRAGMA analysis_limit = {ANALYSIS_ROWS}")
        # The wait for a lock that OPTIONS["timeout"] set, put back after each optimize.
        (self.busy_timeout_ms,) = connection.execute("PRAGMA busy_timeout").fetchone()
        return connection

    def close_if_unusable_or_obsolete(self):
        self.planner_statistics_keep()
        super().close_if_unusable_or_obsolete()

    def planner_statistics_keep(self) -> None:
        """`PRAGMA optimize`, outside any transaction: it writes the statistics, and must
        never hold up a request, so a database another connection is writing skips it (no
        wait for the lock) until the next check."""
        if self.connection is None or self.in_atomic_block or not self.get_autocommit():
            return
        try:
            self.connection.execute("PRAGMA busy_timeout = 0")
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("PRAGMA optimize")
        finally:
            self.connection.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
