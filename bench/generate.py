"""A desk at scale: countries, actors, sources, events with actors in roles, published and
draft briefings with key judgments and their evidence, and the search index, generated from
a seed.

    DATABASE_URL=postgres://…/desk .venv/bin/python bench/generate.py            # 100,000 events
    DATABASE_URL=postgres://…/desk .venv/bin/python bench/generate.py --quick    # 3,000 events

Writes into the database `DATABASE_URL` names (migrated, with no events yet), in batches:
`bulk_create` a few thousand rows at a time, one transaction per batch, so that a full
desk takes a few minutes on PostgreSQL. The same seed gives the same desk. The desk is
shaped like a real one: events are spread over every country unevenly (the busiest holds
about one event in seven) and actors unevenly over events (a busy actor acts in thousands),
each briefing covers a country's events, and most events are in no published briefing.
Prose is made from `bench/data/desk_words.toml`, a word list of our own.

Rows are written around the ORM's signals, so the search index is rebuilt at the end
(`search_index_rebuild`, as `manage.py rebuild_search_index` does).
"""

import argparse
import datetime
import os
import random
import sys
import time
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORDS = tomllib.loads((Path(__file__).resolve().parent / "data" / "desk_words.toml").read_text())
AUTHOR = "desk-author"


@dataclass(frozen=True)
class Scale:
    events: int = 100_000
    actors: int = 5_000
    roles_per_event: int = 2
    briefings: int = 2_000
    drafts: int = 200
    events_per_briefing: int = 40
    judgments_per_briefing: int = 8
    countries_per_briefing: int = 3
    body_words: int = 1_500
    # One source for every 25 events, each quoted in 8 passages.
    excerpts_per_source: int = 8

    @property
    def sources(self) -> int:
        return max(10, self.events // 25)


FULL = Scale()
QUICK = Scale(events=3_000, actors=300, briefings=60, drafts=10, body_words=400)
BATCH = 5_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 events, 60 briefings")
    parser.add_argument("--events", type=int, help="events (default 100,000)")
    parser.add_argument("--actors", type=int, help="actors (default 5,000)")
    parser.add_argument("--briefings", type=int, help="published briefings (default 2,000)")
    parser.add_argument("--drafts", type=int, help="draft briefings (default 200)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    scale = QUICK if args.quick else FULL
    chosen = {k: v for k, v in vars(args).items() if k in {"events", "actors", "briefings", "drafts"} and v}
    scale = replace(scale, **chosen)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()
    from briefings.models import Event

    if Event.objects.exists():
        print("The desk already has events: generate into a freshly migrated database.", file=sys.stderr)
        return 2
    started = time.monotonic()
    counts = desk_generate(scale=scale, seed=args.seed)
    seconds = time.monotonic() - started
    print(", ".join(f"{count:,} {name}" for name, count in counts.items()) + f" in {seconds:.0f} s")
    return 0


class Prose:
    """Sentences, titles and names from the word list, from one seeded random generator."""

    def __init__(self, chance: random.Random):
        self.chance = chance
        self.words = WORDS["words"] + WORDS["common"] * 3

    def sentence(self, length: int = 14) -> str:
        words = self.chance.choices(self.words, k=length)
        return " ".join(words).capitalize() + "."

    def paragraph(self, words: int) -> str:
        sentences, total = [], 0
        while total < words:
            length = self.chance.randint(8, 22)
            sentences.append(self.sentence(length))
            total += length
        return " ".join(sentences)

    def name(self, syllables: int = 3) -> str:
        return "".join(self.chance.choices(WORDS["syllables"], k=syllables)).capitalize()

    def section(self) -> str:
        """A heading and three paragraphs of Markdown."""
        return "\n\n".join(
            [f"## {self.sentence(4)[:-1]}", *(self.paragraph(self.chance.randint(60, 120)) for _ in range(3))]
        )


class Rendered:
    """Markdown from a pool of pieces rendered once: rendering each of 2,000 bodies and
    16,000 rationales would take most of the generator's time. Each piece is a block of its
    own, so the HTML of pieces joined is the pieces' HTML joined."""

    def __init__(self, chance: random.Random, pieces: list[str]):
        from briefings.markdown import render_markdown

        self.chance = chance
        self.pieces = [(piece, render_markdown(piece), len(piece.split())) for piece in pieces]

    def pick(self, words: int) -> tuple[str, str]:
        """Markdown of about `words` words, and its HTML."""
        chosen, total = [], 0
        while total < words:
            chosen.append(self.chance.choice(self.pieces))
            total += chosen[-1][2]
        return "\n\n".join(md for md, _, _ in chosen), "\n".join(html for _, html, _ in chosen)


def skewed(chance: random.Random, n: int, k: int) -> list[int]:
    """`k` indexes below `n`, the first ones far more often (Zipf's law, as real desks are)."""
    weights = [1 / (i + 1) for i in range(n)]
    return chance.choices(range(n), weights=weights, k=k)


def desk_generate(*, scale: Scale, seed: int) -> dict[str, int]:
    """Write a desk of `scale` from `seed`; how many rows of each kind."""
    from django.db import connection, transaction
    from django.utils import timezone
    from tqdm import tqdm

    from briefings.models import (
        Actor,
        ActorAlias,
        ActorKind,
        ActorRole,
        Assessment,
        Briefing,
        Confidence,
        Country,
        DatePrecision,
        Event,
        EventActor,
        EventKind,
        Excerpt,
        KeyJudgment,
        Likelihood,
        Outcome,
        OutcomeEntry,
        OutcomeEntryKind,
        PublicationStatus,
        Reliability,
        Source,
    )
    from briefings.search.index import search_index_rebuild
    from briefings.services.accounts import team_user_save

    chance = random.Random(seed)
    prose = Prose(chance)
    sections = Rendered(chance, [prose.section() for _ in range(300)])
    paragraphs = Rendered(chance, [prose.paragraph(60) for _ in range(500)])
    published = scale.briefings
    all_briefings = scale.briefings + scale.drafts
    judgments = all_briefings * scale.judgments_per_briefing
    excerpts = scale.sources * scale.excerpts_per_source
    total = (
        scale.actors * 2 + scale.sources + excerpts + scale.events * (2 + scale.roles_per_event)
        + all_briefings * (1 + scale.events_per_briefing + scale.countries_per_briefing)
        + judgments * 6
    )  # fmt: skip
    bar = tqdm(total=total, unit="row", desc="desk", file=sys.stderr)

    def write(model, rows):
        """Rows of `model` in batches, one transaction each; the rows, with their keys."""
        done = []
        for at in range(0, len(rows), BATCH):
            batch = rows[at : at + BATCH]
            with transaction.atomic():
                done += model.objects.bulk_create(batch)
            bar.update(len(batch))
        return done

    author, _ = team_user_save(username=AUTHOR, role="editor")
    countries = list(Country.objects.order_by("pk").values_list("pk", flat=True))
    chance.shuffle(countries)  # which countries are busy: the seed decides
    today = timezone.localdate()
    now = timezone.now()

    # Actors, a few with another name, each in one country.
    actors = write(
        Actor,
        [
            Actor(
                name=f"{prose.name()} {chance.choice(WORDS['actor_heads'])}",
                slug=f"actor-{n}",
                kind=chance.choice(ActorKind.values),
                description=prose.sentence(16),
            )
            for n in range(scale.actors)
        ],
    )
    actor_ids = [actor.pk for actor in actors]
    names = {actor.pk: actor.name for actor in actors}
    write(ActorAlias, [ActorAlias(actor_id=pk, name=names[pk].split()[0].upper()) for pk in actor_ids[::5]])
    write(
        Actor.countries.through,
        [Actor.countries.through(actor_id=pk, country_id=chance.choice(countries)) for pk in actor_ids],
    )
    bar.update(scale.actors - len(actor_ids[::5]))

    # Sources, each quoted in a few passages.
    sources = write(
        Source,
        [
            Source(
                title=prose.sentence(7)[:-1],
                author=f"{prose.name(2)} {prose.name(3)}",
                publisher=f"The {prose.name(2)} {chance.choice(['Review', 'Monitor', 'Wire', 'Post'])}",
                published_on=today - datetime.timedelta(days=chance.randint(30, 3000)),
                reliability=chance.choice(Reliability.values),
                excerpt_credibility=chance.randint(1, 6),
            )
            for _ in range(scale.sources)
        ],
    )
    excerpt_rows = write(
        Excerpt,
        [
            Excerpt(source_id=source.pk, text=prose.sentence(20), credibility=chance.randint(1, 6))
            for source in sources
            for _ in range(scale.excerpts_per_source)
        ],
    )
    excerpt_ids = [excerpt.pk for excerpt in excerpt_rows]

    # Events: uneven over countries; places are names of their own, most of them rare.
    places = [prose.name(3) for _ in range(max(50, scale.events // 5))]
    event_countries = [countries[i] for i in skewed(chance, len(countries), scale.events)]
    events = write(
        Event,
        [
            Event(
                title=f"{chance.choice(WORDS['event_verbs']).capitalize()} {place}",
                slug=f"event-{n}",
                date=(day := today - datetime.timedelta(days=chance.randint(1, 4000))),
                date_precision=chance.choice([DatePrecision.DAY] * 8 + [DatePrecision.MONTH]),
                end_date=day + datetime.timedelta(days=chance.randint(0, 3)) if n % 4 == 0 else None,
                kind=chance.choice(EventKind.values),
                country_id=country,
                place=place,
                description=prose.paragraph(30),
            )
            for n, (country, place) in enumerate(
                zip(event_countries, chance.choices(places, k=scale.events), strict=True)
            )
        ],
    )
    event_ids = [event.pk for event in events]
    by_country: dict[int, list[int]] = {}
    for event in events:
        by_country.setdefault(event.country_id, []).append(event.pk)

    # Actors in roles: uneven too, so a busy actor acts in thousands of events.
    role_actors = skewed(chance, len(actor_ids), scale.events * scale.roles_per_event)
    roles, actors_of = [], {}
    for n, pk in enumerate(event_ids):
        picked = {
            actor_ids[i] for i in role_actors[n * scale.roles_per_event : (n + 1) * scale.roles_per_event]
        }
        actors_of[pk] = sorted(picked)
        for number, actor in enumerate(actors_of[pk]):
            role = ActorRole.INITIATOR if number == 0 else ActorRole.TARGET
            roles.append(EventActor(event_id=pk, actor_id=actor, role=role))
    write(EventActor, roles)
    bar.update(scale.events * scale.roles_per_event - len(roles))
    excerpt_of = {pk: chance.choice(excerpt_ids) for pk in event_ids}
    write(
        Event.excerpts.through,
        [Event.excerpts.through(event_id=pk, excerpt_id=excerpt) for pk, excerpt in excerpt_of.items()],
    )

    # Briefings: each about a country (chosen as unevenly as events are) and its events.
    busy = [country for country in countries if len(by_country.get(country, [])) >= 5]
    shapes = []
    for n in range(all_briefings):
        main = busy[skewed(chance, len(busy), 1)[0]]
        others = chance.sample(countries, scale.countries_per_briefing - 1)
        pool = by_country[main]
        picked = chance.sample(pool, min(scale.events_per_briefing, len(pool)))
        shapes.append((n, main, [main, *[c for c in others if c != main]], picked))
    briefing_rows = []
    for n, _main, _countries, _events in shapes:
        body, body_html = sections.pick(scale.body_words)
        is_published = n < published
        briefing_rows.append(
            Briefing(
                title=prose.sentence(8)[:-1],
                slug=f"briefing-{n}",
                summary=prose.paragraph(50),
                body=body,
                body_html=body_html,
                status=PublicationStatus.PUBLISHED if is_published else PublicationStatus.DRAFT,
                published_at=now - datetime.timedelta(hours=n * 7 + 1) if is_published else None,
            )
        )
    briefings = write(Briefing, briefing_rows)
    through = Briefing
    write(
        through.events.through,
        [
            through.events.through(briefing_id=b.pk, event_id=e)
            for b, shape in zip(briefings, shapes, strict=True)
            for e in shape[3]
        ],
    )
    write(
        through.countries.through,
        [
            through.countries.through(briefing_id=b.pk, country_id=c)
            for b, shape in zip(briefings, shapes, strict=True)
            for c in shape[2]
        ],
    )
    briefing_actors = []
    for b, shape in zip(briefings, shapes, strict=True):
        covered = sorted({a for e in shape[3][:5] for a in actors_of[e]})
        briefing_actors += [through.actors.through(briefing_id=b.pk, actor_id=a) for a in covered]
    with transaction.atomic():
        through.actors.through.objects.bulk_create(briefing_actors, batch_size=BATCH)
        through.authors.through.objects.bulk_create(
            [through.authors.through(briefing_id=b.pk, user_id=author.pk) for b in briefings],
            batch_size=BATCH,
        )
        # A briefing lists the sources its first events are reported in.
        source_of = {excerpt.pk: excerpt.source_id for excerpt in excerpt_rows}
        listed = {
            (b.pk, source_of[excerpt_of[e]])
            for b, shape in zip(briefings, shapes, strict=True)
            for e in shape[3][:4]
        }
        through.sources.through.objects.bulk_create(
            [through.sources.through(briefing_id=b, source_id=s) for b, s in sorted(listed)], batch_size=BATCH
        )

    # Key judgments: forecasts stating how they will be decided; some resolved long ago.
    judgment_rows, plans = [], []
    for b, shape in zip(briefings, shapes, strict=True):
        for order in range(1, scale.judgments_per_briefing + 1):
            likelihood = chance.choice([*Likelihood.values, ""])
            resolved = bool(likelihood) and chance.random() < 0.3 and b.status == PublicationStatus.PUBLISHED
            horizon = today + datetime.timedelta(
                days=chance.randint(-900, -30) if resolved else chance.randint(30, 700)
            )
            rationale, rationale_html = paragraphs.pick(50)
            outcome = chance.choice([Outcome.HAPPENED, Outcome.DID_NOT_HAPPEN]) if resolved else ""
            judgment_rows.append(
                Assessment(
                    statement=prose.sentence(16),
                    likelihood=likelihood,
                    confidence=chance.choice(Confidence.values),
                    rationale=rationale,
                    rationale_html=rationale_html,
                    assumptions=prose.sentence(12),
                    alternatives=prose.sentence(12),
                    horizon=horizon,
                    question=f"Will {prose.sentence(10)[:-1].lower()} by {horizon:%d %B %Y}?"
                    if likelihood
                    else "",
                    resolution_source="Reporting by two independent sources." if likelihood else "",
                    closes_on=horizon - datetime.timedelta(days=7) if likelihood else None,
                    resolves_on=horizon if likelihood else None,
                    outcome=outcome,
                    outcome_on=horizon if resolved else None,
                    outcome_note=prose.sentence(12) if resolved else "",
                    outcome_recorded_by=author if resolved else None,
                    outcome_recorded_at=now - datetime.timedelta(days=20) if resolved else None,
                )
            )
            plans.append((b.pk, order, shape))
    assessments = write(Assessment, judgment_rows)
    links = {name: [] for name in ("key", "events", "excerpts", "countries", "actors", "log")}
    for assessment, (briefing, order, shape) in zip(assessments, plans, strict=True):
        links["key"].append(KeyJudgment(briefing_id=briefing, assessment_id=assessment.pk, order=order))
        cited = chance.sample(shape[3], min(3, len(shape[3])))
        links["events"] += [
            Assessment.evidence_events.through(assessment_id=assessment.pk, event_id=e) for e in cited
        ]
        links["excerpts"] += [
            Assessment.evidence_excerpts.through(assessment_id=assessment.pk, excerpt_id=x)
            for x in sorted({excerpt_of[e] for e in cited[:2]})
        ]
        links["countries"].append(
            Assessment.countries.through(assessment_id=assessment.pk, country_id=shape[1])
        )
        links["actors"].append(
            Assessment.actors.through(assessment_id=assessment.pk, actor_id=actors_of[cited[0]][0])
        )
        if assessment.outcome:
            links["log"].append(
                OutcomeEntry(
                    assessment_id=assessment.pk, kind=OutcomeEntryKind.RESOLVED, outcome=assessment.outcome,
                    outcome_on=assessment.outcome_on, note=assessment.outcome_note, by=author,
                    at=assessment.outcome_recorded_at,
                )
            )  # fmt: skip
    write(KeyJudgment, links["key"])
    for name in ("events", "excerpts", "countries", "actors"):
        model = type(links[name][0])
        with transaction.atomic():
            model.objects.bulk_create(links[name], batch_size=BATCH)
        bar.update(len(links[name]) if name in ("countries", "actors") else judgments)
    write(OutcomeEntry, links["log"])
    bar.close()

    with (
        transaction.atomic(),
        tqdm(total=None, unit="doc", desc="search index", file=sys.stderr) as index_bar,
    ):
        documents = search_index_rebuild(progress=index_bar.update)
    # Rows loaded in bulk have no planner statistics: PostgreSQL would plan the public pages'
    # EXISTS as if every table were empty until autovacuum came round, and SQLite, which
    # gathers them only for tables a connection has queried (project/sqlite/base.py), would
    # take the marking index for a selective one.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "countries": len(countries),
        "actors": len(actor_ids),
        "sources": len(sources),
        "excerpts": len(excerpt_ids),
        "events": len(event_ids),
        "roles": len(roles),
        "published briefings": published,
        "drafts": scale.drafts,
        "key judgments": len(assessments),
        "search documents": documents,
    }


if __name__ == "__main__":
    sys.exit(main())
