"""Date expressions, resolved against the article's publication date.

A compact grammar of its own rather than dateparser's `search_dates`: the grammar runs in
a millisecond over a long article, knows which expressions date an event ("On 3
March", "in June 2019", "days earlier") and which merely name one ("the June vote"), and
gives each its precision:

- a day ("On 3 March", "3 March 2021", "on 9 and 10 June", "yesterday", "the
  following day", "two days later", and a weekday, "on Tuesday", as news copy uses it: the
  latest such day up to publication);
- a month ("in June 2019", "in November", "last month", "earlier this month", "the
  following month");
- a year ("in 2019", "in early 2021", "the border war of 1998-2000", "last year", "the
  previous year");
- approximate ("days earlier", "in the following days", "two weeks ago", "last week",
  "over the weekend"), stored as the estimated day.

Without a year, a date is read as the latest one not after publication (two weeks of
slack for late publishing), unless its clause speaks of the future ("will", "is
scheduled", "ahead of"), when the nearest date ahead is taken. Relative expressions ("two
days later", "the previous year") count from the last explicit date before them, else from
publication. A wire dateline ("ACCRA, June 2 (Agency) -") dates the copy, not an event.
"""

import bisect
import calendar
import datetime
import re
from dataclasses import dataclass, replace

from .lexicon import table

_WORDS = table("dates")
MONTH_NAMES: dict[str, int] = _WORDS["months"]
MONTHS: dict[str, int] = {**MONTH_NAMES, **_WORDS["month_abbreviations"]}
WEEKDAYS: dict[str, int] = _WORDS["weekdays"]
NUMBER_WORDS: dict[str, int] = _WORDS["number_words"]

_MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2})"
_OLD_YEAR = r"(?:1[5-8][0-9]{2}(?!\s+[a-z]+s\b))"
_CUE = r"(?:in|on|for|during|since|by|until|till|through|throughout|from|before|after|around|of|early|late|mid|last|this|next|between|and)"
_NUMBER = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several|some|a couple of)"

_GRAMMAR = re.compile(
    "|".join(
        [
            rf"(?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12][0-9]|3[01])\b)",
            rf"(?P<num>\b(?P<num_a>[0-3]?[0-9])[/.](?P<num_b>[0-3]?[0-9])[/.](?P<num_y>{_YEAR})\b)",
            rf"(?P<mdr>\b(?P<mdr_m>{_MONTH})\s+(?P<mdr_d>{_DAY})\s*(?:-|and|to)\s*{_DAY}\b(?:,?\s+(?P<mdr_y>{_YEAR})\b)?)",
            rf"(?P<dmr>\b(?P<dmr_d>{_DAY})\s*(?:-|and|to)\s*{_DAY}\s+(?:of\s+)?(?P<dmr_m>{_MONTH})(?:,?\s+(?P<dmr_y>{_YEAR})\b)?)",
            rf"(?P<mdy>\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})\b(?:,?\s+(?P<mdy_y>{_YEAR})\b)?)",
            rf"(?P<dmy>\b(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR})\b)?)",
            rf"(?P<my>\b(?:(?P<my_q>early|late|mid)[\s-]+)?(?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR})\b)",
            rf"(?P<mcue>\b(?P<mcue_c>{_CUE})[\s-]+(?:(?:early|late|mid)[\s-]+)?(?P<mcue_m>{_MONTH})(?![\w-]|\.?\s*\d))",
            rf"(?P<mthe>\b(?:the|this|that|last)\s+(?P<mthe_m>{_MONTH})\s+(?=[a-z]))",
            rf"(?P<ycue>\b(?P<ycue_c>{_CUE}|the\s+(?:spring|summer|autumn|fall|winter|end|beginning|start|first\s+half|second\s+half)\s+of)[\s-]+(?:(?:early|late|mid)[\s-]+)?(?P<ycue_y>{_YEAR}|{_OLD_YEAR})(?:-{_YEAR})?\b(?![-/]\d))",
            r"(?P<yesterday>\byesterday\b)",
            r"(?P<rel_lastweek>\blast\s+week\b)",
            r"(?P<rel_lastmonth>\blast\s+month\b)",
            r"(?P<rel_thismonth>\b(?:earlier|later)\s+this\s+month\b)",
            r"(?P<rel_thisweek>\b(?:(?:earlier|late)\s+)?this\s+week\b)",
            r"(?P<rel_start>\b(?:since|from|at)\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<rel_start_u>year|month)\b)",
            r"(?P<rel_lastyear>\blast\s+year\b)",
            r"(?P<rel_year>\b(?:the\s+(?P<rel_year_w>previous|preceding|prior|following|next|subsequent|same)\s+year|the\s+year\s+(?P<rel_year_ba>before|after)|that\s+(?:same\s+)?year)\b)",
            r"(?P<rel_month>\b(?:the\s+(?P<rel_month_w>previous|preceding|prior|following|next|subsequent|same)\s+month|the\s+month\s+(?P<rel_month_ba>before|after)|that\s+(?:same\s+)?month)\b)",
            r"(?P<weekend>\b(?:(?:over|at|during)\s+the\s+weekend|last\s+weekend)\b)",
            r"(?P<rel_thisyear>\b(?:earlier|later)\s+this\s+year\b)",
            rf"(?P<ago>\b(?P<ago_n>{_NUMBER})\s+(?P<ago_u>days?|weeks?|months?|years?)\s+ago\b)",
            r"(?P<sameday>\b(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b)",
            r"(?P<sameweek>\b(?:the\s+same\s+week|that\s+(?:same\s+)?week)\b)",
            r"(?P<nextday>\b(?:the\s+(?:following|next)\s+day|a\s+day\s+later|the\s+day\s+after)\b)",
            r"(?P<prevday>\b(?:the\s+(?:previous|preceding)\s+day|a\s+day\s+(?:earlier|before)|the\s+day\s+before)\b)",
            r"(?P<following>\bthe\s+(?:following|next|ensuing|subsequent)\s+(?P<following_u>days|weeks|months)\b)",
            rf"(?P<offset>\b(?:(?P<offset_n>{_NUMBER})\s+)?(?P<offset_u>days?|weeks?|months?|years?)\s+(?P<offset_d>earlier|later|(?:before|after)(?=\s*(?:[,.;:!?)\"]|$))))",
            r"(?P<weekday>\b(?:(?P<weekday_c>on|last)\s+)?(?P<weekday_w>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b)",
        ]
    ),
    re.IGNORECASE,
)
# Bare "May"/"March" (modal verb, marching) count only after an unambiguous cue.
_WEAK_CUES = frozenset(_WORDS["weak_cues"])
AMBIGUOUS_MONTHS = frozenset(_WORDS["ambiguous_months"])
_FUTURE = re.compile(
    r"\b(?:will|shall|ahead\s+of|is\s+(?:due|scheduled|set|expected|slated|planned)\s+to|are\s+(?:due|scheduled|set|expected)\s+to|upcoming|next|planned\s+for|scheduled\s+for)\b"
    # Forecasts in estimative language: "attacks are likely to increase in 2024".
    r"|\b(?:(?:un)?likely|poised|expected|set|due)\s+to\b"
    # A vote or a meeting a country "holds" or "faces" is still to come.
    r"|\b(?:holds|hold|faces|face)\s+(?:\w+\s+){0,3}(?:elections?|polls?|votes?|referendum|summit)\b",
    re.I,
)
# "The largest seizure since 2019" compares with a year; it does not date anything.
_SUPERLATIVE_SINCE = re.compile(
    r"\bthe\s+(?:largest|biggest|highest|lowest|worst|best|deadliest|strongest|weakest|longest|heaviest|"
    r"fiercest|greatest|sharpest|smallest|fewest|first|most\s+\w+)\b[^,;.]*\bsince\s+$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: datetime.date
    precision: str  # day, month, year, approximate
    anchored: bool  # dates something in its sentence, rather than naming it
    relative: bool  # counted from another date
    future: bool = False  # its clause speaks of the future: a plan or a forecast
    form: str = ""  # the grammar's name for the expression ("mdy", "weekday", "offset", ...)

    @property
    def iso(self) -> str:
        return format_date(self.date, self.precision)


def format_date(date: datetime.date, precision: str) -> str:
    if precision == "year":
        return f"{date:%Y}"
    if precision == "month":
        return f"{date:%Y-%m}"
    return f"{date:%Y-%m-%d}"


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _count(word: str | None) -> int:
    if not word:
        return 0
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 3)


def _add_months(date: datetime.date, months: int) -> datetime.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def _shift(base: datetime.date, amount: int, unit: str) -> datetime.date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return base + datetime.timedelta(days=amount)
    if unit == "week":
        return base + datetime.timedelta(weeks=amount)
    if unit == "month":
        return _add_months(base, amount)
    return _add_months(base, 12 * amount)


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _resolve_year(month: int, day: int | None, base: datetime.date, future: bool) -> int | None:
    """The year of a date written without one: the latest not after publication, or the
    nearest ahead when its clause speaks of the future."""
    slack = datetime.timedelta(days=14)
    for year in (base.year + 1, base.year, base.year - 1) if future else (base.year, base.year - 1):
        candidate = _safe_date(year, month, day or 1)
        if candidate is None:
            continue
        if future:
            if candidate >= base.replace(day=1) - slack and candidate <= base + datetime.timedelta(days=330):
                return year
        elif candidate <= base + slack or (day is None and (year, month) <= (base.year, base.month)):
            return year
    return base.year - 1 if not future else base.year


# Where a clause begins or ends: the future tense of one clause ("will meet on 9 June")
# says nothing of the next ("told reporters on Wednesday").
_CLAUSE_BREAK = re.compile(r"[,;:()\"]|\s-\s|\bthat\b")
# A verb in the past tense: a date without a year in its clause lies behind publication.
_PAST = re.compile(
    r"\b(?<!, )(?:was|were|had|has|have|did|[a-z]+ed|began|became|broke|came|fell|fled|went|won|lost|met|sent|took|made|"
    r"held|left|rose|saw|stood|struck|shot|spoke|wrote|gave|led|ran|sold|brought|bought|caught|fought|"
    r"thought|sought|told|drew|grew|knew|threw|flew|said|paid|laid|hit|cut|put|set|began|sank|swore|"
    r"stole|tore|wore|chose|froze|rode|drove|beat|bit|hid|slid|forgot|got|overran|withdrew|arose)\b"
)
# A date without a year that the rules read as past but which lies this far behind
# publication, in a sentence with no verb in the past tense, is read ahead instead: "the
# country votes on 9 November" in a June article.
_PRESENT_AHEAD_DAYS = 45
# A wire dateline at the start of a paragraph: "ACCRA, June 2 (Agency) -".
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z.'\- ]{1,40}(?:,\s+[A-Z][A-Za-z.'\- ]{1,30})?,\s*")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,60}\)\s*)?-")
# Counts that are numbers rather than estimates: "two days later" is a day, "days later" or
# "several days later" an estimate.
_VAGUE_COUNTS = frozenset(_WORDS["vague_counts"])


@dataclass(frozen=True, slots=True)
class _Anchor:
    """The last explicit date, which relative expressions count from."""

    date: datetime.date
    precision: str


def find_dates(
    folded: str, published_on: datetime.date, *, start: int = 0, end: int | None = None, sentences=()
) -> list[DateMention]:
    """Every date expression between `start` and `end`, resolved to a date and precision."""
    end = len(folded) if end is None else end
    day_first = _day_first(folded, start, end)
    spans = list(sentences)
    starts = [s for s, _ in spans]
    found: list[DateMention] = []
    # Days and months anchor "two days later"; any explicit date anchors "the previous year".
    anchor = _Anchor(published_on, "day")
    year_anchor = _Anchor(published_on, "day")
    for match in _GRAMMAR.finditer(folded, start, end):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and match.start() < spans[index][1]:
            sentence = spans[index]
        else:
            sentence = (max(start, folded.rfind("\n", 0, match.start()) + 1), match.end())
        clause = _clause(folded, sentence, match.start(), match.end())
        future = bool(_FUTURE.search(folded, *clause))
        try:
            mention = _resolve(match, published_on, anchor, year_anchor, future, day_first)
        except (ValueError, OverflowError):
            # Counted from a publication date at the edge of the calendar, the date it
            # names does not exist: nothing to suggest.
            continue
        if mention is None:
            continue
        if (
            not future
            and _yearless(match)
            and (published_on - mention.date).days > _PRESENT_AHEAD_DAYS
            and not _PAST.search(folded, *sentence)
        ):
            ahead = _resolve(match, published_on, anchor, year_anchor, True, day_first)
            if ahead is not None and ahead.date > published_on:
                mention, future = ahead, True
        elif (
            not future
            and match.lastgroup == "ycue"
            and mention.date.year == published_on.year
            and match["ycue_c"].lower() != "since"
            and not _PAST.search(folded, *sentence)
        ):
            future = True  # "before the end of 2025" in a 2025 article that speaks in the present
        if mention.anchored and (
            _in_dateline(folded, match.start(), match.end())
            or _SUPERLATIVE_SINCE.search(folded, sentence[0], mention.start)
        ):
            mention = _unanchored(mention)
        mention = replace(mention, future=future, form=match.lastgroup)
        found.append(mention)
        if mention.anchored and (not mention.relative or match.lastgroup == "weekday"):
            if mention.precision in ("day", "month"):
                anchor = _Anchor(mention.date, mention.precision)
            if mention.precision in ("day", "month", "year"):
                year_anchor = _Anchor(mention.date, mention.precision)
    return found


def _unanchored(mention: DateMention) -> DateMention:
    return replace(mention, anchored=False)


def _yearless(match: re.Match) -> bool:
    """A day or month written without its year, whose year the rules choose."""
    kind, groups = match.lastgroup, match.groupdict()
    if kind in ("mdy", "dmy", "mdr", "dmr"):
        return not groups[f"{kind}_y"]
    if kind == "mcue":
        return groups["mcue_c"].lower() not in ("last", "next", "since")
    return kind == "mthe"


_NUMERIC = re.compile(r"\b([0-3]?[0-9])[/.]([0-3]?[0-9])[/.](?:19|20)[0-9]{2}\b")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}")
_MONTH_DAY = re.compile(rf"{_MONTH}\s+{_DAY}\b")


def _day_first(folded: str, start: int, end: int) -> bool:
    """The order of an article's numeric dates: the one its unambiguous numeric dates show
    (13/09/2024 is day-first), else the order of its dates in words ("12 March" or "March
    12"), else day-first, as most of the world writes them."""
    days_first = months_first = 0
    for match in _NUMERIC.finditer(folded, start, end):
        first, second = int(match[1]), int(match[2])
        days_first += first > 12
        months_first += second > 12
    if days_first or months_first:
        return days_first >= months_first
    written = re.compile(_DAY_MONTH.pattern, re.I), re.compile(_MONTH_DAY.pattern, re.I)
    return len(written[0].findall(folded, start, end)) >= len(written[1].findall(folded, start, end))


def _clause(folded: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause around a date. A date that opens its sentence ("In June, the council
    will ...") belongs to the clause after it."""
    clause_start = sentence[0]
    for match in _CLAUSE_BREAK.finditer(folded, sentence[0], start):
        clause_start = match.end()
    following = _CLAUSE_BREAK.search(folded, end, sentence[1])
    clause_end = following.start() if following else sentence[1]
    if following and len(folded[clause_start:start].split()) <= 1 and folded[end:clause_end].strip() == "":
        after = _CLAUSE_BREAK.search(folded, following.end(), sentence[1])
        clause_end = after.start() if after else sentence[1]
    return clause_start, clause_end


def _in_dateline(folded: str, start: int, end: int) -> bool:
    line_start = folded.rfind("\n", 0, start) + 1
    return bool(_DATELINE_PLACE.fullmatch(folded, line_start, start) and _DATELINE_AFTER.match(folded, end))


def _resolve(
    match: re.Match,
    published: datetime.date,
    anchor: _Anchor,
    year_anchor: _Anchor,
    future: bool,
    day_first: bool = True,
):
    kind = match.lastgroup
    groups = match.groupdict()
    text = match.group()
    s, e = match.span()

    def make(date, precision, *, anchored=True, relative=False, start=s):
        if date is None:
            return None
        return DateMention(start, e, match.string[start:e], date, precision, anchored, relative)

    if kind == "iso":
        return make(_safe_date(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"])), "day")
    if kind == "num":
        first, second = int(groups["num_a"]), int(groups["num_b"])
        day, month = (first, second) if day_first else (second, first)
        return make(_safe_date(int(groups["num_y"]), month, day), "day")
    if kind in ("mdy", "dmy", "mdr", "dmr"):
        # A range of days ("9 and 10 June") is dated by its first day.
        month = _month_number(groups[f"{kind}_m"])
        day = int(re.match(r"\d+", groups[f"{kind}_d"]).group())
        year_text = groups[f"{kind}_y"]
        year = int(year_text) if year_text else _resolve_year(month, day, published, future)
        return make(_safe_date(year, month, day), "day")
    if kind == "my":
        return make(_safe_date(int(groups["my_y"]), _month_number(groups["my_m"]), 1), "month")
    if kind == "mcue":
        cue, name = groups["mcue_c"].lower(), groups["mcue_m"]
        if name.lower().rstrip(".") in AMBIGUOUS_MONTHS and cue in _WEAK_CUES:
            return None
        month = _month_number(name)
        if cue == "last":
            year = published.year if month < published.month else published.year - 1
        elif cue == "next":
            year = published.year if month > published.month else published.year + 1
        else:
            year = _resolve_year(month, None, published, future)
        month_start = match.start("mcue_m")
        prefix = text[: month_start - s].lower()
        keep_cue = any(word in prefix for word in ("early", "late", "mid"))
        return make(
            _safe_date(year, month, 1),
            "month",
            start=s if keep_cue or cue in ("last", "next") else month_start,
        )
    if kind == "mthe":
        name = groups["mthe_m"]
        if name.lower().rstrip(".") in AMBIGUOUS_MONTHS:
            return None
        month = _month_number(name)
        year = _resolve_year(month, None, published, future)
        return DateMention(
            match.start("mthe_m"),
            match.end("mthe_m"),
            name,
            datetime.date(year, month, 1),
            "month",
            False,
            False,
        )
    if kind == "ycue":
        year = int(groups["ycue_y"])
        year_start = match.start("ycue_y")
        prefix = text[: year_start - s].lower()
        keep = any(
            word in prefix
            for word in ("early", "late", "mid", "spring", "summer", "autumn", "fall", "winter")
        )
        return make(datetime.date(year, 1, 1), "year", start=s if keep else year_start)
    if kind == "yesterday":
        return make(published - datetime.timedelta(days=1), "day", relative=True)
    if kind == "rel_lastweek":
        return make(published - datetime.timedelta(days=7), "approximate", relative=True)
    if kind == "rel_lastmonth":
        return make(_add_months(published.replace(day=1), -1), "month", relative=True)
    if kind == "rel_thismonth":
        return make(published.replace(day=1), "month", relative=True)
    if kind == "rel_thisweek":
        # The days of the week up to publication: its Monday, as an estimate.
        return make(published - datetime.timedelta(days=published.weekday()), "approximate", relative=True)
    if kind == "rel_start":
        if groups["rel_start_u"].lower() == "year":
            return make(datetime.date(published.year, 1, 1), "year", relative=True)
        return make(published.replace(day=1), "month", relative=True)
    if kind == "rel_lastyear":
        return make(datetime.date(published.year - 1, 1, 1), "year", relative=True)
    if kind == "rel_thisyear":
        return make(datetime.date(published.year, 1, 1), "year", relative=True)
    if kind == "rel_year":
        step = _step(groups["rel_year_w"] or groups["rel_year_ba"] or "same")
        return make(datetime.date(year_anchor.date.year + step, 1, 1), "year", relative=True)
    if kind == "rel_month":
        if anchor.precision not in ("day", "month"):
            return None
        step = _step(groups["rel_month_w"] or groups["rel_month_ba"] or "same")
        return make(_add_months(anchor.date.replace(day=1), step), "month", relative=True)
    if kind == "weekend":
        # The Saturday of the last weekend before publication.
        return make(
            published - datetime.timedelta(days=(published.weekday() - 5) % 7), "approximate", relative=True
        )
    if kind == "ago":
        unit = groups["ago_u"].lower()
        exact = unit.startswith("day") and (groups["ago_n"] or "").lower() not in _VAGUE_COUNTS
        return make(
            _shift(published, -_count(groups["ago_n"]), unit),
            "day" if exact else "approximate",
            relative=True,
        )
    if kind == "sameday":
        return make(anchor.date, "day" if anchor.precision == "day" else "approximate", relative=True)
    if kind == "sameweek":
        return make(anchor.date, "approximate", relative=True)
    if kind == "nextday":
        return make(anchor.date + datetime.timedelta(days=1), "day", relative=True)
    if kind == "prevday":
        return make(anchor.date - datetime.timedelta(days=1), "day", relative=True)
    if kind == "following":
        unit = groups["following_u"].lower()
        count = 3 if unit == "days" else 2 if unit == "weeks" else 2
        return make(_shift(anchor.date, count, unit), "approximate", relative=True)
    if kind == "offset":
        unit = groups["offset_u"].lower()
        number = groups["offset_n"]
        count = _count(number) or (3 if unit.endswith("s") else 1)
        direction = -1 if groups["offset_d"].lower() in ("earlier", "before") else 1
        base = year_anchor if unit.startswith("year") else anchor
        precision = "approximate"
        # "Two days later" after a day is a day; "three months later" after a month, a month.
        if number and number.lower() not in _VAGUE_COUNTS:
            if unit.startswith("day") and base.precision == "day":
                precision = "day"
            elif unit.startswith("month") and base.precision in ("day", "month"):
                precision = "month"
            elif unit.startswith("year"):
                precision = "year"
        date = _shift(base.date, direction * count, unit)
        if precision == "month":
            date = date.replace(day=1)
        elif precision == "year":
            date = datetime.date(date.year, 1, 1)
        return make(date, precision, relative=True)
    if kind == "weekday":
        # News copy names the latest such day up to publication ("said on Monday", in a
        # Monday paper, is that day); a clause about the future means the next one.
        weekday = WEEKDAYS[groups["weekday_w"].lower()]
        if not groups["weekday_c"] and _named_day(match.string, s):
            return None
        if future:
            delta = (weekday - published.weekday()) % 7 or 7
            return make(published + datetime.timedelta(days=delta), "day", relative=True)
        delta = (published.weekday() - weekday) % 7
        if (groups["weekday_c"] or "").lower() == "last" and delta == 0:
            delta = 7
        return make(published - datetime.timedelta(days=delta), "day", relative=True)
    return None


def _named_day(text: str, start: int) -> bool:
    """ "Good Friday", "Super Tuesday": a capitalised word before a bare weekday names a day."""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 30) : start])
    return bool(before) and before.group(1)[0].isupper()


def _step(word: str) -> int:
    word = word.lower()
    if word in ("previous", "preceding", "prior", "before"):
        return -1
    if word in ("following", "next", "subsequent", "after"):
        return 1
    return 0
