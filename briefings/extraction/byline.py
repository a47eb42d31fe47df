"""An article's byline: who wrote it, who published it and when, read from a line near the
top ("By Ann Analyst, Foreign Policy Research Institute, 24 November 2026", "Ann Analyst |
Reuters | Nov. 24, 2026", "Published 24 November 2026").

A line with no "By" is a byline only when it carries a date and begins with a name: a
heading such as "Niger, Mali and the Sahel" is not one. Positions are not needed here; the
line stays in the text, where the layout reads it as the byline, not the body."""

import datetime
import re
from dataclasses import dataclass

from .lexicon import table, words

# How far down a byline may stand: the headline, a standfirst, the byline.
_TOP_LINES = 6
_MAX_LENGTH = 200


@dataclass(frozen=True)
class Byline:
    author: str = ""
    publisher: str = ""
    published_on: datetime.date | None = None

    def __bool__(self) -> bool:
        return bool(self.author or self.publisher or self.published_on)


def _month_pattern() -> str:
    dates = table("dates")
    names = sorted({*dates["months"], *dates["month_abbreviations"]}, key=len, reverse=True)
    return "|".join(names)


_MONTH = _month_pattern()
_WEEKDAY = "|".join(sorted({*table("dates")["weekdays"], "mon", "tue", "wed", "thu", "fri", "sat", "sun"}))
_DATE = re.compile(
    rf"(?:(?:{_WEEKDAY})\.?,?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\b\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<n3>\d{{2}})-(?P<d3>\d{{2}}))"
    # A time after the date is part of it: "24 November 2026, 10:32 GMT".
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?",
    re.I,
)
_DATE_CUE = re.compile(
    r"\b(?:published|posted|updated|first\s+published)(?:\s+on)?\s*:?\s*$|\bdate\s*:\s*$", re.I
)
_BY = re.compile(r"^\W{0,3}by\s*:?\s+", re.I)
_SEPARATORS = re.compile(r"\s*(?:[|\u00b7\u2022/]|\s[-\u2013\u2014]\s|[\u2013\u2014]|,|;)\s*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'\u2019.-]*|(?:de|da|del|der|van|von|al|el|bin|ibn|le|la|and|&))$")


def _date_of(match: re.Match) -> datetime.date | None:
    months = {**table("dates")["months"], **table("dates")["month_abbreviations"]}
    try:
        if match["y1"]:
            return datetime.date(int(match["y1"]), months[match["m1"].lower()], int(match["d1"]))
        if match["y2"]:
            return datetime.date(int(match["y2"]), months[match["m2"].lower()], int(match["d2"]))
        return datetime.date(int(match["y3"]), int(match["n3"]), int(match["d3"]))
    except (ValueError, KeyError):
        return None


def _role_words() -> frozenset[str]:
    return words("byline_roles") | words("role_nouns") | words("title_words")


def _is_role(part: str) -> bool:
    """A part after the author naming a role ("Senior Fellow", "Africa Correspondent")."""
    return any(word.lower().strip(".") in _role_words() for word in part.split())


def _starts_with_role(part: str) -> bool:
    # The author's own part may end in a role word that is a surname ("Ann Analyst").
    return part.split()[0].lower().strip(".") in _role_words()


def _looks_like_name(part: str) -> bool:
    """One to a few capitalised words, no digits: a person (or two: "Ann Analyst and Bo Berg")."""
    tokens = part.split()
    if not 1 <= len(tokens) <= 9 or any(ch.isdigit() for ch in part):
        return False
    return all(_NAME_WORD.match(token) for token in tokens) and tokens[0][0].isupper()


def _is_author(part: str, has_by: bool) -> bool:
    return _looks_like_name(part) and not _starts_with_role(part) and (has_by or len(part.split()) >= 2)


def _looks_like_publisher(part: str) -> bool:
    tokens = part.split()
    return 1 <= len(tokens) <= 8 and part[0].isupper() and not any(ch.isdigit() for ch in part)


def parse_byline(line: str) -> Byline | None:
    """The author, publisher and date a single line states, or None if it is not a byline."""
    line = " ".join(line.strip(" *_#>\t").split())
    if not line or len(line) > _MAX_LENGTH:
        return None
    has_by = bool(_BY.match(line))
    rest = _BY.sub("", line, count=1)
    published_on, date_match = None, None
    for match in _DATE.finditer(rest):
        published_on = _date_of(match)
        if published_on is not None:
            date_match = match
            break
    if not has_by and line.endswith((".", "!", "?", ":", ";")):
        return None  # prose, not a byline
    if date_match is not None:
        before = _DATE_CUE.sub("", rest[: date_match.start()])
        rest = before + " | " + rest[date_match.end() :]
    parts = [p.strip(" .:") for p in _SEPARATORS.split(rest) if p.strip(" .:")]
    if not has_by and published_on is None:
        return None
    author = publisher = ""
    # Without "By", a lone capitalised word ("On", "Reuters") is not taken for a person.
    if parts and _is_author(parts[0], has_by):
        author = parts.pop(0)
        # "Ann Analyst, Bo Berg, Reuters": two authors, while a publisher still follows.
        while (
            len(parts) > 1
            and _is_author(parts[0], has_by)
            and not _is_role(parts[0])
            and not _is_role(parts[1])
        ):
            author += " and " + parts.pop(0)
    elif has_by:
        return None
    elif parts and not all(_DATE.fullmatch(p) for p in parts):
        # A line whose first part is not a name: a heading ("Coup in Niger, 4 August 2020").
        return None
    for part in parts:
        if not _is_role(part) and _looks_like_publisher(part):
            publisher = part
            break
    if not has_by and not author and parts and not publisher:
        return None
    return Byline(author=author, publisher=publisher, published_on=published_on)


def find_byline(text: str) -> Byline:
    """The byline among the first lines of an article; an empty Byline if there is none.
    Lines below the first that add to it (a date on a line of its own) fill what it lacks."""
    found = Byline()
    lines = [line for line in text[:4000].split("\n") if line.strip()][:_TOP_LINES]
    for line in lines:
        byline = parse_byline(line)
        if byline is None:
            continue
        found = Byline(
            author=found.author or byline.author,
            publisher=found.publisher or byline.publisher,
            published_on=found.published_on or byline.published_on,
        )
        if found.author and found.published_on:
            break
    return found


def is_byline(line: str) -> bool:
    """Whether the line is a byline (for the layout, which leaves it out of the body)."""
    byline = parse_byline(line)
    return bool(byline and (byline.author or byline.published_on))
