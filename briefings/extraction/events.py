"""Dated events from a sentence: which of its date mentions are events, how each was read
(the rule the suggestions page names), the event's kind, title and the actors' roles."""

import datetime
import re
from dataclasses import replace
from functools import cache

from .lexicon import table

COUNTRY_RULES = {
    "name": "country's name",
    "demonym": "demonym",
    "capital": "capital",
    "combining": "combining form",
}
_DATED_IN_FULL = {"iso", "num", "my"}
_FROM_PUBLICATION = {"yesterday", "ago", "weekend"}


def date_rule(mention) -> str:
    """How a date was read, as the suggestions page names it."""
    if mention.precision == "approximate":
        return "approximate date"
    if mention.form == "weekday":
        return "weekday"
    if mention.form in _FROM_PUBLICATION or mention.form.startswith(("rel_last", "rel_this", "rel_start")):
        return "relative to publication"
    if mention.relative:
        return "relative to an earlier date"
    if mention.form == "ycue":
        return "year"
    if mention.form in _DATED_IN_FULL or mention.text[-4:].isdigit():
        return "date with its year"
    return "date without a year"


PRECISION_RANK = {"year": 0, "month": 1, "approximate": 2, "day": 3}


def restates(folded: str, first, second) -> bool:
    """Whether a date right after another, with only a space or a comma between, says the
    same period again: one contains the other."""
    if not re.fullmatch(r"[\s,]{1,3}", folded[first.end : second.start]):
        return False
    a, b = sorted((first, second), key=lambda m: PRECISION_RANK[m.precision])
    if a.precision == "year":
        return a.date.year == b.date.year
    if a.precision == "month":
        return (a.date.year, a.date.month) == (b.date.year, b.date.month)
    return abs((a.date - b.date).days) <= 7


def redated(event, mention, text: str, confidence_of):
    return replace(
        event,
        rule=date_rule(mention),
        confidence=confidence_of("events", date_rule(mention)),
        date=mention.iso,
        precision=mention.precision,
        day=mention.date,
        date_text=text[mention.start : mention.end],
        date_start=mention.start,
        date_end=mention.end,
    )


def after_publication(mention, published_on: datetime.date) -> bool:
    if mention.precision == "year":
        return mention.date.year > published_on.year
    if mention.precision == "month":
        return (mention.date.year, mention.date.month) > (published_on.year, published_on.month)
    return mention.date > published_on


def before_publication(mention, published_on: datetime.date) -> bool:
    """Whether the whole period a date names lies before publication."""
    if mention.precision == "year":
        return mention.date.year < published_on.year
    if mention.precision == "month":
        return (mention.date.year, mention.date.month) < (published_on.year, published_on.month)
    return mention.date < published_on


# --- Events: kind, title, roles ---------------------------------------------------------------


@cache
def _event_kind_patterns() -> list[tuple[re.Pattern, str]]:
    """`data/event_kinds.toml`, compiled: each kind's wording as one pattern, in order."""
    return [(re.compile("|".join(k["patterns"]), re.I), k["kind"]) for k in table("event_kinds")["kind"]]


def event_kind(sentence: str) -> str:
    """The kind whose wording comes first in the sentence: its main verb, more often than not."""
    best = None
    for pattern, kind in _event_kind_patterns():
        match = pattern.search(sentence)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    return best[1] if best else "other"


_LEADING_DATE = re.compile(r"^\W*(?:on|in|since|by|during)?\s*$", re.I)


def event_title(text: str, start: int, end: int, date_start: int, date_end: int, limit: int = 140) -> str:
    """The sentence without an opening "On 3 March," and cut at a word."""
    title = text[start:end]
    if _LEADING_DATE.match(text[start:date_start]) and text[date_end : date_end + 1] == ",":
        title = text[date_end + 1 : end].strip()
    title = title.rstrip(".")
    if len(title) > limit:
        title = title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title[:1].upper() + title[1:]


_PASSIVE = re.compile(
    r"\b(?:was|were|has been|have been|had been|is|are|being)\s+(?:\w+ly\s+)?(?:\w+ed|overthrown|driven|taken|seized|held|beaten|shot|hit|struck)\b",
    re.I,
)


def roles(folded: str, start: int, end: int, actors: list) -> dict[str, str]:
    """A first guess for the analyst to correct: in a passive sentence the actors before the
    verb are targets and those after "by" initiators; otherwise the first actor named
    initiates and the others take part."""
    if not actors:
        return {}

    def first_position(actor):
        return min(m.start for m in actor.mentions if start <= m.start < end)

    roles = {}
    passive = _PASSIVE.search(folded, start, end)
    if passive:
        by = folded.find(" by ", passive.end(), end)
        for actor in actors:
            position = first_position(actor)
            if position < passive.start():
                roles[actor.name] = "target"
            elif by >= 0 and position > by:
                roles[actor.name] = "initiator"
            else:
                roles[actor.name] = "participant"
        return roles
    # The outlet that carried a statement, or the body in a person's title ("Parliament
    # member Irina Volkova"), does not initiate what the person does.
    titles = " ".join(a.role_title for a in actors if a.kind == "person" and a.role_title)
    leading = [a for a in actors if a.kind != "media" and (a.kind == "person" or a.name not in titles)]
    initiator = leading[0] if leading else actors[0]
    for actor in actors:
        roles[actor.name] = "initiator" if actor is initiator else "participant"
    return roles
