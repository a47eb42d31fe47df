"""What cuts the text into tokens and sentences: the extractor's own rules (regular
expressions, the default) or spaCy's blank English pipeline (its tokenizer and rule-based
sentencizer; no statistical model, none being installable here). Everything after the
cut, gazetteers, grammars and word lists, is the same for both, so that the benchmark
measures the cut alone (`bench/extraction.py --pipeline spacy`).
"""

from functools import cache

RULES, SPACY = "rules", "spacy"
_current = [RULES]


def use(name: str):
    """Read with `name` from now on (the benchmark's comparison; the app keeps the default)."""
    if name not in (RULES, SPACY):
        raise ValueError(f"unknown pipeline {name!r}")
    _current[0] = name


def current() -> str:
    return _current[0]


@cache
def blank_english():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def spacy_words(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of spaCy's word tokens (letters or digits; not punctuation, not the
    possessive "'s") between `start` and `end`."""
    doc = blank_english().make_doc(folded[start:end])
    spans = []
    for token in doc:
        text = token.text
        if text.lower() in ("'s", "'") or not any(c.isalnum() for c in text):
            continue
        spans.append((start + token.idx, start + token.idx + len(text)))
    return spans


def spacy_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """spaCy's sentencizer over one paragraph's text."""
    doc = blank_english()(text[start:end])
    return [(start + s.start_char, start + s.end_char) for s in doc.sents]
