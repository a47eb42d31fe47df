"""The admin asks how a forecast will be decided only of a forecast, says what is still
missing, and refuses the Publish button with the reason while something is."""

import pytest
from bs4 import BeautifulSoup

from briefings import models
from briefings.models import PublicationStatus

from ..factories import AssessmentFactory
from ..helpers import briefing_in, change_url, judgment_in, post_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def fieldset_titles(client, obj) -> list[str]:
    soup = BeautifulSoup(client.get(change_url(obj)).content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select("fieldset h2, fieldset legend")]


def test_forecast_form_asks_how_it_will_be_decided(editor_client):
    assert "How this will be decided" in fieldset_titles(editor_client, AssessmentFactory())


def test_judgment_that_is_not_a_forecast_is_not_asked(editor_client):
    judgment = AssessmentFactory(likelihood="", probability=None)

    assert "How this will be decided" not in fieldset_titles(editor_client, judgment)


def test_forecast_form_says_what_is_still_needed_to_publish(editor_client):
    judgment = AssessmentFactory(resolution_source="")

    text = " ".join(
        BeautifulSoup(editor_client.get(change_url(judgment)).content, "html.parser").get_text().split()
    )

    assert (
        "Still needed before its briefing can be published: who or what decides it (the resolution source)."
        in text
    )


def test_forecast_form_saves_its_question(editor_client):
    judgment = AssessmentFactory(question="")

    response = post_change(
        editor_client, judgment, question="Will contractors be reported in Mali by 30 September 2022?"
    )

    assert response.status_code == 302
    judgment.refresh_from_db()
    assert judgment.question == "Will contractors be reported in Mali by 30 September 2022?"


def test_forecast_form_refuses_closing_after_it_resolves(editor_client):
    judgment = AssessmentFactory()

    response = post_change(editor_client, judgment, closes_on="2031-01-31", resolves_on="2030-12-31")

    assert response.status_code == 200
    assert "closes_on" in response.context["adminform"].form.errors


def test_publish_button_is_refused_with_the_reason(editor_client):
    briefing = briefing_in(PublicationStatus.IN_REVIEW)
    judgment_in(briefing, statement="Contractors are unlikely.", question="")

    response = post_change(editor_client, briefing, **{"workflow-action": "publish"})

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "The forecast “Contractors are unlikely.” does not say how it will be decided" in errors
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.IN_REVIEW
    assert not models.BriefingTransition.objects.filter(briefing=briefing).exists()
