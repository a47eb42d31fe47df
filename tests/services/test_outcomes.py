"""Recording the outcome of a forecast: the rules, who may, and the admin page that does it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from briefings import models, services
from briefings.models import Likelihood, Outcome

from ..factories import AssessmentFactory, EventFactory, ExcerptFactory, UserFactory

pytestmark = pytest.mark.django_db

HORIZON = datetime.date(2022, 9, 30)
AFTER = datetime.date(2022, 10, 15)
BEFORE = datetime.date(2021, 12, 23)


@pytest.fixture
def forecast():
    return AssessmentFactory(
        statement="Russia is unlikely to deploy contractors to the Sahel.",
        likelihood=Likelihood.UNLIKELY,
        confidence=models.Confidence.LOW,
        horizon=HORIZON,
    )


def resolve(assessment, user, **overrides):
    arguments = {
        "assessment": assessment,
        "outcome": Outcome.HAPPENED,
        "on": AFTER,
        "note": "Contractors arrived.",
        "user": user,
    }
    arguments.update(overrides)
    return services.assessment_resolve(**arguments)


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# --- The rules -------------------------------------------------------------------------


def test_resolving_records_outcome_date_note_evidence_and_who(forecast, editor):
    event, excerpt = EventFactory(), ExcerptFactory()

    resolve(forecast, editor, evidence_events=[event], evidence_excerpts=[excerpt])

    forecast.refresh_from_db()
    assert (forecast.outcome, forecast.outcome_on, forecast.outcome_note) == (
        Outcome.HAPPENED,
        AFTER,
        "Contractors arrived.",
    )
    assert list(forecast.outcome_events.all()) == [event]
    assert list(forecast.outcome_excerpts.all()) == [excerpt]
    assert forecast.outcome_recorded_by == editor
    assert forecast.outcome_recorded_at is not None


def test_resolving_never_changes_what_the_judgment_said(forecast, editor):
    forecast.statement = "Rewritten with hindsight."
    forecast.likelihood = Likelihood.VERY_LIKELY
    forecast.confidence = models.Confidence.HIGH

    resolve(forecast, editor)

    stored = models.Assessment.objects.get(pk=forecast.pk)
    assert stored.statement == "Russia is unlikely to deploy contractors to the Sahel."
    assert (stored.likelihood, stored.confidence) == (Likelihood.UNLIKELY, models.Confidence.LOW)


def test_evidence_is_kept_apart_from_the_evidence_the_judgment_rests_on(forecast, editor):
    basis, proof = EventFactory(), EventFactory()
    forecast.evidence_events.add(basis)

    resolve(forecast, editor, evidence_events=[proof])

    assert list(forecast.evidence_events.all()) == [basis]
    assert list(proof.resolved_assessments.all()) == [forecast]


def test_outcome_before_the_horizon_needs_a_resolved_early_reason(forecast, editor):
    with pytest.raises(ValidationError) as excinfo:
        resolve(forecast, editor, on=BEFORE)

    assert error_fields(excinfo) == {"resolved_early_reason"}
    assert "30 September 2022" in excinfo.value.message_dict["resolved_early_reason"][0]
    forecast.refresh_from_db()
    assert forecast.outcome == ""


def test_outcome_before_the_horizon_with_a_reason_is_recorded(forecast, editor):
    resolve(forecast, editor, on=BEFORE, resolved_early_reason="The deployment settled it.")

    forecast.refresh_from_db()
    assert forecast.outcome == Outcome.HAPPENED
    assert forecast.resolved_early_reason == "The deployment settled it."


def test_reason_given_for_an_outcome_after_the_horizon_is_not_kept(forecast, editor):
    resolve(forecast, editor, resolved_early_reason="Not needed.")

    forecast.refresh_from_db()
    assert forecast.resolved_early_reason == ""


def test_judgment_without_a_likelihood_cannot_be_resolved(editor):
    explanation = AssessmentFactory(likelihood="", probability=None, horizon=None)

    with pytest.raises(ValidationError) as excinfo:
        resolve(explanation, editor)

    assert error_fields(excinfo) == {"outcome"}
    assert "no likelihood" in excinfo.value.message_dict["outcome"][0]


def test_judgment_with_only_an_explicit_probability_can_be_resolved(editor):
    forecast = AssessmentFactory(likelihood="", probability=30, horizon=None)

    resolve(forecast, editor, outcome=Outcome.DID_NOT_HAPPEN)

    forecast.refresh_from_db()
    assert forecast.outcome == Outcome.DID_NOT_HAPPEN


def test_outcome_dated_in_the_future_is_refused(forecast, editor):
    with pytest.raises(ValidationError) as excinfo:
        resolve(forecast, editor, on=datetime.date.today() + datetime.timedelta(days=2))

    assert error_fields(excinfo) == {"outcome_on"}


def test_outcome_must_be_one_of_the_four(forecast, editor):
    with pytest.raises(ValidationError) as excinfo:
        resolve(forecast, editor, outcome="maybe")

    assert "outcome" in error_fields(excinfo)


@pytest.mark.parametrize("outcome", [Outcome.AMBIGUOUS, Outcome.ANNULLED])
def test_unscored_outcome_needs_a_reason(forecast, editor, outcome):
    with pytest.raises(ValidationError) as excinfo:
        resolve(forecast, editor, outcome=outcome, note=" ")

    assert error_fields(excinfo) == {"outcome_note"}


@pytest.mark.parametrize("outcome", [Outcome.AMBIGUOUS, Outcome.ANNULLED])
def test_unscored_outcome_with_a_reason_is_recorded_with_who_decided_and_when(forecast, editor, outcome):
    resolve(forecast, editor, outcome=outcome, note="The question's premise failed.")

    forecast.refresh_from_db()
    assert forecast.outcome == outcome
    assert forecast.outcome_note == "The question's premise failed."
    assert forecast.outcome_recorded_by == editor
    assert forecast.outcome_recorded_at is not None
    assert forecast.forecast_state() == models.ForecastState.UNSCORED


@pytest.mark.parametrize("outcome", [Outcome.AMBIGUOUS, Outcome.ANNULLED])
def test_database_refuses_an_unscored_outcome_without_a_reason(forecast, outcome):
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Assessment.objects.filter(pk=forecast.pk).update(
            outcome=outcome, outcome_on=AFTER, outcome_note=""
        )


def test_a_recorded_outcome_can_be_corrected(forecast, editor):
    resolve(forecast, editor)

    resolve(forecast, editor, outcome=Outcome.DID_NOT_HAPPEN, note="Misreported.")

    forecast.refresh_from_db()
    assert (forecast.outcome, forecast.outcome_note) == (Outcome.DID_NOT_HAPPEN, "Misreported.")


def test_an_outcome_needs_its_date_in_the_database(forecast):
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Assessment.objects.filter(pk=forecast.pk).update(outcome=Outcome.HAPPENED, outcome_on=None)


# --- Who may ---------------------------------------------------------------------------


def test_staff_without_the_change_permission_may_not_resolve(forecast):
    with pytest.raises(PermissionDenied):
        resolve(forecast, UserFactory(username="viewer", is_staff=True))


def test_non_staff_with_the_change_permission_may_not_resolve(forecast):
    user = UserFactory(username="outsider", permissions=["change_assessment"])

    with pytest.raises(PermissionDenied):
        resolve(forecast, user)


def test_inactive_editor_may_not_resolve(forecast, editor):
    editor.is_active = False

    with pytest.raises(PermissionDenied):
        resolve(forecast, editor)


def test_superuser_is_an_editor(staff_user):
    assert services.user_is_editor(staff_user)


def test_nobody_is_an_editor_without_an_account():
    assert not services.user_is_editor(None)


# --- Queries that follow from outcomes ---------------------------------------------------


def test_due_lists_forecasts_past_their_horizon_without_an_outcome():
    due = AssessmentFactory(horizon=datetime.date(2021, 1, 1))
    AssessmentFactory(horizon=datetime.date(2030, 1, 1))
    AssessmentFactory(horizon=None)
    AssessmentFactory(horizon=datetime.date(2021, 1, 1), likelihood="", probability=None)
    AssessmentFactory(horizon=datetime.date(2021, 1, 1), outcome=Outcome.HAPPENED, outcome_on=AFTER)

    assert list(models.Assessment.objects.due(datetime.date(2024, 1, 1))) == [due]


def test_a_forecast_is_not_due_on_its_horizon_day():
    AssessmentFactory(horizon=datetime.date(2024, 1, 1))

    assert not models.Assessment.objects.due(datetime.date(2024, 1, 1)).exists()


# --- The admin page ----------------------------------------------------------------------


def change_url(assessment):
    return reverse("admin:briefings_assessmentoutcome_change", args=[assessment.pk])


def form_data(forecast, **overrides):
    """The outcome page's form as a browser posts it, from the version the page showed."""
    forecast.refresh_from_db()
    data = {
        "edit_version": str(forecast.version),
        "outcome": Outcome.HAPPENED,
        "outcome_on": AFTER.isoformat(),
        "outcome_note": "Contractors arrived.",
        "resolved_early_reason": "",
    }
    data.update(overrides)
    return data


def test_admin_records_an_outcome_through_the_service(client, forecast, editor):
    event = EventFactory()
    client.force_login(editor)

    response = client.post(change_url(forecast), form_data(forecast, outcome_events=[event.pk]))

    assert response.status_code == 302
    forecast.refresh_from_db()
    assert forecast.outcome == Outcome.HAPPENED
    assert forecast.outcome_recorded_by == editor
    assert list(forecast.outcome_events.all()) == [event]


def test_admin_shows_a_missing_early_reason_beside_its_field(client, forecast, editor):
    client.force_login(editor)

    response = client.post(change_url(forecast), form_data(forecast, outcome_on=BEFORE.isoformat()))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["resolved_early_reason"]
    forecast.refresh_from_db()
    assert forecast.outcome == ""


def test_admin_page_shows_the_judgment_read_only(client, forecast, editor):
    client.force_login(editor)

    response = client.get(change_url(forecast))

    form = response.context["adminform"].form
    assert "statement" not in form.fields
    assert "likelihood" not in form.fields
    assert "Russia is unlikely to deploy contractors to the Sahel." in response.content.decode()


def test_admin_outcome_page_is_read_only_for_staff_who_are_not_editors(client, forecast):
    viewer = UserFactory(username="viewer", is_staff=True, permissions=["view_assessment"])
    client.force_login(viewer)

    assert client.get(change_url(forecast)).status_code == 200
    assert client.post(change_url(forecast), form_data(forecast)).status_code == 403
    forecast.refresh_from_db()
    assert forecast.outcome == ""


def test_admin_lists_judgments_due_for_resolution(client, editor):
    due = AssessmentFactory(statement="Due one.", horizon=datetime.date(2021, 1, 1))
    AssessmentFactory(statement="Not yet.", horizon=datetime.date(2099, 1, 1))
    client.force_login(editor)

    response = client.get(reverse("admin:briefings_assessmentoutcome_changelist") + "?resolution=due")

    assert list(response.context["cl"].result_list) == [due]


def test_admin_refused_form_shows_no_score_for_an_outcome_not_saved(client, forecast, editor):
    client.force_login(editor)

    response = client.post(change_url(forecast), form_data(forecast, outcome_on=BEFORE.isoformat()))

    assert "0.455625" not in response.content.decode()
