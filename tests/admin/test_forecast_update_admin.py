"""In the admin, a published forecast's estimate opens read-only, even for an editor, who
changes it by adding a dated update instead; the update's page refuses what the service
refuses, beside the field."""

import datetime

import pytest
from django.utils import timezone

from briefings.models import Assessment, ForecastUpdate, Likelihood

from ..factories import BriefingFactory
from ..helpers import admin_url, change_url, judgment_in, post_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def published_forecast():
    briefing = BriefingFactory(published=True, published_at=timezone.now() - datetime.timedelta(days=10))
    return judgment_in(briefing, likelihood=Likelihood.UNLIKELY, closes_on=None)


def form_fields(client, obj) -> set[str]:
    return set(client.get(change_url(obj)).context["adminform"].form.fields)


def test_published_forecasts_estimate_is_read_only_for_an_editor(editor_client, published_forecast):
    fields = form_fields(editor_client, published_forecast)

    assert {"likelihood", "probability", "horizon"}.isdisjoint(fields)
    assert "statement" in fields


def test_editor_posting_a_new_likelihood_leaves_the_published_one(editor_client, published_forecast):
    post_change(editor_client, published_forecast, likelihood=Likelihood.LIKELY)

    published_forecast.refresh_from_db()
    assert published_forecast.likelihood == Likelihood.UNLIKELY


def test_draft_forecasts_estimate_stays_editable(editor_client):
    assert "likelihood" in form_fields(editor_client, judgment_in(BriefingFactory()))


def test_editor_adds_a_dated_update_from_the_admin(editor_client, editor, published_forecast):
    response = editor_client.post(
        admin_url(ForecastUpdate, "add"),
        {
            "assessment": published_forecast.pk,
            "probability": 60,
            "made_at_0": timezone.localdate().isoformat(),
            "made_at_1": "00:00:01",
            "reason": "Contractors were seen in Bamako.",
        },
    )

    assert response.status_code == 302
    (made,) = ForecastUpdate.objects.all()
    assert (made.assessment, made.probability, made.made_by) == (published_forecast, 60, editor)


def test_update_page_refuses_an_unpublished_forecast_beside_the_field(editor_client):
    draft = judgment_in(BriefingFactory())
    response = editor_client.post(
        admin_url(ForecastUpdate, "add"),
        {
            "assessment": draft.pk,
            "probability": 60,
            "made_at_0": timezone.localdate().isoformat(),
            "made_at_1": "00:00:01",
            "reason": "Why not.",
        },
    )

    assert response.status_code == 200
    assert "assessment" in response.context["adminform"].form.errors
    assert not ForecastUpdate.objects.exists()


def test_analyst_cannot_open_the_add_page(client, analyst):
    client.force_login(analyst)

    assert client.get(admin_url(ForecastUpdate, "add")).status_code == 403


def test_update_is_never_changed_in_the_admin(editor_client, editor, published_forecast):
    from briefings import services

    made = services.forecast_update(
        assessment=published_forecast, probability=60, reason="Seen.", user=editor
    )
    editor_client.post(change_url(made), {"probability": 10, "reason": "Changed my mind."})

    made.refresh_from_db()
    assert (made.probability, made.reason) == (60, "Seen.")
    assert Assessment.objects.get(pk=published_forecast.pk).likelihood == Likelihood.UNLIKELY
