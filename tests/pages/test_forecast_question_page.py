"""A reader sees, under a forecast, how it will be decided."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from ..factories import BriefingFactory
from ..helpers import judgment_in

pytestmark = pytest.mark.django_db


def question_of(client, briefing) -> dict[str, str]:
    soup = BeautifulSoup(
        client.get(reverse("briefings:briefing-detail", args=[briefing.slug])).content, "html.parser"
    )
    section = soup.select_one(".judgment__question")
    if section is None:
        return {}
    return {
        row.dt.get_text(strip=True): " ".join(row.dd.get_text().split()) for row in section.select("dl > div")
    }


def test_forecast_shows_its_question_source_fine_print_and_dates(client):
    briefing = BriefingFactory(published=True)
    judgment_in(
        briefing,
        question="Will Russian contractors be reported in Mali before 1 October 2022?",
        resolution_source="A government statement, or two independent reports graded B or better.",
        fine_print="Instructors under a state agreement do not count.",
    )

    assert question_of(client, briefing) == {
        "The question": "Will Russian contractors be reported in Mali before 1 October 2022?",
        "Who or what decides": "A government statement, or two independent reports graded B or better.",
        "Fine print": "Instructors under a state agreement do not count.",
        "Forecasting closes": "30 June 2030",
        "Resolves": "31 December 2030",
    }


def test_judgment_that_is_not_a_forecast_shows_no_question(client):
    briefing = BriefingFactory(published=True)
    judgment_in(briefing, likelihood="", probability=None, question="A stray question.")

    assert question_of(client, briefing) == {}
