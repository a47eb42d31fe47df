"""Sources and excerpts made from an imported article: the source with its full text and the
grades the analyst gave it, the source an article was already imported as, and an excerpt
from a stretch of that text an analyst selected. An excerpt starts with the information
credibility the analyst set for its source."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from ..addresses import safe_address
from ..models import Credibility, Excerpt, Reliability, Source, locate_quote


def source_import(
    *,
    text: str,
    title: str,
    reliability: str,
    excerpt_credibility: int,
    author: str = "",
    publisher: str = "",
    url: str = "",
    published_on: datetime.date | None = None,
) -> Source:
    """Save an article read by the extractor as a Source holding its full text, graded as the
    analyst chose (no grade is assumed); each value is cut to its field's length, and an
    address that is not safe to follow is left out."""
    if reliability not in Reliability.values:
        raise ValidationError({"reliability": "Choose how reliable the source is, A to F."})
    if excerpt_credibility not in Credibility.values:
        raise ValidationError({"excerpt_credibility": "Choose how credible its information is, 1 to 6."})
    return Source.objects.create(
        title=title[:300],
        author=(author or "")[:200],
        publisher=(publisher or "")[:200],
        url=safe_address(url or "")[:500],
        published_on=published_on,
        full_text=text,
        reliability=reliability,
        excerpt_credibility=excerpt_credibility,
    )


def _address_forms(url: str) -> set[str]:
    """The ways one address is written: with or without its fragment, trailing slash and
    scheme's "s"."""
    base = url.split("#", 1)[0].rstrip("/")
    if not base:
        return set()
    forms = {base, base + "/"}
    for scheme, other in (("https://", "http://"), ("http://", "https://")):
        if base.startswith(scheme):
            forms |= {other + base[len(scheme) :], other + base[len(scheme) :] + "/"}
    return forms


def source_already_imported(*, text: str, url: str = "") -> tuple[Source | None, str]:
    """The source this article was imported as before, found by its address or by the same
    full text, and which of the two matched ("url" or "text"); (None, "") if it is new."""
    address = safe_address(url or "")
    if address:
        found = Source.objects.filter(url__in=_address_forms(address)).order_by("pk").first()
        if found is not None:
            return found, "url"
    if text.strip():
        found = Source.objects.filter(full_text=text).order_by("pk").first()
        if found is not None:
            return found, "text"
    return None, ""


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
            source=source,
            start=span[0],
            end=span[1],
            defaults={"text": full_text[span[0] : span[1]], "credibility": source.excerpt_credibility},
        )
