"""Single words that the words around them make an actor: a known news organisation, a
company or outlet by a cue noun ("the energy giant Sinoray", "an interview with
Radiovox"), a programme in apposition ("its own mission, Trident"), a polity by the
office its possessive holds ("Puntmark's president"), a brand by its inner capital."""

import re
from functools import cache

from ..gazetteer import Gazetteer
from ..lexicon import table
from ..text import fold, fold_key
from ..words import (
    APPOSITION_CUES,
    GOVERNMENT_WORDS,
    KIND_CUES_BEFORE,
    KNOWN_MEDIA,
    MEDIA_CUE_AFTER,
    PLACE_HEADS,
    REPORTING_VERBS,
    THING_HEADS,
)
from .doc import (
    ActorCandidate,
    Doc,
    cue_kind_at,
    hyphenated_place,
    list_kind,
    media_phrase_before,
    modifier_country,
    modifier_use,
)


def known_media(doc: Doc, runs, found):
    for run in runs:
        for first in range(len(run)):
            for last in range(len(run) - 1, first - 1, -1):
                start, end = doc.tokens[run[first]].start, doc.tokens[run[last]].end
                name = doc.folded[start:end]
                if name.lower() not in KNOWN_MEDIA or any(i in doc.consumed for i in run[first : last + 1]):
                    continue
                if len(name) <= 3 and not name.isupper():
                    continue
                if last + 1 < len(run) and doc.lower(run[last + 1]) in ("of", "in"):
                    continue  # "The Times of Malta" is not "The Times"
                name_start = start + 4 if name.lower().startswith("the ") else start
                actor = ActorCandidate(
                    name=doc.text[name_start:end], kind="media", rule="known news organisation"
                )
                actor.mentions.append((name_start, end))
                doc.consumed.update(run[first : last + 1])
                found.append(actor)
                break


@cache
def known_acronym_kinds() -> dict[str, str]:
    """The kinds of the well-known organisations named by an acronym ("NATO")."""
    return {
        name: kind
        for kind, names in table("known_organisations")["names"].items()
        for name in names
        if name.isupper()
    }


@cache
def _known_organisations() -> Gazetteer:
    """The well-known organisations named in words; their acronyms are read with the other
    acronyms, so that "AU" after "African Union" is an alias of it."""
    gazetteer = Gazetteer()
    for kind, names in table("known_organisations")["names"].items():
        for name in names:
            if not name.isupper():
                gazetteer.add(fold(name), (name, kind))
    return gazetteer


def known_organisations(doc: Doc, found):
    """Organisations named without a cue ("NATO condemned", "an al-Qaeda affiliate"), where
    the name is the whole capitalised run, and not as a mere modifier ("UN experts")."""
    actors: dict[str, ActorCandidate] = {}
    for hit in _known_organisations().find(doc.folded, doc.tokens, require_capital=False):
        name, kind = hit.payload
        tokens = range(hit.first, hit.last + 1)
        if any(i in doc.consumed or i in doc.blocked for i in tokens):
            continue
        if name[:1].isupper() and not doc.capitalised(hit.first):
            continue
        before, after = hit.first - 1, hit.last + 1
        if (
            before >= 0
            and doc.gap(before) == " "
            and doc.capitalised(before)
            and not doc.starts_sentence[hit.first]
            and not doc.common(before)
        ) or (after < doc.count and doc.gap(hit.last) == " " and doc.capitalised(after)):
            continue  # part of a longer name: "UN Peacebuilding Commission"
        doc.consumed.update(tokens)
        actor = actors.get(name)
        if actor is None:
            actor = actors[name] = ActorCandidate(
                name=doc.text[hit.start : hit.end], kind=kind, rule="well-known organisation"
            )
        actor.mentions.append((hit.start, hit.end))
        if not modifier_use(doc, hit.last) and actor not in found:
            found.append(actor)


def cued_words(doc: Doc, found):
    for i in range(doc.count):
        if i in doc.consumed or i in doc.blocked or not doc.capitalised(i) or doc.common(i):
            continue
        if doc.title(i) or doc.lower(i) in PLACE_HEADS or doc.lower(i) in THING_HEADS:
            continue
        j = i
        while j + 1 < doc.count and (
            # "the state broadcaster Télé Sahel": a region may end the name the cue gives.
            (doc.gap(j) == " " and doc.capitalised(j + 1) and doc.blocked.get(j + 1) in (None, "region"))
            or hyphenated_place(doc, j)
        ):
            j += 1
        kind = _cue_kind(doc, i, j, found)
        if kind is None and j == i and _possessed_office(doc, i, found):
            kind = "state"
        if kind is None and j == i and _CAMEL_CASE.fullmatch(doc.word(i)):
            kind = "company"
        if kind is None:
            continue
        start = i
        if (
            i > 0
            and doc.gap(i - 1) == " "
            and doc.sentence[i - 1] == doc.sentence[i]
            and i - 1 in doc.country_at
            and doc.country_at[i - 1].form == "name"
            and (i - 1 == 0 or doc.gap(i - 2) != " " or not doc.capitalised(i - 2))
        ):
            start = i - 1  # "Ethiopia Insight reported": the country opens the outlet's name
        span = (doc.tokens[start].start, doc.tokens[j].end)
        actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind, rule="word the context names")
        actor.mentions.append(span)
        nationality = modifier_country(doc, i)
        if nationality:
            actor.add_country(nationality)
        doc.consumed.update(range(i, j + 1))
        found.append(actor)


_APPOSITIVE = re.compile(r",\s+(?:a|an|the|its|their)\s+(?P<words>(?:[\w'-]+\s+){0,4}[\w'-]+)")


def _cue_kind(doc: Doc, first: int, last: int, found) -> str | None:
    before = doc.folded[max(0, doc.tokens[first].start - 40) : doc.tokens[first].start].lower()
    if first > 0 and doc.gap(first - 1) == " " and doc.sentence[first - 1] == doc.sentence[first]:
        cue = doc.lower(first - 1)
        if (cue in KIND_CUES_BEFORE or cue == "counterpart") and not doc.capitalised(first - 1):
            if cue == "counterpart":
                # "Metalkom competes with its German counterpart Stahlwerk": Metalkom's kind.
                sentence = doc.layout.sentences[doc.sentence[first]]
                position = doc.tokens[first].start
                earlier = sorted(
                    (s, actor.kind)
                    for actor in found
                    for s, _ in actor.mentions
                    if sentence[0] <= s < position
                )
                return earlier[-1][1] if earlier else "other"
            return cue_kind_at(doc, first - 1)
    if media_phrase_before(doc, first):
        return "media"
    joined = _joined_to(doc, first, found)
    if joined:
        return joined
    apposition = re.search(r"\b([a-z]+),\s+$", before)
    if apposition and apposition.group(1) in APPOSITION_CUES:
        return KIND_CUES_BEFORE.get(apposition.group(1)) or None
    listed = list_kind(doc, first)
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


def _joined_to(doc: Doc, first: int, found) -> str | None:
    """ "El Tiempo and Semana both reported": a word joined by "and" to an outlet or a
    company already found, before a reporting verb, is of its kind."""
    if first < 2 or doc.lower(first - 1) != "and" or doc.gap(first - 1) != " ":
        return None
    end = doc.tokens[first - 2].end
    kinds = [a.kind for a in found if a.kind in ("media", "company") and any(e == end for _, e in a.mentions)]
    if not kinds:
        return None
    clause = doc.folded[doc.tokens[first].end : doc.tokens[first].end + 30].lower().split()[:3]
    return kinds[0] if any(word in REPORTING_VERBS for word in clause) else None


# "ExxonMobil", "PetroChina", "TotalEnergies": a capital inside a word is a brand's; not
# "McDonald", "MacArthur", "DeGaulle", "LeBlanc".
_CAMEL_CASE = re.compile(
    r"(?!Mc|Mac[A-Z]|De[A-Z]|Di[A-Z]|Da[A-Z]|La[A-Z]|Le[A-Z]|Van[A-Z]|Fitz)[A-Z][a-z]+[A-Z][a-z]+[A-Za-z]*"
)


def _possessed_office(doc: Doc, i: int, found) -> bool:
    """ "Puntmark's president": a name whose possessive holds a government's office is a
    polity (unless it is the name of a person already found)."""
    if doc.gap(i) not in ("'s ", "' ") or i + 1 >= doc.count or doc.lower(i + 1) not in GOVERNMENT_WORDS:
        return False
    key = fold_key(doc.word(i))
    return not any(key in fold_key(actor.name).split() for actor in found if actor.kind == "person")
