"""From an article's text to suggestions: countries, actors, dated events and candidate
judgments, each with the passages it came from. Nothing here writes to the database."""

import bisect
import datetime
from dataclasses import asdict, dataclass, field

from .actors import ActorCandidate, find_actors
from .countries import country_names, find_places
from .dates import find_dates
from .events import (
    COUNTRY_RULES,
    PRECISION_RANK,
    after_publication,
    before_publication,
    date_rule,
    event_kind,
    event_title,
    redated,
    restates,
    roles,
)
from .gazetteer import tokenize
from .judgments import find_judgments
from .layout import layout, masked
from .lexicon import table
from .matching import ActorIndex
from .text import fold, fold_key
from .words import ACTING_AFTER, COMMON_WORDS, acting_verb

# A suggestion whose confidence is below this is proposed unticked on the suggestions page.
KEEP_THRESHOLD = 0.5

# What reads the text: named in the benchmark's output and the README.
PIPELINE = "rules: regular-expression tokens and sentences, grammars and word lists in data files"


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class CountrySuggestion:
    iso2: str
    name: str
    mentions: list[Mention]
    rule: str = ""  # why it is suggested: the rule or list that found it
    confidence: float = 1.0  # 0..1, from data/confidence.toml


@dataclass
class ActorSuggestion:
    name: str
    kind: str
    aliases: list[str]
    existing: int | None
    mentions: list[Mention]
    role_title: str = ""
    countries: list[str] = field(default_factory=list)
    existing_name: str = ""
    candidates: list[int] = field(default_factory=list)
    rule: str = ""
    confidence: float = 1.0


@dataclass
class EventSuggestion:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY, as precise as the precision
    precision: str
    sentence: str
    start: int
    end: int
    actors: list[str]
    countries: list[str]
    day: datetime.date  # the date to store: the first day of a month or a year
    date_text: str = ""
    date_start: int = 0
    date_end: int = 0
    kind: str = "other"
    title: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    rule: str = ""
    confidence: float = 1.0

    @property
    def actor_roles(self) -> list[tuple[str, str]]:
        return [(name, self.roles.get(name, "participant")) for name in self.actors]


@dataclass
class JudgmentSuggestion:
    sentence: str
    likelihood: str
    start: int
    end: int
    cue: str = ""
    cue_start: int = 0
    cue_end: int = 0
    modal: bool = False
    countries: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Suggestions:
    countries: list[CountrySuggestion]
    actors: list[ActorSuggestion]
    events: list[EventSuggestion]
    judgments: list[JudgmentSuggestion]
    body_start: int = 0
    body_end: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Where reading stopped, for an article longer than MAX_CHARACTERS; None when all was read.
    read_up_to: int | None = None

    def sentence_around(self, position: int) -> tuple[int, int] | None:
        """The sentence that holds a position (a mention's start)."""
        starts = [s for s, _ in self.sentences]
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and position < self.sentences[index][1]:
            return self.sentences[index]
        return None

    def to_dict(self) -> dict:
        """The shape the `suggest` command prints (and the API would serve)."""

        def mentions(items):
            return [asdict(m) for m in items]

        return {
            "countries": [
                {
                    "iso2": c.iso2,
                    "name": c.name,
                    "mentions": mentions(c.mentions),
                    "rule": c.rule,
                    "confidence": c.confidence,
                }
                for c in self.countries
            ],
            "actors": [
                {
                    "name": a.name,
                    "kind": a.kind,
                    "aliases": a.aliases,
                    "existing": a.existing,
                    "mentions": mentions(a.mentions),
                    "role_title": a.role_title,
                    "countries": a.countries,
                    "rule": a.rule,
                    "confidence": a.confidence,
                }
                for a in self.actors
            ],
            "events": [
                {
                    "date": e.date,
                    "precision": e.precision,
                    "sentence": e.sentence,
                    "start": e.start,
                    "end": e.end,
                    "actors": e.actors,
                    "countries": e.countries,
                    "kind": e.kind,
                    "title": e.title,
                    "roles": e.roles,
                    "rule": e.rule,
                    "confidence": e.confidence,
                }
                for e in self.events
            ],
            "judgments": [
                {
                    "sentence": j.sentence,
                    "likelihood": j.likelihood,
                    "start": j.start,
                    "end": j.end,
                    "cue": j.cue,
                    "rule": j.rule,
                    "confidence": j.confidence,
                }
                for j in self.judgments
            ],
        }


# Suggestions read at most this much of an article (about 35,000 words, some three seconds):
# enough for any article, while a report of hundreds of pages cannot hold a worker.
MAX_CHARACTERS = 200_000


def suggest(text: str, published_on: datetime.date, *, index: ActorIndex | None = None) -> Suggestions:
    """Everything the article suggests, its positions in `text`; `index` holds the desk's
    actors to match against (none: every actor is new). Of a longer article, the first
    MAX_CHARACTERS are read (up to a paragraph's end where there is one)."""
    read_up_to = None
    if len(text) > MAX_CHARACTERS:
        cut = text.rfind("\n", MAX_CHARACTERS // 2, MAX_CHARACTERS)
        read_up_to = cut if cut > 0 else MAX_CHARACTERS
        suggestions = suggest(text[:read_up_to], published_on, index=index)
        suggestions.read_up_to = read_up_to
        return suggestions
    page = layout(text)
    folded = fold(text)
    # Headings and captions are not prose: actors, dates and judgments are read in the
    # prose alone; countries in headings too, but never in captions.
    prose = masked(folded, page.headings + page.captions + page.credits)
    tokens = tokenize(prose)
    top = page.headline[0] if page.headline else page.body_start
    placed = masked(folded, page.captions)
    place_tokens = [t for t in tokenize(placed) if t.start >= top and t.end <= page.body_end]
    countries, regions = find_places(placed, place_tokens)
    countries = sorted(countries, key=lambda mention: mention.start)
    dates = find_dates(
        prose, published_on, start=page.body_start, end=page.body_end, sentences=page.sentences
    )
    candidates = find_actors(text, prose, tokens, page, countries, regions, dates)
    if index is not None:
        body_tokens = [t for t in tokens if t.start >= page.body_start and t.end <= page.body_end]
        candidates = _match_known(text, prose, body_tokens, candidates, countries, index)

    def mention(start, end):
        return Mention(start, end, text[start:end])

    names = country_names()
    by_country: dict[str, CountrySuggestion] = {}
    for m in countries:
        entry = by_country.setdefault(
            m.iso2, CountrySuggestion(m.iso2, names.get(m.iso2, m.iso2), [], confidence=0)
        )
        entry.mentions.append(mention(m.start, m.end))
        if confidence("countries", m.form) > entry.confidence:
            entry.rule, entry.confidence = COUNTRY_RULES.get(m.form, m.form), confidence("countries", m.form)

    actors = [
        ActorSuggestion(
            name=c.name,
            kind=c.kind,
            aliases=list(c.aliases),
            existing=c.existing,
            mentions=[mention(s, e) for s, e in sorted(c.mentions)],
            role_title=c.role_title,
            countries=list(c.countries),
            existing_name=c.existing_name,
            candidates=index.candidates(c.name) if index is not None else [],
            rule="desk's actor" if c.existing is not None else c.rule,
            confidence=confidence("actors", "desk's actor" if c.existing is not None else c.rule),
        )
        for c in candidates
    ]

    starts = [s for s, _ in page.sentences]

    def sentence_index(position):
        index = bisect.bisect_right(starts, position) - 1
        return index if index >= 0 and position < page.sentences[index][1] else None

    actors_in: dict[int, list[ActorSuggestion]] = {}
    for actor in actors:
        for m in actor.mentions:
            group = actors_in.setdefault(sentence_index(m.start), [])
            if not group or group[-1] is not actor:  # by identity: equal-looking suggestions are still two
                group.append(actor)
    dates_in: dict[int, list] = {}
    for d in dates:
        dates_in.setdefault(sentence_index(d.start), []).append(d)

    events = []
    for number, (start, end) in enumerate(page.sentences):
        previous = None
        for d in dates_in.get(number, []):
            # Events are what happened: a date after publication is a plan or a forecast, and
            # so is a date in a clause about the future that is not already past.
            if not d.anchored or after_publication(d, published_on):
                continue
            if d.future and not before_publication(d, published_on):
                continue
            if previous is not None and restates(folded, previous, d):
                # "in June last year", "on Tuesday, 3 May": one date said twice.
                if PRECISION_RANK[d.precision] > PRECISION_RANK[previous.precision]:
                    events[-1] = redated(events[-1], d, text, confidence)
                    previous = d
                continue
            previous = d
            sentence = text[start:end]
            in_sentence = sorted(actors_in.get(number, []), key=lambda a: _first_mention_from(a, start))
            events.append(
                EventSuggestion(
                    date=d.iso,
                    precision=d.precision,
                    sentence=sentence,
                    start=start,
                    end=end,
                    actors=[a.name for a in in_sentence],
                    countries=_countries_in(countries, start, end),
                    day=d.date,
                    date_text=text[d.start : d.end],
                    date_start=d.start,
                    date_end=d.end,
                    kind=event_kind(folded[start:end]),
                    title=event_title(text, start, end, d.start, d.end),
                    roles=roles(folded, start, end, in_sentence),
                    rule=date_rule(d),
                    confidence=confidence("events", date_rule(d)),
                )
            )

    judgments = []
    for j in find_judgments(prose, page.sentences):
        in_sentence = [a.name for a in actors_in.get(sentence_index(j.start), [])]
        judgments.append(
            JudgmentSuggestion(
                sentence=text[j.start : j.end],
                likelihood=j.likelihood,
                start=j.start,
                end=j.end,
                cue=text[j.cue_start : j.cue_end],
                cue_start=j.cue_start,
                cue_end=j.cue_end,
                modal=j.modal,
                countries=_countries_in(countries, j.start, j.end),
                actors=in_sentence,
                rule=j.rule,
                confidence=confidence("judgments", j.rule),
            )
        )
    return Suggestions(
        countries=list(by_country.values()),
        actors=actors,
        events=events,
        judgments=judgments,
        body_start=page.body_start,
        body_end=page.body_end,
        sentences=page.sentences,
    )


def confidence(section: str, rule: str) -> float:
    """How far a rule is trusted (data/confidence.toml), for one kind of suggestion."""
    table_ = table("confidence")[section]
    return table_.get(rule, table_["default"])


def _first_mention_from(actor, start: int) -> int:
    """Where `actor` is first mentioned at or after `start` (its mentions are in text order)."""
    index = bisect.bisect_left(actor.mentions, start, key=lambda m: m.start)
    return actor.mentions[index].start if index < len(actor.mentions) else start


def _countries_in(countries, start, end) -> list[str]:
    """The countries mentioned between `start` and `end`, in order: a binary search of the
    mentions (in text order), so that a long article costs no more per sentence."""
    found = []
    index = bisect.bisect_left(countries, start, key=lambda m: m.start)
    while index < len(countries) and countries[index].start < end:
        if countries[index].iso2 not in found:
            found.append(countries[index].iso2)
        index += 1
    return found


def _match_known(text, folded, tokens, candidates: list[ActorCandidate], countries, index: ActorIndex):
    """Tie candidates to the desk's actors, and add the desk's actors the text names that
    the rules did not find (an alias such as "the junta", a surname)."""
    for candidate in candidates:
        if candidate.existing is None:
            candidate.existing = index.match(candidate.name, kind=candidate.kind, aliases=candidate.aliases)
    taken = bytearray(len(text))

    def take(start, end):
        taken[start:end] = b"\x01" * (end - start)

    for span in [span for c in candidates for span in c.mentions] + [(m.start, m.end) for m in countries]:
        take(*span)

    def free(start, end):
        return not any(taken[start:end])

    by_existing: dict[int, ActorCandidate] = {c.existing: c for c in candidates if c.existing is not None}

    def add(actor_id, start, end):
        known = index.actors[actor_id]
        candidate = by_existing.get(actor_id)
        if candidate is None:
            candidate = ActorCandidate(
                name=known.name, kind=known.kind, existing=actor_id, rule="desk's actor"
            )
            by_existing[actor_id] = candidate
            candidates.append(candidate)
        candidate.mentions.append((start, end))
        candidate.add_alias(text[start:end])
        take(start, end)

    capitals = {(m.start, m.end) for m in countries if m.form == "capital"}
    for hit in index.gazetteer.find(folded, tokens, require_capital=False):
        first_char = folded[hit.start]
        known = index.actors[hit.payload]
        names = (known.name, *known.aliases)
        written_lower = any(
            fold(n)[:1].islower() and fold_key(n) == fold_key(folded[hit.start : hit.end]) for n in names
        )
        # A capital the desk holds as a government's alias, where it acts ("Beijing rejected").
        metonym = (hit.start, hit.end) in capitals and _acts(folded, tokens, hit.last)
        if (first_char.isupper() or written_lower) and (free(hit.start, hit.end) or metonym):
            add(hit.payload, hit.start, hit.end)
    for i, token in enumerate(tokens):
        if not token.capitalised or token.text.lower() in COMMON_WORDS or not free(token.start, token.end):
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following and folded[token.end : following.start] == " " and following.capitalised:
            continue
        person = index.person_named(token.text)
        if person is not None:
            add(person, token.start, token.end)
    for candidate in candidates:
        if candidate.existing is not None:
            candidate.existing_name = index.actors[candidate.existing].name
        candidate.mentions.sort()
    merged: dict[object, ActorCandidate] = {}
    for candidate in sorted(candidates, key=lambda c: c.first):
        key = candidate.existing if candidate.existing is not None else ("new", candidate.key)
        if key in merged:
            target = merged[key]
            target.mentions = sorted(set(target.mentions) | set(candidate.mentions))
            target.add_alias(candidate.name)
            for alias in candidate.aliases:
                target.add_alias(alias)
        else:
            merged[key] = candidate
    return list(merged.values())


def _acts(folded, tokens, last) -> bool:
    """A name that acts or speaks: a verb after it, perhaps past an interjection ("Beijing,
    meanwhile, renewed"), and no preposition before it ("talks in Beijing")."""
    previous = tokens[last - 1] if last > 0 else None
    if previous is not None and previous.text.lower() in ("in", "at", "from", "to", "near", "of"):
        return False
    match = ACTING_AFTER.match(folded, tokens[last].end)
    return match is not None and acting_verb(match.group("verb"))
