"""Actors named in a text: organisations by their head words and acronyms, people by
their names and titles, companies and media by the words around them.

The recogniser reads capitalised runs of words. In order:
1. acronyms defined in parentheses, "National Committee for the Salvation of the People
   (CNSP)", whose later bare uses ("the CNSP") are mentions of the same actor;
2. organisations: a run holding a head word (Committee, Party, Forces, Institute,
   Initiative, "Operation X", ...), whose head suggests the kind;
3. people: two to four name-like words, or one after a title ("President Keita"), with
   the title read backwards from the name ("Russian Ambassador to Mali and Niger");
4. single words that the words around them make a company or a media outlet ("a Russian
   gold company", "an interview with Sputnik", "its French counterpart Avenda");
5. acronyms used without a definition, and surnames standing for a person named in full.

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
    COMMON_WORDS,
    CONNECTORS,
    HEAD_INITIAL,
    INTERNATIONAL_MARKERS,
    KIND_CUES_BEFORE,
    KNOWN_MEDIA,
    MEDIA_CUE_AFTER,
    MEDIA_CUE_PHRASES,
    NAME_PARTICLES,
    NON_ACTOR_ACRONYMS,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    ROLE_NOUNS,
    THING_HEADS,
    TITLE_WORDS,
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
        return not self.common(i) and (token.text.isalpha() or "'" in token.text[1:])


def find_actors(text, folded, tokens, layout, countries, regions, dates) -> list[ActorCandidate]:
    doc = _Doc(text, folded, tokens, layout, countries, regions, dates)
    found: list[ActorCandidate] = []
    acronyms: dict[str, ActorCandidate] = {}
    _acronym_definitions(doc, found, acronyms)
    runs = _runs(doc)
    _known_media(doc, runs, found)
    _organisations(doc, runs, found)
    _people(doc, found)
    _cued_words(doc, found)
    _bare_acronyms(doc, found, acronyms)
    _surnames(doc, found)
    return _merge(found)


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
        first = _long_form_start(doc, last)
        if first is None:
            continue
        words = [i for i in range(first, last + 1) if doc.capitalised(i)]
        if not words or all(i in doc.blocked for i in words):
            continue
        initials = [doc.word(i)[0].upper() for i in range(first, last + 1) if doc.lower(i) not in CONNECTORS]
        overlap = sum(1 for c in {c.upper() for c in letters} if c in initials)
        if overlap / len({c.upper() for c in letters}) < 0.5:
            continue
        span = (doc.tokens[first].start, doc.tokens[last].end)
        kind = _kind_of(doc, first, last) or "other"
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


def _long_form_start(doc: _Doc, last: int) -> int | None:
    """Walk back from the word before "(" over capitalised words and connectors."""
    if not doc.capitalised(last):
        return None
    first = last
    i = last - 1
    while i >= 0 and doc.sentence[i] == doc.sentence[last]:
        gap = doc.gap(i)
        if gap not in (" ", "-"):
            break
        if doc.capitalised(i):
            if doc.starts_sentence[i] and doc.common(i):
                break
            first = i
        elif doc.lower(i) in CONNECTORS and doc.lower(i) != "to":
            pass
        else:
            break
        i -= 1
    while first < last and (doc.lower(first) in CONNECTORS or doc.lower(first) == "the"):
        first += 1
    return first


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
        while j + 1 < doc.count and doc.sentence[j + 1] == doc.sentence[i] and doc.gap(j) in (" ", "-"):
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
        return [left] + _split_at_and(doc, right)
    return [run]


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
            if doc.lower(part[-1]) in PLACE_HEADS or doc.lower(part[-1]) in THING_HEADS:
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
        if not doc.name_like(i):
            i += 1
            continue
        j = i
        while j + 1 < doc.count and doc.sentence[j + 1] == doc.sentence[i] and doc.gap(j) in (" ", "-"):
            if doc.name_like(j + 1):
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
        after_title = i > 0 and doc.gap(i - 1) == " " and (doc.title(i - 1) or doc.lower(i - 1) in ROLE_NOUNS)
        next_is_capital = j + 1 < doc.count and doc.gap(j) == " " and doc.capitalised(j + 1)
        if (2 <= length <= 4 or (length == 1 and after_title)) and not next_is_capital:
            span = (doc.tokens[i].start, doc.tokens[j].end)
            actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind="person", role_title=title)
            actor.mentions.append(span)
            if not nationality and i > 0 and doc.gap(i - 1).startswith("'") and (i - 1) in doc.country_at:
                nationality = doc.country_at[i - 1].iso2  # "New Zealand's Jacinda Ardern"
            if nationality:
                actor.add_country(nationality)
            doc.consumed.update(range(i, j + 1))
            found.append(actor)
        i = j + 1


def _title_before(doc: _Doc, first: int) -> tuple[str, str]:
    """Read the title backwards from a name: "Russian Ambassador to Mali and Niger Igor
    Gromyko" gives ("Russian Ambassador to Mali and Niger", "RU")."""
    chain: list[int] = []
    head = None
    i = first - 1
    while i >= 0 and doc.sentence[i] == doc.sentence[first]:
        gap = doc.gap(i)
        if gap not in (" ", "-", "'s ", "' "):
            break
        word = doc.lower(i)
        if doc.capitalised(i) or i in doc.country_at:
            if doc.starts_sentence[i] and doc.common(i) and not doc.title(i) and i not in doc.blocked:
                break
            if doc.title(i) and head is None:
                head = i
        elif word in ROLE_NOUNS:
            if head is None:
                head = i
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
    return title, nationality


# --- 4. Words the context makes an actor ----------------------------------------------------


def _cued_words(doc: _Doc, found):
    for i in range(doc.count):
        if i in doc.consumed or i in doc.blocked or not doc.capitalised(i) or doc.common(i):
            continue
        if doc.title(i) or doc.lower(i) in PLACE_HEADS or doc.lower(i) in THING_HEADS:
            continue
        j = i
        while j + 1 < doc.count and doc.gap(j) == " " and doc.capitalised(j + 1) and j + 1 not in doc.blocked:
            j += 1
        kind = _cue_kind(doc, i, j, found)
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


def _surnames(doc: _Doc, found):
    """Later mentions by surname ("Keita") or by a name given with "known as"."""
    people = {}
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
        if actor is None:
            continue
        if i + 1 < doc.count and doc.gap(i) == " " and doc.capitalised(i + 1):
            continue
        actor.mentions.append((doc.tokens[i].start, doc.tokens[i].end))
        actor.add_alias(doc.text[doc.tokens[i].start : doc.tokens[i].end])
        doc.consumed.add(i)


def _merge(found: list[ActorCandidate]) -> list[ActorCandidate]:
    """One candidate per actor: same name, or a name that is another's alias."""
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
