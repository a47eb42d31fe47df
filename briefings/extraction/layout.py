"""An article's layout: where its body lies between the headline, byline and footer; which
of its lines are headings and photo captions rather than prose; and its sentences.

Offsets are positions in the article's text, as everywhere in the extractor.
"""

import re
from dataclasses import dataclass, field

from . import pipeline
from .byline import is_byline
from .lexicon import words

# Lines that start what follows an article on a web page: disclaimers, author notes,
# republication notes, comment forms, share and subscribe prompts.
_FOOTER_LINE = re.compile(
    r"^\W{0,3}(?:the\s+views\s+expressed|views\s+expressed|opinions\s+expressed|about\s+the\s+authors?\b|"
    r"leave\s+a\s+(?:reply|comment)|source:\s|published\s+by\s|originally\s+published|"
    r"this\s+(?:article|piece|commentary|analysis)\s+(?:was|first)\s+(?:originally\s+)?(?:published|appeared)|"
    r"related\s+(?:articles|posts|stories)|share\s+this|subscribe\b|sign\s+up\b|copyright\b|\u00a9|\(c\)\s|"
    r"all\s+rights\s+reserved|disclaimer\b|tags?:|filed\s+under|read\s+more\b|you\s+may\s+also\s+like|"
    r"\d+\s+comments?\b|comments?\s*$|follow\s+us\b|editor'?s\s+note|"
    r"(?:additional\s+)?reporting\s+by\b|(?:writing|editing|compiled)\s+by\b)",
    re.I,
)


@dataclass
class Layout:
    """Where the article's body lies, its headings and captions, and its sentences (spans
    of the full text). Headings and captions are not sentences."""

    body_start: int
    body_end: int
    headline: tuple[int, int] | None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    captions: list[tuple[int, int]] = field(default_factory=list)
    # The agency in a wire dateline ("ACCRA, June 2 (Coast News) -"): the copy's, not the story's.
    credits: list[tuple[int, int]] = field(default_factory=list)


# A photo caption: a line that opens with its label, or carries a photographer's credit
# ("Photo: ...", "... (Name/Agency)", "... Credit: Name/Agency").
_CAPTION = re.compile(
    r"^\W{0,3}(?:photo(?:graph)?|picture|pictured|image|caption|illustration)s?\b\s*(?:[:|\u2013-]|\()"
    r"|\b(?:credit|photo(?:graph)?|picture)s?\s*:\s*[^\n]*$"
    r"|\([^()\n]{2,80}/[^()\n]{2,60}\)\s*$",
    re.I,
)
# A wire dateline: a place in capitals, a date, the agency in parentheses, a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.' -]{1,40}(?:,\s+[A-Z][A-Za-z.' -]{1,30})?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*(?P<agency>\([^()\n]{1,60}\))\s*[-\u2013\u2014]"
)
# A dateline without a date or an agency: a place in capitals at a paragraph's start, its
# country perhaps, and a dash ("ADRÉ, Chad - The road ..."). The place is the copy's.
_PLACE_DATELINE = re.compile(
    r"(?P<place>[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.' -]{1,40}[A-Z\u00c0-\u00de])"
    r"(?:,\s+[A-Z][A-Za-z\u00c0-\u024f.' -]{1,30})?\s+[-\u2013\u2014]\s"
)
# A list item: its line is content even without a closing full stop.
_LIST_ITEM = re.compile(r"^\s*(?:[-\u2022*\u2013]|\d{1,2}[.)])\s")
_HEADING_WORDS = 14


def _line_kind(line: str) -> str:
    """ "caption", "heading" (a short line that does not end as prose does, or a short
    question on a line of its own) or "prose"."""
    stripped = line.strip()
    if not stripped:
        return "prose"
    if _CAPTION.search(stripped):
        return "caption"
    if _LIST_ITEM.match(stripped):
        return "prose"
    words = stripped.split()
    if len(words) > _HEADING_WORDS:
        return "prose"
    if stripped.endswith("?"):
        # A question standing alone ("What comes next?"), not prose that ends with one.
        return "prose" if re.search(r"[.!?][\"'\u201d\u2019]?\s+\S", stripped) else "heading"
    if not stripped.endswith((".", "!", '"', "\u201d", "'", "\u2019", ";", ":", ",", ")")):
        return "heading"
    return "prose"


def _is_title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", line)
    if len(words) < 3:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals / len(words) >= 0.7


def layout(text: str) -> Layout:
    """Find the headline and byline at the top, the boilerplate footer at the end, and
    split the body between them into sentences."""
    lines = []
    position = 0
    for raw in text.split("\n"):
        lines.append((position, position + len(raw), raw))
        position += len(raw) + 1

    body_start, headline = 0, None
    content_lines = [entry for entry in lines if entry[2].strip()]
    for index, (start, end, raw) in enumerate(content_lines[:6]):
        stripped = raw.strip()
        ends_sentence = stripped.endswith((".", "?", "!", '"', "\u201d"))
        if index == 0 and len(stripped) < 200 and not ends_sentence and len(content_lines) > 1:
            headline = (start, end)
            body_start = end
            continue
        if (re.match(r"^\s*By\b", stripped) and len(stripped) < 120 and not ends_sentence) or is_byline(
            stripped
        ):
            body_start = end
            continue
        if index > 0 and headline and _is_title_case(stripped) and not ends_sentence and len(stripped) < 200:
            body_start = end
            continue
        break

    body_end = len(text)
    threshold = body_start + (len(text) - body_start) * 0.3
    for start, _end, raw in lines:
        if start > threshold and _FOOTER_LINE.match(raw.strip()):
            body_end = start
            break
    while body_end > body_start and text[body_end - 1].isspace():
        body_end -= 1
    headings, captions, prose = [], [], []
    for start, end, raw in lines:
        if end <= body_start or start >= body_end or not raw.strip():
            continue
        start, end = max(start, body_start), min(end, body_end)
        kind = _line_kind(text[start:end])
        (headings if kind == "heading" else captions if kind == "caption" else prose).append((start, end))
    sentences = [span for start, end in prose for span in split_sentences(text, start, end)]
    credits = []
    for start, _end in prose:
        dateline = _DATELINE.match(text, start)
        if dateline:
            credits.append(dateline.span("agency"))
        elif (undated := _PLACE_DATELINE.match(text, start)) and not undated.group("place").strip().count(
            " "
        ) > 2:
            credits.append(undated.span("place"))
    return Layout(body_start, body_end, headline, sentences, headings, captions, credits)


def masked(folded: str, spans: list[tuple[int, int]]) -> str:
    """The folded text with `spans` blanked out, one space for each character, so that what
    reads it skips them and every position stays a position in the original."""
    if not spans:
        return folded
    chars = list(folded)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# Words whose full stop does not end a sentence ("Gen.", "Dec.").
_ABBREVIATIONS = words("abbreviations")

_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences as (start, end) spans: a paragraph break always ends one; a full stop
    does unless it closes an abbreviation or an initial."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text[start:end]):
        p_start = start + paragraph.start()
        p_text = paragraph.group()
        if pipeline.current() == pipeline.SPACY:
            for s, e in pipeline.spacy_sentences(text, p_start, p_start + len(p_text)):
                _add_span(spans, text, s, e)
            continue
        cursor = 0
        for match in _SENTENCE_END.finditer(p_text):
            before = p_text[cursor : match.start()]
            word = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
            if match.group().startswith(".") and word:
                token = word.group(1).lower().rstrip(".")
                if token in _ABBREVIATIONS or (len(token) == 1 and word.group(1).isupper()):
                    continue
            _add_span(spans, text, p_start + cursor, p_start + match.end())
            cursor = match.end()
        _add_span(spans, text, p_start + cursor, p_start + len(p_text))
    return spans


def _add_span(spans, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
