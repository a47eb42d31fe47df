"""A resolved forecast keeps the estimate it was scored against: no one changes its
likelihood, probability or horizon afterwards, by its form or by restoring an old version."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from briefings import models
from briefings.services.history import revision, version_restore, versions_of

from ..factories import AssessmentFactory, UserFactory
from ..helpers import admin_form_data, resolved

pytestmark = pytest.mark.django_db


def forecast(**fields):
    return AssessmentFactory(
        likelihood=models.Likelihood.UNLIKELY, horizon=datetime.date(2021, 12, 31), **fields
    )


def test_a_resolved_forecasts_estimate_cannot_change():
    judgment = resolved(forecast())
    judgment.likelihood, judgment.horizon = models.Likelihood.LIKELY, datetime.date(2030, 1, 1)

    with pytest.raises(ValidationError) as raised:
        judgment.full_clean()

    assert set(raised.value.message_dict) == {"likelihood", "horizon"}
    assert "scored against this estimate" in raised.value.message_dict["likelihood"][0]


def test_an_unresolved_forecasts_estimate_may_still_change():
    judgment = forecast()
    judgment.likelihood = models.Likelihood.LIKELY

    judgment.full_clean()


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
