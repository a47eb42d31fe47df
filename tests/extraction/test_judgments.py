"""Estimative language mapped to the seven ICD 203 terms."""

import pytest

from briefings.extraction.judgments import find_judgments
from briefings.extraction.text import fold, split_sentences
from briefings.models import Likelihood


def likelihood(sentence: str) -> str | None:
    folded = fold(sentence)
    found = find_judgments(folded, split_sentences(folded))
    return found[0].likelihood if found else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The junta will almost certainly stay.", Likelihood.ALMOST_CERTAIN),
        ("The junta is very likely to stay.", Likelihood.VERY_LIKELY),
        ("The junta is highly likely to stay.", Likelihood.VERY_LIKELY),
        ("The junta is likely to stay.", Likelihood.LIKELY),
        ("The junta will probably stay.", Likelihood.LIKELY),
        ("There is an even chance the junta stays.", Likelihood.ROUGHLY_EVEN),
        ("The junta is unlikely to stay.", Likelihood.UNLIKELY),
        ("The junta will probably not stay.", Likelihood.UNLIKELY),
        ("The junta is very unlikely to stay.", Likelihood.VERY_UNLIKELY),
        ("The junta is highly unlikely to stay.", Likelihood.VERY_UNLIKELY),
        ("There is a remote chance the junta stays.", Likelihood.ALMOST_NO_CHANCE),
        ("There is almost no chance the junta stays.", Likelihood.ALMOST_NO_CHANCE),
        ("The junta could stay.", Likelihood.ROUGHLY_EVEN),
        ("The junta might stay.", Likelihood.ROUGHLY_EVEN),
        ("The two could conceivably deepen ties.", Likelihood.UNLIKELY),
    ],
)
def test_wording_maps_to_its_icd_203_term(sentence, expected):
    assert likelihood(sentence) == expected


def test_the_first_estimative_phrase_decides():
    assert (
        likelihood("Although Russia is unlikely to deploy troops, it could sell arms.") == Likelihood.UNLIKELY
    )


def test_modal_verbs_are_flagged_for_the_analyst():
    folded = fold("Moscow could leverage the coup.")
    (judgment,) = find_judgments(folded, split_sentences(folded))
    assert judgment.modal


def test_the_month_may_is_not_a_modal():
    assert likelihood("May was a hard month.") is None


def test_plain_statements_are_not_judgments():
    assert likelihood("The ambassador met the committee.") is None


# --- Estimative use (issue 10) ----------------------------------------------------------------


def test_a_modal_about_the_writers_own_doings_is_not_a_judgment():
    assert likelihood("I left the camp before I could finish the survey.") is None
    assert likelihood("I might return to this question next month.") is None


def test_ability_in_principle_is_not_a_judgment():
    assert likelihood("The port could, in principle, take larger ships.") is None


def test_a_question_is_not_a_judgment():
    assert likelihood("Could the junta fall before the rains?") is None


def test_a_first_person_doubt_is_a_judgment_that_something_is_unlikely():
    assert likelihood("I doubt there will be a deal before the rains.") == Likelihood.UNLIKELY


def test_would_be_surprised_if_is_a_judgment_that_something_is_unlikely():
    assert likelihood("We would be surprised if the truce held.") == Likelihood.UNLIKELY


def test_others_expecting_something_is_a_judgment_that_it_is_likely():
    assert likelihood("Traders expect the port to reopen within weeks.") == Likelihood.LIKELY


def test_a_strong_cue_anywhere_in_the_sentence_outranks_a_modal():
    assert likelihood("The army could stall, but a deal this year is very likely.") == Likelihood.VERY_LIKELY


def test_is_possible_is_a_weak_cue_left_to_the_analyst():
    folded = fold("A negotiated settlement is possible.")
    (judgment,) = find_judgments(folded, split_sentences(folded))
    assert (judgment.likelihood, judgment.modal) == (Likelihood.ROUGHLY_EVEN, True)
