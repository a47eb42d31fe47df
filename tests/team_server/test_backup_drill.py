"""The team server's backup, drilled as the README gives it: `pg_dump` while the site holds
the demo, `pg_restore` into a new database, and every table comes back with the same rows
(counted, and summed by a checksum of every row); and the desk's schema (with the libraries'
that ship migrations) migrates back to zero with data in it, and forward again."""

import os
import shutil
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

from .servers import ROOT

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def pg(tool: str) -> str:
    found = shutil.which(tool) or next(
        (
            path
            for path in (f"/usr/lib/postgresql/{v}/bin/{tool}" for v in range(20, 11, -1))
            if os.path.exists(path)
        ),
        None,
    )
    if found is None:
        pytest.skip(f"{tool} is not installed")
    return found


def url_of(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def table_fingerprints(database_url: str) -> dict[str, tuple[int, str]]:
    """For every table of the public schema: its row count and an md5 of all its rows."""
    import psycopg2

    with psycopg2.connect(database_url) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        found = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"  # noqa: S608
            )
            found[table] = cursor.fetchone()
    conn.close()
    return found


@pytest.fixture
def scratch_database():
    """A new, empty database on the same server, dropped afterwards."""
    import psycopg2

    name = f"drill_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(url_of("postgres"))
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_pg_dump_restores_every_table_row_for_row(fresh_demo_briefing, scratch_database, tmp_path):
    dump = tmp_path / "briefings.dump"
    live = url_of(connection.settings_dict["NAME"])
    subprocess.run([pg("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", live], check=True)
    subprocess.run(
        [pg("pg_restore"), "--no-owner", f"--dbname={url_of(scratch_database)}", str(dump)], check=True
    )

    before, after = table_fingerprints(live), table_fingerprints(url_of(scratch_database))

    assert before == after
    assert before["briefings_briefing"][0] >= 1 and before["briefings_excerpt"][0] > 10


def test_every_app_migrates_back_to_zero_and_forward_again(scratch_database):
    env = {
        **os.environ,
        "DATABASE_URL": url_of(scratch_database),
        "DJANGO_SETTINGS_MODULE": "project.settings",
    }

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args, "--verbosity=0"], cwd=ROOT, env=env, check=True)

    manage("migrate", "--noinput")
    manage("load_demo")
    # Ours and the libraries' we ship migrations with; Django's own apps (auth, admin,
    # sessions, contenttypes) are not rolled back on release, and auth's oldest migration
    # cannot shorten the permission names our models give.
    for app in ["briefings", "axes", "reversion"]:
        manage("migrate", app, "zero", "--noinput")
    left = set(table_fingerprints(env["DATABASE_URL"]))
    assert not {table for table in left if table.startswith(("briefings_", "axes_", "reversion_"))}
    manage("migrate", "--noinput")
    manage("load_demo")
    counts = table_fingerprints(env["DATABASE_URL"])
    assert counts["briefings_country"][0] == 249 and counts["briefings_briefing"][0] >= 1
    assert settings.INSTALLED_APPS  # the same settings the suite runs with
