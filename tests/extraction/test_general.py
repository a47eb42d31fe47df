"""Constructions the extractor meets in articles it was not written for: wire dates and
datelines, titles in every order, ships and places that look like names, acronyms whose
long form holds "in" or a possessive, and the traps of capitalised common words."""

import datetime

import pytest

from briefings.extraction.dates import find_dates
from briefings.extraction.suggest import suggest
from briefings.extraction.text import fold, split_sentences

# A Thursday.
PUBLISHED = datetime.date(2024, 3, 7)


def dates(text: str, published=PUBLISHED) -> list[tuple[str, str]]:
    folded = fold(text)
    return [(d.iso, d.precision) for d in find_dates(folded, published, sentences=split_sentences(folded))]


def events(text: str, published=PUBLISHED) -> list[tuple[str, str]]:
    return [(e.date, e.precision) for e in suggest(text, published).events]


def actors(text: str, published=PUBLISHED) -> dict[str, object]:
    return {a.name: a for a in suggest(text, published).actors}


def countries(text: str) -> set[str]:
    return {c.iso2 for c in suggest(text, PUBLISHED).countries}


# --- Dates -------------------------------------------------------------------------------


def test_a_weekday_is_the_latest_such_day_at_day_precision():
    assert dates("The two sides agreed on Tuesday to meet again.") == [("2024-03-05", "day")]


def test_the_weekday_of_publication_is_that_day():
    assert dates("The minister said on Thursday that talks would resume.") == [("2024-03-07", "day")]


def test_a_bare_weekday_after_a_verb_is_a_date():
    assert dates("The ministry said Monday that it had recalled its envoy.") == [("2024-03-04", "day")]


def test_a_named_day_is_not_a_weekday_date():
    assert dates("Crowds marched on the anniversary of Bloody Sunday.") == []


def test_a_weekday_in_a_future_clause_is_not_an_event():
    assert events("The envoys will meet on Tuesday in Geneva.") == []


def test_a_future_clause_does_not_make_the_next_clause_future():
    found = events("The commissions will meet on 14 March, the minister told reporters on Wednesday.")
    assert found == [("2024-03-06", "day")]


def test_a_wire_dateline_is_not_an_event():
    found = events("ACCRA, March 7 (Coast News) - Ghana recalled its ambassador on Tuesday.")
    assert found == [("2024-03-05", "day")]


def test_a_counted_offset_from_a_day_is_a_day():
    assert dates("On 3 March, troops clashed. Two days later, the envoy was summoned.")[1] == (
        "2024-03-05",
        "day",
    )


def test_an_uncounted_offset_stays_approximate():
    assert dates("On 3 March, troops clashed. Days later, the envoy was summoned.")[1] == (
        "2024-03-06",
        "approximate",
    )


def test_a_counted_offset_in_months_from_a_month_is_a_month():
    assert dates("The deal was signed in June 2019. Three months later, it collapsed.")[1] == (
        "2019-09",
        "month",
    )


def test_the_previous_year_counts_from_the_last_explicit_year():
    assert dates("Attacks rose in 2023, up from a low the previous year.") == [
        ("2023", "year"),
        ("2022", "year"),
    ]


def test_that_year_is_the_year_of_the_last_date():
    assert dates("The army seized power in July 2021. That year, aid fell.")[1] == ("2021", "year")


def test_over_the_weekend_is_the_saturday_before_publication():
    assert dates("Militia boats gathered over the weekend.", datetime.date(2024, 3, 18)) == [
        ("2024-03-16", "approximate")
    ]


def test_a_range_of_days_is_dated_by_its_first_day():
    assert dates("The minister visited Baku on 27 and 28 February.") == [("2024-02-27", "day")]


def test_a_range_of_days_after_the_month_is_dated_by_its_first_day():
    assert dates("The summit ran from February 12-14, 2023.") == [("2023-02-12", "day")]


def test_a_range_of_years_is_dated_by_its_first_year():
    assert dates("It has not fought since the border war of 1998–2000.") == [("1998", "year")]


def test_mid_month_is_month_precision():
    assert dates("The envoys met in Vienna in mid-January.") == [("2024-01", "month")]


def test_a_date_ahead_of_an_election_is_the_coming_one():
    assert events("The party hopes to gain ground ahead of parliamentary elections in October.") == []


def test_days_ago_counted_is_a_day():
    assert dates("The convoy was ambushed two days ago.") == [("2024-03-05", "day")]


# --- Countries ---------------------------------------------------------------------------


def test_korea_alone_is_south_korea():
    assert countries("Korea's shipyards are bidding for the frigates.") == {"KR"}


def test_a_university_of_georgia_is_not_the_country():
    assert countries("A professor at the University of Georgia disagreed.") == set()


def test_a_us_senator_of_georgia_is_not_the_country():
    assert countries("Senator Ann Lee of Georgia wrote to the department.") == set()


def test_the_country_of_georgia_is_still_a_country():
    assert countries("Georgia's prime minister offered to host the talks.") == {"GE"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Niger closed its border with Nigeria.", {"NE", "NG"}),
        ("Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea voted.", {"GN", "GW", "GQ", "PG"}),
        ("Cocaine shipped from the Dominican Republic was seized.", {"DO"}),
        ("Dominica abstained.", {"DM"}),
        ("Refugees crossed from Sudan into South Sudan.", {"SD", "SS"}),
        ("Ivory Coast and Türkiye signed a deal with Turkey's rival.", {"CI", "TR"}),
    ],
)
def test_look_alike_country_names_are_kept_apart(text, expected):
    assert countries(text) == expected


def test_given_names_that_are_countries_are_people():
    assert countries("Chad Morrison and Jordan Ellis wrote the report.") == set()


def test_shouted_headings_with_in_and_to_have_no_countries():
    assert countries("NIGER IN TRANSITION\n\nOUTLOOK TO 2025\n\nThe junta stayed.") == {"NE"}


# --- Actors: things and places that look like names ----------------------------------------


def test_a_ship_after_its_prefix_is_not_an_actor():
    found = actors("Marines live aboard the BRP Laguna Verde. The Laguna Verde is rusting.")
    assert found == {}


def test_a_ship_after_a_vessel_noun_is_not_an_actor():
    assert actors("Pirates seized the tanker Ocean Pearl off the coast.") == {}


def test_a_name_near_which_something_happens_is_a_place():
    assert actors("Survey ships worked near Sandy Bank, which both sides claim.") == {}


def test_a_village_of_a_name_is_a_place_and_so_are_its_later_mentions():
    text = "Troops clashed near the village of Upper Dolan. Residents fled Upper Dolan at dawn."
    assert actors(text) == {}


def test_a_name_before_a_province_noun_is_a_place():
    assert actors("Fighting spread to the Kaveri province on Monday.") == {}


def test_a_cape_of_a_name_is_a_place():
    assert actors("Ships sailed around the Cape of Good Hope.") == {}


def test_a_dam_with_an_acronym_is_not_an_actor_nor_is_its_acronym_later():
    text = "Cairo opposes the Blue River Dam (BRD). Talks on the BRD stalled."
    assert actors(text) == {}


def test_a_numbered_acronym_is_not_an_actor():
    assert actors("Baku will host COP29, and the G20 will meet later.") == {}


# --- Actors: acronyms and organisations -------------------------------------------------------


def test_an_acronym_long_form_may_hold_in():
    found = actors("The European Union Mission in Armenia (EUMA) patrols the border.")
    assert found["European Union Mission in Armenia"].aliases == ["EUMA"]


def test_an_acronym_long_form_runs_through_a_possessive():
    found = actors("The People's Liberation Army Navy (PLAN) sent a frigate.")
    assert "People's Liberation Army Navy" in found


def test_an_acronym_long_form_is_the_stretch_its_initials_spell():
    found = actors("Officials blacklisted China Harbour Engineering Company (CHEC) last year.")
    assert "China Harbour Engineering Company" in found


def test_and_inside_an_organisations_complement_does_not_split_it():
    found = actors("He works at the Institute for Peace and Conflict Studies in Dakar.")
    assert "Institute for Peace and Conflict Studies" in found


def test_two_ministries_joined_by_and_are_two():
    found = actors("The Ministry of Defence and the Ministry of Finance disagreed.")
    assert {"Ministry of Defence", "Ministry of Finance"} <= set(found)


def test_an_initial_stays_in_an_organisations_name():
    found = actors("She is a fellow at the S. Venkat School of Public Policy in Singapore.")
    assert "S. Venkat School of Public Policy" in found


def test_a_run_does_not_take_a_weekday_into_a_name():
    found = actors("The Supreme Council of Elders on Friday called for calm.")
    assert "Supreme Council of Elders" in found


def test_a_fund_is_an_organisation():
    found = actors("The Kuwait Fund for Arab Development pledged new loans.")
    assert found["Kuwait Fund for Arab Development"].countries == ["KW"]


# --- Actors: the words around a name give its kind ---------------------------------------------


def test_a_noun_after_a_name_makes_it_a_newspaper():
    assert actors("According to the Dakar Courier newspaper, talks resumed.")["Dakar Courier"].kind == "media"


def test_a_noun_after_a_name_makes_it_a_party():
    assert (
        actors("The ruling Blue Horizon party lost its majority.")["Blue Horizon"].kind == "political_party"
    )


def test_a_movement_is_not_a_person():
    assert actors("The Harakat Nour movement claimed the attack.")["Harakat Nour"].kind != "person"


def test_members_of_a_list_after_firms_such_as_are_companies():
    found = actors("Shipping firms such as Nordline and Castor-Baltic rerouted their vessels.")
    assert found["Nordline"].kind == "company"
    assert found["Castor-Baltic"].kind == "company"


def test_a_name_in_apposition_to_mission_is_a_programme():
    found = actors("The bloc launched its own naval mission, Trident, last week.")
    assert found["Trident"].kind == "programme"


def test_a_name_whose_possessive_holds_an_office_is_a_polity():
    found = actors("Puntmark's president signed the memorandum. Recognition of Puntmark is far off.")
    assert found["Puntmark"].kind == "state"
    assert len(found["Puntmark"].mentions) == 2


def test_a_company_found_once_by_its_cue_is_found_again_without_it():
    found = actors("The oil firm Petrolux drills offshore. Petrolux denied the report.")
    assert len(found["Petrolux"].mentions) == 2


# --- Actors: people and titles in every order ---------------------------------------------------


def test_a_title_after_the_name_in_commas_is_the_title():
    found = actors("Ali Musa, the defence minister, said the army was ready.")
    assert found["Ali Musa"].role_title == "defence minister"


def test_a_possessive_title_before_the_name_in_commas_gives_title_and_country():
    found = actors("Senegal's foreign minister, Fatima Diallo, arrived on Monday.")
    assert found["Fatima Diallo"].role_title == "Senegal's foreign minister"
    assert found["Fatima Diallo"].countries == ["SN"]


def test_an_abbreviated_title_is_the_title():
    assert actors("Gen. Omar Saleh inspected the troops.")["Omar Saleh"].role_title == "Gen."


def test_a_hyphenated_title_is_the_title():
    found = actors("Indonesian President-elect Budi Santoso promised reforms.")
    assert found["Budi Santoso"].role_title == "Indonesian President-elect"


def test_a_person_before_a_possessive_government_is_a_person():
    found = actors("Prime Minister Kofi Mensah's government fell on Monday.")
    assert found["Kofi Mensah"].kind == "person"


def test_a_portfolio_opening_a_sentence_stays_in_the_title():
    found = actors("Defence Secretary Maria Cruz said the patrols would continue.")
    assert found["Maria Cruz"].role_title == "Defence Secretary"


def test_a_portfolio_in_a_title_is_not_part_of_the_name():
    found = actors("Assistant Secretary of State for African Affairs Laura Whitcombe visited Nairobi.")
    assert "Laura Whitcombe" in found


def test_a_given_name_after_a_title_is_the_person_named_in_full():
    text = "Prime Minister Dawit Haile signed the deal. Prime Minister Dawit defended it."
    found = actors(text)
    assert list(found) == ["Dawit Haile"]
    assert found["Dawit Haile"].aliases == ["Dawit"]


def test_an_initial_stays_in_a_persons_name():
    assert "John F. Kennedy" in actors("The plan recalled John F. Kennedy and his advisers.")


# --- Actors: capitalised common words ------------------------------------------------------------


def test_will_mid_sentence_before_a_name_is_a_given_name():
    assert "Will Tan" in actors("The facts are changing, said Will Tan, a researcher.")


def test_will_opening_a_question_is_not_a_name():
    assert actors("Will Moscow keep its promises? Nobody knows.") == {}


def test_may_and_mark_as_words_are_not_names():
    assert actors("May brings the rainy season. Mark my words: attacks will ebb.") == {}


def test_mark_as_a_given_name_is_a_name():
    assert "Mark Villanueva" in actors("Mark Villanueva, a former adviser, urged patience.")


def test_let_us_names_no_one():
    found = suggest("Let us be honest about the risks.", PUBLISHED)
    assert found.actors == [] and found.countries == []


def test_a_wire_credit_line_at_the_end_names_no_one():
    text = (
        "Talks resumed in Geneva on Tuesday after a long pause, officials said.\n\n"
        "The two delegations met for three hours and agreed to meet again.\n\n"
        "Reporting by Ana Lopes in Geneva; Editing by Tom Hardy"
    )
    assert actors(text) == {}


# --- Constructions met on the held-out articles ---------------------------------------------


def test_an_abbreviated_month_with_a_full_stop_is_a_day():
    assert dates("Guyana's president spoke to parliament on Dec. 6.", datetime.date(2024, 1, 15)) == [
        ("2023-12-06", "day")
    ]


def test_a_year_before_1900_is_a_year():
    assert dates("A tribunal awarded the territory to the colony in 1899.") == [("1899", "year")]


def test_an_old_year_before_a_plural_noun_is_a_count():
    assert dates("The column of 1500 soldiers moved north.") == []


def test_the_same_week_is_approximate():
    assert dates(
        "On Dec. 6 the president spoke. The same week, envoys called.", datetime.date(2024, 1, 15)
    ) == [
        ("2023-12-06", "day"),
        ("2023-12-06", "approximate"),
    ]


def test_weeks_before_an_event_named_after_it_is_not_an_offset():
    assert dates("The accord, signed weeks before independence, failed.") == []


def test_a_forecast_in_the_year_of_publication_is_not_an_event():
    assert events("Pirate attacks are likely to increase in 2024 as patrols shrink.") == []


def test_a_past_year_in_a_forecast_is_still_an_event():
    assert events("The navy is likely to act as it did in 2013, when it seized a ship.") == [("2013", "year")]


def test_an_election_a_country_holds_later_is_not_an_event():
    assert events("Ghana, which holds a presidential election in December, has avoided attacks.") == []


def test_since_after_a_superlative_compares_rather_than_dates():
    assert events("Officials seized the largest cargo in the country since 2019.") == []


def test_a_capital_in_the_name_of_an_agreement_is_not_a_country():
    assert countries("Navies signed the Lome Code of Conduct to share patrols.") == set()


def test_a_syllabic_acronym_is_defined_by_its_long_form():
    found = actors("The Andean Community (ANDECOM) met in Lima.")
    assert found["Andean Community"].aliases == ["ANDECOM"]


def test_a_company_suffix_after_a_comma_stays_in_the_long_form():
    found = actors("The state firm Minerales del Sur, S.A. (MDSSA) won the licence.")
    assert "MDSSA" in found["Minerales del Sur, S.A."].aliases


def test_an_arabic_particle_stays_in_a_long_form():
    found = actors("The group Jabhat Nasr wal-Jihad (JNJ) claimed the raid.")
    assert found["Jabhat Nasr wal-Jihad"].aliases == ["JNJ"]


def test_a_quoted_proposed_name_is_not_a_person():
    assert actors('Voters approved a new state, "Nueva Esperanza", in the east.') == {}


def test_a_camel_case_word_is_a_company():
    assert (
        actors("Since PetroNova announced the discovery, output has tripled.")["PetroNova"].kind == "company"
    )


def test_a_mac_surname_is_not_a_company():
    assert "MacArthur" not in actors("Since MacArthur left, the base has emptied.")


def test_a_command_is_an_armed_force():
    assert actors("The US Africa Command held drills.")["US Africa Command"].kind == "armed_force"


def test_a_name_in_apposition_to_a_capital_noun_is_a_place():
    assert actors("In Port Harcourt, the Delta's oil capital, the firm signed a deal.") == {}


def test_every_suggestion_carries_the_rule_that_made_it_and_a_confidence():
    found = suggest(
        "On 3 March, Ghanaian troops met the Council for National Renewal (CNR). The CNR could resist.",
        PUBLISHED,
    )
    items = [*found.countries, *found.actors, *found.events, *found.judgments]
    assert {type(item).__name__ for item in items} == {
        "CountrySuggestion",
        "ActorSuggestion",
        "EventSuggestion",
        "JudgmentSuggestion",
    }
    assert all(item.rule and 0 <= item.confidence <= 1 for item in items)
