"""Sources and excerpts made from an imported article: the source with its full text, and an
excerpt from a stretch of that text an analyst selected."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from ..addresses import safe_address
from ..models import Excerpt, Reliability, Source, locate_quote


def source_import(
    *,
    text: str,
    title: str,
    author: str = "",
    publisher: str = "",
    url: str = "",
    published_on: datetime.date | None = None,
    reliability: str = Reliability.F,
) -> Source:
    """Save an article read by the extractor as a Source holding its full text; each value is
    cut to its field's length, and an address that is not safe to follow is left out."""
    return Source.objects.create(
        title=title[:300],
        author=(author or "")[:200],
        publisher=(publisher or "")[:200],
        url=safe_address(url or "")[:500],
        published_on=published_on,
        full_text=text,
        reliability=reliability or Reliability.F,
    )


def excerpt_from_selection(*, source: Source, text: str, start: int | None = None) -> tuple[Excerpt, bool]:
    """The excerpt quoting what the analyst selected of the source's full text, made if it
    is new; returns (excerpt, created). `start` is where the page says the selection began.
    ValidationError when nothing is selected or the selection is not in the stored text."""
    quote = text.strip()
    if not quote:
        raise ValidationError("Select some of the full text first.", code="empty")
    full_text = source.full_text or ""
    if start is not None and not 0 <= start <= len(full_text):
        start = None  # not a position in this text: look for the words instead
    if start is not None:
        # The selection was trimmed of spaces: move the start past those too.
        start += len(text) - len(text.lstrip())
    span = locate_quote(full_text, quote, near=start)
    if span is None:
        raise ValidationError(
            "The selection is not in the stored full text. Save the source first, then select again.",
            code="missing",
        )
    with transaction.atomic():
        return Excerpt.objects.get_or_create(
            source=source, start=span[0], end=span[1], defaults={"text": full_text[span[0] : span[1]]}
        )
