"""People: two to four name-like words, or one after a title, with the title read from
the words around the name; and their later mentions by surname, by a given name only one
person has, or by a name given with "known as"."""

import re
from functools import cache

from ..lexicon import table
from ..places import is_city
from ..text import fold_key
from ..words import (
    CONNECTORS,
    NAME_PARTICLES,
    ORGANISATION_HEADS,
    PORTFOLIO_WORDS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    ROMANCE_ARTICLES,
    TITLE_WORDS,
)
from .doc import (
    ActorCandidate,
    Doc,
    abbreviated_title,
    appositive_kind,
    context_kind,
    hyphenated_place,
    list_kind,
    media_phrase_before,
    modifier_country,
    noun_after,
    noun_before,
)


def people(doc: Doc, found):
    i = 0
    while i < doc.count:
        if not doc.name_like(i) and not (doc.initial(i) and i + 1 < doc.count and doc.name_like(i + 1)):
            i += 1
            continue
        j = i
        nickname = None
        while (
            j + 1 < doc.count
            and doc.sentence[j + 1] == doc.sentence[i]
            and (doc.gap(j) in (" ", "-") or doc.initial(j) or _nickname_after(doc, j))
        ):
            quoted_name = _nickname_after(doc, j) if nickname is None else None
            if quoted_name:
                nickname = quoted_name
                following = quoted_name[1] + 1
                j = following + 1 if doc.lower(following) in NAME_PARTICLES else following
                continue
            if doc.name_like(j + 1):
                j += 1
            elif doc.initial(j + 1) and j + 2 < doc.count and doc.name_like(j + 2):
                j += 2
            elif hyphenated_place(doc, j):
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
        if nickname is not None and nickname[1] == j:
            nickname = None  # a quotation after a name, not inside it
            j = _before_nickname(doc, i, j)
        named = [k for k in range(i, j + 1) if nickname is None or not nickname[0] <= k <= nickname[1]]
        length = sum(1 for k in named if doc.capitalised(k))
        title, nationality = _title_before(doc, i)
        if not title:
            title, nationality = _title_apposition(doc, i, j)
        after_title = i > 0 and (
            (doc.gap(i - 1) == " " and (doc.title(i - 1) or doc.lower(i - 1) in ROLE_NOUNS))
            or (doc.gap(i - 1) == ". " and abbreviated_title(doc, i - 1))
        )
        next_is_capital = j + 1 < doc.count and doc.gap(j) == " " and doc.capitalised(j + 1)
        span = (doc.tokens[i].start, doc.tokens[j].end)
        quoted = doc.folded[span[0] - 1 : span[0]] == '"' and doc.folded[span[1] : span[1] + 1] == '"'
        if (2 <= length <= 4 or (length == 1 and after_title)) and not next_is_capital and not quoted:
            if not after_title and not title and is_city(doc.text[span[0] : span[1]]):
                doc.consumed.update(range(i, j + 1))  # "Port Harcourt": a town, not a person
                i = j + 1
                continue
            # "the Harakat Nour movement", "shipping firms such as Castor-Baltic", "Kuwala,
            # the hardline daily,": not people.
            kind = (
                noun_after(doc, doc.tokens[j].end)
                or list_kind(doc, i)
                or noun_before(doc, i)
                or appositive_kind(doc, j)
                or _titled_by_article(doc, i, j, after_title or bool(title))
                or (None if after_title or title else media_phrase_before(doc, i))
                or (None if after_title or title else _which_after(doc, i, j))
            )
            if kind:
                actor = ActorCandidate(
                    name=doc.text[span[0] : span[1]],
                    kind=kind,
                    rule="name the words around make an organisation",
                )
                actor.mentions.append(span)
                nationality = modifier_country(doc, i)
                if nationality:
                    actor.add_country(nationality)
                elif i > 0 and doc.gap(i - 1).startswith("'") and (i - 1) in doc.country_at:
                    actor.add_country(doc.country_at[i - 1].iso2)
                doc.consumed.update(range(i, j + 1))
                found.append(actor)
                i = j + 1
                continue
            name = doc.text[span[0] : span[1]]
            if nickname is not None:
                # "Ahmed "Tiger" Salim" is Ahmed Salim, also called Tiger.
                first, last = nickname
                before = doc.text[span[0] : doc.tokens[first].start].rstrip(" \"\u201c\u201d'\u2018\u2019")
                after = doc.text[doc.tokens[last].end : span[1]].lstrip(" \"\u201c\u201d'\u2018\u2019")
                name = f"{before} {after}"
            rule = "person with a title" if title or after_title else "person's name"
            actor = ActorCandidate(name=name, kind="person", role_title=title, rule=rule)
            actor.mentions.append(span)
            if nickname is not None:
                actor.add_alias(doc.text[doc.tokens[nickname[0]].start : doc.tokens[nickname[1]].end])
            if not nationality and i > 0 and doc.gap(i - 1).startswith("'") and (i - 1) in doc.country_at:
                nationality = doc.country_at[i - 1].iso2  # "Senegal's Aliou Ndiaye"
            if nationality:
                actor.add_country(nationality)
            doc.consumed.update(range(i, j + 1))
            found.append(actor)
        i = j + 1


_ROLE_ENDS = "|".join(sorted(ROLE_NOUNS | TITLE_WORDS, key=len, reverse=True))


# ", the defence minister," or ", a former national security adviser," after a name.
_APPOSITION_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?P<title>(?:[\w'.-]+\s+){0,5}?(?:" + _ROLE_ENDS + r"))"
    r"(?=\s*[,.;]|\s+(?:said|says|told|who|and|at|of|in|for|based)\b)",
    re.I,
)


# "Senegal's foreign minister, " before a name.
_APPOSITION_BEFORE = re.compile(
    r"(?:^|(?<=[\s\"(]))(?P<title>(?:[A-Z][\w.-]*'s\s+|(?:the|a|an)\s+)(?:[\w'.-]+\s+){0,4}?(?:"
    + _ROLE_ENDS
    + r")),\s+$",
    re.I,
)


def _titled_by_article(doc: Doc, i: int, j: int, titled: bool) -> str | None:
    """ "El Tiempo", "La Stampa": two words opening with a Romance article are a title, not a
    person; an outlet when a reporting verb follows in the clause."""
    if titled or j != i + 1 or doc.lower(i) not in ROMANCE_ARTICLES:
        return None
    after = doc.folded[doc.tokens[j].end : doc.tokens[j].end + 80]
    # "El Nacional, which now publishes only online, covered them": past a relative clause.
    clause = re.match(r"(?:,\s+which\s[^,;.]*,)?[^,;.]*", after).group()
    return "media" if any(word in REPORTING_VERBS for word in clause.lower().split()) else "other"


def _which_after(doc: Doc, i: int, j: int) -> str | None:
    """ "The opposition's Unitary Platform, which backed González": a relative "which"
    makes a name no person; the words before it may say what it is."""
    if not re.match(r",\s+which\b", doc.folded[doc.tokens[j].end : doc.tokens[j].end + 10]):
        return None
    return context_kind(doc, i, j) or "other"


def _nickname_after(doc: Doc, j: int) -> tuple[int, int] | None:
    """A nickname in quotes right after token j and before the rest of the name: the
    tokens it spans, if one or more name-like words or a particle follow it."""
    opening = doc.gap(j)
    if opening not in (' "', " '") or not doc.capitalised(j):
        return None
    closing = opening[1] + " "  # "Ahmed "Tiger" Salim", "Jimmy 'Barbecue' Cherizier"
    for k in range(j + 1, min(j + 5, doc.count - 1)):
        if doc.sentence[k] != doc.sentence[j]:
            return None
        if doc.gap(k) == closing:
            following = k + 1
            if doc.name_like(following) or (
                doc.lower(following) in NAME_PARTICLES
                and following + 1 < doc.count
                and doc.name_like(following + 1)
            ):
                return j + 1, k
            return None
        if doc.gap(k) != " ":
            return None
    return None


def _before_nickname(doc: Doc, i: int, j: int) -> int:
    k = j
    while k > i and doc.gap(k - 1) not in (' "', " '"):
        k -= 1
    return max(i, k - 1)


def _title_apposition(doc: Doc, first: int, last: int) -> tuple[str, str]:
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


def _title_before(doc: Doc, first: int) -> tuple[str, str]:
    """Read the title backwards from a name: "Russian Ambassador to Ghana and Togo Pavel
    Orlov" gives ("Russian Ambassador to Ghana and Togo", "RU")."""
    chain: list[int] = []
    head = None
    i = first - 1
    if i >= 0 and doc.lower(i) in {"in", "at"}:
        return "", ""  # "a reporter at Efecto Cocuyo": the name is where the reporter works
    while i >= 0 and doc.sentence[i] == doc.sentence[first]:
        gap = doc.gap(i)
        if gap not in (" ", "-", "'s ", "' ") and not (gap == ". " and abbreviated_title(doc, i)):
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
    # "Senegal's President": the possessor gives the nationality and stays out of the title.
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
    if abbreviated_title(doc, chain[-1]):
        title += "."
    return title, nationality


_KNOWN_AS = re.compile(
    r",?\s+(?:(?:also|better|widely|popularly|commonly)\s+)?(?:known|referred\s+to)\s+as\s+(?:the\s+)?"
    r"\"?(?P<alias>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})"
)


def given_names(found) -> dict[str, "ActorCandidate"]:
    """Given names that stand for one person only ("Kofi" for "Kofi Mensah"), where no
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


def surname_mentions(doc: Doc, found):
    """Later mentions by surname ("Sanda"), by a given name that only one person has
    ("invited Kofi and Amina"), or by a name given with "known as"."""
    people = {}
    given = given_names(found)
    for actor in found:
        if actor.kind == "person" and " " in actor.name:
            people.setdefault(fold_key(actor.name.split()[-1]), actor)
            for alias in actor.aliases:  # a nickname used alone later ("Barbecue denied it")
                if " " not in alias.strip():
                    people.setdefault(fold_key(alias), actor)
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


@cache
def well_known_people() -> dict[str, tuple[str, str]]:
    """The surnames that stand alone for one well-known person ("Putin"), folded, to the
    full name and country (`data/well_known_people.toml`)."""
    return {
        fold_key(word): (full, iso2) for word, (full, iso2) in table("well_known_people")["people"].items()
    }


def _alone(doc: Doc, i: int) -> bool:
    """Token i is a word of its own, not part of a longer capitalised name."""
    before = i > 0 and doc.gap(i - 1) in (" ", "-") and doc.capitalised(i - 1) and not doc.starts_sentence[i]
    after = i + 1 < doc.count and doc.gap(i) in (" ", "-") and doc.capitalised(i + 1)
    return not before and not after


def lone_surnames(doc: Doc, found):
    """People named by one word alone: a well-known person's surname ("Putin's gain",
    "Macron had staked much") or a name a relative "who" makes a person ("Madobe, who has
    led the administration"); each later use of the word is a mention of the same person."""
    known = well_known_people()
    full_named = {fold_key(a.name.split()[-1]) for a in found if a.kind == "person" and " " in a.name}
    people: dict[str, ActorCandidate] = {}
    for i in range(doc.count):
        if i in doc.consumed or i in doc.blocked or not doc.capitalised(i) or not _alone(doc, i):
            continue
        key = fold_key(doc.word(i))
        if key in full_named:
            continue  # "Lavrov" after "Sergei Lavrov": a surname mention, read later
        actor = people.get(key)
        if actor is None:
            word = doc.word(i)
            if key in known:
                full, iso2 = known[key]
                actor = ActorCandidate(name=word, kind="person", rule="well-known person by surname")
                actor.add_alias(full)
                actor.add_country(iso2)
            elif _relative_who(doc, i) and _single_name(doc, i):
                actor = ActorCandidate(name=word, kind="person", rule="name before ', who'")
            else:
                continue
            people[key] = actor
            found.append(actor)
        actor.mentions.append((doc.tokens[i].start, doc.tokens[i].end))
        doc.consumed.add(i)


def _relative_who(doc: Doc, i: int) -> bool:
    return i + 1 < doc.count and doc.gap(i) == ", " and doc.word(i + 1) == "who"


def _single_name(doc: Doc, i: int) -> bool:
    """A word that can be a surname: name-like, no organisation's head or title."""
    word = doc.lower(i)
    return doc.name_like(i) and word not in ORGANISATION_HEADS and word not in TITLE_WORDS
