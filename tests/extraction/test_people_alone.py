"""Actors named by one word: a well-known person's surname, a name a relative "who" makes
a person, a metonym the desk holds that acts past an interjection, and a nickname in
single quotes inside a name (issue: actor recall)."""

import datetime

from briefings.extraction.matching import ActorIndex, KnownActor
from briefings.extraction.suggest import suggest

PUBLISHED = datetime.date(2025, 2, 12)


def actors(text: str, index=None) -> dict[str, object]:
    return {a.name: a for a in suggest(text, PUBLISHED, index=index).actors}


def test_a_well_known_surname_alone_is_a_person_with_the_full_name_as_alias():
    found = actors("Putin's gain is easier to describe than to measure.")
    putin = found["Putin"]
    assert (putin.kind, putin.aliases, putin.countries) == ("person", ["Vladimir Putin"], ["RU"])


def test_a_surname_alone_matches_the_desks_person():
    index = ActorIndex.build([KnownActor(7, "Emmanuel Macron", "person")])
    found = actors("Macron had staked much on the operation.", index)
    assert found["Macron"].existing == 7


def test_a_surname_after_the_full_name_is_a_mention_not_a_second_person():
    found = actors("Sergei Lavrov met the envoy. Lavrov said little.")
    assert list(found) == ["Sergei Lavrov"]
    assert found["Sergei Lavrov"].aliases == ["Lavrov"]


def test_a_name_before_who_is_a_person_and_its_later_uses_mentions():
    found = actors("Madobe, who has led the region since 2013, won again. The vote re-elected Madobe.")
    assert found["Madobe"].kind == "person"
    assert len(found["Madobe"].mentions) == 2


def test_a_word_in_a_longer_name_is_not_a_well_known_surname():
    assert "Trump" not in actors("He stayed at Trump Tower in March.")


def test_a_capital_the_desk_holds_acts_past_an_interjection():
    index = ActorIndex.build([KnownActor(3, "Government of China", "state", ("Beijing",))])
    found = actors("Beijing, meanwhile, renewed the licence of the mine.", index)
    assert found["Government of China"].existing == 3


def test_a_capital_after_a_preposition_does_not_act():
    index = ActorIndex.build([KnownActor(3, "Government of China", "state", ("Beijing",))])
    assert "Government of China" not in actors("Talks in Beijing, meanwhile, resumed.", index)


def test_a_nickname_in_single_quotes_inside_a_name_is_an_alias():
    found = actors("Its leader, Jimmy 'Barbecue' Chérizier, is a former police officer.")
    assert found["Jimmy Chérizier"].aliases == ["Barbecue"]


def test_a_national_force_in_lower_case_beside_a_foreign_acronym():
    found = actors("Instructors now train the Malian armed forces (FAMa) near Bamako.")
    assert found["Malian armed forces"].aliases == ["FAMa"]
    assert found["Malian armed forces"].kind == "armed_force"
