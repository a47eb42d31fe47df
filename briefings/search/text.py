"""What search reads and writes as text: the configuration, limits, highlight markers and
the cleaning every query and every indexed text goes through."""

import re
import unicodedata

from django.db import connection

# The text-search configuration: the desk writes in English.
SEARCH_CONFIG = "english"
# Longer queries are cut here: no sensible question needs more, and a 10,000-character
# paste must not become a 10,000-term query.
MAX_QUERY_LENGTH = 200
# At most this many terms are matched on the fallback path (one LIKE per term).
MAX_FALLBACK_TERMS = 8
# Results are grouped by briefing: this many groups to a page, grouped from at most this
# many of the best matches (a reader does not page past them; the count still says how
# many matched).
GROUPS_PER_PAGE = 10
# A group shows its best matches; the rest wait behind "N more".
GROUP_SHOWN = 5
MAX_GROUPED_MATCHES = 500
RESULTS_PER_PAGE = 20
# On PostgreSQL at most this many matching documents are ranked (and counted): a word that
# most of a 100,000-event desk holds would otherwise be ranked row by row on every search.
CANDIDATES = 1000
# Between a document's parts (an event's description, its kind, place and actors), so a
# snippet that spans two reads as two.
PART_SEPARATOR = " · "
SNIPPET_CHARS = 240

# Private-use characters mark highlights in ts_headline's output. They are removed from
# every document's text when it is written, so in a headline they can only be markers.
MARK_START, MARK_STOP = "\ue000", "\ue001"
CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}

# Anchors on a briefing's page that a judgment's or a passage's result links to.
JUDGMENT_ANCHOR = "judgment-{pk}"
EXCERPT_ANCHOR = "excerpt-{pk}"


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


# ASCII control characters other than the newline and the tab.
ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(text: str) -> str:
    """Plain text for the index: no markup, no control or private-use characters."""
    text = text or ""
    if text.isascii():
        # Most text is ASCII: one pass of a regex, rather than a lookup per character.
        text = ASCII_CONTROLS.sub(" ", text)
    else:
        text = "".join(
            " " if unicodedata.category(ch) in CONTROL_CATEGORIES and ch not in "\n\t" else ch for ch in text
        )
    return re.sub(r"[ \t]+", " ", text).strip()


def clean_query(value: str) -> str:
    """The query as searched: control characters (NUL among them) gone, spaces collapsed, cut short."""
    value = "".join(ch for ch in value or "" if unicodedata.category(ch) not in CONTROL_CATEGORIES)
    return " ".join(value.split())[:MAX_QUERY_LENGTH].strip()
