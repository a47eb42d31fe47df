"""Score the extractor on a development set and a held-out test set, and time it.

    .venv/bin/python bench/extraction.py [--check] [--verbose] [--only NAME]

Two sets of articles, each with hand-made gold annotations of the same format:

- development (`bench/dev/`): the articles the rules were tuned on, with the seed article
  read from ../shared/seed/ when it is there (the project ships no copy of it);
- test (`bench/test/`): articles annotated and committed before the extractor ever ran on
  them (the commit is in `bench/test/ANNOTATED_AT`, printed below), never tuned on.

Scores, micro-averaged over each set and printed side by side:

- countries, by ISO code;
- actors, with strict boundaries: a suggestion counts only when its name is the gold
  actor's name or one of its aliases, not a phrase that contains it; actor kinds, the
  share of matched actors whose kind is the gold kind;
- dated events, by date and precision (approximate dates within seven days);
- judgments, by sentence (the suggested sentence is the gold sentence), and the share of
  matched judgments whose ICD 203 likelihood is the gold one.

Then the time to suggest for a synthetic 5,000-word article against a desk of 1,000 actors.
The targets apply to the test set; with --check the script exits 1 when one is missed.
--verbose prints each development article's misses and extras; the test set's are never
printed, so that nobody tunes on them by accident.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "russia-mali-coup-fpri.txt"
DEV = ROOT / "bench" / "dev"
TEST = ROOT / "bench" / "test"
ANNOTATED_AT = TEST / "ANNOTATED_AT"
# On the test set: the extractor's targets. Judgment recall is kept at or above the recall of
# the first scored run (bench/test/first-run.txt), the rules as they were before the fixes.
TARGETS = {
    "countries": {"precision": 0.95, "recall": 0.95},
    "actors": {"precision": 0.90, "recall": 0.90},
    "kinds": {"correct": 0.85},
    "events": {"precision": 0.90, "recall": 0.90},
    "judgments": {"precision": 0.70, "recall": 0.833},
}
# The choice of what cuts tokens and sentences, measured with --pipeline on both sets
# (issue 10, at commit 4be8329): spaCy's blank English pipeline gave the same test figures,
# lower development figures and a slower long article, so the rules stay. Not measured again
# since, so that the test set is scored once per change of the rules.
PIPELINE_CHOICE = (
    "rules, over spaCy's blank English pipeline (tokenizer + sentencizer, no model), as measured "
    "at 4be8329 on the development set of then: same test "
    "figures (actors 0.903/0.855, events 0.980/0.960, judgments 1.000/0.958), lower development "
    "figures with spaCy (actors 0.974/0.989 against 1.000/0.995, judgments 0.925 against 0.962), "
    "5,000 words in 661 ms against 527 ms"
)
APPROXIMATE_TOLERANCE_DAYS = 7
SYNTHETIC_WORDS = 5000
TIME_LIMIT_SECONDS = 2.0


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()


@dataclass
class Score:
    """Counts for one kind on one article (or summed over several)."""

    predicted: int = 0
    matched_predicted: int = 0
    gold: int = 0
    matched_gold: int = 0
    correct: int = 0  # of the matched: kinds or likelihoods that agree with the gold
    extra: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def agreement(self) -> float:
        return self.correct / self.matched_gold if self.matched_gold else 1.0

    def __add__(self, other: "Score") -> "Score":
        return Score(
            self.predicted + other.predicted,
            self.matched_predicted + other.matched_predicted,
            self.gold + other.gold,
            self.matched_gold + other.matched_gold,
            self.correct + other.correct,
        )


def score_countries(suggestions, gold) -> Score:
    predicted = {c.iso2 for c in suggestions.countries}
    expected = {c["iso2"] for c in gold["countries"]}
    hits = predicted & expected
    return Score(
        len(predicted),
        len(hits),
        len(expected),
        len(hits),
        0,
        sorted(predicted - expected),
        sorted(expected - predicted),
    )


def score_actors(suggestions, gold) -> Score:
    """Strict: the suggestion's own name must be the gold actor's name or an alias."""
    from briefings.extraction.text import fold_key

    gold_keys = [{fold_key(a["name"]), *(fold_key(x) for x in a["aliases"])} for a in gold["actors"]]
    matched: dict[int, object] = {}
    extra = []
    for actor in suggestions.actors:
        key = fold_key(actor.name)
        index = next((i for i, keys in enumerate(gold_keys) if key in keys and i not in matched), None)
        if index is None:
            extra.append(actor.name)
        else:
            matched[index] = actor
    missing = [a["name"] for i, a in enumerate(gold["actors"]) if i not in matched]
    wrong = [
        f"{actor.name} ({actor.kind}, not {gold['actors'][i]['kind']})"
        for i, actor in matched.items()
        if actor.kind != gold["actors"][i]["kind"]
    ]
    return Score(
        len(suggestions.actors), len(matched), len(gold["actors"]), len(matched), len(matched) - len(wrong),
        extra, missing, wrong,
    )  # fmt: skip


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


def score_events(suggestions, gold) -> Score:
    matched_gold: set[int] = set()
    extra = []
    for event in suggestions.events:
        index = next(
            (i for i, g in enumerate(gold["events"]) if i not in matched_gold and _same_event(event, g)), None
        )
        if index is None:
            extra.append(f"{event.date} ({event.precision}) “{event.date_text}”")
        else:
            matched_gold.add(index)
    missing = [
        f"{g['date']} ({g['precision']}) “{g['quote']}”"
        for i, g in enumerate(gold["events"])
        if i not in matched_gold
    ]
    return Score(
        len(suggestions.events), len(suggestions.events) - len(extra), len(gold["events"]), len(matched_gold),
        0, extra, missing,
    )  # fmt: skip


def _sentence_key(sentence: str) -> str:
    return " ".join(sentence.split()).strip("\"'“”‘’ ").lstrip("-•* ")


def score_judgments(suggestions, gold) -> Score:
    """By sentence: the suggested sentence is the gold sentence; then its likelihood."""
    expected = {_sentence_key(j["sentence"]): j["likelihood"] for j in gold.get("judgments", [])}
    matched, extra, wrong = 0, [], []
    for judgment in suggestions.judgments:
        key = _sentence_key(judgment.sentence)
        if key not in expected:
            extra.append(f"“{judgment.sentence[:70]}…” ({judgment.likelihood})")
            continue
        matched += 1
        if judgment.likelihood != expected[key]:
            wrong.append(f"“{judgment.sentence[:50]}…” ({judgment.likelihood}, not {expected[key]})")
    found = {_sentence_key(j.sentence) for j in suggestions.judgments}
    missing = [f"“{key[:70]}…” ({term})" for key, term in expected.items() if key not in found]
    return Score(
        len(suggestions.judgments),
        matched,
        len(expected),
        matched,
        matched - len(wrong),
        extra,
        missing,
        wrong,
    )


KINDS = ("countries", "actors", "events", "judgments")


def score_article(suggestions, gold) -> dict[str, Score]:
    return {
        "countries": score_countries(suggestions, gold),
        "actors": score_actors(suggestions, gold),
        "events": score_events(suggestions, gold),
        "judgments": score_judgments(suggestions, gold),
    }


def desk_index(gold):
    """The desk the article is read against: the actors the gold says the desk holds."""
    from briefings.extraction.matching import ActorIndex, KnownActor

    if not gold.get("desk"):
        return None
    return ActorIndex.build(
        [
            KnownActor(i, a["name"], a["kind"], tuple(a.get("aliases", ())))
            for i, a in enumerate(gold["desk"], 1)
        ]
    )


def articles(folder: Path, only: str = "") -> list[tuple[Path, dict]]:
    """The articles of a set that have a gold annotation, with their gold."""
    pairs = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = (ROOT / gold["article"]).resolve()
        if path.exists() and (not only or path.stem == only):
            pairs.append((path, gold))
    return pairs


def score_set(folder: Path, *, only: str = "", verbose: bool = False) -> tuple[dict[str, Score], int, int]:
    from briefings.extraction.suggest import suggest

    totals = {kind: Score() for kind in KINDS}
    words = 0
    pairs = articles(folder, only)
    for path, gold in pairs:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        suggestions = suggest(text, datetime.date.fromisoformat(gold["published_on"]), index=desk_index(gold))
        scores = score_article(suggestions, gold)
        for kind in KINDS:
            totals[kind] = totals[kind] + scores[kind]
        if verbose:
            print(f"\n{path.name} ({len(text.split())} words)")
            for kind, s in scores.items():
                print(f"  {kind:<10} P {s.precision:.3f} R {s.recall:.3f}   {s.predicted} / {s.gold}")
                for label, items in (("not in gold", s.extra), ("missed", s.missing), ("wrong", s.wrong)):
                    if items:
                        print(f"      {label}: {'; '.join(items)}")
    return totals, len(pairs), words


def _row(label: str, dev: str, test: str) -> str:
    return f"{label:<22} {dev:>22}   {test:>22}"


def print_side_by_side(dev: dict[str, Score], test: dict[str, Score]):
    print(_row("", "development", "test"))
    print(_row("", "P      R    (pred/gold)", "P      R    (pred/gold)"))

    def pr(s: Score) -> str:
        return f"{s.precision:.3f}  {s.recall:.3f} ({s.predicted}/{s.gold})"

    for kind in KINDS:
        print(_row(kind, pr(dev[kind]), pr(test[kind])))
        if kind == "actors":
            print(_row("  kinds correct", f"{dev[kind].agreement:.1%}", f"{test[kind].agreement:.1%}"))
        if kind == "judgments":
            print(_row("  likelihood correct", f"{dev[kind].agreement:.1%}", f"{test[kind].agreement:.1%}"))


def missed_targets(test: dict[str, Score]) -> list[str]:
    missed = []
    for kind in ("countries", "actors", "events", "judgments"):
        s = test[kind]
        if s.precision < TARGETS[kind]["precision"]:
            missed.append(f"{kind} precision")
        if s.recall < TARGETS[kind]["recall"]:
            missed.append(f"{kind} recall")
    if test["actors"].agreement < TARGETS["kinds"]["correct"]:
        missed.append("actor kinds")
    return missed


def annotation_commit() -> str:
    """The test set's annotation commit, and whether git knows it as an ancestor of HEAD."""
    commit = ANNOTATED_AT.read_text(encoding="utf-8").strip() if ANNOTATED_AT.exists() else ""
    if not commit:
        return "unknown (bench/test/ANNOTATED_AT is missing)"
    try:
        ancestor = subprocess.run(
            ["git", "merge-base", "--is-ancestor", commit, "HEAD"], cwd=ROOT, capture_output=True, check=False
        ).returncode
        subject = subprocess.run(
            ["git", "log", "-1", "--format=%cs %s", commit],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return f"{commit[:12]} (git not available to check it)"
    return f"{commit[:12]} {subject[:60]}" + ("" if ancestor == 0 else " (not an ancestor of HEAD!)")


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
    parser.add_argument("--check", action="store_true", help="exit 1 when a test-set target is missed")
    parser.add_argument("--verbose", action="store_true", help="print each development article's errors")
    parser.add_argument("--only", default="", help="score only the development article of this name")
    parser.add_argument(
        "--dev-only", action="store_true", help="score the development set alone (while tuning)"
    )
    parser.add_argument(
        "--pipeline",
        choices=["rules", "spacy"],
        default="",
        help="cut tokens and sentences with this instead",
    )
    args = parser.parse_args(argv)
    setup_django()
    from briefings.extraction import pipeline
    from briefings.extraction.suggest import PIPELINE, suggest

    if args.pipeline:
        pipeline.use(args.pipeline)

    suggest("warm up: Mali, on August 18.", datetime.date(2020, 9, 23))  # build the per-process tables once
    print(
        f"pipeline: {PIPELINE}"
        + (f" (this run: tokens and sentences by {args.pipeline})" if args.pipeline else "")
    )
    print(f"choice: {PIPELINE_CHOICE}")
    print(f"test set annotated at {annotation_commit()}")
    dev, dev_count, dev_words = score_set(DEV, only=args.only, verbose=args.verbose)
    if not SEED_ARTICLE.exists():
        print(f"(seed article not at {SEED_ARTICLE}: the development set is scored without it)")
    if args.only or args.dev_only:
        print(f"\ndevelopment: {dev_count} articles, {dev_words} words")
        print_side_by_side(dev, {kind: Score() for kind in KINDS})
        return 0
    test, test_count, test_words = score_set(TEST)
    print(
        f"\ndevelopment: {dev_count} articles, {dev_words} words; test: {test_count} articles, {test_words} words"
    )
    print_side_by_side(dev, test)

    published_on = datetime.date(2020, 9, 23)
    long_text = synthetic_article()
    index = synthetic_index()
    started = time.perf_counter()
    long_suggestions = suggest(long_text, published_on, index=index)
    long_seconds = time.perf_counter() - started
    print(f"\ntime: synthetic {len(long_text.split())} words with 1,000 known actors {long_seconds * 1000:.0f} ms "
          f"({len(long_suggestions.actors)} actors, {len(long_suggestions.events)} events, "
          f"{len(long_suggestions.judgments)} judgments)")  # fmt: skip
    missed = missed_targets(test)
    if long_seconds > TIME_LIMIT_SECONDS:
        missed.append("time")
    print("test-set targets: " + ("all met" if not missed else "missed for " + ", ".join(missed)))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
