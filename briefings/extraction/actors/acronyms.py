"""Acronyms: defined in parentheses after their long form, whose later bare uses are
mentions of the same actor, or used without a definition."""

import re

from ..words import (
    COMPANY_SUFFIXES,
    CONNECTORS,
    INTERNATIONAL_MARKERS,
    KIND_CUES_AFTER,
    NAME_PARTICLES,
    NON_ACTOR_ACRONYMS,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    SHIP_PREFIXES,
    THING_HEADS,
    WEAPON_NOUNS,
)
from .cues import known_acronym_kinds
from .doc import (
    ActorCandidate,
    Doc,
    is_national,
    kind_and_cue,
    list_kind,
    modifier_use,
    noun_after,
    noun_before,
    token_start_before,
)

_ACRONYM = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")


def acronym_definitions(doc: Doc, found, acronyms):
    for match in _ACRONYM.finditer(doc.folded, doc.layout.body_start, doc.layout.body_end):
        acronym = match.group("acr").rstrip(".")
        letters = [c for c in acronym if c.isalpha()]
        if len(letters) < 2 or sum(c.isupper() for c in letters) < max(2, len(letters) - 1):
            continue
        if acronym in NON_ACTOR_ACRONYMS:
            continue
        last = doc.index_at.get(token_start_before(doc, match.start()))
        if last is None:
            continue
        first = _long_form_start(doc, last, acronym)
        lower_case = False
        if first is None:
            # "the Ghanaian armed forces (GAF)": a long form in lower case, spelled out in full.
            first = _lower_case_long_form(doc, last, acronym)
            lower_case = first is not None
        if first is None:
            continue
        if doc.lower(last) in PLACE_HEADS or doc.lower(last) in THING_HEADS:
            # "Blue River Dam (BRD)", "Coastal Patrol Agreement (CPA)".
            doc.consumed.update(range(first, last + 1))
            doc.not_actor_acronyms.add(acronym)
            continue
        words = [i for i in range(first, last + 1) if doc.capitalised(i)]
        if not lower_case and (not words or all(i in doc.blocked for i in words)):
            continue
        initials = [doc.word(i)[0].upper() for i in range(first, last + 1) if doc.lower(i) not in CONNECTORS]
        overlap = sum(1 for c in {c.upper() for c in letters} if c in initials)
        spelled = _spells("".join(letters).lower(), tuple(doc.lower(i) for i in range(first, last + 1)))
        cued = noun_before(doc, first) is not None and doc.word(first)[0].upper() == letters[0].upper()
        if not spelled and not cued and overlap / len({c.upper() for c in letters}) < 0.5:
            continue  # (but "the far-right party Alternative for Germany (AfD)": the cue names it)
        first = _with_national_prefix(doc, first)
        span = (doc.tokens[first].start, doc.tokens[last].end)
        if _company_suffix_start(doc, last) is not None and doc.folded[span[1] : span[1] + 1] == ".":
            span = (span[0], span[1] + 1)  # "S.A." keeps its last full stop
        head_kind, cued = kind_and_cue(doc, first, last, any_case=lower_case)
        kind = head_kind or noun_after(doc, match.end()) or noun_before(doc, first) or "other"
        rule = "lower-case name beside its acronym" if lower_case else "acronym defined in parentheses"
        actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind, rule=rule, kind_cued=cued)
        actor.mentions.append(span)
        actor.add_alias(acronym)
        for i in range(first, last + 1):
            if i in doc.country_at and is_national(doc, first, last):
                actor.add_country(doc.country_at[i].iso2)
        doc.consumed.update(range(first, last + 1))
        acr_index = doc.index_at.get(match.start("acr"))
        if acr_index is not None:
            doc.consumed.add(acr_index)
        found.append(actor)
        acronyms[acronym] = actor


_LONG_FORM_INNER = CONNECTORS | NAME_PARTICLES | {"in", "at"}


def _lower_case_long_form(doc: Doc, last: int, acronym: str) -> int | None:
    """The start of a long form written in lower case ("the Ghanaian armed forces (GAF)"):
    as many words as the acronym has letters, their initials spelling it, the last an
    organisation's head word."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not 2 <= len(letters) <= 5 or doc.lower(last) not in ORGANISATION_HEADS:
        return None
    in_order = _spelled_backwards(doc, last, letters)
    return in_order if in_order is not None else _national_in_other_order(doc, last, acronym)


def _national_in_other_order(doc: Doc, last: int, acronym: str) -> int | None:
    """ "the Malian armed forces (FAMa)", for the French "Forces armées maliennes": a
    country's name or demonym and lower-case words whose initials are the acronym's
    capitals in another order."""
    capitals = sorted(c.lower() for c in acronym if c.isupper())
    first = last - len(capitals) + 1
    if len(capitals) < 2 or first < 0 or first not in doc.country_at:
        return None
    words = range(first, last + 1)
    if any(doc.sentence[i] != doc.sentence[last] for i in words) or any(
        doc.gap(i) != " " for i in words[:-1]
    ):
        return None
    if any(doc.capitalised(i) for i in words[1:]):
        return None
    return first if sorted(doc.lower(i)[0] for i in words) == capitals else None


def _spelled_backwards(doc: Doc, last: int, letters: list[str]) -> int | None:
    i, k = last, len(letters) - 1
    while i >= 0 and k >= 0 and doc.sentence[i] == doc.sentence[last]:
        if doc.lower(i) in CONNECTORS and k < len(letters) - 1:
            i -= 1
            continue
        if doc.lower(i)[0] != letters[k] or (i < last and doc.gap(i) not in (" ", "-")):
            return None
        k -= 1
        if k < 0:
            return i
        i -= 1
    return None


def _with_national_prefix(doc: Doc, first: int) -> int:
    """ "the US Africa Command (AFRICOM)", "the UN Office for Project Services (UNOPS)": a country or an
    international body written just before the spelled-out words belongs to the name."""
    before = first - 1
    if before < 0 or doc.gap(before) != " " or doc.sentence[before] != doc.sentence[first]:
        return first
    word = doc.word(before)
    national = before in doc.country_at and doc.country_at[before].form in ("name", "demonym")
    international = word.isupper() and word.lower() in INTERNATIONAL_MARKERS
    return before if national or international else first


def _long_form_start(doc: Doc, last: int, acronym: str = "") -> int | None:
    """Walk back from the word before "(" over capitalised words and connectors; then, if
    the initials of a shorter stretch spell the acronym, take the shortest such stretch
    ("the Civilian Mission in Kaveri (CMK)", "China Harbour Engineering Company
    (CHEC)"). Acronyms in another language's order ("Front for the Liberation of the
    Coast (FLC)" for a French "Front de libération de la côte") keep the whole walk, up to a
    possessive."""
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
        elif doc.lower(i) == "the" and i > 0 and doc.lower(i - 1) == "and":
            break  # "Captain Sy and the Renewal Movement ... (MRN)": two actors
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


def _company_suffix_start(doc: Doc, last: int) -> int | None:
    """The first token of a company suffix ending at `last` ("S.A", "Inc"), set off by a
    comma or a space from the name before it."""
    for first in range(last, max(last - 3, 0), -1):
        if any(doc.gap(k) not in (".", "") for k in range(first, last)):
            break
        key = "".join(doc.lower(k) for k in range(first, last + 1))
        if key in COMPANY_SUFFIXES and doc.gap(first - 1) in (", ", " "):
            return first
    return None


def _initials_start(doc: Doc, first: int, last: int, acronym: str) -> int | None:
    """The latest word from which the words, in order, spell the acronym by their initials
    ("ECOWAS") or by their first syllables ("ANDECOM": Andean Community)."""
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


def bare_acronyms(doc: Doc, found, acronyms):
    undefined: dict[str, ActorCandidate] = {}
    numbered = _numbered_names(doc)
    for i, token in enumerate(doc.tokens):
        capitals = token.all_caps or token.text in numbered
        if i in doc.blocked or not capitals or i in doc.consumed and token.text not in acronyms:
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
        if _designation(doc, i) or _weapon(doc, i):
            doc.consumed.add(i)  # "KH-55", "S-300", "MAM-L": a weapon, not an acronym
            continue
        # "COP29", "G20": meetings and groupings, not actors, unless a noun makes them one
        # ("the M23 rebels"); ship prefixes.
        digits = any(c.isdigit() for c in text)
        if (digits and text not in numbered) or text in doc.not_actor_acronyms or text in SHIP_PREFIXES:
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
            kind = (
                numbered.get(text)
                or known_acronym_kinds().get(text)
                or noun_before(doc, i)
                or list_kind(doc, i)  # "public broadcasters ARD and ZDF"
                or "other"
            )
            rule = (
                "numbered name before a kind noun"
                if text in numbered
                else "well-known organisation"
                if text in known_acronym_kinds()
                else "acronym used alone"
            )
            actor = undefined[text] = ActorCandidate(name=text, kind=kind, rule=rule)
        actor.mentions.append((token.start, token.end))
        if not modifier_use(doc, i) and actor not in found:
            found.append(actor)  # "UN experts" alone makes no actor of the UN
        doc.consumed.add(i)


def _designation(doc: Doc, i: int) -> bool:
    """A weapon's or a model's designation: capitals joined by a hyphen to a number or a
    single letter ("KH-55", "S-300", "SOM-J", "F-15E")."""
    if doc.gap(i) == "-" and i + 1 < doc.count:
        following = doc.word(i + 1)
        if following[:1].isdigit() or (len(following) == 1 and following.isupper()):
            return True
    return i > 0 and doc.gap(i - 1) == "-" and (doc.word(i - 1)[:1].isdigit() or len(doc.word(i - 1)) <= 3)


def _weapon(doc: Doc, i: int) -> bool:
    """ "ATACMS and HIMARS ammunition", "PAC-3 missiles": capitals before a weapon's noun."""
    k = i + 1
    while (
        k + 1 < doc.count and doc.gap(k - 1) == " " and doc.lower(k) == "and" and doc.tokens[k + 1].all_caps
    ):
        k += 2  # past "and HIMARS"
    return k < doc.count and doc.gap(k - 1) == " " and doc.lower(k) in WEAPON_NOUNS


def _numbered_names(doc: Doc) -> dict[str, str]:
    """Acronyms with a number that a noun after them makes an actor ("the M23 rebels"),
    with the kind the noun gives."""
    found = {}
    for i, token in enumerate(doc.tokens):
        if (
            token.all_caps
            and any(c.isdigit() for c in token.text)
            and i + 1 < doc.count
            and doc.gap(i) == " "
        ):
            kind = KIND_CUES_AFTER.get(doc.lower(i + 1))
            if kind:
                found.setdefault(token.text, kind)
    return found


def _spelled_out(acronym: str, found) -> ActorCandidate | None:
    """The organisation whose initials an undefined acronym spells ("AU": "African Union")."""
    for actor in found:
        if actor.kind == "person":
            continue
        words = [w for w in re.findall(r"[A-Za-z']+", actor.name) if w.lower() not in CONNECTORS]
        if len(words) >= 2 and "".join(w[0] for w in words).upper() == acronym.upper():
            return actor
        names = tuple(w.lower() for w in words if w.lower() not in NAME_PARTICLES)
        if len(names) >= 3 and "".join(w[0] for w in names).upper() == acronym.upper():
            return actor  # "Jabhat Nasr wal-Jihad": JNJ
    return None


def _shouting(doc: Doc, i: int) -> bool:
    sentence = doc.layout.sentences[doc.sentence[i]] if doc.sentence[i] < len(doc.layout.sentences) else None
    if sentence is None:
        return True
    letters = [c for c in doc.folded[sentence[0] : sentence[1]] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6
