"""`manage.py rebuild_search_index`: rewrite every search document from the rows."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from briefings.search.index import REBUILD_WORKERS, search_index_rebuild, search_index_size


class Command(BaseCommand):
    help = (
        "Rewrite the search documents of every briefing, judgment, event, actor and excerpt. "
        "Saves keep them current; run this after loading rows around the ORM (raw SQL, bulk "
        "inserts) or after changing what the index holds. Searches keep working throughout: "
        "documents are rewritten in place, a batch at a time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=REBUILD_WORKERS,
            help=f"PostgreSQL connections writing at once (default {REBUILD_WORKERS}, one per CPU; SQLite uses one).",
        )

    def handle(self, *args, **options):
        # The bar goes to stderr, and only at verbosity 1 or more: scripts read stdout.
        with tqdm(
            total=search_index_size(), unit="doc", disable=options["verbosity"] < 1, file=self.stderr._out
        ) as bar:
            count = search_index_rebuild(progress=bar.update, workers=max(1, options["workers"]))
        if options["verbosity"] >= 1:
            self.stdout.write(f"Rewrote {count} search documents.")
