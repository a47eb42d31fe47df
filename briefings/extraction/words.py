"""Word lists the actor recogniser reads: English words that start sentences or stand
capitalised without being names, the titles that precede a person's name, and the head
words that make a capitalised phrase an organisation (with the kind they suggest). The
lists themselves are data files (`data/*.txt`, `data/kinds.toml`), read once."""

import re

from .lexicon import entries, kinds, table, words

COMMON_WORDS = words("common_words")
TITLE_WORDS = words("title_words")
ROLE_NOUNS = words("role_nouns")
ORGANISATION_HEADS = kinds("organisation_heads")
HEAD_INITIAL = words("head_initial")
INTERNATIONAL_MARKERS = words("international_markers")
PLACE_HEADS = words("place_heads")
LOCATIVE_BEFORE = words("locative_before")
PLACE_NOUNS = words("place_nouns")
PORTFOLIO_WORDS = words("portfolio_words")
GIVEN_NAME_WORDS = words("given_name_words")
GOVERNMENT_WORDS = words("government_words")
SHIP_PREFIXES = words("ship_prefixes")
VESSEL_NOUNS = words("vessel_nouns")
THING_HEADS = words("thing_heads")
CONNECTORS = words("connectors")
NAME_PARTICLES = words("name_particles")
KIND_CUES_BEFORE = kinds("kind_cues_before")
APPOSITION_CUES = words("apposition_cues")
LIST_CUES = kinds("list_cues")
KIND_CUES_AFTER = kinds("kind_cues_after")
MEDIA_CUE_PHRASES = entries("media_cue_phrases")
MEDIA_CUE_AFTER = entries("media_cue_after")
NON_ACTOR_ACRONYMS = words("non_actor_acronyms")
KNOWN_MEDIA = words("known_media")
COMPANY_SUFFIXES = words("company_suffixes")
MODIFIED_NOUNS = words("modified_nouns")
ARMED_MODIFIERS = frozenset(table("kinds")["armed_modifiers"]["armed_group"])
BUSINESS_MODIFIERS = frozenset(table("kinds")["business_modifiers"]["company"])
REPORTING_VERBS = words("reporting_verbs")
ROMANCE_ARTICLES = words("romance_articles")
ACTING_VERBS = words("acting_verbs")
PLACE_PREPOSITIONS = words("place_prepositions")
ASSAULT_NOUNS = words("assault_nouns")
NAME_WORD_KINDS = kinds("name_words")
CONTEXT_HEADS = words("context_heads")
STATELESS_HEADS = words("stateless_heads")
CONTEXT_CUES = kinds("context_cues")
INTERJECTIONS = entries("interjections")
WEAPON_NOUNS = words("weapon_nouns")
PLACE_VERBS = words("place_verbs")


def _acting_after():
    interjections = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in INTERJECTIONS)
    return re.compile(rf"(?:,\s+(?:{interjections}),)?\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b")


ACTING_AFTER = _acting_after()


def acting_verb(word: str) -> bool:
    """A verb a subject acts or speaks by: one of the list, or a regular past tense
    ("renewed", "hosted"; not "speed" or "greed")."""
    return word in ACTING_VERBS or (len(word) >= 5 and word.endswith("ed") and not word.endswith("eed"))
