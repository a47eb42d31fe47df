"""The document the actor recogniser reads: its body's tokens, what each token is already
known to be (a country, a region, a date), and the helpers every stage shares to read
the words around a name."""

import bisect
import re
from dataclasses import dataclass, field

from ..countries import CountryMention
from ..dates import AMBIGUOUS_MONTHS, MONTH_NAMES, WEEKDAYS
from ..text import Layout, fold_key
from ..words import (
    ARMED_MODIFIERS,
    BUSINESS_MODIFIERS,
    COMMON_WORDS,
    CONNECTORS,
    CONTEXT_CUES,
    CONTEXT_HEADS,
    GIVEN_NAME_WORDS,
    HEAD_INITIAL,
    INTERNATIONAL_MARKERS,
    KIND_CUES_AFTER,
    KIND_CUES_BEFORE,
    LIST_CUES,
    MEDIA_CUE_PHRASES,
    MODIFIED_NOUNS,
    NAME_PARTICLES,
    NAME_WORD_KINDS,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    PORTFOLIO_WORDS,
    ROLE_NOUNS,
    STATELESS_HEADS,
    THING_HEADS,
    TITLE_WORDS,
)

# Month names capitalised in a text are dates; "March" and "May" are words too.
_MONTH_WORDS = frozenset(name.capitalize() for name in MONTH_NAMES if name not in AMBIGUOUS_MONTHS)


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
    rule: str = ""  # the rule or list that found it, as the suggestions page names it
    kind_cued: bool = False  # its kind is the one a cue in the context gave ("the paramilitary")

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


class Doc:
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
        # that are not actors ("Blue River Dam (BRD)").
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
            if token.text.lower() in WEEKDAYS or token.text in _MONTH_WORDS:
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

    def head_word(self, i: int) -> str:
        """The word as the head-word lists hold it: lower case, no apostrophe ("jamaat")."""
        return self.lower(i).replace("'", "")

    def head_kind(self, i: int) -> str | None:
        return ORGANISATION_HEADS.get(self.head_word(i))

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
        """A single capital with a full stop, inside a name ("S. Venkat", "John F. Kennedy")."""
        token = self.tokens[i]
        return len(token.text) == 1 and token.text.isupper() and self.gap(i) == ". "


def strip_leading(doc: Doc, run: list[int]) -> list[int]:
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


def token_start_before(doc: Doc, position: int) -> int | None:
    index = bisect.bisect_right(doc.token_ends, position) - 1
    return doc.tokens[index].start if index >= 0 else None


def noun_after(doc: Doc, position: int) -> str | None:
    """The kind a lower-case noun right after a position gives: "(OSA) programme"."""
    match = re.match(r"\s+([a-z]+)\b", doc.folded[position : position + 30])
    return KIND_CUES_AFTER.get(match.group(1)) if match else None


def cue_kind_at(doc: Doc, cue: int) -> str | None:
    """The kind the cue noun at token `cue` gives, "the rebel group" making an armed group."""
    kind = KIND_CUES_BEFORE.get(doc.lower(cue))
    if kind and cue > 0 and doc.lower(cue) == "group":
        if doc.lower(cue - 1) in ARMED_MODIFIERS:
            return "armed_group"
        if doc.lower(cue - 1) in BUSINESS_MODIFIERS:
            return "company"  # "the energy group Eni"
    return kind or None


_APPOSITION_NOUN = re.compile(
    # Past the other members of a list ("X and Y, the two largest newspapers,").
    r"(?:(?:,\s+|\s+and\s+)[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})*"
    r",\s+(?:the|a|an|its|their|two|both)\s+(?:[\w'-]+\s+){0,3}?(?P<noun>[a-z][\w'-]*)"
    r"(?=\s*[,.;:]|\s+(?:of|in|on|that|which|who|based|has|have|had|is|are|was|were|said)\b)"
)


def appositive_kind(doc: Doc, last: int) -> str | None:
    """The kind a noun phrase in apposition after a name gives it: "Kuwala, the opposition
    daily," or "Ubuntu Voice and Lagoon Echo, the two largest newspapers,"."""
    match = _APPOSITION_NOUN.match(doc.folded, doc.tokens[last].end)
    if match is None or match.group("noun") in ROLE_NOUNS:
        return None
    noun = match.group("noun")
    return KIND_CUES_BEFORE.get(noun) or LIST_CUES.get(noun) or None


def media_phrase_before(doc: Doc, first: int) -> str | None:
    """ "told Radiovox", "a reporter at Efecto Cocuyo": the phrases before an outlet's name."""
    before = doc.folded[max(0, doc.tokens[first].start - 40) : doc.tokens[first].start].lower()
    for phrase in MEDIA_CUE_PHRASES:
        if before.endswith(" " + phrase + " ") or before.endswith(" " + phrase + " the "):
            return "media"
    return None


def modifier_use(doc: Doc, i: int) -> bool:
    """A name used as a modifier of a noun ("UN experts", "a UN-backed broadcaster"): it
    qualifies the noun and is no actor of the sentence."""
    if i + 1 >= doc.count or doc.sentence[i + 1] != doc.sentence[i]:
        return False
    gap, following = doc.gap(i), doc.word(i + 1)
    return (gap == " " and following in MODIFIED_NOUNS) or (gap == "-" and following[:1].islower())


def noun_before(doc: Doc, first: int) -> str | None:
    """A cue noun right before a name: "the broadcaster Channel Africa"."""
    if first == 0 or doc.gap(first - 1) != " " or doc.capitalised(first - 1):
        return None
    return cue_kind_at(doc, first - 1)


_LIST_CUE = re.compile(
    # "companies such as", "companies that returned in 2023, led by Eni, TotalEnergies and Repsol"
    r"\b(?P<noun>[a-z]+)\s+(?:(?:such\s+as|like|including|(?P<led>(?:[^,.;]{0,40},\s+)?led\s+by))\s+)?"
    r"(?:[A-Z][\w'.&-]*(?:\s+[A-Z][\w'.&-]*)*(?:,\s+|\s+and\s+|\s+or\s+|,\s+and\s+))*$"
)


def list_kind(doc: Doc, first: int) -> str | None:
    """The kind a list gives its members: "shipping firms such as Nordline and Castor-Baltic"."""
    start = doc.tokens[first].start
    window = doc.folded[max(0, start - 120) : start]
    match = _LIST_CUE.search(window)
    if match is None:
        return None
    modifier = re.search(r"([a-z]+)\s+$", window[: match.start("noun")])
    if match.group("noun") == "groups" and modifier and modifier.group(1) in ARMED_MODIFIERS:
        return "armed_group"
    kind = LIST_CUES.get(match.group("noun"))
    if match.group("led") and kind != "company":
        return None  # "opposition parties, led by Raila Odinga": a person leads them
    return kind


def modifier_country(doc: Doc, first: int) -> str:
    """The demonym among the few words before a name ("a Canadian mining company" is after
    it, "the Chinese energy giant Sinoray" before): the actor's country."""
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


# Heads of a programme that is a standing body when an international marker is in its
# name ("World Nutrition Programme", "UN Development Programme"); a mission stays a mission.
_AGENCY_HEADS = frozenset({"programme", "program", "fund", "initiative"})


def kind_of(doc: Doc, first: int, last: int, *, any_case: bool = False) -> str | None:
    return kind_and_cue(doc, first, last, any_case=any_case)[0]


def kind_and_cue(doc: Doc, first: int, last: int, *, any_case: bool = False) -> tuple[str | None, bool]:
    """The kind the name's head (or a word of it, or the context) gives, and whether a cue
    in the context gave it: that kind holds for every mention of the actor."""
    kind = _head_kind_of(doc, first, last, any_case=any_case)
    if kind is None:
        return None, False
    words = {doc.lower(i) for i in range(first, last + 1)}
    international = bool(words & INTERNATIONAL_MARKERS) and not is_national(doc, first, last)
    heads = [i for i in range(first, last + 1) if (any_case or doc.capitalised(i)) and doc.head_kind(i)]
    initial = [i for i in heads if doc.head_word(i) in HEAD_INITIAL]
    head = initial[0] if initial else heads[-1]
    if (
        not international
        and doc.head_kind(head) != "political_party"
        and (
            doc.head_word(head) in CONTEXT_HEADS
            or (doc.head_word(head) in STATELESS_HEADS and not is_national(doc, first, last))
        )
        and not any(w in NAME_WORD_KINDS for w in words)
    ):
        armed = doc.head_kind(head) == "armed_force"
        context = context_kind(doc, first, last, party_after=not armed)
        if context:
            return context, True
    return kind, False


def _head_kind_of(doc: Doc, first: int, last: int, *, any_case: bool = False) -> str | None:
    heads = [i for i in range(first, last + 1) if (any_case or doc.capitalised(i)) and doc.head_kind(i)]
    if not heads:
        return None
    initial = [i for i in heads if doc.head_word(i) in HEAD_INITIAL]
    head = initial[0] if initial else heads[-1]
    kind = doc.head_kind(head)
    words = {doc.lower(i) for i in range(first, last + 1)}
    international = bool(words & INTERNATIONAL_MARKERS) and not is_national(doc, first, last)
    if not international and kind != "political_party":
        # "National Electoral Institute", "Kenya Broadcasting Corporation": a word of the
        # name decides over its head.
        named = next((NAME_WORD_KINDS[w] for w in sorted(words) if w in NAME_WORD_KINDS), None)
        if named:
            return named
    if kind in ("state", "international_organisation", "company"):
        international = bool(words & INTERNATIONAL_MARKERS) and not is_national(doc, first, last)
        if international:
            return "international_organisation"
        if kind == "international_organisation":
            return "state" if is_national(doc, first, last) else kind
        if doc.lower(head) == "bank" and words & {"central", "national", "reserve"}:
            return "state"
    if kind == "programme" and doc.lower(head) in _AGENCY_HEADS and words & INTERNATIONAL_MARKERS:
        return "international_organisation"
    if kind == "political_party" and doc.lower(head) == "league" and words & INTERNATIONAL_MARKERS:
        return "international_organisation"  # "the Arab League"
    return kind


_CONTEXT_WINDOW = 6  # words before a name read for a cue to its kind


_APPOSITION_OPENING = re.compile(
    r"\s*(?:\([^)]{1,12}\)\s*)?,\s+(?:the|a|an|its|one\s+of\s+(?:the|its)|part\s+of\s+the)\s+"
    r"((?:[A-Za-z][\w'-]*\s+){0,5}[a-z][\w'-]*)"
)
# What a coalition is made of: "the Three Brotherhood Alliance of ethnic armed groups".
_MADE_OF = re.compile(
    r"\s+of\s+((?:[a-z][\w'-]*\s+){0,2}(?:groups|militias|gangs|parties|factions|rebels))\b"
)


def context_kind(doc: Doc, first: int, last: int, *, party_after: bool = False) -> str | None:
    """The kind the words around a name give it, where its head word could be of several
    kinds: "the ruling All Progressives Congress", "Nigeria's main opposition coalition,
    the Alliance for Democratic Renewal", "the paramilitary Rapid Support Forces", or after
    it, ", a rebel coalition". The cue nearest the name wins."""
    for i in range(first - 1, max(-1, first - 1 - _CONTEXT_WINDOW), -1):
        if doc.sentence[i] != doc.sentence[first]:
            break
        if doc.capitalised(i) and i in doc.consumed:
            break  # another actor's words
        kind = CONTEXT_CUES.get(doc.lower(i))
        if kind:
            return kind
    match = _APPOSITION_OPENING.match(doc.folded, doc.tokens[last].end)
    if match:
        for word in match.group(1).split():
            if word.lower() in CONTEXT_CUES:
                return CONTEXT_CUES[word.lower()]
    made_of = _MADE_OF.match(doc.folded, doc.tokens[last].end)
    if made_of:
        words = made_of.group(1).split()
        cued = next((CONTEXT_CUES[w] for w in words if w in CONTEXT_CUES), None)
        if cued or "armed" in words:
            return cued or "armed_group"
    if party_after:
        # "The Christian Democratic Union (CDU) won 28.5 percent of the vote": a party by
        # what it does in the clause after it.
        clause = _CLAUSE_AFTER.match(doc.folded, doc.tokens[last].end).group(1)
        if any(CONTEXT_CUES.get(word) == "political_party" for word in clause.lower().split()):
            return "political_party"
    return None


_CLAUSE_AFTER = re.compile(r"(?:\s*\([^)]{1,12}\))?((?:\s+[\w'.-]+){0,8})")


def is_national(doc: Doc, first: int, last: int) -> bool:
    return any(i in doc.country_at for i in range(first, last + 1))


def hyphenated_place(doc: Doc, j: int) -> bool:
    """A capitalised place joined by a hyphen to a name before it: "Castor-Baltic"."""
    return (
        j + 1 < doc.count
        and doc.gap(j) == "-"
        and doc.capitalised(j + 1)
        and doc.blocked.get(j + 1) in ("country", "region")
        and doc.capitalised(j)
        and j not in doc.blocked
    )


def abbreviated_title(doc: Doc, i: int) -> bool:
    """ "Gen.", "Col.", "Dr.": a short title word written with a full stop."""
    return doc.capitalised(i) and doc.title(i) and len(doc.word(i)) <= 4 and doc.gap(i) == ". "
