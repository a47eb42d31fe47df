"""List the forecasts whose horizon has passed with no outcome recorded.

For a weekly reminder from cron: it prints one line per judgment and nothing at all when
none is due (unless asked with -v 2), and always exits 0.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch
from django.urls import reverse

from briefings.models import Assessment, Briefing


class Command(BaseCommand):
    help = "List judgments past their time horizon that have no outcome yet (due for resolution)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Count as due what was due before this day (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Prefix for the admin links, e.g. https://desk.example.org, so a mailed reminder can be clicked.",
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date takes YYYY-MM-DD, not {options['date']!r}.") from error
        due = list(
            Assessment.objects.due(today)
            .order_by("horizon", "pk")
            .prefetch_related(Prefetch("briefings", queryset=Briefing.objects.only("title", "status")))
        )
        verbosity = options["verbosity"]
        if not due:
            if verbosity >= 2:
                self.stdout.write("No judgment is due for resolution.")
            return
        if verbosity == 0:
            return
        base = options["base_url"].rstrip("/")
        self.stdout.write(f"{len(due)} judgment(s) due for resolution:")
        for assessment in due:
            briefings = ", ".join(f"{b.title} ({b.get_status_display()})" for b in assessment.briefings.all())
            link = base + reverse("admin:briefings_assessmentoutcome_change", args=[assessment.pk])
            self.stdout.write(
                f"- #{assessment.pk} horizon {assessment.horizon:%Y-%m-%d}, "
                f"{assessment.get_likelihood_display() or f'{assessment.probability}%'}: {assessment}"
            )
            self.stdout.write(f"  in: {briefings or 'no briefing'}")
            self.stdout.write(f"  record the outcome: {link}")
