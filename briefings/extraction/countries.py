"""Countries named in a text: ISO names, official and common names (pycountry), everyday
names, demonyms and capitals (the table in `data/countries.txt`), matched on folded text so
that "Côte d'Ivoire" and "Cote d’Ivoire" are one country. Regions are matched first and
set aside."""

import re
from dataclasses import dataclass
from functools import cache

import pycountry

from .gazetteer import Gazetteer, Hit, Token, phrase_key
from .lexicon import entries, table, words
from .text import fold
from .words import COMMON_WORDS, ORGANISATION_HEADS, THING_HEADS

AMBIGUOUS_FORMS = words("ambiguous_country_forms")
COMBINING_FORMS = table("country_forms")["combining_forms"]
_NOT_A_COUNTRY_AFTER = words("not_a_country_after")
_US_STATE_CONTEXT = words("us_state_context")
_NAMED_INSTRUMENTS = words("named_instruments")


@dataclass(frozen=True, slots=True)
class Form:
    """What a matched phrase is: a country (`iso2`) or a region (`iso2` empty)."""

    iso2: str
    form: str  # name, demonym, capital, alias, region


def _plurals(demonym: str) -> list[str]:
    lower = demonym.lower()
    if lower.endswith(("ese", "ish", "ch", "ss", "sh", "men", "y", "z")):
        return []
    if lower.endswith("man"):
        return [demonym[:-3] + "men"]
    return [demonym + "s"]


@cache
def country_gazetteer() -> Gazetteer:
    """Built once per process: every surface form of every ISO 3166-1 country."""
    gazetteer = Gazetteer()
    for phrase in entries("regions"):
        gazetteer.add(fold(phrase), Form("", "region"))
    forms = _country_table()
    for entry in pycountry.countries:
        iso2 = entry.alpha_2
        names = [entry.name, getattr(entry, "official_name", ""), getattr(entry, "common_name", "")]
        for name in names:
            if name and "," not in name and "(" not in name:
                _add(gazetteer, name, iso2, "name")
        demonyms, capitals, others = forms.get(iso2, ([], [], []))
        for name in others:
            _add(gazetteer, name, iso2, "name")
        for demonym in demonyms:
            _add(gazetteer, demonym, iso2, "demonym")
            for plural in _plurals(demonym):
                _add(gazetteer, plural, iso2, "demonym")
        for capital in capitals:
            _add(gazetteer, capital, iso2, "capital")
    return gazetteer


def _country_table() -> dict[str, tuple[list[str], list[str], list[str]]]:
    """`data/countries.txt`: ISO2 | demonyms | capitals | other names, lists split by ";"."""

    def split(cell: str) -> list[str]:
        return [x.strip() for x in cell.split(";") if x.strip()]

    forms = {}
    for line in entries("countries"):
        iso2, demonyms, capitals, others = (part.strip() for part in line.split("|"))
        forms[iso2] = (split(demonyms), split(capitals), split(others))
    return forms


def _add(gazetteer: Gazetteer, phrase: str, iso2: str, form: str):
    folded = fold(phrase)
    # Acronyms ("UK", "US", "DRC") count only in capitals: "us" and "Us" are words.
    exact = bool(re.fullmatch(r"[A-Z][A-Z.]*", folded.replace(" ", "")))
    gazetteer.add(folded, Form(iso2, form), exact_case=exact)


@cache
def country_names() -> dict[str, str]:
    """The name a reader knows for each ISO code ("Russia", not "Russian Federation")."""
    reader = table("country_forms")["reader_names"]
    names = {}
    for entry in pycountry.countries:
        names[entry.alpha_2] = reader.get(entry.alpha_2) or getattr(entry, "common_name", None) or entry.name
    return names


@dataclass(frozen=True, slots=True)
class CountryMention:
    iso2: str
    start: int
    end: int
    form: str


def find_places(folded: str, tokens: list[Token]) -> tuple[list[CountryMention], list[tuple[int, int]]]:
    """Country mentions and region spans in a folded text."""
    countries: list[CountryMention] = []
    regions: list[tuple[int, int]] = []
    gazetteer = country_gazetteer()
    for hit in gazetteer.find(folded, tokens):
        form: Form = hit.payload
        if not form.iso2:
            regions.append((hit.start, hit.end))
            continue
        if _rejected(folded, tokens, hit):
            continue
        countries.append(CountryMention(form.iso2, hit.start, hit.end, form.form))
    countries.extend(_combining_forms(folded, tokens))
    countries.sort(key=lambda m: m.start)
    return countries, regions


def _rejected(folded: str, tokens: list[Token], hit: Hit) -> bool:
    key = phrase_key(folded[hit.start : hit.end])
    following = tokens[hit.last + 1] if hit.last + 1 < len(tokens) else None
    adjacent_after = following is not None and folded[hit.end : following.start] == " "
    if adjacent_after and following.text.lower() in _NOT_A_COUNTRY_AFTER:
        return True
    form: Form = hit.payload
    if (
        form.form == "capital"
        and adjacent_after
        and (
            (following.capitalised and following.text.lower() in THING_HEADS)
            or following.text in _NAMED_INSTRUMENTS
        )
    ):
        return True  # "the Lome Code of Conduct", "the Pretoria agreement": named after a city
    previous = tokens[hit.first - 1] if hit.first > 0 else None
    if (
        previous is not None
        and previous.text == "of"
        and hit.first > 1
        and tokens[hit.first - 2].capitalised
        and ORGANISATION_HEADS.get(tokens[hit.first - 2].text.lower()) == "media"
    ):
        return True  # "The Times of Malta": a publication's name, not the country
    if key in AMBIGUOUS_FORMS:
        adjacent_before = previous is not None and folded[previous.end : hit.start] == " "
        # "For Jordan, ...": a word that only opens the sentence is no name beside it.
        named_before = adjacent_before and previous.capitalised and previous.text.lower() not in COMMON_WORDS
        if (adjacent_after and following.capitalised) or named_before:
            return True
        if (
            previous is not None
            and previous.text == "of"
            and _us_state_context(folded, tokens, hit.first - 1)
        ):
            return True
    # A line set in capitals (a shouted headline) makes every acronym ("US" is "us") and
    # every name that is also a word doubtful; "NIGER IN FOCUS" still names Niger.
    doubtful = key in AMBIGUOUS_FORMS or phrase_key(key) in _case_sensitive_keys() or len(key) <= 3
    if doubtful and folded[hit.start : hit.end].isupper():
        line_start = folded.rfind("\n", 0, hit.start) + 1
        line_end = folded.find("\n", hit.end)
        line = folded[line_start : line_end if line_end >= 0 else len(folded)]
        letters = [c for c in line if c.isalpha()]
        if len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
            return True
    return False


@cache
def _case_sensitive_keys() -> frozenset[str]:
    return frozenset(country_gazetteer().case_sensitive)


def _us_state_context(folded: str, tokens: list[Token], of_index: int) -> bool:
    """Whether the words before "of" are an institution or a US legislator's title, looking
    back over a name ("Senator Ann Lee of")."""
    i = of_index - 1
    while i >= 0 and of_index - i <= 4 and tokens[i].capitalised:
        if tokens[i].text.lower() in _US_STATE_CONTEXT:
            return True
        if folded[tokens[i].end : tokens[i + 1].start] not in (" ", ". "):
            break
        i -= 1
    return False


def _combining_forms(folded: str, tokens: list[Token]) -> list[CountryMention]:
    found = []
    for index, token in enumerate(tokens[:-1]):
        iso2 = COMBINING_FORMS.get(token.text.lower())
        if iso2 and token.capitalised and folded[token.end : tokens[index + 1].start] == "-":
            found.append(CountryMention(iso2, token.start, token.end, "combining"))
    return found
