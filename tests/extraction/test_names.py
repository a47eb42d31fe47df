"""Name assembly and kinds (issue 10): nicknames, conjunctions, trailing phrases, weapon
designations, places, lower-case long forms, modifiers, outlets and organisation kinds."""

import datetime

from briefings.extraction.suggest import suggest

PUBLISHED = datetime.date(2024, 6, 12)


def actors(text: str) -> dict[str, object]:
    return {a.name: a for a in suggest(text, PUBLISHED).actors}


def test_a_nickname_in_quotes_inside_a_name_is_an_alias():
    found = actors('Commander Idris "the Hawk" Bako left the city.')
    assert list(found) == ["Idris Bako"]
    assert found["Idris Bako"].aliases == ["the Hawk"]


def test_a_nickname_used_alone_later_is_the_same_person():
    found = actors('The militia of Musa "Lion" Danjuma holds the port. Lion denied it.')
    assert list(found) == ["Musa Danjuma"]
    assert len(found["Musa Danjuma"].mentions) == 2


def test_a_person_and_the_party_after_and_are_two_actors():
    found = actors("Ama Owusu and the National Renewal Party disagreed.")
    assert set(found) == {"Ama Owusu", "National Renewal Party"}


def test_a_country_and_to_the_before_a_name_are_no_part_of_it():
    found = actors("Ghana took Togo to the International Tribunal for the Law of the Sea.")
    assert set(found) == {"International Tribunal for the Law of the Sea"}


def test_a_weapon_designation_is_not_an_acronym():
    assert actors("A KH-55 missile and an SA-11 battery were seen near the port.") == {}


def test_a_numbered_armed_group_is_an_actor():
    found = actors("The M18 rebels seized the town. M18 denied it.")
    assert found["M18"].kind == "armed_group"


def test_a_city_is_never_a_person():
    assert actors("Convoys left El Fasher for the border.") == {}


def test_a_lower_case_long_form_beside_its_acronym_is_the_actor():
    found = actors("The Ghanaian armed forces (GAF) deployed to the north.")
    assert found["Ghanaian armed forces"].aliases == ["GAF"]
    assert found["Ghanaian armed forces"].kind == "armed_force"


def test_an_international_body_before_a_spelled_out_long_form_is_part_of_it():
    found = actors("The UN Office for Project Services (UNOPS) built the bridge.")
    assert found["UN Office for Project Services"].kind == "international_organisation"


def test_an_acronym_used_only_as_a_modifier_is_not_an_actor():
    assert actors("UN experts and EU officials visited the camp.") == {}


def test_a_two_word_name_opening_with_a_romance_article_that_reports_is_an_outlet():
    assert actors("El Comercio reported the deal.")["El Comercio"].kind == "media"


def test_names_in_apposition_to_a_plural_kind_noun_take_that_kind():
    found = actors("Ubuntu Voice and Lagoon Echo, the two largest newspapers, called for calm.")
    assert {found["Ubuntu Voice"].kind, found["Lagoon Echo"].kind} == {"media"}


def test_the_agency_in_a_wire_dateline_is_not_an_actor():
    assert actors("ACCRA, June 2 (Coast Wire) - The vote went ahead.") == {}


def test_a_well_known_organisation_without_a_cue_is_found_with_its_kind():
    assert actors("NATO condemned the strikes.")["NATO"].kind == "international_organisation"


def test_a_group_after_an_armed_modifier_is_an_armed_group():
    assert actors("The rebel group Ansaru claimed the attack.")["Ansaru"].kind == "armed_group"


def test_a_monitoring_group_is_not_a_company():
    assert actors("The monitoring group Airlens counted the strikes.")["Airlens"].kind == "other"


def test_a_world_programme_is_an_international_organisation():
    assert actors("The World Nutrition Programme sent food.")["World Nutrition Programme"].kind == (
        "international_organisation"
    )


def test_a_regional_government_is_a_state_body():
    assert (
        actors("The Coastal Regional Government imposed a curfew.")["Coastal Regional Government"].kind
        == "state"
    )


def test_an_electoral_board_is_a_state_body():
    assert actors("The National Electoral Board (NEB) published the results.")[
        "National Electoral Board"
    ].kind == ("state")


def test_an_arabic_head_word_opens_the_name_it_heads():
    found = actors("Jama'at Ansar al-Sunna, a local militia, claimed the raid.")
    assert found["Jama'at Ansar al-Sunna"].kind == "armed_group"


def test_a_name_right_after_in_or_into_is_a_place():
    assert actors("Troops moved into Abu Hamad on Monday, and aid arrived in Ed Damer.") == {}


def test_a_name_after_an_assault_on_is_a_place():
    assert actors("The siege of Ed Damer ended after the assault on Abu Hamad.") == {}


def test_a_place_found_once_stays_inside_an_organisations_name():
    found = actors("Troops entered Kaveri. The Kaveri Regional Council protested.")
    assert set(found) == {"Kaveri Regional Council"}


def test_a_building_named_in_quotes_is_not_an_actor():
    assert actors('The envoys met at the "Villa Marina", a seaside compound.') == {}


def test_a_date_before_a_name_is_no_part_of_it():
    names = {a.name for a in suggest("On 30 September the UN Security Council voted.", PUBLISHED).actors}
    assert "UN Security Council" in names
    assert not any("September" in name for name in names)


def test_two_outlets_joined_by_and_are_two_when_the_second_opens_with_its_head():
    names = {
        a.name
        for a in suggest("Garowe Online and Radio Kulmiye called it a fait accompli.", PUBLISHED).actors
    }
    assert {"Garowe Online", "Radio Kulmiye"} <= names
    assert not any(" and " in name for name in names)


def test_a_well_known_name_and_a_corps_are_two_actors():
    names = {
        a.name for a in suggest("Instructors from Wagner and Africa Corps train the guard.", PUBLISHED).actors
    }
    assert {"Wagner", "Africa Corps"} <= names


def test_a_strait_opened_by_bab_is_a_place():
    names = {a.name for a in suggest("Ships sailed through the Bab el-Mandeb this week.", PUBLISHED).actors}
    assert not names


def test_a_town_after_in_is_still_a_place():
    names = {a.name for a in suggest("Fighting spread in Abu Hamad on Monday.", PUBLISHED).actors}
    assert not names


def test_a_town_written_with_el_for_its_arabic_article_is_a_place():
    names = {a.name for a in suggest("Khadija Issa fled El Geneina with her children.", PUBLISHED).actors}
    assert names == {"Khadija Issa"}


def test_the_place_of_an_undated_dateline_is_the_copys():
    text = "A Camp Outgrows Its Town\n\nADRÉ, Chad - The road ends in a market. Aid workers wait."
    assert not [a.name for a in suggest(text, PUBLISHED).actors]


def test_a_well_known_charity_in_french_is_an_organisation():
    found = actors("Médecins Sans Frontières runs most of the clinics.")
    assert found["Médecins Sans Frontières"].kind == "other"


def test_acronyms_before_a_weapons_noun_are_weapons():
    names = {
        a.name
        for a in suggest("Washington paused deliveries of ATACMS and HIMARS ammunition.", PUBLISHED).actors
    }
    assert not names & {"ATACMS", "HIMARS"}


def test_an_acronym_before_missiles_is_a_weapon():
    names = {a.name for a in suggest("Kyiv asked for more PAC missiles on Monday.", PUBLISHED).actors}
    assert "PAC" not in names


def test_a_town_after_a_verb_of_place_is_no_person():
    for text in ("The army retook Um Rawaba after a siege.", "Refugees arrived from Ras Kamboni last week."):
        assert not suggest(text, PUBLISHED).actors, text


def test_a_person_after_from_is_still_a_person():
    names = {a.name for a in suggest("A statement from Ali Musa followed.", PUBLISHED).actors}
    assert names == {"Ali Musa"}
