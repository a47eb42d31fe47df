"""Reading an article: bytes to text, HTML and Markdown to readable text, the metadata a
file states about itself; its layout (sentences, headline, headings, captions, footer) is
in `layout.py`.

Offsets matter everywhere downstream (an excerpt quotes the stored text at a position), so
`fold` keeps one character for one character: matching runs on the folded text and every
position found there is a position in the original.
"""

import codecs
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from .byline import Byline, find_byline, is_byline
from .layout import Layout, layout, split_sentences  # noqa: F401  (read from here by callers)

# Larger inputs are refused: an article is tens of kilobytes; megabytes are a mistake
# (a PDF, an archive, a whole site) and would make the suggestion page unusable.
MAX_INPUT_BYTES = 2 * 1024 * 1024


class UnreadableInput(ValueError):
    """Input that cannot be turned into an article's text; the message says why."""


# --- Bytes to text -----------------------------------------------------------------------


def _cp1252_fallback(error: UnicodeDecodeError):
    """Decode the bytes that are not UTF-8 as Windows-1252 (Latin-1 for its five holes)."""
    chunk = error.object[error.start : error.end]
    return "".join(_cp1252_byte(b) for b in chunk), error.end


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


codecs.register_error("briefings_cp1252_fallback", _cp1252_fallback)


@dataclass
class Decoded:
    text: str
    encoding: str
    note: str = ""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: a PDF, an image, an archive, not an article."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def decode_bytes(data: bytes, *, limit: int = MAX_INPUT_BYTES) -> Decoded:
    """Text from a file's bytes: UTF-8 (with or without BOM, or UTF-16 with a BOM); where
    bytes are not UTF-8, Windows-1252 for those bytes alone, so a file with mixed
    encodings keeps its UTF-8 parts and its curly quotes."""
    if len(data) > limit:
        raise UnreadableInput(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is {limit // 1024 // 1024} MB. "
            "Import the article's text alone."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableInput("The file says it is UTF-16 but is not readable as such.") from error
    if looks_binary(data):
        raise UnreadableInput("This looks like a binary file (a PDF, image or archive), not text.")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="briefings_cp1252_fallback")
    utf8_clean = data.decode("utf-8", errors="ignore")
    if not any(ord(c) > 127 for c in utf8_clean):
        return Decoded(text, "cp1252", "The file is not UTF-8; it was read as Windows-1252.")
    return Decoded(
        text,
        "utf-8+cp1252",
        "The file mixes encodings; bytes that are not UTF-8 were read as Windows-1252.",
    )


def normalise_newlines(text: str) -> str:
    """One newline convention, no trailing spaces, no runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --- HTML and Markdown to text -----------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "head"}
# Page furniture rather than the article.
_FURNITURE_TAGS = {"nav", "footer", "aside", "form", "button", "select"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "blockquote", "pre", "table", "tr", "figure", "figcaption", "dl", "dt",
    "dd", "hr", "address",
}  # fmt: skip
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed"}


@dataclass
class Metadata:
    """What a file says about itself; every field may be empty."""

    title: str = ""
    author: str = ""
    publisher: str = ""
    url: str = ""
    published_on: datetime.date | None = None


# Open elements deeper than this are read as if they were not nested further.
MAX_NESTING = 256


class _HTMLToText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] | None = None
        self.articles: list[list[str]] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        # How many of each tag are open: `tag in self.stack` would read the whole stack
        # at every end tag, quadratic on a page of unclosed tags.
        self.open_counts: dict[str, int] = {}
        self.article_depth = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.canonical = ""
        self.time_datetime = ""

    def _emit(self, text: str):
        self.parts.append(text)
        if self.article_depth:
            self.articles[-1].append(text)

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
            if key and "content" in attrs:
                self.meta.setdefault(key, attrs["content"].strip())
            return
        if tag == "link" and "canonical" in attrs.get("rel", "").lower():
            self.canonical = attrs.get("href", "")
            return
        if tag == "time" and attrs.get("datetime") and not self.time_datetime:
            self.time_datetime = attrs["datetime"]
        if tag == "title":
            self.in_title = True
        if tag in _VOID_TAGS:
            if tag == "br" and not self.skip_depth:
                self._emit("\n")
            return
        if len(self.stack) >= MAX_NESTING:
            # Deeper than any real page: read the rest as if it were not nested further.
            return
        self.stack.append(tag)
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        if tag in _SKIP_TAGS or tag in _FURNITURE_TAGS:
            self.skip_depth += 1
        if tag == "article" and not self.skip_depth:
            self.article_depth += 1
            if self.article_depth == 1:
                self.articles.append([])
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self._emit("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if not self.open_counts.get(tag):
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.open_counts[open_tag] -= 1
            if open_tag in _SKIP_TAGS or open_tag in _FURNITURE_TAGS:
                self.skip_depth -= 1
            if open_tag == "article" and self.article_depth:
                self.article_depth -= 1
            if open_tag in _BLOCK_TAGS and not self.skip_depth:
                self._emit("\n\n")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        self._emit(re.sub(r"\s+", " ", data))


def _tidy_blocks(raw: str) -> str:
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    return normalise_newlines("\n".join(lines))


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(
        re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<p[\s>]|<div[\s>]|<article[\s>]", head)
    )


def html_to_text(html: str) -> tuple[str, Metadata]:
    """The readable text of an HTML page (scripts, styles and page furniture dropped; the
    <article> where the page marks one) and the metadata its head states."""
    parser = _HTMLToText()
    parser.feed(html)
    parser.close()
    candidates = [_tidy_blocks("".join(parts)) for parts in parser.articles]
    text = max(candidates, key=len) if candidates and max(map(len, candidates)) > 200 else ""
    if not text:
        text = _tidy_blocks("".join(parser.parts))
    meta = parser.meta
    title = (meta.get("og:title") or " ".join("".join(parser.title_parts).split())).strip()
    date_text = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("date")
        or meta.get("dc.date")
        or meta.get("pubdate")
        or parser.time_datetime
    )
    metadata = Metadata(
        title=title,
        author=meta.get("author") or meta.get("article:author") or meta.get("dc.creator") or "",
        publisher=meta.get("og:site_name") or meta.get("publisher") or "",
        url=meta.get("og:url") or parser.canonical or "",
        published_on=parse_iso_date(date_text),
    )
    if metadata.author.startswith(("http://", "https://")):
        metadata.author = ""
    # What the head states comes first; the byline at the top of the text fills the rest.
    return text, _with_byline(metadata, find_byline(text))


def _with_byline(metadata: Metadata, byline: Byline) -> Metadata:
    metadata.author = metadata.author or byline.author
    metadata.publisher = metadata.publisher or byline.publisher
    metadata.published_on = metadata.published_on or byline.published_on
    return metadata


_MD_RULES = [
    (re.compile(r"^```.*?$", re.M), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}#{1,6}\s+", re.M), ""),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.M), ""),
]


def markdown_to_text(source: str) -> tuple[str, Metadata]:
    """Markdown's markup dropped, its words kept; the first heading is the title."""
    heading = re.search(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", source, re.M)
    text = source
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    text = normalise_newlines(text)
    metadata = Metadata(title=heading.group(1).strip() if heading else "")
    return text, _with_byline(metadata, find_byline(text))


def plain_metadata(text: str) -> Metadata:
    """A plain text's own statements: a headline-like first line as the title (short, no
    closing full stop, more text after it, not itself the byline), and the byline's author,
    publisher and date (`byline.py`)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    first = lines[0] if lines else ""
    headline = (
        len(lines) > 1
        and len(first) <= 200
        and not first.endswith((".", "!", "?", ":", ";", ","))
        and not is_byline(first)
    )
    return _with_byline(Metadata(title=first if headline else ""), find_byline(text))


def parse_iso_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


@dataclass
class ReadArticle:
    text: str
    metadata: Metadata
    note: str = ""
    kind: str = "text"


def read_article(data: bytes | str, *, filename: str = "") -> ReadArticle:
    """Bytes or text, in any of the accepted forms, to the article's text and metadata."""
    note = ""
    if isinstance(data, bytes):
        decoded = decode_bytes(data)
        raw, note = decoded.text, decoded.note
    else:
        if len(data.encode("utf-8", errors="ignore")) > MAX_INPUT_BYTES:
            raise UnreadableInput(
                f"The text is over the {MAX_INPUT_BYTES // 1024 // 1024} MB limit. "
                "Import the article's text alone."
            )
        raw = data
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix in {"html", "htm", "xhtml"} or (
        suffix not in {"md", "markdown", "txt"} and looks_like_html(raw)
    ):
        text, metadata = html_to_text(raw)
        kind = "html"
    elif suffix in {"md", "markdown"}:
        text, metadata = markdown_to_text(raw)
        kind = "markdown"
    else:
        # Plain text keeps its characters, so that positions in it are positions in the file.
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        metadata = plain_metadata(text)
        kind = "text"
    if not text.strip():
        raise UnreadableInput("There is no text in this input.")
    return ReadArticle(text=text, metadata=metadata, note=note, kind=kind)


# --- Folding -----------------------------------------------------------------------------

_FOLD_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": " ", "\t": " ",
}  # fmt: skip


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _FOLD_MAP:
        return _FOLD_MAP[char]
    if char.isascii():
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Accents, curly quotes and dashes folded to ASCII, one character for one character."""
    return "".join(map(_fold_char, text))


def fold_key(text: str) -> str:
    """A comparison key: folded, lower case, one space between words, no leading "the"."""
    key = " ".join(fold(text).lower().replace("'s ", " ").split())
    key = re.sub(r"^the ", "", key)
    return re.sub(r"'s$", "", key).strip(" .,;:'\"")
