"""Actors named in a text: organisations by their head words and acronyms, people by
their names and titles, companies and media by the words around them.

The recogniser reads capitalised runs of words. In order:
0. ships ("BRP Sierra Madre", "the tanker Galaxy Leader") and places the words around
   them make places ("near Reed Bank", "the village of Nerkin Hand", "the Savanes
   region") are set aside, with every later mention of the same name;
1. acronyms defined in parentheses, "National Committee for the Salvation of the People
   (CNSP)", whose later bare uses ("the CNSP") are mentions of the same actor; the long
   form is the shortest run of words whose initials spell the acronym, where they do;
2. organisations: a run holding a head word (Committee, Party, Forces, Institute,
   Initiative, "Operation X", ...), whose head suggests the kind;
3. people: two to four name-like words, or one after a title ("President Keita"), with
   the title read backwards from the name ("Russian Ambassador to Mali and Niger");
4. single words that the words around them make a company or a media outlet ("a Russian
   gold company", "an interview with Sputnik", "its French counterpart Avenda", "firms
   such as Maersk"), a programme ("its own mission, Aspides") or a polity ("Somaliland's
   president");
5. acronyms used without a definition, surnames (and given names, "Prime Minister Dawit")
   standing for a person named in full, and later mentions of a name already found.

A capitalised word is never a name merely for being capitalised: countries, regions,
months and the common words that start sentences ("Although", "Prominent", "Will") are
set aside first.
"""

import bisect
import re
from dataclasses import dataclass, field

from .countries import CountryMention
from .text import Layout, fold_key
from .words import (
    APPOSITION_CUES,
    COMMON_WORDS,
    CONNECTORS,
    GIVEN_NAME_WORDS,
    GOVERNMENT_WORDS,
    HEAD_INITIAL,
    INTERNATIONAL_MARKERS,
    KIND_CUES_AFTER,
    KIND_CUES_BEFORE,
    KNOWN_MEDIA,
    LIST_CUES,
    LOCATIVE_BEFORE,
    MEDIA_CUE_AFTER,
    MEDIA_CUE_PHRASES,
    NAME_PARTICLES,
    NON_ACTOR_ACRONYMS,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    PLACE_NOUNS,
    PORTFOLIO_WORDS,
    ROLE_NOUNS,
    SHIP_PREFIXES,
    THING_HEADS,
    TITLE_WORDS,
    VESSEL_NOUNS,
)


@dataclass
class ActorCandidate:
    name: str
    kind: str
    role_title: str = ""
    countries: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    existing: int | None = None
    existing_name: str = ""

    @property
    def key(self) -> str:
        return fold_key(self.name)

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions) if self.mentions else 0

    def add_alias(self, alias: str):
        if (
            alias
            and fold_key(alias) != self.key
            and fold_key(alias) not in {fold_key(a) for a in self.aliases}
        ):
            self.aliases.append(alias)

    def add_country(self, iso2: str):
        if iso2 and iso2 not in self.countries:
            self.countries.append(iso2)


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_ACRONYM = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")


class _Doc:
    """The text, its tokens and what each token is already known to be."""

    def __init__(self, text, folded, tokens, layout: Layout, countries, regions, dates):
        self.text, self.folded, self.layout = text, folded, layout
        self.tokens = [t for t in tokens if t.start >= layout.body_start and t.end <= layout.body_end]
        self.count = len(self.tokens)
        self.sentence = self._sentence_ids()
        self.starts_sentence = [i == 0 or self.sentence[i] != self.sentence[i - 1] for i in range(self.count)]
        self.country_at: dict[int, CountryMention] = {}
        self.blocked: dict[int, str] = {}
        self._mark(countries, regions, dates)
        self.lower_vocab = {t.text for t in self.tokens if t.text[:1].islower()}
        self.consumed: set[int] = set()
        self.index_at = {t.start: i for i, t in enumerate(self.tokens)}
        self.token_ends = [t.end for t in self.tokens]
        # Names the context showed to be places or ships, and acronyms defined for things
        # that are not actors ("Grand Ethiopian Renaissance Dam (GERD)").
        self.not_actors: set[str] = set()
        self.not_actor_acronyms: set[str] = set()

    def _sentence_ids(self) -> list[int]:
        ids, spans, s = [], self.layout.sentences, 0
        for token in self.tokens:
            while s < len(spans) and spans[s][1] <= token.start:
                s += 1
            ids.append(s)
        return ids

    def _mark(self, countries, regions, dates):
        spans = [(m.start, m.end, "country", m) for m in countries]
        spans += [(s, e, "region", None) for s, e in regions]
        spans += [(d.start, d.end, "date", None) for d in dates]
        spans.sort()
        j = 0
        for i, token in enumerate(self.tokens):
            while j < len(spans) and spans[j][1] <= token.start:
                j += 1
            k = j
            while k < len(spans) and spans[k][0] < token.end:
                start, end, what, mention = spans[k]
                if start <= token.start and token.end <= end:
                    self.blocked[i] = what
                    if mention is not None:
                        self.country_at[i] = mention
                k += 1
        for i, token in enumerate(self.tokens):
            if token.text.lower() in _WEEKDAYS:
                self.blocked.setdefault(i, "date")
            if token.text in ("January", "February", "April", "June", "July", "August", "September",
                              "October", "November", "December"):  # fmt: skip
                self.blocked.setdefault(i, "date")

    # -- what a token is ------------------------------------------------------------
    def gap(self, i: int) -> str:
        """The characters between token i and token i + 1."""
        return self.folded[self.tokens[i].end : self.tokens[i + 1].start] if i + 1 < self.count else ""

    def word(self, i: int) -> str:
        return self.tokens[i].text

    def lower(self, i: int) -> str:
        return self.tokens[i].text.lower()

    def capitalised(self, i: int) -> bool:
        return self.tokens[i].text[:1].isupper()

    def common(self, i: int) -> bool:
        word = self.lower(i)
        if word in GIVEN_NAME_WORDS and self.given_name(i):
            return False
        if word in COMMON_WORDS:
            return True
        if self.starts_sentence[i] or self._after_quote(i):
            return (
                word in self.lower_vocab
                or word.endswith("ly")
                or word in ROLE_NOUNS
                or word.removesuffix("s") in ROLE_NOUNS
            )
        return False

    def given_name(self, i: int) -> bool:
        """ "Will", "Mark", "May" as a given name: capitalised where the sentence does not
        explain the capital, before another name-like word, in a sentence that is not a
        question ("Will the alliance hold?")."""
        if i + 1 >= self.count or self.gap(i) != " " or self.sentence[i + 1] != self.sentence[i]:
            return False
        following = self.tokens[i + 1].text
        if not following[:1].isupper() or following.isupper() or following.lower() in COMMON_WORDS:
            return False
        if (
            i + 1 in self.blocked
            or following.lower() in TITLE_WORDS
            or following.lower() in ORGANISATION_HEADS
        ):
            return False
        if self.starts_sentence[i] or self._after_quote(i):
            span = (
                self.layout.sentences[self.sentence[i]]
                if self.sentence[i] < len(self.layout.sentences)
                else None
            )
            return span is not None and not self.folded[span[0] : span[1]].rstrip("\"' )").endswith("?")
        return True

    def _after_quote(self, i: int) -> bool:
        before = self.folded[max(0, self.tokens[i].start - 2) : self.tokens[i].start]
        return '"' in before or ": " in before

    def head_kind(self, i: int) -> str | None:
        return ORGANISATION_HEADS.get(self.lower(i))

    def title(self, i: int) -> bool:
        return self.capitalised(i) and self.lower(i) in TITLE_WORDS

    def name_like(self, i: int) -> bool:
        token = self.tokens[i]
        if i in self.blocked or i in self.consumed or not self.capitalised(i):
            return False
        if token.all_caps or not any(c.islower() for c in token.text) or len(token.text) < 2:
            return False
        word = self.lower(i)
        if word in TITLE_WORDS or word in ORGANISATION_HEADS or word in PLACE_HEADS or word in THING_HEADS:
            return False
        if word in PORTFOLIO_WORDS:
            return False
        return not self.common(i) and (token.text.isalpha() or "'" in token.text[1:])

    def initial(self, i: int) -> bool:
        """A single capital with a full stop, inside a name ("S. Rajaratnam", "John F. Kennedy")."""
        token = self.tokens[i]
        return len(token.text) == 1 and token.text.isupper() and self.gap(i) == ". "


def find_actors(text, folded, tokens, layout, countries, regions, dates) -> list[ActorCandidate]:
    doc = _Doc(text, folded, tokens, layout, countries, regions, dates)
    found: list[ActorCandidate] = []
    acronyms: dict[str, ActorCandidate] = {}
    _vessels(doc)
    _acronym_definitions(doc, found, acronyms)
    runs = _runs(doc)
    _places(doc, runs)
    _known_media(doc, runs, found)
    _organisations(doc, runs, found)
    _named_by_noun_after(doc, runs, found)
    _people(doc, found)
    _cued_words(doc, found)
    _bare_acronyms(doc, found, acronyms)
    _surnames(doc, found)
    _repeated_names(doc, runs, found)
    return _merge(found)


# --- 0. Ships and places -----------------------------------------------------------------


def _vessels(doc: _Doc):
    """ "BRP Sierra Madre", "the car carrier Galaxy Leader": a ship is not an actor."""
    for i in range(doc.count - 1):
        if doc.gap(i) != " " or not doc.capitalised(i + 1) or (i + 1) in doc.blocked:
            continue
        if doc.word(i) in SHIP_PREFIXES:
            first = i
        elif not doc.capitalised(i) and (
            doc.lower(i) in VESSEL_NOUNS
            or (
                doc.lower(i) == "carrier" and i > 0 and doc.lower(i - 1) in {"car", "aircraft", "bulk", "gas"}
            )
        ):
            first = i + 1
        else:
            continue
        j = i + 1
        while (
            j + 1 < doc.count
            and doc.gap(j) in (" ", "-")
            and doc.capitalised(j + 1)
            and doc.sentence[j + 1] == doc.sentence[i]
            and j + 1 not in doc.blocked
        ):
            j += 1
        doc.consumed.update(range(first, j + 1))
        doc.not_actors.add(fold_key(doc.folded[doc.tokens[i + 1].start : doc.tokens[j].end]))


def _places(doc: _Doc, runs):
    """Runs the words around make places ("near Reed Bank", "the village of Nerkin Hand",
    "its Savanes region", "the Cape of Good Hope"), then every later mention of them."""
    for run in runs:
        part = [i for i in run if i not in doc.consumed]
        part = _strip_leading(doc, part)
        if not part or part != list(range(part[0], part[-1] + 1)) or doc.title(part[0]):
            continue
        heads = [i for i in part if doc.capitalised(i) and doc.head_kind(i) and i not in doc.blocked]
        if any(doc.lower(i) != "bank" for i in heads):
            continue
        if all(i in doc.blocked for i in part if doc.capitalised(i)):
            continue
        if _locative(doc, part[0], part[-1]) or _place_headed(doc, part):
            doc.consumed.update(part)
            doc.not_actors.add(fold_key(doc.folded[doc.tokens[part[0]].start : doc.tokens[part[-1]].end]))
    if not doc.not_actors:
        return
    for run in runs:
        _consume_named(doc, run, doc.not_actors)


# ", the Congo's oil capital," after a name: the name is a place.
_PLACE_APPOSITION = re.compile(
    r",\s+(?:the|its|a|an)\s+(?:[\w'.-]+\s+){0,3}?(?:capital|city|town|port|village|hub|stronghold|enclave|"
    r"province|region|district|island)\b"
)


def _locative(doc: _Doc, first: int, last: int) -> bool:
    if _PLACE_APPOSITION.match(doc.folded, doc.tokens[last].end):
        return True
    before = first - 1
    if before >= 0 and doc.lower(before) == "the" and doc.gap(before) == " ":
        before -= 1
    if before >= 0 and doc.gap(before) == " " and doc.sentence[before] == doc.sentence[first]:
        word = doc.word(before)
        if word in LOCATIVE_BEFORE:
            return True
        if word == "of" and before > 0 and doc.gap(before - 1) == " " and doc.word(before - 1) in PLACE_NOUNS:
            return True
    after = last + 1
    return (
        after < doc.count
        and doc.gap(last) == " "
        and doc.sentence[after] == doc.sentence[first]
        and doc.word(after) in PLACE_NOUNS
    )


def _place_headed(doc: _Doc, part: list[int]) -> bool:
    """ "Cape of Good Hope", "Lake Tana", "Camp Aguinaldo": a place head that opens the run."""
    first = part[0]
    return doc.lower(first) in PLACE_HEADS and len(part) > 1


def _consume_named(doc: _Doc, run: list[int], names: set[str]):
    """Consume every stretch of a run that spells one of `names`."""
    free = [i for i in run if i not in doc.consumed]
    k = 0
    while k < len(free):
        for m in range(min(len(free), k + 6), k, -1):
            stretch = free[k:m]
            if stretch != list(range(stretch[0], stretch[-1] + 1)):
                continue
            key = fold_key(doc.folded[doc.tokens[stretch[0]].start : doc.tokens[stretch[-1]].end])
            if key in names:
                doc.consumed.update(stretch)
                k = m - 1
                break
        k += 1


def _known_media(doc: _Doc, runs, found):
    for run in runs:
        for first in range(len(run)):
            for last in range(len(run) - 1, first - 1, -1):
                start, end = doc.tokens[run[first]].start, doc.tokens[run[last]].end
                name = doc.folded[start:end]
                if name.lower() not in KNOWN_MEDIA or any(i in doc.consumed for i in run[first : last + 1]):
                    continue
                if len(name) <= 3 and not name.isupper():
                    continue
                name_start = start + 4 if name.lower().startswith("the ") else start
                actor = ActorCandidate(name=doc.text[name_start:end], kind="media")
                actor.mentions.append((name_start, end))
                doc.consumed.update(run[first : last + 1])
                found.append(actor)
                break


# --- 1. Acronyms defined in parentheses ----------------------------------------------------


def _acronym_definitions(doc: _Doc, found, acronyms):
    for match in _ACRONYM.finditer(doc.folded, doc.layout.body_start, doc.layout.body_end):
        acronym = match.group("acr").rstrip(".")
        letters = [c for c in acronym if c.isalpha()]
        if len(letters) < 2 or sum(c.isupper() for c in letters) < max(2, len(letters) - 1):
            continue
        if acronym in NON_ACTOR_ACRONYMS:
            continue
        last = doc.index_at.get(_token_start_before(doc, match.start()))
        if last is None:
            continue
        first = _long_form_start(doc, last, acronym)
        if first is None:
            continue
        if doc.lower(last) in PLACE_HEADS or doc.lower(last) in THING_HEADS:
            # "Grand Ethiopian Renaissance Dam (GERD)", "Reciprocal Access Agreement (RAA)".
            doc.consumed.update(range(first, last + 1))
            doc.not_actor_acronyms.add(acronym)
            continue
        words = [i for i in range(first, last + 1) if doc.capitalised(i)]
        if not words or all(i in doc.blocked for i in words):
            continue
        initials = [doc.word(i)[0].upper() for i in range(first, last + 1) if doc.lower(i) not in CONNECTORS]
        overlap = sum(1 for c in {c.upper() for c in letters} if c in initials)
        spelled = _spells("".join(letters).lower(), tuple(doc.lower(i) for i in range(first, last + 1)))
        if not spelled and overlap / len({c.upper() for c in letters}) < 0.5:
            continue
        span = (doc.tokens[first].start, doc.tokens[last].end)
        if _company_suffix_start(doc, last) is not None and doc.folded[span[1] : span[1] + 1] == ".":
            span = (span[0], span[1] + 1)  # "S.A." keeps its last full stop
        kind = (
            _kind_of(doc, first, last) or _noun_after(doc, match.end()) or _noun_before(doc, first) or "other"
        )
        actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind)
        actor.mentions.append(span)
        actor.add_alias(acronym)
        for i in range(first, last + 1):
            if i in doc.country_at and _is_national(doc, first, last):
                actor.add_country(doc.country_at[i].iso2)
        doc.consumed.update(range(first, last + 1))
        acr_index = doc.index_at.get(match.start("acr"))
        if acr_index is not None:
            doc.consumed.add(acr_index)
        found.append(actor)
        acronyms[acronym] = actor


def _token_start_before(doc: _Doc, position: int) -> int | None:
    index = bisect.bisect_right(doc.token_ends, position) - 1
    return doc.tokens[index].start if index >= 0 else None


def _noun_after(doc: _Doc, position: int) -> str | None:
    """The kind a lower-case noun right after a position gives: "(OSA) programme"."""
    match = re.match(r"\s+([a-z]+)\b", doc.folded[position : position + 30])
    return KIND_CUES_AFTER.get(match.group(1)) if match else None


_LONG_FORM_INNER = CONNECTORS | NAME_PARTICLES | {"in", "at"}


def _long_form_start(doc: _Doc, last: int, acronym: str = "") -> int | None:
    """Walk back from the word before "(" over capitalised words and connectors; then, if
    the initials of a shorter stretch spell the acronym, take the shortest such stretch
    ("the European Union Mission in Armenia (EUMA)", "China Communications Construction
    Company (CCCC)"). Acronyms in another language's order ("National Committee for the
    Salvation of the People (CNSP)") keep the whole walk, up to a possessive."""
    if not doc.capitalised(last):
        return None
    first = last
    after_possessive = last
    suffix = _company_suffix_start(doc, last)
    if suffix is not None:
        first = suffix
    i = first - 1
    while i >= 0 and doc.sentence[i] == doc.sentence[last]:
        gap = doc.gap(i)
        if gap == ", " and i == first - 1 and suffix is not None:
            pass  # the comma before "S.A."
        elif gap not in (" ", "-", "'s "):
            break
        if doc.capitalised(i):
            if doc.starts_sentence[i] and doc.common(i):
                break
            first = i
        elif doc.lower(i) in _LONG_FORM_INNER and doc.lower(i) != "to" and gap != "'s ":
            pass
        else:
            break
        if gap == "'s " and after_possessive == last:
            after_possessive = i + 1
        i -= 1
    while first < last and (doc.lower(first) in CONNECTORS or doc.lower(first) == "the"):
        first += 1
    spelled = _initials_start(doc, first, last, acronym) if acronym else None
    if spelled is not None:
        return spelled
    if after_possessive != last and first < after_possessive:
        first = after_possessive
    while first < last and (doc.lower(first) in _LONG_FORM_INNER or doc.lower(first) == "the"):
        first += 1
    return first


_COMPANY_SUFFIXES = {
    "sa",
    "inc",
    "ltd",
    "llc",
    "plc",
    "ag",
    "nv",
    "bv",
    "gmbh",
    "corp",
    "spa",
    "sas",
    "jsc",
    "pjsc",
    "ltda",
}


def _company_suffix_start(doc: _Doc, last: int) -> int | None:
    """The first token of a company suffix ending at `last` ("S.A", "Inc"), set off by a
    comma or a space from the name before it."""
    for first in range(last, max(last - 3, 0), -1):
        if any(doc.gap(k) not in (".", "") for k in range(first, last)):
            break
        key = "".join(doc.lower(k) for k in range(first, last + 1))
        if key in _COMPANY_SUFFIXES and doc.gap(first - 1) in (", ", " "):
            return first
    return None


def _initials_start(doc: _Doc, first: int, last: int, acronym: str) -> int | None:
    """The latest word from which the words, in order, spell the acronym by their initials
    ("ECOWAS") or by their first syllables ("CARICOM": Caribbean Community)."""
    letters = "".join(c.lower() for c in acronym if c.isalpha())
    if not letters:
        return None
    for start in range(last, first - 1, -1):
        if not doc.capitalised(start) or doc.lower(start)[0] != letters[0]:
            continue
        if _spells(letters, tuple(doc.lower(i) for i in range(start, last + 1))):
            return start
    return None


def _spells(letters: str, words: tuple[str, ...]) -> bool:
    """Whether `letters` is a run of word beginnings, one per word, in order, starting with
    the first word; words between may be skipped ("of", "the")."""

    known: dict[tuple[int, int], bool] = {}

    def fits(a: int, w: int) -> bool:
        if a == len(letters):
            return True
        if w == len(words):
            return False
        if (a, w) not in known:
            word = words[w]
            known[(a, w)] = any(
                word[:length] == letters[a : a + length] and fits(a + length, w + 1)
                for length in range(min(len(word), len(letters) - a), 0, -1)
            ) or (w > 0 and fits(a, w + 1))
        return known[(a, w)]

    return fits(0, 0)


# --- 2. Organisations by head words ----------------------------------------------------------


def _runs(doc: _Doc) -> list[list[int]]:
    """Maximal runs of capitalised words (with connectors between them) in one sentence."""
    runs, i = [], 0
    while i < doc.count:
        if not doc.capitalised(i):
            i += 1
            continue
        run = [i]
        j = i
        while (
            j + 1 < doc.count
            and doc.sentence[j + 1] == doc.sentence[i]
            and (doc.gap(j) in (" ", "-") or doc.initial(j))
        ):
            nxt = j + 1
            if doc.capitalised(nxt):
                run.append(nxt)
                j = nxt
                continue
            word = doc.lower(nxt)
            if (word in CONNECTORS or word in NAME_PARTICLES) and nxt + 1 < doc.count:
                # "of the People": take connectors while a capitalised word follows soon.
                k = nxt
                while k < doc.count and doc.lower(k) in CONNECTORS | NAME_PARTICLES and doc.gap(k) == " ":
                    k += 1
                if (
                    k < doc.count
                    and doc.capitalised(k)
                    and doc.sentence[k] == doc.sentence[i]
                    and k - nxt <= 2
                    and doc.blocked.get(k) != "date"
                ):
                    run.extend(range(nxt, k + 1))
                    j = k
                    continue
            break
        runs.append(run)
        i = j + 1
    return runs


def _strip_leading(doc: _Doc, run: list[int]) -> list[int]:
    """Drop what only starts the sentence ("Although", "Prominent") or the phrase ("the")."""
    while run and (
        (
            (doc.starts_sentence[run[0]] or doc._after_quote(run[0]))
            and doc.common(run[0])
            and doc.head_kind(run[0]) is None
            and not doc.title(run[0])
        )
        or doc.lower(run[0]) in CONNECTORS
        or doc.lower(run[0]) in NAME_PARTICLES
    ):
        run = run[1:]
    while run and doc.lower(run[-1]) in CONNECTORS | NAME_PARTICLES:
        run = run[:-1]
    return run


def _has_head(doc: _Doc, part: list[int]) -> bool:
    return any(doc.capitalised(i) and doc.head_kind(i) and i not in doc.blocked for i in part)


def _split_at_and(doc: _Doc, run: list[int]) -> list[list[int]]:
    """ "Malick Diaw and Sadio Camara" is two; "Belt and Road Initiative" is one."""
    for position, i in enumerate(run):
        if doc.lower(i) != "and":
            continue
        left, right = run[:position], run[position + 1 :]
        if not _has_head(doc, left) and _has_head(doc, right):
            continue
        if _open_complement(doc, left) and _completes(doc, right):
            # "Center for Strategic and International Studies": the "and" is inside "for ...".
            continue
        return [left] + _split_at_and(doc, right)
    return [run]


def _open_complement(doc: _Doc, part: list[int]) -> bool:
    """A head followed by "of"/"for"/"on" within the part: its complement is still open."""
    heads = [
        k for k, i in enumerate(part) if doc.capitalised(i) and doc.head_kind(i) and i not in doc.blocked
    ]
    return bool(heads) and any(doc.lower(i) in {"of", "for", "on"} for i in part[heads[-1] + 1 :])


def _completes(doc: _Doc, part: list[int]) -> bool:
    """Words that can end a complement: no head, country or date of their own."""
    return bool(part) and not _has_head(doc, part) and not any(i in doc.blocked for i in part)


def _organisations(doc: _Doc, runs, found):
    for run in runs:
        run = [i for i in run if i not in doc.consumed]
        run = _strip_leading(doc, run)
        for part in _split_at_and(doc, run):
            part = _strip_leading(doc, part)
            if not part:
                continue
            heads = [i for i in part if doc.capitalised(i) and doc.head_kind(i) and i not in doc.blocked]
            if not heads:
                if doc.lower(part[-1]) in PLACE_HEADS or doc.lower(part[-1]) in THING_HEADS:
                    doc.consumed.update(part)
                continue
            if (
                doc.lower(part[-1]) in PLACE_HEADS or doc.lower(part[-1]) in THING_HEADS
            ) and not _open_complement(doc, part[:-1]):
                # "the Paris Agreement", "Independence Square"; but "School of Public Policy"
                # is a school, its last word inside the complement.
                doc.consumed.update(part)
                continue
            last_head = heads[-1]
            end = last_head
            if doc.lower(last_head) in HEAD_INITIAL:
                while end + 1 <= part[-1] and doc.capitalised(end + 1) and end + 1 not in doc.blocked:
                    end += 1
                if end == last_head:
                    continue
            else:
                # The complement: "of the People", up to the end of the run unless a name follows.
                tail = [i for i in part if i > last_head]
                if tail and doc.lower(tail[0]) in CONNECTORS:
                    end = part[-1]
            start = part[0]
            # A title or a lone head word is not an organisation ("the Party", "Prime Minister").
            named = [i for i in range(start, end + 1) if doc.capitalised(i)]
            if len(named) < 2:
                continue
            while start < end and doc.title(start):
                start += 1
            span = (doc.tokens[start].start, doc.tokens[end].end)
            kind = _kind_of(doc, start, end) or "other"
            actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind)
            actor.mentions.append(span)
            if _is_national(doc, start, end):
                for i in range(start, end + 1):
                    if i in doc.country_at:
                        actor.add_country(doc.country_at[i].iso2)
            doc.consumed.update(range(start, end + 1))
            found.append(actor)


def _named_by_noun_after(doc: _Doc, runs, found):
    """ "the Dakar Courier newspaper", "the Russian Unity party": a run of capitalised words
    that a lower-case noun after it names, even when a place stands in it."""
    for run in runs:
        part = [i for i in run if i not in doc.consumed]
        part = _strip_leading(doc, part)
        if not part or part != list(range(part[0], part[-1] + 1)) or doc.title(part[0]):
            continue
        last = part[-1]
        if last + 1 >= doc.count or doc.gap(last) != " " or doc.sentence[last + 1] != doc.sentence[last]:
            continue
        kind = KIND_CUES_AFTER.get(doc.word(last + 1))
        if kind is None or doc.blocked.get(last) == "date":
            continue
        own = [i for i in part if doc.capitalised(i) and i not in doc.blocked and not doc.common(i)]
        if not own:
            continue  # "the Russian newspaper"
        span = (doc.tokens[part[0]].start, doc.tokens[last].end)
        actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind)
        actor.mentions.append(span)
        country = _modifier_country(doc, part[0])
        if country:
            actor.add_country(country)
        elif part[0] > 0 and doc.gap(part[0] - 1).startswith("'") and (part[0] - 1) in doc.country_at:
            actor.add_country(doc.country_at[part[0] - 1].iso2)
        doc.consumed.update(part)
        found.append(actor)


def _kind_of(doc: _Doc, first: int, last: int) -> str | None:
    heads = [i for i in range(first, last + 1) if doc.capitalised(i) and doc.head_kind(i)]
    if not heads:
        return None
    initial = [i for i in heads if doc.lower(i) in HEAD_INITIAL]
    head = initial[0] if initial else heads[-1]
    kind = doc.head_kind(head)
    words = {doc.lower(i) for i in range(first, last + 1)}
    if kind in ("state", "international_organisation", "company"):
        international = bool(words & INTERNATIONAL_MARKERS) and not _is_national(doc, first, last)
        if international:
            return "international_organisation"
        if kind == "international_organisation":
            return "state" if _is_national(doc, first, last) else kind
        if doc.lower(head) == "bank" and words & {"central", "national", "reserve"}:
            return "state"
    return kind


def _is_national(doc: _Doc, first: int, last: int) -> bool:
    return any(i in doc.country_at for i in range(first, last + 1))


# --- 3. People -------------------------------------------------------------------------------


def _people(doc: _Doc, found):
    i = 0
    while i < doc.count:
        if not doc.name_like(i) and not (doc.initial(i) and i + 1 < doc.count and doc.name_like(i + 1)):
            i += 1
            continue
        j = i
        while (
            j + 1 < doc.count
            and doc.sentence[j + 1] == doc.sentence[i]
            and (doc.gap(j) in (" ", "-") or doc.initial(j))
        ):
            if doc.name_like(j + 1):
                j += 1
            elif doc.initial(j + 1) and j + 2 < doc.count and doc.name_like(j + 2):
                j += 2
            elif _hyphenated_place(doc, j):
                j += 1
            elif (
                doc.lower(j + 1) in NAME_PARTICLES
                and j + 2 < doc.count
                and doc.gap(j + 1) in (" ", "-")
                and doc.name_like(j + 2)
            ):
                j += 2
            else:
                break
        length = sum(1 for k in range(i, j + 1) if doc.capitalised(k))
        title, nationality = _title_before(doc, i)
        if not title:
            title, nationality = _title_apposition(doc, i, j)
        after_title = i > 0 and (
            (doc.gap(i - 1) == " " and (doc.title(i - 1) or doc.lower(i - 1) in ROLE_NOUNS))
            or (doc.gap(i - 1) == ". " and _abbreviated_title(doc, i - 1))
        )
        next_is_capital = j + 1 < doc.count and doc.gap(j) == " " and doc.capitalised(j + 1)
        span = (doc.tokens[i].start, doc.tokens[j].end)
        quoted = doc.folded[span[0] - 1 : span[0]] == '"' and doc.folded[span[1] : span[1] + 1] == '"'
        if (2 <= length <= 4 or (length == 1 and after_title)) and not next_is_capital and not quoted:
            # "Yemen's Ansar Allah movement", "shipping firms such as Hapag-Lloyd": not people.
            kind = _noun_after(doc, doc.tokens[j].end) or _list_kind(doc, i) or _noun_before(doc, i)
            if kind:
                actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind)
                actor.mentions.append(span)
                nationality = _modifier_country(doc, i)
                if nationality:
                    actor.add_country(nationality)
                elif i > 0 and doc.gap(i - 1).startswith("'") and (i - 1) in doc.country_at:
                    actor.add_country(doc.country_at[i - 1].iso2)
                doc.consumed.update(range(i, j + 1))
                found.append(actor)
                i = j + 1
                continue
            actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind="person", role_title=title)
            actor.mentions.append(span)
            if not nationality and i > 0 and doc.gap(i - 1).startswith("'") and (i - 1) in doc.country_at:
                nationality = doc.country_at[i - 1].iso2  # "New Zealand's Jacinda Ardern"
            if nationality:
                actor.add_country(nationality)
            doc.consumed.update(range(i, j + 1))
            found.append(actor)
        i = j + 1


def _hyphenated_place(doc: _Doc, j: int) -> bool:
    """A capitalised place joined by a hyphen to a name before it: "Castor-Baltic"."""
    return (
        j + 1 < doc.count
        and doc.gap(j) == "-"
        and doc.capitalised(j + 1)
        and doc.blocked.get(j + 1) in ("country", "region")
        and doc.capitalised(j)
        and j not in doc.blocked
    )


def _noun_before(doc: _Doc, first: int) -> str | None:
    """A cue noun right before a name: "the broadcaster Channel Africa"."""
    if first == 0 or doc.gap(first - 1) != " " or doc.capitalised(first - 1):
        return None
    return KIND_CUES_BEFORE.get(doc.lower(first - 1)) or None


_LIST_CUE = re.compile(
    r"\b(?P<noun>[a-z]+)\s+(?:such\s+as|like|including)\s+"
    r"(?:[A-Z][\w'.&-]*(?:\s+[A-Z][\w'.&-]*)*(?:,\s+|\s+and\s+|\s+or\s+|,\s+and\s+))*$"
)


def _list_kind(doc: _Doc, first: int) -> str | None:
    """The kind a list gives its members: "shipping firms such as Maersk and Hapag-Lloyd"."""
    start = doc.tokens[first].start
    match = _LIST_CUE.search(doc.folded[max(0, start - 120) : start])
    return LIST_CUES.get(match.group("noun")) if match else None


def _abbreviated_title(doc: _Doc, i: int) -> bool:
    """ "Gen.", "Col.", "Dr.": a short title word written with a full stop."""
    return doc.capitalised(i) and doc.title(i) and len(doc.word(i)) <= 4 and doc.gap(i) == ". "


_ROLE_ENDS = "|".join(sorted(ROLE_NOUNS | TITLE_WORDS, key=len, reverse=True))
# ", the defence minister," or ", a former national security adviser," after a name.
_APPOSITION_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?P<title>(?:[\w'.-]+\s+){0,5}?(?:" + _ROLE_ENDS + r"))"
    r"(?=\s*[,.;]|\s+(?:said|says|told|who|and|at|of|in|for|based)\b)",
    re.I,
)
# "China's foreign ministry spokesperson, " before a name.
_APPOSITION_BEFORE = re.compile(
    r"(?:^|(?<=[\s\"(]))(?P<title>(?:[A-Z][\w.-]*'s\s+|(?:the|a|an)\s+)(?:[\w'.-]+\s+){0,4}?(?:"
    + _ROLE_ENDS
    + r")),\s+$",
    re.I,
)


def _title_apposition(doc: _Doc, first: int, last: int) -> tuple[str, str]:
    """A title set off by commas: "Ali Musa, the defence minister," or "Senegal's foreign
    minister, Fatima Diallo"; the country it names is the person's."""
    sentence = (
        doc.layout.sentences[doc.sentence[first]] if doc.sentence[first] < len(doc.layout.sentences) else None
    )
    if sentence is None:
        return "", ""
    start, end = doc.tokens[first].start, doc.tokens[last].end
    match = _APPOSITION_AFTER.match(doc.folded, end, sentence[1])
    if match is None:
        before = _APPOSITION_BEFORE.search(doc.folded, sentence[0], start)
        if before is None:
            return "", ""
        span = before.span("title")
    else:
        span = match.span("title")
    title = doc.text[span[0] : span[1]]
    title = re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)
    nationality = next(
        (m.iso2 for k, m in doc.country_at.items() if span[0] <= doc.tokens[k].start < span[1]), ""
    )
    return title, nationality


def _title_before(doc: _Doc, first: int) -> tuple[str, str]:
    """Read the title backwards from a name: "Russian Ambassador to Mali and Niger Igor
    Gromyko" gives ("Russian Ambassador to Mali and Niger", "RU")."""
    chain: list[int] = []
    head = None
    i = first - 1
    while i >= 0 and doc.sentence[i] == doc.sentence[first]:
        gap = doc.gap(i)
        if gap not in (" ", "-", "'s ", "' ") and not (gap == ". " and _abbreviated_title(doc, i)):
            break
        word = doc.lower(i)
        if doc.capitalised(i) or i in doc.country_at:
            if (
                doc.starts_sentence[i]
                and doc.common(i)
                and not doc.title(i)
                and i not in doc.blocked
                and word not in PORTFOLIO_WORDS
            ):
                break
            if doc.title(i) and head is None:
                head = i
        elif word in ROLE_NOUNS:
            if head is None:
                head = i
        elif i > 0 and doc.gap(i - 1) == "-" and doc.title(i - 1):
            pass  # "President-elect", "Ambassador-designate"
        elif word not in CONNECTORS and word not in {"in", "at"}:
            break
        chain.append(i)
        i -= 1
    if head is None:
        return "", ""
    chain = sorted(chain)
    while chain and (doc.lower(chain[0]) in CONNECTORS or doc.lower(chain[0]) in {"in", "at"}):
        chain = chain[1:]
    if not chain:
        return "", ""
    nationality = ""
    start = chain[0]
    # "Chad's President": the possessor gives the nationality and stays out of the title.
    for k in chain:
        if k >= head:
            break
        if k in doc.country_at:
            nationality = nationality or doc.country_at[k].iso2
            if doc.gap(k).startswith("'"):
                start = k + 1
    if not nationality:
        after = [k for k in chain if k > head]
        for k in after:
            if k in doc.country_at and k > 0 and doc.lower(k - 1) == "of":
                nationality = doc.country_at[k].iso2
                break
    title = doc.text[doc.tokens[start].start : doc.tokens[chain[-1]].end]
    if _abbreviated_title(doc, chain[-1]):
        title += "."
    return title, nationality


# --- 4. Words the context makes an actor ----------------------------------------------------


def _cued_words(doc: _Doc, found):
    for i in range(doc.count):
        if i in doc.consumed or i in doc.blocked or not doc.capitalised(i) or doc.common(i):
            continue
        if doc.title(i) or doc.lower(i) in PLACE_HEADS or doc.lower(i) in THING_HEADS:
            continue
        j = i
        while j + 1 < doc.count and (
            (doc.gap(j) == " " and doc.capitalised(j + 1) and j + 1 not in doc.blocked)
            or _hyphenated_place(doc, j)
        ):
            j += 1
        kind = _cue_kind(doc, i, j, found)
        if kind is None and j == i and _possessed_office(doc, i, found):
            kind = "state"
        if kind is None and j == i and _CAMEL_CASE.fullmatch(doc.word(i)):
            kind = "company"
        if kind is None:
            continue
        span = (doc.tokens[i].start, doc.tokens[j].end)
        actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind)
        actor.mentions.append(span)
        nationality = _modifier_country(doc, i)
        if nationality:
            actor.add_country(nationality)
        doc.consumed.update(range(i, j + 1))
        found.append(actor)


_APPOSITIVE = re.compile(r",\s+(?:a|an|the|its|their)\s+(?P<words>(?:[\w'-]+\s+){0,4}[\w'-]+)")


def _cue_kind(doc: _Doc, first: int, last: int, found) -> str | None:
    before = doc.folded[max(0, doc.tokens[first].start - 40) : doc.tokens[first].start].lower()
    if first > 0 and doc.gap(first - 1) == " " and doc.sentence[first - 1] == doc.sentence[first]:
        cue = doc.lower(first - 1)
        if cue in KIND_CUES_BEFORE and not doc.capitalised(first - 1):
            if cue == "counterpart":
                # "Rosatom ... competes with its French counterpart Avenda": Rosatom's kind.
                sentence = doc.layout.sentences[doc.sentence[first]]
                position = doc.tokens[first].start
                earlier = sorted(
                    (s, actor.kind)
                    for actor in found
                    for s, _ in actor.mentions
                    if sentence[0] <= s < position
                )
                return earlier[-1][1] if earlier else "other"
            return KIND_CUES_BEFORE[cue]
    for phrase in MEDIA_CUE_PHRASES:
        if before.endswith(" " + phrase + " ") or before.endswith(" " + phrase + " the "):
            return "media"
    apposition = re.search(r"\b([a-z]+),\s+$", before)
    if apposition and apposition.group(1) in APPOSITION_CUES:
        return KIND_CUES_BEFORE.get(apposition.group(1)) or None
    listed = _list_kind(doc, first)
    if listed:
        return listed
    after = doc.folded[doc.tokens[last].end : doc.tokens[last].end + 80]
    match = _APPOSITIVE.match(after)
    if match:
        for noun in match.group("words").split():
            if KIND_CUES_BEFORE.get(noun):
                return KIND_CUES_BEFORE[noun]
    following = re.match(r"\s+([a-z]+)", after)
    if following and following.group(1) in MEDIA_CUE_AFTER:
        return "media"
    return None


# "ExxonMobil", "PetroChina", "TotalEnergies": a capital inside a word is a brand's; not
# "McDonald", "MacArthur", "DeGaulle", "LeBlanc".
_CAMEL_CASE = re.compile(
    r"(?!Mc|Mac[A-Z]|De[A-Z]|Di[A-Z]|Da[A-Z]|La[A-Z]|Le[A-Z]|Van[A-Z]|Fitz)[A-Z][a-z]+[A-Z][a-z]+[A-Za-z]*"
)


def _possessed_office(doc: _Doc, i: int, found) -> bool:
    """ "Somaliland's president": a name whose possessive holds a government's office is a
    polity (unless it is the name of a person already found)."""
    if doc.gap(i) not in ("'s ", "' ") or i + 1 >= doc.count or doc.lower(i + 1) not in GOVERNMENT_WORDS:
        return False
    key = fold_key(doc.word(i))
    return not any(key in fold_key(actor.name).split() for actor in found if actor.kind == "person")


def _modifier_country(doc: _Doc, first: int) -> str:
    """The demonym among the few words before a name ("a Russian gold company" is after
    it, "Russian nuclear energy giant Rosatom" before): the actor's country."""
    for i in range(first - 1, max(-1, first - 5), -1):
        if doc.sentence[i] != doc.sentence[first]:
            break
        if i in doc.country_at:
            return doc.country_at[i].iso2
        if doc.gap(i) not in (" ",):
            break
    after = doc.folded[doc.tokens[first].end : doc.tokens[first].end + 60]
    if re.match(r",\s+(?:a|an)\s", after):
        for i in range(first + 1, min(doc.count, first + 6)):
            if i in doc.country_at:
                return doc.country_at[i].iso2
    return ""


# --- 5. Bare acronyms and surnames ------------------------------------------------------------


def _bare_acronyms(doc: _Doc, found, acronyms):
    undefined: dict[str, ActorCandidate] = {}
    for i, token in enumerate(doc.tokens):
        if i in doc.blocked or not token.all_caps or i in doc.consumed and token.text not in acronyms:
            continue
        text = token.text
        if text in acronyms:
            span = (token.start, token.end)
            if span not in acronyms[text].mentions:
                acronyms[text].mentions.append(span)
            doc.consumed.add(i)
            continue
        if text in NON_ACTOR_ACRONYMS or len(text) > 8 or len(text) < 2:
            continue
        # "COP29", "G20", "S-400": meetings, groupings and weapons, not actors; ship prefixes.
        if any(c.isdigit() for c in text) or text in doc.not_actor_acronyms or text in SHIP_PREFIXES:
            continue
        if _shouting(doc, i):
            continue
        spelled = _spelled_out(text, found)
        if spelled is not None:
            spelled.add_alias(text)
            spelled.mentions.append((token.start, token.end))
            acronyms[text] = spelled
            doc.consumed.add(i)
            continue
        actor = undefined.get(text)
        if actor is None:
            actor = undefined[text] = ActorCandidate(name=text, kind="other")
            found.append(actor)
        actor.mentions.append((token.start, token.end))
        doc.consumed.add(i)


def _spelled_out(acronym: str, found) -> ActorCandidate | None:
    """The organisation whose initials an undefined acronym spells ("AU": "African Union")."""
    for actor in found:
        if actor.kind == "person":
            continue
        words = [w for w in re.findall(r"[A-Za-z]+", actor.name) if w.lower() not in CONNECTORS]
        if len(words) >= 2 and "".join(w[0] for w in words).upper() == acronym.upper():
            return actor
    return None


def _shouting(doc: _Doc, i: int) -> bool:
    sentence = doc.layout.sentences[doc.sentence[i]] if doc.sentence[i] < len(doc.layout.sentences) else None
    if sentence is None:
        return True
    letters = [c for c in doc.folded[sentence[0] : sentence[1]] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6


_KNOWN_AS = re.compile(
    r",?\s+(?:(?:also|better|widely|popularly|commonly)\s+)?(?:known|referred\s+to)\s+as\s+(?:the\s+)?"
    r"\"?(?P<alias>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})"
)


def _given_names(found) -> dict[str, "ActorCandidate"]:
    """Given names that stand for one person only ("Dawit" for "Dawit Alemu"), where no
    other person has that word in their name."""
    owners: dict[str, list[ActorCandidate]] = {}
    for actor in found:
        if actor.kind != "person" or " " not in actor.name.strip():
            continue
        words = [fold_key(w) for w in actor.name.split()]
        for position, word in enumerate(words):
            owners.setdefault(word, [])
            if actor not in owners[word]:
                owners[word].append(actor)
            if position == 0 and len(words) >= 2:
                owners[word].append(actor)  # marks it as someone's given name
    given = {}
    for actor in found:
        if actor.kind == "person" and len(actor.name.split()) >= 2:
            word = fold_key(actor.name.split()[0])
            if len(word) > 1 and all(owner is actor for owner in owners.get(word, [])):
                given[word] = actor
    return given


def _surnames(doc: _Doc, found):
    """Later mentions by surname ("Keita"), by a given name that only one person has
    ("invited Dawit and Guled"), or by a name given with "known as"."""
    people = {}
    given = _given_names(found)
    for actor in found:
        if actor.kind == "person" and " " in actor.name:
            people.setdefault(fold_key(actor.name.split()[-1]), actor)
        for _start, end in list(actor.mentions):
            match = _KNOWN_AS.match(doc.folded, end)
            if match:
                alias_span = match.span("alias")
                actor.add_alias(doc.text[alias_span[0] : alias_span[1]])
                actor.mentions.append(alias_span)
                for i in range(doc.count):
                    if alias_span[0] <= doc.tokens[i].start < alias_span[1]:
                        doc.consumed.add(i)
                if " " not in match.group("alias"):
                    people.setdefault(fold_key(match.group("alias")), actor)
    for i in range(doc.count):
        if i in doc.consumed or i in doc.blocked or not doc.capitalised(i):
            continue
        actor = people.get(fold_key(doc.word(i)))
        if actor is None and not doc.common(i):
            actor = given.get(fold_key(doc.word(i)))
        if actor is None:
            continue
        if i + 1 < doc.count and doc.gap(i) == " " and doc.capitalised(i + 1):
            continue
        actor.mentions.append((doc.tokens[i].start, doc.tokens[i].end))
        actor.add_alias(doc.text[doc.tokens[i].start : doc.tokens[i].end])
        doc.consumed.add(i)


def _repeated_names(doc: _Doc, runs, found):
    """Later mentions, without the cue that found it, of an organisation, company or
    outlet already found ("Petronas ... Petronas")."""
    names: dict[str, ActorCandidate] = {}
    for actor in found:
        if actor.kind == "person":
            continue
        for name in (actor.name, *actor.aliases):
            key = fold_key(name)
            if len(key) >= 3 and not name.isupper():
                names.setdefault(key, actor)
    if not names:
        return
    for run in runs:
        free = [i for i in run if i not in doc.consumed and i not in doc.blocked]
        k = 0
        while k < len(free):
            for m in range(min(len(free), k + 8), k, -1):
                stretch = free[k:m]
                if stretch != list(range(stretch[0], stretch[-1] + 1)):
                    continue
                span = (doc.tokens[stretch[0]].start, doc.tokens[stretch[-1]].end)
                actor = names.get(fold_key(doc.folded[span[0] : span[1]]))
                if actor is not None:
                    actor.mentions.append(span)
                    doc.consumed.update(stretch)
                    k = m - 1
                    break
            k += 1


def _merge(found: list[ActorCandidate]) -> list[ActorCandidate]:
    """One candidate per actor: same name, or a name that is another's alias; a person
    named by one word after a title ("Prime Minister Dawit") is the one person found in
    full with that given name or surname."""
    given = _given_names(found)
    surnames: dict[str, list[ActorCandidate]] = {}
    for actor in found:
        if actor.kind == "person" and len(actor.name.split()) >= 2:
            surnames.setdefault(fold_key(actor.name.split()[-1]), []).append(actor)
    for actor in found:
        if actor.kind == "person" and " " not in actor.name.strip():
            full = surnames.get(actor.key, [])
            target = full[0] if len(full) == 1 else given.get(actor.key)
            if target is not None and target is not actor:
                target.add_alias(actor.name)
    merged: list[ActorCandidate] = []
    by_key: dict[str, ActorCandidate] = {}
    for actor in sorted(found, key=lambda a: a.first):
        keys = {actor.key} | {fold_key(a) for a in actor.aliases}
        target = next((by_key[k] for k in keys if k in by_key), None)
        if target is None:
            merged.append(actor)
            target = actor
        else:
            for span in actor.mentions:
                if span not in target.mentions:
                    target.mentions.append(span)
            if actor.name != target.name:
                target.add_alias(actor.name)
            for alias in actor.aliases:
                target.add_alias(alias)
            for iso2 in actor.countries:
                target.add_country(iso2)
            target.role_title = target.role_title or actor.role_title
            if target.kind == "other" and actor.kind != "other":
                target.kind = actor.kind
        for k in {target.key} | {fold_key(a) for a in target.aliases}:
            by_key.setdefault(k, target)
    for actor in merged:
        actor.mentions.sort()
    return merged
