"""The country recogniser: names, short forms, demonyms, capitals; no false friends."""

import pytest

from briefings.extraction.countries import find_places
from briefings.extraction.gazetteer import tokenize
from briefings.extraction.text import fold


def countries(text: str) -> list[tuple[str, str]]:
    folded = fold(text)
    found, _ = find_places(folded, tokenize(folded))
    return [(m.iso2, text[m.start : m.end]) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks in Mali ended.", [("ML", "Mali")]),
        ("The Russian Federation objected.", [("RU", "Russian Federation")]),
        ("Cote d'Ivoire voted.", [("CI", "Cote d'Ivoire")]),
        ("Côte d’Ivoire voted.", [("CI", "Côte d’Ivoire")]),
        ("Ivory Coast voted.", [("CI", "Ivory Coast")]),
        ("Malian troops moved.", [("ML", "Malian")]),
        ("Many Malians protested.", [("ML", "Malians")]),
        ("Crowds gathered in Bamako.", [("ML", "Bamako")]),
        ("The Republic of Mali signed.", [("ML", "Republic of Mali")]),
        ("Taiwan protested.", [("TW", "Taiwan")]),
        ("Guinea-Bissau and Guinea met.", [("GW", "Guinea-Bissau"), ("GN", "Guinea")]),
        ("The Central African Republic voted.", [("CF", "Central African Republic")]),
        ("Franco-Russian talks resumed.", [("FR", "Franco"), ("RU", "Russian")]),
        ("The US and the UK agreed.", [("US", "US"), ("GB", "UK")]),
    ],
)
def test_country_forms_are_recognised(text, expected):
    assert countries(text) == expected


def test_us_in_let_us_is_not_a_country():
    assert countries("Let us be clear about it; tell us more.") == []


def test_two_letter_words_are_not_country_codes():
    assert countries("It is IN the plan TO act, as IT said.") == []


def test_regions_are_not_countries():
    assert countries("The Sahel and West Africa, and the West African states.") == []


def test_lake_chad_is_a_region_but_chad_is_a_country():
    assert countries("Around Lake Chad, Chad's army moved.") == [("TD", "Chad")]


def test_a_country_name_that_is_a_given_name_needs_no_name_beside_it():
    assert countries("Chad Johnson visited Jordan.") == [("JO", "Jordan")]


def test_a_newspaper_named_after_a_city_is_not_the_country():
    assert countries("The Washington Post reported it.") == []


def test_lowercase_words_are_not_countries():
    assert countries("The china plates and a turkey dinner.") == []


def test_a_country_after_for_at_the_start_of_a_sentence_is_a_country():
    assert [iso2 for iso2, _ in countries("For Jordan, the deal matters.")] == ["JO"]


def test_a_country_in_a_publications_name_is_not_a_country():
    assert countries("The Times of India covered the summit.") == []


def test_an_agreement_named_after_a_capital_does_not_name_its_country():
    assert countries("Under the Pretoria agreement, the troops withdrew.") == []
