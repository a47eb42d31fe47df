"""The date grammar: relative bases, precisions, and which dates date an event."""

import datetime

import pytest

from briefings.extraction.dates import find_dates
from briefings.extraction.text import fold, split_sentences

PUBLISHED = datetime.date(2020, 9, 23)


def dates(text: str, published=PUBLISHED) -> list[tuple[str, str]]:
    folded = fold(text)
    return [(d.iso, d.precision) for d in find_dates(folded, published, sentences=split_sentences(folded))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On August 18, the coup began.", [("2020-08-18", "day")]),
        ("On 18 August 2019 it rained.", [("2019-08-18", "day")]),
        ("It was signed on August 18, 2019.", [("2019-08-18", "day")]),
        ("They met in June 2019.", [("2019-06", "month")]),
        ("In November 2019, crowds gathered.", [("2019-11", "month")]),
        ("In November, crowds gathered.", [("2019-11", "month")]),
        ("In July, crowds gathered.", [("2020-07", "month")]),
        ("In a September 9 interview he spoke.", [("2020-09-09", "day")]),
        ("The deal was struck in 2018.", [("2018", "year")]),
        ("Prices rose last year.", [("2019", "year")]),
        ("Prices rose last month.", [("2020-08", "month")]),
        ("It happened earlier this month.", [("2020-09", "month")]),
        ("He resigned yesterday.", [("2020-09-22", "day")]),
        ("They met two weeks ago.", [("2020-09-09", "approximate")]),
        ("It was agreed on 2020-03-05.", [("2020-03-05", "day")]),
    ],
)
def test_dates_resolve_against_the_publication_date(text, expected):
    assert dates(text) == expected


def test_a_date_without_a_year_after_publication_is_last_year():
    assert dates("On December 20 the talks failed.") == [("2019-12-20", "day")]


def test_a_date_without_a_year_in_a_future_sentence_is_ahead():
    assert dates("The vote will be held on December 20.") == [("2020-12-20", "day")]


def test_days_earlier_counts_from_the_last_explicit_date():
    found = dates("On August 18 the coup began. Two officers had returned days earlier.")
    assert found == [("2020-08-18", "day"), ("2020-08-15", "approximate")]


def test_the_following_day_is_a_day():
    assert dates("On August 18 the coup began. The following day, talks began.")[1] == ("2020-08-19", "day")


def test_the_modal_may_is_not_a_month():
    assert dates("The army may strike. They may be right.") == []


def test_the_month_may_after_a_cue_is_a_month():
    assert dates("Fighting broke out in May.") == [("2020-05", "month")]


def test_a_month_naming_an_event_is_not_anchored():
    folded = fold("He denied any role in the August coup.")
    (mention,) = find_dates(folded, PUBLISHED)
    assert not mention.anchored


def test_text_without_dates_has_none():
    assert dates("Nothing here is dated at all.") == []


def test_relative_expressions_ignore_capitals():
    found = dates("On August 18 the coup began. Days earlier, two officers returned.")
    assert found[1] == ("2020-08-15", "approximate")


# --- Numeric, relative and forward-looking dates (issue 10) ----------------------------------

# A Wednesday.
MID_JUNE = datetime.date(2024, 6, 12)


def events(text: str, published=MID_JUNE) -> list[tuple[str, str]]:
    from briefings.extraction.suggest import suggest

    return [(e.date, e.precision) for e in suggest(text, published).events]


def test_numeric_dates_are_day_first_when_one_of_them_can_only_be():
    found = dates("The council met on 13/09/2023. It met again on 04/03/2024.", MID_JUNE)
    assert found == [("2023-09-13", "day"), ("2024-03-04", "day")]


def test_numeric_dates_are_month_first_when_one_of_them_can_only_be():
    found = dates("The council met on 09/13/2023. It met again on 03/04/2024.", MID_JUNE)
    assert found == [("2023-09-13", "day"), ("2024-03-04", "day")]


def test_ambiguous_numeric_dates_follow_the_articles_dates_in_words():
    found = dates("On March 2 the talks began. The deal was signed on 04/03/2024.", MID_JUNE)
    assert found[1] == ("2024-04-03", "day")


def test_this_week_is_an_approximate_date_in_the_week_of_publication():
    assert dates("The envoy said this week that the talks were over.", MID_JUNE) == [
        ("2024-06-10", "approximate")
    ]


def test_since_the_start_of_the_year_dates_the_year_of_publication():
    assert dates("Attacks have doubled since the start of the year.", MID_JUNE) == [("2024", "year")]


def test_a_date_without_a_year_in_a_present_tense_sentence_lies_ahead():
    assert dates("Voters go to the polls on 16 September.", MID_JUNE) == [("2024-09-16", "day")]
    assert events("Voters go to the polls on 16 September.") == []


def test_a_date_without_a_year_in_a_past_tense_sentence_stays_behind():
    assert events("Relations were restored in November.") == [("2023-11", "month")]


def test_a_statement_made_on_a_weekday_about_the_future_is_an_event():
    found = events("The commission said on Tuesday that the vote will be held on 14 October.")
    assert found == [("2024-06-11", "day")]


def test_the_same_date_twice_in_one_sentence_is_two_events():
    found = events("Rebels took the bridge on 3 June, and on 3 June the army withdrew from the town.")
    assert found == [("2024-06-03", "day"), ("2024-06-03", "day")]


def test_a_month_and_its_year_said_together_are_one_event():
    assert events("The referendum was held in September last year.") == [("2023-09", "month")]
