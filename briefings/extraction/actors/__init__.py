"""Actors named in a text: organisations by their head words and acronyms, people by
their names and titles, companies and media by the words around them.

The recogniser reads capitalised runs of words. In order:
0. ships ("BRP Laguna Verde", "the tanker Ocean Pearl") and places the words around them
   make places ("near Sandy Bank", "the village of Upper Dolan", "the Kaveri province")
   are set aside, with every later mention of the same name (`places`);
1. acronyms defined in parentheses, "Council for National Renewal (CNR)", whose later
   bare uses ("the CNR") are mentions of the same actor; the long form is the shortest
   run of words whose initials spell the acronym, where they do (`acronyms`);
2. organisations: a run holding a head word (Committee, Party, Forces, Institute,
   Initiative, "Operation X", ...), whose head suggests the kind (`organisations`);
3. people: two to four name-like words, or one after a title ("President Sanda"), with
   the title read backwards from the name ("Russian Ambassador to Ghana and Togo")
   (`people`);
4. single words that the words around them make a company or a media outlet ("a Canadian
   mining company", "an interview with Radiovox", "its German counterpart Stahlwerk",
   "firms such as Nordline"), a programme ("its own mission, Trident") or a polity
   ("Puntmark's president") (`cues`);
5. acronyms used without a definition, surnames (and given names, "Prime Minister Kofi")
   standing for a person named in full, a well-known person's surname used alone
   ("Putin") or a word before ", who" ("Madobe, who has led"), and later mentions of a
   name already found (`acronyms`, `people`, `mentions`).

A capitalised word is never a name merely for being capitalised: countries, regions,
months and the common words that start sentences ("Although", "Prominent", "Will") are
set aside first (`doc`).
"""

from .acronyms import acronym_definitions, bare_acronyms
from .cues import cued_words, known_media, known_organisations
from .doc import ActorCandidate, Doc
from .mentions import merge, metonyms, repeated_names
from .organisations import capitalised_runs, named_by_noun_after, organisations
from .people import lone_surnames, people, surname_mentions
from .places import places, vessels

__all__ = ["ActorCandidate", "find_actors"]


def find_actors(text, folded, tokens, layout, countries, regions, dates) -> list[ActorCandidate]:
    doc = Doc(text, folded, tokens, layout, countries, regions, dates)
    found: list[ActorCandidate] = []
    acronyms: dict[str, ActorCandidate] = {}
    vessels(doc)
    acronym_definitions(doc, found, acronyms)
    known_organisations(doc, found)
    runs = capitalised_runs(doc)
    places(doc, runs)
    known_media(doc, runs, found)
    organisations(doc, runs, found)
    named_by_noun_after(doc, runs, found)
    people(doc, found)
    cued_words(doc, found)
    bare_acronyms(doc, found, acronyms)
    surname_mentions(doc, found)
    lone_surnames(doc, found)
    repeated_names(doc, runs, found)
    metonyms(doc, found)
    return merge(found)
