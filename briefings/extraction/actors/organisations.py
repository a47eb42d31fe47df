"""Organisations: runs of capitalised words holding a head word ("Committee", "Party",
"Forces", "Operation X"), whose head suggests the kind."""

import re

from ..words import (
    CONNECTORS,
    CONTEXT_HEADS,
    HEAD_INITIAL,
    KIND_CUES_AFTER,
    NAME_PARTICLES,
    PLACE_HEADS,
    THING_HEADS,
)
from .doc import ActorCandidate, Doc, context_kind, is_national, kind_and_cue, modifier_country, strip_leading


def capitalised_runs(doc: Doc) -> list[list[int]]:
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
                while (
                    k < doc.count and doc.lower(k) in CONNECTORS | NAME_PARTICLES and doc.gap(k) in (" ", "-")
                ):
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


def _has_head(doc: Doc, part: list[int]) -> bool:
    return any(doc.capitalised(i) and doc.head_kind(i) and i not in doc.blocked for i in part)


def _split_at_and(doc: Doc, run: list[int]) -> list[list[int]]:
    """ "Amadou Sy and Bakary Traore" are two; "Peace and Unity Initiative" is one."""
    for position, i in enumerate(run):
        if doc.lower(i) != "and":
            continue
        left, right = run[:position], run[position + 1 :]
        # "Ama Owusu and the National Renewal Party": "and the" joins two actors, never one name.
        and_the = bool(right) and doc.lower(right[0]) == "the"
        # "Garowe Online and Radio Kulmiye": a head that opens its own name starts a second one.
        opens_name = bool(right) and doc.capitalised(right[0]) and doc.head_word(right[0]) in HEAD_INITIAL
        if not and_the and not opens_name and not _has_head(doc, left) and _has_head(doc, right):
            continue
        if _open_complement(doc, left) and _completes(doc, right):
            # "Institute for Peace and Conflict Studies": the "and" is inside "for ...".
            continue
        return [left] + _split_at_and(doc, right)
    return [run]


def _open_complement(doc: Doc, part: list[int]) -> bool:
    """A head followed by "of"/"for"/"on" within the part: its complement is still open."""
    heads = [
        k for k, i in enumerate(part) if doc.capitalised(i) and doc.head_kind(i) and i not in doc.blocked
    ]
    return bool(heads) and any(doc.lower(i) in {"of", "for", "on"} for i in part[heads[-1] + 1 :])


def _completes(doc: Doc, part: list[int]) -> bool:
    """Words that can end a complement: no head, country or date of their own."""
    return bool(part) and not _has_head(doc, part) and not any(i in doc.blocked for i in part)


_AFTER_A_PLACE = frozenset({"to", "against", "with", "and", "from", "on", "in"})


def _without_leading_place(doc: Doc, part: list[int]) -> list[int]:
    """ "Togo to the International Tribunal for the Law of the Sea": a country and the words that tie it
    to a name are no part of that name."""
    k = 0
    while k < len(part) and part[k] in doc.blocked:
        k += 1
    if 0 < k < len(part) and doc.lower(part[k]) in _AFTER_A_PLACE:
        return part[k + 1 :]
    return part


def numbered_units(doc: Doc, found):
    """ "the 444 Brigade", "the 3rd Infantry Division": a number, then capitalised words
    the last of which is an armed force's head."""
    for i in range(doc.count - 1):
        number = doc.word(i)
        if i in doc.consumed or not (number.isdigit() or re.fullmatch(r"\d+(?:st|nd|rd|th)", number)):
            continue
        j = i
        while (
            j + 1 < doc.count
            and doc.gap(j) == " "
            and doc.capitalised(j + 1)
            and j + 1 not in doc.consumed
            and j + 1 not in doc.blocked
            and doc.sentence[j + 1] == doc.sentence[i]
        ):
            j += 1
        if j == i or doc.head_kind(j) != "armed_force":
            continue
        span = (doc.tokens[i].start, doc.tokens[j].end)
        actor = ActorCandidate(
            name=doc.text[span[0] : span[1]], kind="armed_force", rule="organisation head word"
        )
        actor.mentions.append(span)
        doc.consumed.update(range(i, j + 1))
        found.append(actor)


def organisations(doc: Doc, runs, found):
    numbered_units(doc, found)
    for run in runs:
        run = [i for i in run if i not in doc.consumed]
        while run and (doc.blocked.get(run[0]) == "date" or doc.lower(run[0]) in CONNECTORS):
            run = run[1:]  # "On 30 September the UN Security Council voted"
        run = strip_leading(doc, run)
        for part in _split_at_and(doc, run):
            part = strip_leading(doc, _without_leading_place(doc, part))
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
                # "the Paris Agreement", "Liberty Square"; but "School of Public Policy"
                # is a school, its last word inside the complement.
                doc.consumed.update(part)
                continue
            last_head = heads[-1]
            end = last_head
            if doc.head_word(last_head) in HEAD_INITIAL:
                # "Radio Mogadishu", "Radio France Internationale": a place may name it.
                while end + 1 <= part[-1] and doc.blocked.get(end + 1) in (None, "country", "region"):
                    if doc.capitalised(end + 1):
                        end += 1
                    else:
                        # "Jabhat Nasr wal-Jihad", "Comandos de la Frontera"
                        k = end + 1
                        while k <= min(part[-1], end + 2) and doc.lower(k) in NAME_PARTICLES | CONNECTORS:
                            k += 1
                        if k == end + 1 or k > part[-1] or not doc.capitalised(k):
                            break
                        end = k
                if end == last_head and doc.head_kind(last_head) == "programme":
                    continue  # "Operation" needs its name
            else:
                # The complement: "of the People", up to the end of the run unless a name follows.
                tail = [i for i in part if i > last_head]
                if tail and doc.lower(tail[0]) in CONNECTORS:
                    end = part[-1]
            if (
                doc.head_kind(last_head) in ("armed_force", "programme")
                and end == last_head
                and end + 1 < doc.count
                and doc.gap(end) == " "
                and doc.word(end + 1).isdigit()
                and doc.sentence[end + 1] == doc.sentence[end]
            ):
                end += 1  # "Combined Task Force 153": its number is its name
            start = part[0]
            # A title or a lone head word is not an organisation ("the Party", "Prime Minister").
            named = [i for i in range(start, end + 1) if doc.capitalised(i)]
            if len(named) < 2:
                continue
            while start < end and doc.title(start):
                start += 1
            span = (doc.tokens[start].start, doc.tokens[end].end)
            kind, cued = kind_and_cue(doc, start, end)
            actor = ActorCandidate(
                name=doc.text[span[0] : span[1]],
                kind=kind or "other",
                rule="organisation head word",
                kind_cued=cued,
            )
            actor.mentions.append(span)
            if is_national(doc, start, end):
                for i in range(start, end + 1):
                    if i in doc.country_at:
                        actor.add_country(doc.country_at[i].iso2)
            doc.consumed.update(range(start, end + 1))
            found.append(actor)


def named_by_noun_after(doc: Doc, runs, found):
    """ "the Dakar Courier newspaper", "the Russian Unity party": a run of capitalised words
    that a lower-case noun after it names, even when a place stands in it."""
    for run in runs:
        part = [i for i in run if i not in doc.consumed]
        part = strip_leading(doc, part)
        if not part or part != list(range(part[0], part[-1] + 1)) or doc.title(part[0]):
            continue
        last = part[-1]
        if last + 1 >= doc.count or doc.gap(last) != " " or doc.sentence[last + 1] != doc.sentence[last]:
            continue
        kind = KIND_CUES_AFTER.get(doc.word(last + 1))
        if (
            kind is None
            and doc.word(last + 1) == "news"
            and last + 2 < doc.count
            and KIND_CUES_AFTER.get(doc.word(last + 2)) == "media"
        ):
            kind = "media"  # "the Saba news agency"
        if kind is None or doc.blocked.get(last) == "date":
            continue
        if doc.word(last + 1) in CONTEXT_HEADS:
            kind = (
                context_kind(doc, part[0], last + 1) or kind
            )  # "the capital's gangs joined the Viv Ansanm coalition"
        own = [i for i in part if doc.capitalised(i) and i not in doc.blocked and not doc.common(i)]
        if not own:
            continue  # "the Russian newspaper"
        span = (doc.tokens[part[0]].start, doc.tokens[last].end)
        actor = ActorCandidate(name=doc.text[span[0] : span[1]], kind=kind, rule="kind noun after the name")
        actor.mentions.append(span)
        country = modifier_country(doc, part[0])
        if country:
            actor.add_country(country)
        elif part[0] > 0 and doc.gap(part[0] - 1).startswith("'") and (part[0] - 1) in doc.country_at:
            actor.add_country(doc.country_at[part[0] - 1].iso2)
        doc.consumed.update(part)
        found.append(actor)
