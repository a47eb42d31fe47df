"""Later mentions of what was found, and one candidate per actor."""

from ..text import fold_key
from ..words import ACTING_AFTER, acting_verb
from .doc import ActorCandidate, Doc
from .people import given_names


def repeated_names(doc: Doc, runs, found):
    """Later mentions, without the cue that found it, of an organisation, company or
    outlet already found ("Petrolux ... Petrolux")."""
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


def merge(found: list[ActorCandidate]) -> list[ActorCandidate]:
    """One candidate per actor: same name, or a name that is another's alias; a person
    named by one word after a title ("Prime Minister Kofi") is the one person found in
    full with that given name or surname."""
    given = given_names(found)
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
            if (target.kind == "other" and actor.kind != "other") or (
                actor.kind_cued and not target.kind_cued
            ):
                # "the Rapid Support Forces ... the paramilitary Rapid Support Forces": the cue holds.
                target.kind, target.kind_cued = actor.kind, actor.kind_cued
        for k in {target.key} | {fold_key(a) for a in target.aliases}:
            by_key.setdefault(k, target)
    for actor in merged:
        actor.mentions.sort()
    return merged


_GOVERNMENT_NAMES = ("government", "presidency", "administration", "cabinet", "kremlin", "council")


_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "to", "near", "of", "outside", "into", "via", "towards", "around"}
)


def acts(doc: Doc, i: int) -> bool:
    """Whether token i acts or speaks: a verb after it, no preposition before it ("Beijing
    rejected", not "talks in Beijing were")."""
    placed = i > 0 and doc.lower(i - 1) in _PLACE_PREPOSITIONS
    match = ACTING_AFTER.match(doc.folded, doc.tokens[i].end)
    return not placed and match is not None and acting_verb(match.group("verb"))


def metonyms(doc: Doc, found):
    """A capital that acts ("Tripoli said") stands for the one government of its country
    the article names ("the Council of State (CS) in Accra")."""
    governments: dict[str, list[ActorCandidate]] = {}
    for actor in found:
        if actor.kind == "state" and any(word in actor.name.lower() for word in _GOVERNMENT_NAMES):
            for iso2 in actor.countries or _seated_in(doc, actor):
                governments.setdefault(iso2, []).append(actor)
    for i, mention in doc.country_at.items():
        owners = governments.get(mention.iso2, [])
        if mention.form == "capital" and len(owners) == 1 and acts(doc, i):
            span = (doc.tokens[i].start, doc.tokens[i].end)
            owners[0].mentions.append(span)
            owners[0].add_alias(doc.text[span[0] : span[1]])


def _seated_in(doc: Doc, actor: ActorCandidate) -> list[str]:
    """The country of a government named with its seat: "the Council of State (CS)
    in Accra"."""
    if not actor.mentions:
        return []
    end = min(actor.mentions)[1]
    i = next((k for k, token in enumerate(doc.tokens) if token.start >= end), None)
    if i is not None and doc.word(i).isupper() and doc.folded[end : doc.tokens[i].start].strip() == "(":
        i += 1  # past its acronym
    if i is None or i + 1 >= doc.count or doc.lower(i) != "in":
        return []
    mention = doc.country_at.get(i + 1)
    return [mention.iso2] if mention is not None and mention.form == "capital" else []
