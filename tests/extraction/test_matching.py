"""Matching suggestions to the desk's actors: exact, alias, approximate, never wrong."""

import datetime

import pytest

from briefings.extraction.matching import ActorIndex, KnownActor
from briefings.extraction.suggest import suggest
from briefings.models import Actor, ActorAlias
from briefings.services.suggestions import known_actors_from_database

from ..factories import ActorFactory

DESK = ActorIndex.build(
    [
        KnownActor(1, "Ibrahim Boubacar Keïta", "person"),
        KnownActor(2, "Malian Armed Forces", "armed_force", ("FAMa",)),
        KnownActor(3, "National Committee for the Salvation of the People", "state", ("CNSP", "the junta")),
        KnownActor(4, "Ministry of Defence", "state"),
    ]
)


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Ibrahim Boubacar Keita", "person", 1),
        ("Keita", "person", 1),
        ("Ibrahim Keita", "person", 1),
        ("CNSP", "", 3),
        ("Malian Armed Force", "armed_force", 2),
    ],
)
def test_names_match_the_desk_actor(name, kind, expected):
    assert DESK.match(name, kind=kind) == expected


def test_a_country_never_matches_an_actor():
    assert DESK.match("Mali") is None


def test_a_different_ministry_is_not_matched():
    assert DESK.match("Ministry of Finance", kind="state") is None


def test_a_different_person_with_the_same_surname_is_not_matched():
    assert DESK.match("Salif Keita", kind="person") is None


def test_suggestions_mark_the_desk_actor_they_match():
    text = "On August 18, President Ibrahim Boubacar Keita was overthrown."
    (actor,) = suggest(text, datetime.date(2020, 9, 1), index=DESK).actors
    assert actor.existing == 1


def test_a_desk_alias_in_the_text_is_a_mention_of_that_actor():
    text = "Later that week the junta met the envoys."
    (actor,) = suggest(text, datetime.date(2020, 9, 1), index=DESK).actors
    assert (actor.existing, actor.name) == (3, "National Committee for the Salvation of the People")


def test_a_surname_alone_finds_the_desk_person():
    text = "Critics said Keita had lost the army's trust."
    (actor,) = suggest(text, datetime.date(2020, 9, 1), index=DESK).actors
    assert actor.existing == 1


@pytest.mark.django_db
def test_the_index_reads_names_and_aliases_from_the_database():
    actor = ActorFactory(name="Economic Community of West African States", kind="international_organisation")
    ActorAlias.objects.create(actor=actor, name="ECOWAS")
    index = ActorIndex.build(known_actors_from_database())
    assert index.match("ECOWAS") == actor.pk
    assert Actor.objects.count() == 1


def test_a_given_name_alone_finds_the_one_desk_person_who_has_it():
    desk = ActorIndex.build(
        [KnownActor(7, "Selam Tesfaye", "person"), KnownActor(8, "Hagos Berhane", "person")]
    )
    (actor,) = suggest("Selam spoke to the council on Monday.", datetime.date(2024, 6, 12), index=desk).actors
    assert actor.existing == 7


def test_a_capital_that_acts_is_the_desk_government_it_stands_for():
    desk = ActorIndex.build([KnownActor(9, "Government of Ghana", "state", ("Accra",))])
    found = suggest(
        "Accra rejected the claim. Talks were held in Accra.", datetime.date(2024, 6, 12), index=desk
    )
    (actor,) = found.actors
    assert actor.existing == 9
    assert [m.text for m in actor.mentions] == ["Accra"]
    assert [c.iso2 for c in found.countries] == ["GH"]


def test_a_capital_that_acts_is_the_government_the_article_seats_there():
    text = "The Council of State (CS) in Accra met. Accra said it would not yield. Talks in Accra resumed."
    (actor,) = suggest(text, datetime.date(2024, 6, 12)).actors
    assert actor.name == "Council of State"
    assert [m.text for m in actor.mentions].count("Accra") == 1
