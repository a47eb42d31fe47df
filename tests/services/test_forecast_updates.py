"""Updates kept, not overwritten: a published forecast's estimate is frozen, a changed
estimate is a dated update with its reason, added in order by an editor, and a restore
cannot write over the published estimate either."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from briefings import services
from briefings.models import Assessment, ForecastUpdate, Likelihood, Outcome
from briefings.services import history

from ..factories import BriefingFactory
from ..helpers import judgment_in, resolved

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_forecast():
    briefing = BriefingFactory(published=True, published_at=timezone.now() - datetime.timedelta(days=30))
    return judgment_in(
        briefing, statement="Contractors are unlikely.", likelihood=Likelihood.UNLIKELY, closes_on=None
    )


def update(assessment, user, **overrides):
    arguments = {
        "assessment": assessment,
        "probability": 60,
        "reason": "Contractors were seen in Bamako.",
        "user": user,
    }
    arguments.update(overrides)
    return services.forecast_update(**arguments)


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


def test_published_forecasts_estimate_is_frozen(published_forecast):
    assert services.estimate_fields_frozen(obj=published_forecast) == ["likelihood", "probability", "horizon"]


def test_draft_forecasts_estimate_is_not_frozen():
    assert services.estimate_fields_frozen(obj=judgment_in(BriefingFactory())) == []


def test_published_judgment_that_is_not_a_forecast_has_no_estimate_to_freeze():
    judgment = judgment_in(BriefingFactory(published=True), likelihood="", probability=None)

    assert services.estimate_fields_frozen(obj=judgment) == []


def test_editor_update_is_kept_beside_the_published_estimate(published_forecast, editor):
    made = update(published_forecast, editor)

    published_forecast.refresh_from_db()
    assert (published_forecast.likelihood, published_forecast.probability) == (Likelihood.UNLIKELY, None)
    assert (made.probability, made.made_by, made.reason) == (60, editor, "Contractors were seen in Bamako.")
    assert list(published_forecast.updates.all()) == [made]


def test_analyst_may_not_update_a_published_forecast(published_forecast, analyst):
    with pytest.raises(PermissionDenied):
        update(published_forecast, analyst)

    assert not ForecastUpdate.objects.exists()


def test_unpublished_forecast_is_changed_in_place_not_updated(editor):
    with pytest.raises(ValidationError) as excinfo:
        update(judgment_in(BriefingFactory()), editor)

    assert error_fields(excinfo) == {"assessment"}


def test_update_needs_a_reason(published_forecast, editor):
    with pytest.raises(ValidationError) as excinfo:
        update(published_forecast, editor, reason="  ")

    assert error_fields(excinfo) == {"reason"}


@pytest.mark.parametrize("probability", [0, 100])
def test_update_probability_lies_between_1_and_99(published_forecast, editor, probability):
    with pytest.raises(ValidationError) as excinfo:
        update(published_forecast, editor, probability=probability)

    assert error_fields(excinfo) == {"probability"}


def test_update_cannot_be_dated_in_the_future(published_forecast, editor):
    with pytest.raises(ValidationError) as excinfo:
        update(published_forecast, editor, made_at=timezone.now() + datetime.timedelta(days=1))

    assert error_fields(excinfo) == {"made_at"}


def test_update_cannot_come_before_the_forecast_was_published(published_forecast, editor):
    with pytest.raises(ValidationError) as excinfo:
        update(published_forecast, editor, made_at=timezone.now() - datetime.timedelta(days=60))

    assert error_fields(excinfo) == {"made_at"}


def test_updates_are_added_in_order(published_forecast, editor):
    update(published_forecast, editor, made_at=timezone.now() - datetime.timedelta(days=2))

    with pytest.raises(ValidationError) as excinfo:
        update(published_forecast, editor, made_at=timezone.now() - datetime.timedelta(days=5))

    assert error_fields(excinfo) == {"made_at"}


def test_update_after_forecasting_closed_is_refused(published_forecast, editor):
    Assessment.objects.filter(pk=published_forecast.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    published_forecast.refresh_from_db()

    with pytest.raises(ValidationError) as excinfo:
        update(published_forecast, editor)

    assert error_fields(excinfo) == {"made_at"}


def test_resolved_forecast_is_not_updated(published_forecast, editor):
    resolved(published_forecast, outcome=Outcome.HAPPENED, on=timezone.localdate())

    with pytest.raises(ValidationError) as excinfo:
        update(published_forecast, editor)

    assert error_fields(excinfo) == {"assessment"}


def test_restore_keeps_a_published_forecasts_estimate(published_forecast, editor):
    with history.revision(editor, "First wording."):
        Assessment.objects.filter(pk=published_forecast.pk).update(likelihood=Likelihood.LIKELY)
        published_forecast.refresh_from_db()
        published_forecast.save()
    old = history.versions_of(published_forecast).first()
    Assessment.objects.filter(pk=published_forecast.pk).update(
        likelihood=Likelihood.UNLIKELY, statement="Reworded."
    )
    published_forecast.refresh_from_db()

    history.version_restore(version=old, user=editor, expected_version=published_forecast.version)

    published_forecast.refresh_from_db()
    assert published_forecast.likelihood == Likelihood.UNLIKELY
    assert published_forecast.statement == "Contractors are unlikely."
