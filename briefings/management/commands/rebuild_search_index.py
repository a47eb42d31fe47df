"""`manage.py rebuild_search_index`: rewrite every search document from the rows."""

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from briefings.search.index import search_index_rebuild, search_index_size


class Command(BaseCommand):
    help = (
        "Rewrite the search documents of every briefing, judgment, event, actor and excerpt. "
        "Saves keep them current; run this after loading rows around the ORM (raw SQL, bulk "
        "inserts) or after changing what the index holds."
    )

    def handle(self, *args, **options):
        # The bar goes to stderr, and only at verbosity 1 or more: scripts read stdout.
        with (
            transaction.atomic(),
            tqdm(
                total=search_index_size(), unit="doc", disable=options["verbosity"] < 1, file=self.stderr._out
            ) as bar,
        ):
            count = search_index_rebuild(progress=bar.update)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Rewrote {count} search documents.")
