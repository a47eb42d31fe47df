"""A forecast states its question: a briefing that shows a forecast without its question,
resolution source and dates is not published, now or at a set time, and is told why."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from briefings import models, services
from briefings.models import Likelihood, PublicationStatus

from ..factories import AssessmentFactory
from ..helpers import briefing_in, future, judgment_in

pytestmark = pytest.mark.django_db

UNSTATED = {"question": "", "resolution_source": "", "closes_on": None, "resolves_on": None}


@pytest.fixture
def briefing():
    return briefing_in(PublicationStatus.IN_REVIEW, title="Mali after the coup")


def test_briefing_with_a_forecast_that_states_no_question_is_not_published(briefing, editor):
    judgment_in(briefing, statement="Contractors are unlikely.", **UNSTATED)

    with pytest.raises(services.TransitionError) as excinfo:
        services.briefing_publish(briefing=briefing, user=editor)

    messages = excinfo.value.messages
    assert messages[0] == "“Mali after the coup” cannot be published yet."
    assert messages[1] == (
        "The forecast “Contractors are unlikely.” does not say how it will be decided: it needs "
        "the question in checkable words, who or what decides it (the resolution source), "
        "the date forecasting closes and the date it resolves."
    )
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.IN_REVIEW


def test_refusal_names_only_what_is_missing(briefing, editor):
    judgment_in(briefing, statement="Half stated.", resolution_source="", resolves_on=None)

    with pytest.raises(services.TransitionError) as excinfo:
        services.briefing_publish(briefing=briefing, user=editor)

    assert excinfo.value.messages[1].endswith(
        "it needs who or what decides it (the resolution source) and the date it resolves."
    )


def test_briefing_whose_forecasts_state_their_questions_is_published(briefing, editor):
    judgment_in(briefing)

    services.briefing_publish(briefing=briefing, user=editor)

    assert briefing.status == PublicationStatus.PUBLISHED


def test_judgment_that_is_not_a_forecast_needs_no_question(briefing, editor):
    judgment_in(briefing, likelihood="", probability=None, **UNSTATED)

    services.briefing_publish(briefing=briefing, user=editor)

    assert briefing.status == PublicationStatus.PUBLISHED


def test_a_blank_question_counts_as_missing():
    assert AssessmentFactory(question="   ").missing_question_fields == ["the question in checkable words"]


def test_fine_print_is_not_required():
    assert AssessmentFactory(fine_print="").missing_question_fields == []


def test_publish_button_check_gives_the_same_refusal(briefing, editor):
    judgment_in(briefing, **UNSTATED)

    with pytest.raises(services.TransitionError, match="cannot be published yet"):
        services.briefing_check_action(user=editor, briefing=briefing, action="publish")


def test_publish_button_stays_offered_so_that_pressing_it_says_why(briefing, editor):
    judgment_in(briefing, **UNSTATED)

    assert "publish" in [
        move.action for _, move in services.briefing_available_moves(user=editor, briefing=briefing)
    ]


def test_scheduling_a_briefing_whose_forecast_states_no_question_is_refused(briefing, editor):
    judgment_in(briefing, **UNSTATED)

    with pytest.raises(services.TransitionError, match="cannot be published yet"):
        services.briefing_schedule(briefing=briefing, user=editor, at=future())

    briefing.refresh_from_db()
    assert briefing.scheduled_for is None


def test_scheduled_briefing_whose_forecast_lost_its_question_stays_in_review(briefing, editor):
    judgment = judgment_in(briefing)
    services.briefing_schedule(briefing=briefing, user=editor, at=future(1))
    models.Assessment.objects.filter(pk=judgment.pk).update(question="")

    published = services.briefings_publish_due(now=future(2))

    briefing.refresh_from_db()
    assert published == []
    assert briefing.status == PublicationStatus.IN_REVIEW


def test_forecasting_cannot_close_after_the_question_resolves():
    assessment = AssessmentFactory.build(
        likelihood=Likelihood.LIKELY,
        closes_on=datetime.date(2022, 10, 1),
        resolves_on=datetime.date(2022, 9, 30),
    )

    with pytest.raises(ValidationError) as excinfo:
        assessment.full_clean()

    assert "closes_on" in excinfo.value.message_dict


def test_database_refuses_a_forecast_closing_after_it_resolves():
    assessment = AssessmentFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        models.Assessment.objects.filter(pk=assessment.pk).update(
            closes_on=datetime.date(2022, 10, 1), resolves_on=datetime.date(2022, 9, 30)
        )
