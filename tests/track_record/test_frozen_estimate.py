"""A resolved forecast keeps the estimate it was scored against, even one no published
briefing shows: no one changes its likelihood, probability or horizon afterwards, by its
form or by restoring an old version. (Published forecasts: tests/services/test_forecast_updates.py.)"""

import datetime

import pytest
from django.urls import reverse

from briefings import models
from briefings.services import estimate_fields_frozen
from briefings.services.history import revision, version_restore, versions_of

from ..factories import AssessmentFactory, UserFactory
from ..helpers import admin_form_data, resolved

pytestmark = pytest.mark.django_db


def forecast(**fields):
    return AssessmentFactory(
        likelihood=models.Likelihood.UNLIKELY, horizon=datetime.date(2021, 12, 31), **fields
    )


def test_a_resolved_forecasts_estimate_is_frozen_though_no_published_briefing_shows_it():
    assert estimate_fields_frozen(obj=resolved(forecast())) == ["likelihood", "probability", "horizon"]


def test_an_unpublished_unresolved_forecasts_estimate_may_still_change():
    assert estimate_fields_frozen(obj=forecast()) == []


def test_an_edit_in_progress_cannot_unfreeze_a_resolved_estimate():
    judgment = resolved(forecast())
    judgment.likelihood, judgment.outcome = "", ""  # as a form would hold them before saving

    assert estimate_fields_frozen(obj=judgment) == ["likelihood", "probability", "horizon"]


def test_the_admin_shows_a_resolved_estimate_read_only_even_to_an_editor(client):
    judgment = resolved(forecast(statement="Contractors will not deploy."))
    client.force_login(UserFactory(role="editor"))
    page = reverse("admin:briefings_assessment_change", args=[judgment.pk])

    form = client.get(page).context["adminform"].form
    response = client.post(page, admin_form_data(client, page, likelihood=models.Likelihood.LIKELY))

    assert not {"likelihood", "probability", "horizon"} & set(form.fields)
    assert response.status_code == 302
    judgment.refresh_from_db()
    assert judgment.likelihood == models.Likelihood.UNLIKELY


def test_restoring_an_old_version_keeps_a_resolved_estimate():
    judgment = forecast(statement="First wording.")
    with revision(comment="First."):
        judgment.save()
    judgment.likelihood, judgment.statement = models.Likelihood.ROUGHLY_EVEN, "Second wording."
    with revision(comment="Second."):
        judgment.save()
    judgment = resolved(judgment)
    editor = UserFactory(role="editor")

    version_restore(version=versions_of(judgment).last(), user=editor, expected_version=judgment.version)

    judgment.refresh_from_db()
    assert judgment.statement == "First wording."
    assert judgment.likelihood == models.Likelihood.ROUGHLY_EVEN
