"""Markdown for briefings and rationales: rendered and sanitized here, and nowhere else.

Python-Markdown turns analysts' text into HTML; nh3 (the Ammonia sanitizer) then keeps
only an explicit allowlist of tags, attributes and link schemes (`addresses.LINK_SCHEMES`),
so `<script>`, event-handler attributes and `javascript:`/`data:` links never reach a page.

Rendering is bounded: Python-Markdown's time grows with the square of the opening brackets
in a paragraph, and its recursion with the depth of nested lists and quotes, so text past
those bounds is refused beside its field (`validate_markdown`) and, should it be stored
another way, shown as plain paragraphs rather than parsed: rendering never raises.
"""

import html
import re

import markdown as md
import nh3
from django.core.exceptions import ValidationError
from django.utils.html import escape, strip_tags

from .addresses import LINK_SCHEMES

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align", "scope"},
}
EXTENSIONS = ["extra", "sane_lists", "smarty"]

# The bounds: far beyond any briefing (1,500 words is about 10,000 characters).
MAX_CHARACTERS = 100_000
MAX_BRACKETS_PER_PARAGRAPH = 300
MAX_NESTING = 24
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
# What opens a nested block at the start of a line: indentation, quote marks, list markers.
_BLOCK_PREFIX = re.compile(r"^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")


def markdown_problem(text: str) -> str:
    """What makes `text` too much to render, in words for the analyst; empty when nothing."""
    if len(text) > MAX_CHARACTERS:
        return (
            f"This text is {len(text):,} characters long; the limit is {MAX_CHARACTERS:,}. "
            "Split it, or move the appendix to a source."
        )
    for paragraph in _PARAGRAPHS.split(text):
        if paragraph.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
            return (
                f"A paragraph holds more than {MAX_BRACKETS_PER_PARAGRAPH} opening square brackets; "
                "Markdown reads each as the start of a link. Break it up or remove some."
            )
    for line in text.splitlines():
        prefix = _BLOCK_PREFIX.match(line).group().expandtabs(4)
        indent = len(prefix) - len(prefix.lstrip(" "))
        if len(_MARKER.findall(prefix)) + indent // 4 > MAX_NESTING:
            return f"Lists or quotes are nested more than {MAX_NESTING} deep. Flatten them."
    return ""


def validate_markdown(text: str) -> None:
    """A form and model validator: Markdown within the bounds rendering keeps."""
    problem = markdown_problem(text or "")
    if problem:
        raise ValidationError(problem, code="markdown")


def render_markdown(text: str) -> str:
    """Markdown to sanitized HTML; the only way Markdown becomes HTML in this project."""
    if not text:
        return ""
    if markdown_problem(text):
        return _plain_paragraphs(text)
    try:
        html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    except RecursionError:
        return _plain_paragraphs(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _plain_paragraphs(text: str) -> str:
    """Text past the bounds, shown as it was typed: escaped, in paragraphs."""
    return "".join(f"<p>{escape(part.strip())}</p>" for part in _PARAGRAPHS.split(text) if part.strip())


def html_to_text(value: str) -> str:
    """The words of rendered Markdown, without its markup: for the search index and exports
    that carry text, never the raw Markdown (whose comments and markup readers never see)."""
    return html.unescape(strip_tags(value or ""))
