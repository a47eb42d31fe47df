"""Backups: a dumpdata/loaddata round trip with natural keys loses nothing.

Dump the desk, load the dump into an emptied database, dump again: the two dumps are
identical. Countries come from a data migration, so they travel by their ISO code
(natural keys), as do content types, permissions and users wherever rows point at them.
"""

import json
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from briefings.models import Briefing, Country
from briefings.services import history

from ..factories import UserFactory, country

pytestmark = pytest.mark.django_db

# What the README's backup command leaves out: rows Django rebuilds itself (content types,
# permissions), sessions and open-page markers (transient), and the search index (derived:
# `rebuild_search_index` writes it again after a load), and the public pages' cache version
# (each database keeps its own, never set back to an older number).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "briefings.editpresence",
    "briefings.searchdocument",
    "briefings.publicversion",
]


def dump() -> str:
    out = StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        *[f"--exclude={label}" for label in EXCLUDED],
        "--indent=1",
        stdout=out,
    )
    return out.getvalue()


def load_into_an_empty_database(data: str, tmp_path) -> None:
    if connection.vendor == "postgresql":
        # The test runs in a transaction: PostgreSQL will not empty a table with foreign
        # key checks still pending in it, so run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    # As after `migrate` on a new server: the reference countries are there (with ids of
    # their own), the desk's material is not. The dump's countries meet them by ISO code.
    assert Country.objects.exists() and not Briefing.objects.exists()
    fixture = tmp_path / "backup.json"
    fixture.write_text(data)
    call_command("loaddata", str(fixture), verbosity=0)
    ContentType.objects.clear_cache()


@pytest.fixture
def desk(fresh_demo_briefing):
    """The demo desk, with some history: the briefing revised once in a revision. A load of
    its own: these tests empty the database and load it again."""
    fresh_demo_briefing.summary += " Revised."
    with history.revision(None, "Revised the bottom line."):
        fresh_demo_briefing.save()
    return fresh_demo_briefing


def test_dump_load_and_dump_again_gives_the_same_dump(desk, tmp_path):
    first = dump()

    load_into_an_empty_database(first, tmp_path)

    assert dump() == first


def test_the_dump_names_countries_by_iso_code_not_by_id(desk):
    rows = json.loads(dump())

    mali = [r for r in rows if r["model"] == "briefings.country" and r["fields"]["iso2"] == "ML"]
    assert mali and "pk" not in mali[0]
    briefing = next(r for r in rows if r["model"] == "briefings.briefing")
    assert ["ML"] in briefing["fields"]["countries"]


def test_the_dump_holds_the_history(desk):
    models = {r["model"] for r in json.loads(dump())}

    assert {"reversion.revision", "reversion.version"} <= models


def test_a_loaded_briefing_keeps_its_countries_and_key_judgments(desk, tmp_path):
    countries = sorted(desk.countries.values_list("iso2", flat=True))
    judgments = list(desk.judgment_links.values_list("assessment__statement", flat=True))

    load_into_an_empty_database(dump(), tmp_path)

    loaded = Briefing.objects.get(slug=desk.slug)
    assert sorted(loaded.countries.values_list("iso2", flat=True)) == countries
    assert list(loaded.judgment_links.values_list("assessment__statement", flat=True)) == judgments


def test_an_old_version_can_be_restored_after_a_load(desk, tmp_path):
    load_into_an_empty_database(dump(), tmp_path)
    # Made after the load: emptying the database takes the users too.
    editor = UserFactory(username="restorer", role="editor")
    loaded = Briefing.objects.get(slug=desk.slug)
    revised = history.versions_of(loaded).first()
    loaded.countries.set([country("FR")])
    loaded.save()

    history.version_restore(version=revised, user=editor, expected_version=loaded.version)

    assert "ML" in loaded.countries.values_list("iso2", flat=True)
