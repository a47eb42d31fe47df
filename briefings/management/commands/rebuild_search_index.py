"""`manage.py rebuild_search_index`: rewrite every search document from the rows."""

from django.core.management.base import BaseCommand
from django.db import transaction

from briefings.search.index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rewrite the search documents of every briefing, judgment, event, actor and excerpt. "
        "Saves keep them current; run this after loading rows around the ORM (raw SQL, bulk "
        "inserts) or after changing what the index holds."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = search_index_rebuild()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Rewrote {count} search documents.")
