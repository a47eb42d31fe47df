"""The desk's vocabularies: Admiralty grades, ICD 203 likelihood and confidence, event and
actor kinds in the spirit of CAMEO and ACLED, CrisisWatch trends, and the workflow's
statuses. Every field with choices takes them from here."""

from django.db import models


class Reliability(models.TextChoices):
    """Admiralty (NATO AJP-2.1) reliability of a source."""

    A = "A", "A – Completely reliable"
    B = "B", "B – Usually reliable"
    C = "C", "C – Fairly reliable"
    D = "D", "D – Not usually reliable"
    E = "E", "E – Unreliable"
    F = "F", "F – Reliability cannot be judged"


class Credibility(models.IntegerChoices):
    """Admiralty (NATO AJP-2.1) credibility of an item of information."""

    CONFIRMED = 1, "1 – Confirmed by other sources"
    PROBABLY_TRUE = 2, "2 – Probably true"
    POSSIBLY_TRUE = 3, "3 – Possibly true"
    DOUBTFUL = 4, "4 – Doubtful"
    IMPROBABLE = 5, "5 – Improbable"
    CANNOT_JUDGE = 6, "6 – Truth cannot be judged"


class SuggestionKind(models.TextChoices):
    """The four lists of the suggestions page."""

    COUNTRY = "country", "country"
    ACTOR = "actor", "actor"
    EVENT = "event", "dated event"
    JUDGMENT = "judgment", "candidate judgment"


class Likelihood(models.TextChoices):
    """ICD 203 estimative language; each term carries a probability range (LIKELIHOOD_RANGES)."""

    ALMOST_NO_CHANCE = "almost_no_chance", "almost no chance"
    VERY_UNLIKELY = "very_unlikely", "very unlikely"
    UNLIKELY = "unlikely", "unlikely"
    ROUGHLY_EVEN = "roughly_even", "roughly even chance"
    LIKELY = "likely", "likely"
    VERY_LIKELY = "very_likely", "very likely"
    ALMOST_CERTAIN = "almost_certain", "almost certain"


# ICD 203's ranges, in percent (low, high).
LIKELIHOOD_RANGES: dict[str, tuple[int, int]] = {
    Likelihood.ALMOST_NO_CHANCE: (1, 5),
    Likelihood.VERY_UNLIKELY: (5, 20),
    Likelihood.UNLIKELY: (20, 45),
    Likelihood.ROUGHLY_EVEN: (45, 55),
    Likelihood.LIKELY: (55, 80),
    Likelihood.VERY_LIKELY: (80, 95),
    Likelihood.ALMOST_CERTAIN: (95, 99),
}


class Confidence(models.TextChoices):
    """ICD 203 analytic confidence, stated separately from likelihood."""

    LOW = "low", "low"
    MODERATE = "moderate", "moderate"
    HIGH = "high", "high"


class Outcome(models.TextChoices):
    """What became of a forecast once its horizon passed. Only the first two are scored: an
    ambiguous question (unanswerable as asked) or an annulled one (its premise failed) says
    nothing about the forecaster, so it is shown with its reason and left out of every score."""

    HAPPENED = "happened", "it happened"
    DID_NOT_HAPPEN = "did_not_happen", "it did not happen"
    AMBIGUOUS = "ambiguous", "ambiguous: it cannot be answered as asked"
    ANNULLED = "annulled", "annulled: its premise failed"


class OutcomeEntryKind(models.TextChoices):
    """What an entry of a forecast's resolution log records."""

    RESOLVED = "resolved", "resolved"
    DISPUTED = "disputed", "disputed"


# The outcomes that count in a score, and those shown with their reason but never scored.
SCORED_OUTCOMES = (Outcome.HAPPENED, Outcome.DID_NOT_HAPPEN)
UNSCORED_OUTCOMES = (Outcome.AMBIGUOUS, Outcome.ANNULLED)


class DatePrecision(models.TextChoices):
    """How exactly an event's date is known."""

    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"
    APPROXIMATE = "approximate", "approximate"


class EventKind(models.TextChoices):
    """CAMEO's root categories, ACLED's political-violence types, and coups."""

    COUP = "coup", "coup"
    PUBLIC_STATEMENT = "public_statement", "public statement"
    APPEAL = "appeal", "appeal"
    INTENT_TO_COOPERATE = "intent_to_cooperate", "intent to cooperate"
    CONSULT = "consult", "consult or meet"
    DIPLOMATIC_COOPERATION = "diplomatic_cooperation", "diplomatic cooperation"
    MATERIAL_COOPERATION = "material_cooperation", "material cooperation"
    AID = "aid", "aid"
    YIELD = "yield", "yield"
    INVESTIGATE = "investigate", "investigate"
    DEMAND = "demand", "demand"
    DISAPPROVE = "disapprove", "disapprove"
    REJECT = "reject", "reject"
    THREATEN = "threaten", "threaten"
    PROTEST = "protest", "protest"
    FORCE_POSTURE = "force_posture", "force posture"
    REDUCE_RELATIONS = "reduce_relations", "reduce relations"
    COERCE = "coerce", "coerce"
    ASSAULT = "assault", "assault"
    FIGHT = "fight", "fight"
    MASS_VIOLENCE = "mass_violence", "mass violence"
    BATTLE = "battle", "battle"
    REMOTE_VIOLENCE = "remote_violence", "explosions/remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians", "violence against civilians"
    RIOT = "riot", "riot"
    STRATEGIC_DEVELOPMENT = "strategic_development", "strategic development"
    OTHER = "other", "other"


class ActorKind(models.TextChoices):
    """What sort of actor: a person, a state body, an armed force, an organisation…"""

    PERSON = "person", "person"
    STATE = "state", "state or government body"
    ARMED_FORCE = "armed_force", "armed force"
    ARMED_GROUP = "armed_group", "armed group"
    INTERNATIONAL_ORGANISATION = "international_organisation", "international organisation"
    POLITICAL_PARTY = "political_party", "political party"
    COMPANY = "company", "company"
    MEDIA = "media", "media outlet"
    PROGRAMME = "programme", "programme or operation"
    OTHER = "other", "other"


class ActorRole(models.TextChoices):
    """An actor's part in an event, in CAMEO's source/target terms."""

    INITIATOR = "initiator", "initiator"
    TARGET = "target", "target"
    PARTICIPANT = "participant", "participant"


class PublicationStatus(models.TextChoices):
    """Where a briefing or a country trend stands in the review workflow; readers see only
    what is published (`PublishableQuerySet.published()`)."""

    DRAFT = "draft", "draft"
    IN_REVIEW = "in_review", "in review"
    PUBLISHED = "published", "published"
    WITHDRAWN = "withdrawn", "withdrawn"


class ForecastState(models.TextChoices):
    """Where a judgment stands in its life as a forecast (`forecast_state()`)."""

    SCORED = "scored", "scored"
    UNSCORED = "unscored", "resolved, not scored (ambiguous or annulled)"
    DUE = "due", "due for resolution"
    PENDING = "pending", "pending"


class SearchKind(models.TextChoices):
    """What a search result is."""

    BRIEFING = "briefing", "briefing"
    JUDGMENT = "judgment", "key judgment"
    EVENT = "event", "event"
    ACTOR = "actor", "actor"
    EXCERPT = "excerpt", "quoted passage"
    TREND = "trend", "country trend"
    COUNTRY = "country", "country"


class Trend(models.TextChoices):
    """Which way a country went in a month, in CrisisWatch's terms."""

    DETERIORATED = "deteriorated", "deteriorated"
    IMPROVED = "improved", "improved"
    UNCHANGED = "unchanged", "unchanged"


# How a trend is drawn beside its words.
TREND_ARROWS = {Trend.DETERIORATED: "↓", Trend.IMPROVED: "↑", Trend.UNCHANGED: "→"}


class TrendAlert(models.TextChoices):
    """CrisisWatch's alerts for the month ahead; no alert is the usual case."""

    CONFLICT_RISK = "conflict_risk", "conflict risk"
    RESOLUTION_OPPORTUNITY = "resolution_opportunity", "resolution opportunity"


class Tlp(models.TextChoices):
    """FIRST's Traffic Light Protocol 2.0, from the widest audience to the narrowest: who a
    briefing, or an item it shows, may reach. The order is the order of restriction."""

    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber+strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"


def tlp_rank(marking: str) -> int:
    """How restrictive `marking` is: 0 for TLP:CLEAR up to 4 for TLP:RED."""
    return Tlp.values.index(marking)


def tlp_at_or_below(marking: str) -> list[str]:
    """The markings no more restrictive than `marking`."""
    return Tlp.values[: tlp_rank(marking) + 1]
