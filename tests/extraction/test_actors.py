"""The actor recogniser: organisations, acronyms, people with titles, companies, media."""

import datetime

from briefings.extraction.suggest import suggest

PUBLISHED = datetime.date(2021, 5, 10)


def actors(text: str) -> dict[str, object]:
    return {a.name: a for a in suggest(text, PUBLISHED).actors}


def test_an_acronym_defined_in_parentheses_is_an_alias():
    found = actors("The Council for National Renewal (CNR) took power. The CNR promised elections.")
    council = found["Council for National Renewal"]
    assert council.aliases == ["CNR"]
    assert len(council.mentions) == 3


def test_an_organisation_is_found_by_its_head_word():
    found = actors("Officers of the Nigerien Armed Forces moved on the palace.")
    assert found["Nigerien Armed Forces"].kind == "armed_force"
    assert found["Nigerien Armed Forces"].countries == ["NE"]


def test_a_party_is_a_political_party():
    found = actors("The leader of the Democratic Union for Progress Party spoke.")
    assert found["Democratic Union for Progress Party"].kind == "political_party"


def test_an_operation_takes_the_name_after_it():
    found = actors("Paris ended Operation Sentinel in the north.")
    assert found["Operation Sentinel"].kind == "programme"


def test_an_initiative_is_a_programme():
    found = actors("Beijing promoted the Silk Corridor Initiative (SCI) across Asia.")
    assert found["Silk Corridor Initiative"].kind == "programme"


def test_a_person_after_a_title_gets_the_title_and_country():
    found = actors("On Monday, Russian Ambassador to Ghana and Togo Pavel Orlov met the press.")
    orlov = found["Pavel Orlov"]
    assert (orlov.kind, orlov.role_title, orlov.countries) == (
        "person",
        "Russian Ambassador to Ghana and Togo",
        ["RU"],
    )


def test_a_possessive_country_gives_the_person_a_country_not_a_title():
    found = actors("Senegal's President Aliou Ndiaye resigned.")
    assert (found["Aliou Ndiaye"].role_title, found["Aliou Ndiaye"].countries) == ("President", ["SN"])


def test_a_lowercase_role_before_a_name_is_a_title():
    found = actors("Parliament member Irina Volkova denied the report.")
    assert found["Irina Volkova"].role_title == "Parliament member"


def test_two_people_joined_by_and_are_two():
    found = actors("The plotters, Amadou Sy and Bakary Traore, returned home.")
    assert {"Amadou Sy", "Bakary Traore"} <= set(found)


def test_a_surname_later_is_the_same_person():
    found = actors("President Amadou Sanda fled. Critics said Sanda had lost the army.")
    assert found["Amadou Sanda"].aliases == ["Sanda"]
    assert "Sanda" not in found


def test_a_company_is_found_by_an_appositive():
    found = actors("Goldline, a Canadian mining company, left the country.")
    assert found["Goldline"].kind == "company"
    assert found["Goldline"].countries == ["CA"]


def test_a_company_is_found_by_the_noun_before_it():
    found = actors("The Chinese energy giant Sinoray signed a deal.")
    assert found["Sinoray"].kind == "company"


def test_a_media_outlet_is_found_by_an_interview():
    found = actors("In an interview with Radiovox, the minister spoke.")
    assert found["Radiovox"].kind == "media"


def test_a_counterpart_takes_the_kind_of_the_actor_it_matches():
    found = actors("The Russian giant Metalkom competes with its German counterpart Stahlwerk.")
    assert found["Stahlwerk"].kind == "company"


def test_sentence_initial_common_words_are_not_actors():
    found = actors("Although talks failed, nothing changed. Prominent voices objected. Will they return?")
    assert found == {}


def test_the_modal_may_and_will_are_not_actors():
    found = actors("The army may return and will act. May was calm.")
    assert found == {}


def test_a_country_is_never_an_actor():
    found = actors("Mali and Niger signed. Mali later withdrew.")
    assert found == {}


def test_a_place_is_not_an_actor():
    found = actors("Crowds gathered at Liberty Square on the day.")
    assert found == {}


def test_an_undefined_acronym_spelled_by_an_organisation_is_its_alias():
    found = actors("The African Union met. Later the AU issued a statement.")
    assert found["African Union"].aliases == ["AU"]


def test_known_as_gives_an_alias():
    found = actors("Mohamed Ali Salem, known as Hamid, leads the group. Hamid denied it.")
    assert found["Mohamed Ali Salem"].aliases == ["Hamid"]


def test_text_without_names_has_no_actors():
    assert actors("nothing here has a name, and nothing is dated.") == {}


def test_the_byline_and_footer_are_not_read_for_actors():
    text = (
        "Some Headline About Things\n\nBy Jane Writer\n\nThe Council for National Renewal (CNR) met.\n\n"
        "About the author: Jane Writer is a fellow at the Institute of Studies."
    )
    assert set(actors(text)) == {"Council for National Renewal"}
