"""Tokens and a longest-match phrase lookup over them, shared by the country and the
known-actor recognisers. Lookups are dictionary hits on a few token n-grams per
capitalised word, so a long article costs milliseconds, not a regex of a thousand names."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import pipeline

# A word: letters and digits, with inner apostrophes ("d'Ivoire", "N'Djamena") but not
# the possessive "'s", which stays outside the word ("Mali's" is "Mali" + "'s").
_TOKEN = re.compile(
    r"(?<![A-Za-z\u00c0-\u024f]')[A-Za-z0-9\u00c0-\u024f]+(?:'(?!s\b)[A-Za-z\u00c0-\u024f]+)*"
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # as written (folded)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def tokenize(folded: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(folded) if end is None else end
    if pipeline.current() == pipeline.SPACY:
        return [Token(s, e, folded[s:e]) for s, e in pipeline.spacy_words(folded, start, end)]
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded, start, end)]


def phrase_key(text: str) -> str:
    """The lookup key of a phrase: lower case, hyphens and spaces as one space, no
    trailing full stop ("Guinea-Bissau" and "Guinea Bissau" are one key)."""
    key = re.sub(r"[\s\-]+", " ", text.lower()).strip()
    return key.rstrip(".")


# Between two words of one phrase: spaces, a hyphen, or an abbreviation's full stop.
_JOINER = re.compile(r"(?:\s|-|\.\s?|,\s)?")


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    first: int  # index of its first token
    last: int  # index of its last token
    payload: object


class Gazetteer:
    """Phrases mapped to payloads; `find` returns the longest phrase at each word."""

    def __init__(self):
        self.entries: dict[str, object] = {}
        self.case_sensitive: dict[str, str] = {}
        self.first_words: set[str] = set()
        self.max_words = 1

    def add(self, phrase: str, payload: object, *, exact_case: bool = False, replace: bool = False):
        key = phrase_key(phrase)
        if not key or (key in self.entries and not replace):
            return
        self.entries[key] = payload
        if exact_case:
            self.case_sensitive[key] = phrase.rstrip(".")
        words = tokenize(phrase)
        if words:
            self.first_words.add(words[0].text.lower())
            self.max_words = max(self.max_words, len(words))

    def find(self, folded: str, tokens: list[Token], *, require_capital: bool = True) -> Iterable[Hit]:
        index, count = 0, len(tokens)
        while index < count:
            token = tokens[index]
            if (
                require_capital and not token.text[:1].isupper()
            ) or token.text.lower() not in self.first_words:
                index += 1
                continue
            hit = None
            for last in range(min(count - 1, index + self.max_words - 1), index - 1, -1):
                if not self._joined(folded, tokens, index, last):
                    continue
                span = folded[token.start : tokens[last].end]
                key = phrase_key(span)
                if key not in self.entries:
                    continue
                expected = self.case_sensitive.get(key)
                if expected is not None and span.replace("-", " ") != expected.replace("-", " "):
                    continue
                hit = Hit(token.start, tokens[last].end, index, last, self.entries[key])
                break
            if hit is None:
                index += 1
                continue
            yield hit
            index = hit.last + 1

    @staticmethod
    def _joined(folded: str, tokens: list[Token], first: int, last: int) -> bool:
        for i in range(first, last):
            gap = folded[tokens[i].end : tokens[i + 1].start]
            if len(gap) > 2 or not _JOINER.fullmatch(gap):
                return False
        return True
