"""Score the extractor against the hand-made gold annotation of the seed article, and time it.

    .venv/bin/python bench/extraction.py [--check]

Reads the article from ../shared/seed/ (the project does not ship a copy) and the gold
annotation from bench/gold/. Prints precision and recall per kind (countries by ISO code;
actors by name, where a suggestion's name or alias equal to a gold name or alias counts;
dated events by date and precision, approximate dates within seven days), then the time
to suggest for the seed and for a synthetic 5,000-word article. With --check, exits 1
when a target is missed.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "seed" / "russia-mali-coup-fpri.txt"
GOLD = ROOT / "bench" / "gold" / "russia-mali-coup-fpri.json"
TARGETS = {
    "countries": {"precision": 0.85, "recall": 0.95},
    "actors": {"precision": 0.85, "recall": 0.90},
    "events": {"precision": 0.85, "recall": 0.95},
}
APPROXIMATE_TOLERANCE_DAYS = 7
SYNTHETIC_WORDS = 5000
TIME_LIMIT_SECONDS = 2.0


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()


def score(predicted: int, matched_predicted: int, gold: int, matched_gold: int) -> tuple[float, float]:
    precision = matched_predicted / predicted if predicted else (1.0 if not gold else 0.0)
    recall = matched_gold / gold if gold else 1.0
    return precision, recall


def score_countries(suggestions, gold) -> tuple[float, float, list, list]:
    predicted = {c.iso2 for c in suggestions.countries}
    expected = {c["iso2"] for c in gold["countries"]}
    hits = predicted & expected
    precision, recall = score(len(predicted), len(hits), len(expected), len(hits))
    return precision, recall, sorted(predicted - expected), sorted(expected - predicted)


def score_actors(suggestions, gold) -> tuple[float, float, list, list]:
    from briefings.extraction.text import fold_key

    gold_keys = [{fold_key(a["name"]), *(fold_key(x) for x in a["aliases"])} for a in gold["actors"]]
    matched_gold: set[int] = set()
    extra = []
    matched_predicted = 0
    for actor in suggestions.actors:
        keys = {fold_key(actor.name), *(fold_key(x) for x in actor.aliases)}
        index = next((i for i, g in enumerate(gold_keys) if g & keys and i not in matched_gold), None)
        if index is None:
            extra.append(actor.name)
            continue
        matched_gold.add(index)
        matched_predicted += 1
    missing = [a["name"] for i, a in enumerate(gold["actors"]) if i not in matched_gold]
    precision, recall = score(
        len(suggestions.actors), matched_predicted, len(gold["actors"]), len(matched_gold)
    )
    return precision, recall, extra, missing


def _as_date(text: str) -> datetime.date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def _same_event(predicted, gold) -> bool:
    if predicted.precision != gold["precision"]:
        return False
    if gold["precision"] == "approximate":
        delta = abs((_as_date(predicted.date) - _as_date(gold["date"])).days)
        return delta <= APPROXIMATE_TOLERANCE_DAYS
    return predicted.date == gold["date"]


def score_events(suggestions, gold) -> tuple[float, float, list, list]:
    matched_gold: set[int] = set()
    extra = []
    for event in suggestions.events:
        index = next(
            (i for i, g in enumerate(gold["events"]) if i not in matched_gold and _same_event(event, g)), None
        )
        if index is None:
            extra.append(f"{event.date} ({event.precision})")
        else:
            matched_gold.add(index)
    missing = [
        f"{g['date']} ({g['precision']})" for i, g in enumerate(gold["events"]) if i not in matched_gold
    ]
    precision, recall = score(
        len(suggestions.events), len(suggestions.events) - len(extra), len(gold["events"]), len(matched_gold)
    )
    return precision, recall, extra, missing


# --- A synthetic long article, for timing ---------------------------------------------------

_PEOPLE = [
    "Amadou Traore", "Fatoumata Diallo", "Jean-Pierre Morel", "Anna Kovalenko", "Li Wei",
    "Moussa Keita", "Aminata Sow", "Viktor Petrov", "Claire Dubois", "Ousmane Cisse",
]  # fmt: skip
_ORGS = [
    "Sahel Security Council (SSC)", "National Union for Renewal", "Coastal Mining Company",
    "Institute for Regional Studies", "Operation Harmattan", "Patriotic Front for Justice",
]  # fmt: skip
_COUNTRIES = ["Mali", "Niger", "Senegal", "Ghana", "Côte d’Ivoire", "Chad", "Nigeria", "Algeria", "Morocco", "Togo"]  # fmt: skip
_DEMONYMS = ["Malian", "Nigerien", "Senegalese", "Ghanaian", "Ivorian", "Chadian", "Nigerian", "Algerian"]
_MONTHS = ["January", "February", "April", "June", "July", "August", "September", "October", "November"]
_TEMPLATES = [
    "On {month} {day}, {title} {person} met with representatives of the {org} in {capital}.",
    "In {month} {year}, {demonym} officials signed an agreement with {country} on border security.",
    "The {org} is likely to expand its presence in {country} before the elections.",
    "{person}, a senior adviser, said the talks could resume days later.",
    "Analysts in {capital} expect that {country} will probably seek new partners in {year}.",
    "Although the government is unlikely to change course, {person} criticised the decision.",
    "Local media reported that {demonym} troops had withdrawn from the north in {month}.",
    "It remains unclear whether the {org} will accept the proposal put forward by {country}.",
]
_TITLES = ["President", "Foreign Minister", "Ambassador to Ghana", "General", "Defence Minister"]
_CAPITALS = ["Bamako", "Niamey", "Dakar", "Accra", "Abidjan", "N'Djamena", "Abuja", "Algiers"]


def synthetic_article(words: int = SYNTHETIC_WORDS, seed: int = 20200818) -> str:
    generator = random.Random(seed)
    sentences, count = [], 0
    while count < words:
        template = generator.choice(_TEMPLATES)
        sentence = template.format(
            month=generator.choice(_MONTHS),
            day=generator.randint(1, 28),
            year=generator.randint(2015, 2020),
            title=generator.choice(_TITLES),
            person=generator.choice(_PEOPLE),
            org=generator.choice(_ORGS),
            capital=generator.choice(_CAPITALS),
            country=generator.choice(_COUNTRIES),
            demonym=generator.choice(_DEMONYMS),
        )
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    return "A synthetic briefing for timing\n\n" + "\n\n".join(paragraphs)


def synthetic_index(size: int = 1000):
    """A desk of `size` known actors, so that timing includes matching against them."""
    from briefings.extraction.matching import ActorIndex, KnownActor

    generator = random.Random(7)
    syllables = ["ka", "lo", "mi", "sa", "to", "re", "du", "ba", "ni", "go", "ve", "ra"]

    def word():
        return "".join(generator.choice(syllables) for _ in range(generator.randint(2, 4))).capitalize()

    actors = []
    for pk in range(1, size + 1):
        if pk % 3:
            actors.append(KnownActor(pk, f"{word()} {word()}", "person"))
        else:
            actors.append(
                KnownActor(
                    pk,
                    f"{word()} {generator.choice(['Party', 'Council', 'Front', 'Company'])}",
                    "other",
                    (word().upper()[:4],),
                )
            )
    return ActorIndex.build(actors)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not ARTICLE.exists():
        print(
            f"The seed article is not at {ARTICLE}: the benchmark needs ../shared/seed/ beside the repository."
        )
        return 2
    setup_django()
    from briefings.extraction.suggest import suggest

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    text = ARTICLE.read_text(encoding="utf-8")
    published_on = datetime.date.fromisoformat(gold["published_on"])

    suggest("warm up: Mali, on August 18.", published_on)  # build the per-process tables once
    started = time.perf_counter()
    suggestions = suggest(text, published_on)
    seed_seconds = time.perf_counter() - started

    missed = []
    print(f"Seed article: {ARTICLE.name} ({len(text.split())} words), gold: {GOLD.relative_to(ROOT)}")
    print(f"{'kind':<10} {'precision':>9} {'recall':>7}   predicted / gold")
    results = {
        "countries": (score_countries(suggestions, gold), len(suggestions.countries), len(gold["countries"])),
        "actors": (score_actors(suggestions, gold), len(suggestions.actors), len(gold["actors"])),
        "events": (score_events(suggestions, gold), len(suggestions.events), len(gold["events"])),
    }
    for kind, ((precision, recall, extra, missing), predicted, expected) in results.items():
        print(f"{kind:<10} {precision:>9.3f} {recall:>7.3f}   {predicted} / {expected}")
        if extra:
            print(f"           not in gold: {', '.join(extra)}")
        if missing:
            print(f"           missed:      {', '.join(missing)}")
        target = TARGETS[kind]
        if precision < target["precision"] or recall < target["recall"]:
            missed.append(kind)

    long_text = synthetic_article()
    index = synthetic_index()
    started = time.perf_counter()
    long_suggestions = suggest(long_text, published_on, index=index)
    long_seconds = time.perf_counter() - started
    print(f"time: seed {seed_seconds * 1000:.0f} ms; synthetic {len(long_text.split())} words "
          f"with 1,000 known actors {long_seconds * 1000:.0f} ms "
          f"({len(long_suggestions.actors)} actors, {len(long_suggestions.events)} events, "
          f"{len(long_suggestions.judgments)} judgments)")  # fmt: skip
    if long_seconds > TIME_LIMIT_SECONDS:
        missed.append("time")
    print("targets: " + ("all met" if not missed else "missed for " + ", ".join(missed)))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
