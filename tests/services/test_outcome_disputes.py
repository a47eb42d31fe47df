"""A resolution can be disputed by another editor within its dispute period; every
resolution and dispute is a dated entry of the log, never an overwrite; once the period has
passed with no open dispute, the resolution is final and stands."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from briefings import models, services
from briefings.models import Likelihood, Outcome, OutcomeEntryKind

from ..factories import AssessmentFactory, BriefingFactory, UserFactory
from ..helpers import judgment_in

pytestmark = pytest.mark.django_db

AFTER = datetime.date(2022, 10, 15)


@pytest.fixture
def second_editor(db):
    return UserFactory(username="bea", role="editor")


@pytest.fixture
def resolved_forecast(editor):
    forecast = AssessmentFactory(likelihood=Likelihood.UNLIKELY, horizon=datetime.date(2022, 9, 30))
    services.assessment_resolve(
        assessment=forecast, outcome=Outcome.HAPPENED, on=AFTER, note="Contractors arrived.", user=editor
    )
    forecast.refresh_from_db()
    return forecast


def age(forecast, days: int) -> None:
    """Make the resolution (and its log entry) as old as `days`."""
    then = timezone.now() - datetime.timedelta(days=days)
    models.Assessment.objects.filter(pk=forecast.pk).update(outcome_recorded_at=then)
    forecast.outcome_log.update(at=then)
    forecast.refresh_from_db()


def log_of(forecast) -> list[tuple[str, str]]:
    return [(entry.kind, entry.outcome) for entry in forecast.outcome_log.all()]


def test_resolving_adds_a_dated_entry_with_who_decided(resolved_forecast, editor):
    (entry,) = resolved_forecast.outcome_log.all()

    assert (entry.kind, entry.outcome, entry.outcome_on, entry.by) == (
        OutcomeEntryKind.RESOLVED,
        Outcome.HAPPENED,
        AFTER,
        editor,
    )
    assert entry.at == resolved_forecast.outcome_recorded_at


def test_another_editor_disputes_within_the_period(resolved_forecast, second_editor):
    entry = services.outcome_dispute(
        assessment=resolved_forecast, user=second_editor, reason="The report was retracted."
    )

    assert (entry.kind, entry.by, entry.note) == (
        OutcomeEntryKind.DISPUTED,
        second_editor,
        "The report was retracted.",
    )
    assert services.outcome_open_dispute(assessment=resolved_forecast) == entry
    resolved_forecast.refresh_from_db()
    assert resolved_forecast.outcome == Outcome.HAPPENED  # kept as recorded until decided again


def test_the_editor_who_resolved_cannot_dispute_it(resolved_forecast, editor):
    with pytest.raises(ValidationError, match="another editor must dispute it"):
        services.outcome_dispute(assessment=resolved_forecast, user=editor, reason="Second thoughts.")


def test_analyst_cannot_dispute(resolved_forecast, analyst):
    with pytest.raises(PermissionDenied):
        services.outcome_dispute(assessment=resolved_forecast, user=analyst, reason="Wrong.")


def test_dispute_needs_a_reason(resolved_forecast, second_editor):
    with pytest.raises(ValidationError, match="Say why"):
        services.outcome_dispute(assessment=resolved_forecast, user=second_editor, reason=" ")


def test_dispute_after_the_period_is_refused_as_final(resolved_forecast, second_editor):
    age(resolved_forecast, 15)

    with pytest.raises(ValidationError, match="final"):
        services.outcome_dispute(assessment=resolved_forecast, user=second_editor, reason="Too late.")


def test_resolution_is_final_once_the_period_passes_undisputed(resolved_forecast):
    assert not services.outcome_is_final(assessment=resolved_forecast)

    age(resolved_forecast, 15)

    assert services.outcome_is_final(assessment=resolved_forecast)


def test_final_resolution_cannot_be_changed(resolved_forecast, second_editor):
    age(resolved_forecast, 15)

    with pytest.raises(ValidationError) as excinfo:
        services.assessment_resolve(
            assessment=resolved_forecast,
            outcome=Outcome.DID_NOT_HAPPEN,
            on=AFTER,
            note="Misread.",
            user=second_editor,
        )

    assert "final" in " ".join(excinfo.value.message_dict["outcome"])


def test_disputed_resolution_is_not_final_after_the_period(resolved_forecast, second_editor):
    services.outcome_dispute(assessment=resolved_forecast, user=second_editor, reason="Retracted.")
    age(resolved_forecast, 15)

    assert not services.outcome_is_final(assessment=resolved_forecast)


def test_a_changed_resolution_is_a_new_entry_that_answers_the_dispute(
    resolved_forecast, editor, second_editor
):
    services.outcome_dispute(assessment=resolved_forecast, user=second_editor, reason="Retracted.")

    services.assessment_resolve(
        assessment=resolved_forecast,
        outcome=Outcome.AMBIGUOUS,
        on=AFTER,
        note="No reliable report remains.",
        user=editor,
    )

    assert log_of(resolved_forecast) == [
        (OutcomeEntryKind.RESOLVED, Outcome.HAPPENED),
        (OutcomeEntryKind.DISPUTED, ""),
        (OutcomeEntryKind.RESOLVED, Outcome.AMBIGUOUS),
    ]
    assert services.outcome_open_dispute(assessment=resolved_forecast) is None


def test_a_second_dispute_while_one_is_open_is_refused(resolved_forecast, second_editor):
    third = UserFactory(username="cy", role="editor")
    services.outcome_dispute(assessment=resolved_forecast, user=second_editor, reason="Retracted.")

    with pytest.raises(ValidationError, match="already disputed"):
        services.outcome_dispute(assessment=resolved_forecast, user=third, reason="Also wrong.")


def test_nothing_to_dispute_before_a_resolution(second_editor):
    with pytest.raises(ValidationError, match="nothing to dispute"):
        services.outcome_dispute(assessment=AssessmentFactory(), user=second_editor, reason="Premature.")


# --- On the outcome page and the public pages -------------------------------------------


def outcome_page(assessment) -> str:
    return reverse("admin:briefings_assessmentoutcome_change", args=[assessment.pk])


def page_data(forecast, **overrides):
    """The outcome page's form as a browser posts it, unchanged, plus `overrides`."""
    forecast.refresh_from_db()
    data = {
        "edit_version": str(forecast.version),
        "outcome": forecast.outcome,
        "outcome_on": forecast.outcome_on.isoformat(),
        "outcome_note": forecast.outcome_note,
        "resolved_early_reason": "",
    }
    data.update(overrides)
    return data


def test_another_editor_disputes_on_the_outcome_page(client, resolved_forecast, second_editor):
    client.force_login(second_editor)

    response = client.post(
        outcome_page(resolved_forecast), page_data(resolved_forecast, dispute="Retracted.")
    )

    assert response.status_code == 302
    assert log_of(resolved_forecast)[-1] == (OutcomeEntryKind.DISPUTED, "")


def test_outcome_page_refuses_the_resolvers_own_dispute_beside_the_field(client, resolved_forecast, editor):
    client.force_login(editor)

    response = client.post(outcome_page(resolved_forecast), page_data(resolved_forecast, dispute="Hmm."))

    assert response.status_code == 200
    assert "another editor must dispute it" in " ".join(response.context["adminform"].form.errors["dispute"])


def test_outcome_page_refuses_a_dispute_and_a_change_at_once(client, resolved_forecast, second_editor):
    client.force_login(second_editor)

    response = client.post(
        outcome_page(resolved_forecast),
        page_data(resolved_forecast, dispute="Retracted.", outcome=Outcome.DID_NOT_HAPPEN),
    )

    assert response.status_code == 200
    assert "not both" in " ".join(response.context["adminform"].form.errors["dispute"])
    assert log_of(resolved_forecast) == [(OutcomeEntryKind.RESOLVED, Outcome.HAPPENED)]


def test_outcome_page_lists_the_log_with_who_decided(client, resolved_forecast, second_editor):
    services.outcome_dispute(assessment=resolved_forecast, user=second_editor, reason="Retracted.")
    client.force_login(second_editor)

    text = client.get(outcome_page(resolved_forecast)).content.decode()

    assert "it happened by eddie: Contractors arrived." in text
    assert "disputed by bea: Retracted." in text


def test_reader_sees_a_provisional_resolution_and_until_when(client, editor):
    briefing = BriefingFactory(published=True)
    forecast = judgment_in(briefing, likelihood=Likelihood.UNLIKELY)
    services.assessment_resolve(
        assessment=forecast, outcome=Outcome.HAPPENED, on=AFTER, note="Arrived.", user=editor
    )

    soup = BeautifulSoup(
        client.get(reverse("briefings:briefing-detail", args=[briefing.slug])).content, "html.parser"
    )

    assert (
        "Provisional: another editor may dispute this resolution until"
        in soup.select_one(".outcome__provisional").get_text()
    )


def test_reader_sees_a_dispute_and_the_log(client, editor, second_editor):
    briefing = BriefingFactory(published=True)
    forecast = judgment_in(briefing, likelihood=Likelihood.UNLIKELY)
    services.assessment_resolve(
        assessment=forecast, outcome=Outcome.HAPPENED, on=AFTER, note="Arrived.", user=editor
    )
    services.outcome_dispute(assessment=forecast, user=second_editor, reason="The report was retracted.")

    soup = BeautifulSoup(client.get(reverse("briefings:track-record")).content, "html.parser")

    assert "The report was retracted." in soup.select_one(".outcome__provisional").get_text()
    log = [" ".join(li.get_text().split()) for li in soup.select(".outcome__log li")]
    assert log[0].endswith("resolved as “it happened”")
    assert log[1].endswith("disputed: The report was retracted.")
    assert "eddie" not in soup.select_one(".outcome__log").get_text()
