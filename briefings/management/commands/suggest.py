"""Print the suggestions for an article file as JSON, without saving anything."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from briefings.extraction.matching import ActorIndex
from briefings.extraction.suggest import suggest
from briefings.extraction.text import UnreadableInput, read_article
from briefings.services.suggestions import known_actors_from_database


class Command(BaseCommand):
    help = (
        "Suggest the countries, actors, dated events and candidate judgments of an article "
        "(.txt, .md or .html) and print them as JSON. Nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the article's file")
        parser.add_argument(
            "--published-on",
            help="the article's publication date, YYYY-MM-DD: the base for dates written without "
            "a year. Default: the date the file states (HTML), else today.",
        )
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        path = Path(options["path"])
        published_on = None
        if options["published_on"]:
            try:
                published_on = datetime.date.fromisoformat(options["published_on"])
            except ValueError:
                raise CommandError(
                    f"--published-on “{options['published_on']}” is not a date: write it as YYYY-MM-DD.",
                    returncode=2,
                ) from None
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=2)
        data = path.read_bytes()
        if not data.strip():
            raise CommandError(f"The file is empty: {path}", returncode=2)
        try:
            article = read_article(data, filename=path.name)
        except UnreadableInput as error:
            raise CommandError(f"Cannot read {path}: {error}", returncode=2) from None
        if article.note:
            self.stderr.write(article.note)
        published_on = published_on or article.metadata.published_on or datetime.date.today()
        try:
            index = ActorIndex.build(known_actors_from_database())
        except DatabaseError:
            self.stderr.write("The database is not ready (run migrate): no existing actors to match against.")
            index = None
        suggestions = suggest(article.text, published_on, index=index)
        self.stdout.write(json.dumps(suggestions.to_dict(), ensure_ascii=False, indent=2))
