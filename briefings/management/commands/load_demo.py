"""`manage.py load_demo`: the curated demo briefing and its author, loaded idempotently."""

from django.core.management.base import BaseCommand

from briefings.demo import DEMO_USERNAME, demo_load


class Command(BaseCommand):
    help = (
        "Load the curated demo briefing (russia-mali-coup-2020) and its author, the `demo` "
        "account. Safe to run again: it writes only what differs from the shipped curation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-user",
            action="store_true",
            help=f"Also make `{DEMO_USERNAME}` an editor (staff, in the Editor role) who can sign in with the "
            "password the README gives.",
        )

    def handle(self, *args, with_demo_user=False, verbosity=1, **options):
        self.verbosity = verbosity
        counts = demo_load(with_demo_user=with_demo_user)
        self.report_account(counts)
        self.report_briefing(counts)

    def say(self, line: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(line)

    def report_account(self, counts: dict) -> None:
        if counts["demo_user_can_sign_in"]:
            self.say(
                f"Demo account ready: {counts['demo_user']} (an editor; "
                "sign in at /admin/ with the password the README gives)"
            )
        else:
            self.say(
                f"Demo account ready: {counts['demo_user']} (author of the demo briefing; "
                "cannot sign in: run with --with-demo-user to allow it)"
            )

    def report_briefing(self, counts: dict) -> None:
        self.say(
            f"Demo briefing loaded: {counts['sources']} source, {counts['excerpts']} excerpts, "
            f"{counts['countries']} countries, {counts['actors']} actors, {counts['events']} events, "
            f"{counts['judgments']} judgments ({counts['briefing']}; "
            f"{counts['rows_written']} {'row' if counts['rows_written'] == 1 else 'rows'} written)"
        )
