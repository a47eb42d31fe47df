"""Publish the reviewed briefings whose scheduled time has come.

For cron, every few minutes: it prints one line per briefing it published and nothing when
none was due (nothing at all with -v 0), and exits 0. Running it again, or two runs at once,
publishes nothing twice: each briefing is moved under a row lock by the workflow service,
which records the move in the briefing's log as made by the desk itself.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from briefings import services


class Command(BaseCommand):
    help = "Publish reviewed briefings whose scheduled publication time has come."

    def handle(self, *args, **options):
        published = services.briefings_publish_due()
        verbosity = options["verbosity"]
        if not published:
            if verbosity >= 2:
                self.stdout.write("No briefing is due for publication.")
            return
        if verbosity == 0:
            return
        for briefing in published:
            when = timezone.localtime(briefing.published_at)
            self.stdout.write(
                f"Published “{briefing.title}” ({briefing.get_absolute_url()}), "
                f"scheduled for {when:%Y-%m-%d %H:%M %Z}."
            )
