"""Ships and places that look like names: set aside before any actor is read, with every
later mention of the same name."""

import re

from ..text import fold_key
from ..words import (
    ASSAULT_NOUNS,
    LOCATIVE_BEFORE,
    NAME_PARTICLES,
    PLACE_HEADS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PLACE_VERBS,
    ROLE_NOUNS,
    SHIP_PREFIXES,
    VESSEL_NOUNS,
)
from .doc import Doc, strip_leading


def vessels(doc: Doc):
    """ "BRP Laguna Verde", "the car carrier Ocean Pearl": a ship is not an actor."""
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


def places(doc: Doc, runs):
    """Runs the words around make places ("near Sandy Bank", "the village of Upper Dolan",
    "its Kaveri province", "the Cape of Storms"), then every later mention of them."""
    for run in runs:
        part = [i for i in run if i not in doc.consumed]
        part = strip_leading(doc, part)
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


# ", the Delta's oil capital," after a name: the name is a place.
_PLACE_APPOSITION = re.compile(
    r",\s+(?:the|its|a|an)\s+(?:[\w'.-]+\s+){0,3}?(?:capital|city|town|port|village|hub|stronghold|enclave|"
    r"province|region|district|island)\b"
)


def _locative(doc: Doc, first: int, last: int) -> bool:
    if _PLACE_APPOSITION.match(doc.folded, doc.tokens[last].end):
        return True
    before = first - 1
    while before >= 0 and doc.lower(before) in NAME_PARTICLES and doc.gap(before) in (" ", "-"):
        before -= 1  # "into Abu Hamad": past the particle that opens the name
    if before >= 0 and doc.gap(before) == " " and doc.sentence[before] == doc.sentence[first]:
        word = doc.word(before)
        employer = before > 0 and doc.gap(before - 1) == " " and doc.lower(before - 1) in ROLE_NOUNS
        if word in PLACE_PREPOSITIONS and not employer:
            return True  # "in Abu Hamad"; but "a reporter at Efecto Cocuyo" works there
        if doc.lower(before) in PLACE_VERBS:
            return True  # "the army retook Um Rawaba"
        if (
            word in ("from", "to", "into")
            and before > 0
            and doc.gap(before - 1) == " "
            and doc.lower(before - 1) in PLACE_VERBS
        ):
            return True  # "refugees arrived from Ras Kamboni"
        if (
            word in ("on", "of", "for")
            and before > 0
            and doc.gap(before - 1) == " "
            and doc.word(before - 1) in ASSAULT_NOUNS
        ):
            return True  # "the assault on Abu Hamad"
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


def _place_headed(doc: Doc, part: list[int]) -> bool:
    """ "Cape of Storms", "Lake Dolan", "Camp Liberty": a place head that opens the run."""
    first = part[0]
    return doc.lower(first) in PLACE_HEADS and len(part) > 1


def _consume_named(doc: Doc, run: list[int], names: set[str]):
    """Consume every stretch of a run that spells one of `names`."""
    free = [i for i in run if i not in doc.consumed]
    k = 0
    while k < len(free):
        for m in range(min(len(free), k + 6), k, -1):
            stretch = free[k:m]
            if stretch != list(range(stretch[0], stretch[-1] + 1)):
                continue
            key = fold_key(doc.folded[doc.tokens[stretch[0]].start : doc.tokens[stretch[-1]].end])
            rest = free[m:]
            if key in names and not any(doc.capitalised(i) and doc.head_kind(i) for i in rest):
                # (a place that opens an organisation's name, "Kaveri Regional Council", stays in it)
                doc.consumed.update(stretch)
                k = m - 1
                break
        k += 1
