"""The briefing desk's domain, one module per part: geography, actors, sources and their
excerpts, events, ICD 203 assessments, briefings and their review, country trends, who has
what open, and the search index. Choices are in `choices`, shared bases in `base`.

What readers may see is defined once, in `base` (`PublishableQuerySet.published()` and the
rows a published briefing shows); every page, feed, sitemap, search, export and API
starts from a `published()` QuerySet.
"""

from .actors import Actor, ActorAlias, ActorQuerySet
from .assessments import (
    ESTIMATE_FIELDS,
    OUTCOME_EVIDENCE,
    OUTCOME_FIELDS,
    QUESTION_FIELDS,
    REQUIRED_QUESTION_FIELDS,
    Assessment,
    AssessmentOutcome,
    AssessmentQuerySet,
    ForecastUpdate,
    OutcomeEntry,
    forecast_state,
    is_forecast,
    stated_probability,
)
from .base import (
    ANONYMOUS,
    PublishableModel,
    PublishableQuerySet,
    ReaderContext,
    ShownByBriefingsQuerySet,
    SluggedModel,
    VersionConflict,
    VersionedModel,
    VersionedQuerySet,
    current_version,
    is_versioned,
    unique_slug,
)
from .briefings import Briefing, BriefingQuerySet, BriefingTransition, KeyJudgment, ReviewComment
from .choices import (
    LIKELIHOOD_RANGES,
    SCORED_OUTCOMES,
    TREND_ARROWS,
    UNSCORED_OUTCOMES,
    ActorKind,
    ActorRole,
    Confidence,
    Credibility,
    DatePrecision,
    EventKind,
    ForecastState,
    Likelihood,
    Outcome,
    OutcomeEntryKind,
    PublicationStatus,
    Reliability,
    SearchKind,
    SuggestionKind,
    Tlp,
    Trend,
    TrendAlert,
)
from .events import Event, EventActor, EventQuerySet
from .geography import Country, CountryManager, CountryQuerySet, Region
from .notices import Notice, NoticeKind, NoticeQuerySet
from .people import display_name, display_name_from
from .presence import EditPresence
from .publication import PublicVersion
from .readers import Organisation, ReaderProfile
from .search import SearchDocument
from .sharing import ShareLink, ShareLinkLifetime, ShareLinkOpening, ShareLinkQuerySet
from .sources import Excerpt, ExcerptQuerySet, RejectedSuggestion, Source, SourceQuerySet, locate_quote
from .trends import CountryTrend

__all__ = [
    "ANONYMOUS",
    "Organisation",
    "ReaderContext",
    "ReaderProfile",
    "Tlp",
    "Notice",
    "NoticeKind",
    "NoticeQuerySet",
    "ShareLink",
    "ShareLinkLifetime",
    "ShareLinkOpening",
    "ShareLinkQuerySet",
    "OUTCOME_EVIDENCE",
    "ESTIMATE_FIELDS",
    "OUTCOME_FIELDS",
    "QUESTION_FIELDS",
    "REQUIRED_QUESTION_FIELDS",
    "LIKELIHOOD_RANGES",
    "SCORED_OUTCOMES",
    "UNSCORED_OUTCOMES",
    "TREND_ARROWS",
    "Actor",
    "ActorAlias",
    "ActorKind",
    "ActorQuerySet",
    "ActorRole",
    "Assessment",
    "AssessmentOutcome",
    "AssessmentQuerySet",
    "Briefing",
    "BriefingQuerySet",
    "BriefingTransition",
    "Confidence",
    "Country",
    "CountryManager",
    "CountryQuerySet",
    "CountryTrend",
    "Credibility",
    "DatePrecision",
    "EditPresence",
    "Event",
    "EventActor",
    "EventKind",
    "EventQuerySet",
    "Excerpt",
    "ExcerptQuerySet",
    "ForecastState",
    "ForecastUpdate",
    "KeyJudgment",
    "Likelihood",
    "Outcome",
    "OutcomeEntry",
    "OutcomeEntryKind",
    "PublicationStatus",
    "PublicVersion",
    "PublishableModel",
    "PublishableQuerySet",
    "Region",
    "RejectedSuggestion",
    "Reliability",
    "ReviewComment",
    "SearchDocument",
    "SearchKind",
    "ShownByBriefingsQuerySet",
    "SluggedModel",
    "Source",
    "SourceQuerySet",
    "SuggestionKind",
    "Trend",
    "TrendAlert",
    "VersionConflict",
    "VersionedModel",
    "VersionedQuerySet",
    "current_version",
    "display_name",
    "display_name_from",
    "forecast_state",
    "is_forecast",
    "is_versioned",
    "locate_quote",
    "stated_probability",
    "unique_slug",
]
