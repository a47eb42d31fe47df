"""Indexes for the admin's event search on PostgreSQL (`EventQuerySet.named`): a title or a
place that begins with a word (`UPPER(col::text) LIKE 'WORD%'`, as Django writes
`istartswith`) is read from an index instead of every event. SQLite has no pattern operator
classes, and its few rows need none."""

from django.db import migrations

INDEXES = {
    "event_title_prefix_idx": "title",
    "event_place_prefix_idx": "place",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON briefings_event (UPPER({column}::text) text_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("briefings", "0019_search_passages")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
