"""Actor kinds that a word of the name or the words around it decide, over the head word:
electoral bodies, broadcasters, opposition coalitions and ruling parties, gangs and
paramilitaries, multinational missions and forces (issue: actor kinds)."""

import datetime

from briefings.extraction.suggest import suggest

PUBLISHED = datetime.date(2025, 3, 5)


def kinds(text: str) -> dict[str, str]:
    return {a.name: a.kind for a in suggest(text, PUBLISHED).actors}


def test_an_electoral_body_is_the_states_whatever_its_head():
    found = kinds("The National Electoral Institute (INE) certified the result on Monday.")
    assert found["National Electoral Institute"] == "state"


def test_a_broadcasting_corporation_is_media():
    found = kinds("The Kenya Broadcasting Corporation aired the debate.")
    assert found["Kenya Broadcasting Corporation"] == "media"


def test_an_opposition_coalition_named_alliance_is_a_party():
    found = kinds(
        "Nigeria's main opposition coalition, the Alliance for Democratic Renewal (ADR), walked out."
    )
    assert found["Alliance for Democratic Renewal"] == "political_party"


def test_a_ruling_congress_is_a_party():
    assert (
        kinds("He left the ruling All Progressives Congress in May.")["All Progressives Congress"]
        == "political_party"
    )


def test_an_alliance_of_states_stays_an_international_organisation():
    found = kinds("The Alliance of Sahel States (AES) announced a joint force.")
    assert found["Alliance of Sahel States"] == "international_organisation"


def test_an_international_union_is_not_made_a_party_by_an_election_nearby():
    found = kinds("Election observers from the African Union Commission arrived.")
    assert found["African Union Commission"] == "international_organisation"


def test_paramilitary_forces_are_an_armed_group():
    found = kinds("Fighting between the army and the paramilitary Rapid Support Forces spread.")
    assert found["Rapid Support Forces"] == "armed_group"


def test_a_coalition_of_gangs_is_an_armed_group():
    found = kinds("Most of the capital's gangs joined the Viv Ansanm coalition last year.")
    assert found["Viv Ansanm"] == "armed_group"


def test_a_gang_named_before_the_word_gang_is_an_armed_group():
    assert kinds("The Gran Grif gang controls the valley.")["Gran Grif"] == "armed_group"


def test_a_un_mission_is_a_programme_and_a_task_force_an_armed_force():
    found = kinds(
        "The United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA) left. "
        "The Takuba Task Force, a multinational force, left too."
    )
    assert found["United Nations Multidimensional Integrated Stabilization Mission in Mali"] == "programme"
    assert found["Takuba Task Force"] == "armed_force"


def test_a_regional_administration_is_the_states():
    found = kinds("Madobe has led the Jubaland State Administration since 2013.")
    assert found["Jubaland State Administration"] == "state"


def test_a_radio_named_by_a_capital_is_media():
    assert kinds("Radio Mogadishu called that vote illegal.")["Radio Mogadishu"] == "media"


def test_a_broadcaster_named_with_a_region_keeps_the_region():
    found = kinds("The junta's spokesman told the state broadcaster Télé Sahel that talks had failed.")
    assert found["Télé Sahel"] == "media"


def test_a_numbered_task_force_keeps_its_number():
    found = kinds("Combined Task Force 153 seized a dhow near Socotra.")
    assert found["Combined Task Force 153"] == "armed_force"


def test_a_name_before_news_agency_is_media():
    assert kinds("The Houthi-run Saba news agency said aircraft struck targets.")["Saba"] == "media"


def test_two_words_before_which_are_no_person():
    found = kinds("The opposition's Unitary Platform, which backed the challenger, posted the sheets.")
    assert found["Unitary Platform"] == "political_party"


def test_a_newspaper_by_its_romance_article_past_a_relative_clause():
    found = kinds("El Nacional, which now publishes only online, covered them every day.")
    assert found["El Nacional"] == "media"


def test_where_a_reporter_works_is_an_outlet_not_a_place_or_a_person():
    found = kinds("A reporter at Efecto Cocuyo told me that journalists had been detained.")
    assert found["Efecto Cocuyo"] == "media"


def test_a_cue_at_a_later_mention_gives_the_kind_of_every_mention():
    found = kinds(
        "They said the Rapid Support Forces would not come. "
        "The paramilitary Rapid Support Forces (RSF) took the town that month."
    )
    assert found["Rapid Support Forces"] == "armed_group"


def test_the_un_before_a_lower_case_noun_names_no_body():
    assert "UN" not in kinds("The UN refugee agency (UNHCR) runs the clinics.")


def test_a_numbered_brigade_is_an_armed_force():
    assert kinds("Fighting between the 444 Brigade and the militia spread.")["444 Brigade"] == "armed_force"


def test_a_force_that_an_apposition_calls_a_militia_is_an_armed_group():
    found = kinds("Dbeibah ordered the Radaa force, a Salafist militia that controls the airport, to leave.")
    assert found["Radaa"] == "armed_group"
    assert "Salafist" not in found


def test_companies_in_a_list_after_led_by_are_companies():
    found = kinds("Foreign companies that returned in 2023, led by Eni, TotalEnergies and Repsol, stayed.")
    assert (found["Eni"], found["TotalEnergies"], found["Repsol"]) == ("company", "company", "company")


def test_a_person_leading_parties_is_no_party():
    found = kinds("Opposition parties, led by Raila Odinga, walked out.")
    assert found["Raila Odinga"] == "person"


def test_a_union_that_wins_a_share_of_the_vote_is_a_party():
    found = kinds("The Christian Democratic Union (CDU) won 28.5 percent of the vote on 23 February.")
    assert found["Christian Democratic Union"] == "political_party"


def test_forces_are_not_made_a_party_by_a_vote_after_them():
    found = kinds("The Sudanese Armed Forces (SAF) rejected the vote.")
    assert found["Sudanese Armed Forces"] == "armed_force"


def test_a_party_after_the_far_right_party_is_found_by_its_cue():
    found = kinds("The far-right party Alternative for Germany (AfD) came second.")
    assert found["Alternative for Germany"] == "political_party"


def test_acronyms_after_a_plural_cue_take_its_kind():
    found = kinds("Public broadcasters ARD and ZDF reported last week that stocks were low.")
    assert (found["ARD"], found["ZDF"]) == ("media", "media")


def test_state_television_before_an_acronym_makes_it_media():
    assert kinds("The decree was read on Nigerien state television RTN.")["RTN"] == "media"


def test_a_parliament_and_an_army_known_by_one_word():
    found = kinds("The Bundestag voted on Monday. The Bundeswehr had run down its stocks.")
    assert (found["Bundestag"], found["Bundeswehr"]) == ("state", "armed_force")


def test_a_police_force_is_the_states():
    assert kinds("The Nigeria Police Force arrested six.")["Nigeria Police Force"] == "state"


def test_a_country_opening_an_outlets_name_stays_in_it():
    found = kinds("Ethiopia Insight reported that talks failed.")
    assert found == {"Ethiopia Insight": "media"}


def test_a_standard_is_a_newspaper_but_a_bank_stays_a_bank():
    found = kinds("Addis Standard said the army moved. Standard Chartered Bank lent money.")
    assert (found["Addis Standard"], found["Standard Chartered Bank"]) == ("media", "company")


def test_an_alliance_of_armed_groups_is_an_armed_group():
    found = kinds("The Three Brotherhood Alliance of ethnic armed groups pressed its offensive.")
    assert found["Three Brotherhood Alliance"] == "armed_group"


def test_an_army_no_country_names_is_an_armed_group_when_the_context_says_so():
    found = kinds("So did the Arakan Army, one of the three members of the rebel alliance.")
    assert found["Arakan Army"] == "armed_group"


def test_a_national_army_stays_an_armed_force_beside_rebels():
    found = kinds("Rebels attacked the Sudanese Army near the town.")
    assert found["Sudanese Army"] == "armed_force"


def test_a_clan_with_a_place_in_its_name_is_an_armed_group():
    found = kinds(
        "Meanwhile the Gulf Clan, the country's largest drug-trafficking gang, has doubled its ranks."
    )
    assert found["Gulf Clan"] == "armed_group"


def test_a_spanish_name_opened_by_its_head_takes_its_particles():
    found = kinds("A smaller rival, the Comandos de la Frontera, is still talking.")
    assert found["Comandos de la Frontera"] == "armed_group"


def test_a_word_joined_to_an_outlet_before_a_reporting_verb_is_an_outlet():
    found = kinds("El Tiempo and Semana both reported in June that the referendum would go ahead.")
    assert (found["El Tiempo"], found["Semana"]) == ("media", "media")


def test_a_registry_is_the_states():
    assert kinds("The National Registry would allow a referendum.")["National Registry"] == "state"
