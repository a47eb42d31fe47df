"""The track-record pages: public (published judgments only) and staff (every judgment)."""

import datetime

import pytest
from django.urls import reverse

from briefings import models
from briefings.models import Likelihood, Outcome
from briefings.views.outcomes import judgment_outcomes

from ..factories import AssessmentFactory, BriefingFactory, EventFactory, ExcerptFactory, UserFactory, country
from ..helpers import judgment_in, resolved

pytestmark = pytest.mark.django_db

PUBLIC = reverse("briefings:track-record")
STAFF = reverse("briefings:track-record-staff")


def page_text(response) -> str:
    return response.content.decode()


def listed(response) -> list[str]:
    """The statements of every judgment the page lists: resolved, due and pending."""
    context = response.context
    judgments = [j for j, _ in context["resolved"]] + [*context["due"], *context["pending"]]
    return [j.statement for j in judgments]


# --- Only what is published ------------------------------------------------------------


def test_public_page_shows_a_resolved_published_judgment_and_its_score(client):
    resolved(
        judgment_in(
            BriefingFactory(published=True),
            statement="Contractors are unlikely.",
            likelihood=Likelihood.UNLIKELY,
        )
    )

    response = client.get(PUBLIC)

    assert response.status_code == 200
    assert "Contractors are unlikely." in page_text(response)
    assert "Brier score 0.455625" in page_text(response)


def test_judgment_only_in_a_draft_briefing_never_appears_even_resolved(client):
    resolved(judgment_in(BriefingFactory(), statement="Secret draft judgment."))

    response = client.get(PUBLIC)

    assert "Secret draft judgment." not in page_text(response)
    assert response.context["record"].desk.summary.judgments == 0


def test_judgment_of_a_withdrawn_briefing_does_not_appear(client):
    briefing = BriefingFactory(published=True)
    resolved(judgment_in(briefing, statement="Withdrawn judgment."))
    models.Briefing.objects.filter(pk=briefing.pk).update(status=models.PublicationStatus.WITHDRAWN)

    assert "Withdrawn judgment." not in page_text(client.get(PUBLIC))


def test_judgment_of_a_briefing_scheduled_for_later_does_not_appear(client):
    later = BriefingFactory(
        status=models.PublicationStatus.PUBLISHED,
        published_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )
    judgment_in(later, statement="Embargoed judgment.")

    assert "Embargoed judgment." not in page_text(client.get(PUBLIC))


def test_public_page_does_not_list_judgments_as_due(client):
    judgment_in(
        BriefingFactory(published=True), horizon=datetime.date(2021, 1, 1), statement="Past its horizon."
    )

    text = page_text(client.get(PUBLIC))

    assert "Past its horizon." in text
    assert "Due for resolution" not in text


def test_public_page_with_nothing_published_says_so(client):
    response = client.get(PUBLIC)

    assert response.status_code == 200
    assert "No judgment here has been resolved yet." in page_text(response)


# --- The staff page ---------------------------------------------------------------------


def test_staff_page_asks_for_a_login(client):
    response = client.get(STAFF)

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_page_refuses_a_reader_with_an_account(client):
    client.force_login(UserFactory(username="reader"))

    assert client.get(STAFF).status_code == 403


def test_staff_page_lists_drafts_and_what_is_due_for_resolution(admin_client):
    judgment_in(BriefingFactory(), statement="Draft forecast past due.", horizon=datetime.date(2021, 1, 1))
    AssessmentFactory(statement="Forecast in no briefing.", horizon=datetime.date(2099, 1, 1))

    response = admin_client.get(STAFF)

    text = page_text(response)
    assert "Due for resolution" in text
    assert [j.statement for j in response.context["due"]] == ["Draft forecast past due."]
    assert "Forecast in no briefing." in text


# --- Filters ----------------------------------------------------------------------------


def test_country_filter_keeps_judgments_about_that_country(client):
    briefing = BriefingFactory(published=True)
    about_mali = judgment_in(briefing, statement="About Mali.")
    about_mali.countries.add(country("ML"))
    judgment_in(briefing, statement="About nowhere in particular.")

    response = client.get(PUBLIC, {"country": "ML"})

    assert listed(response) == ["About Mali."]


def test_country_filter_counts_judgments_of_briefings_that_cover_the_country(client):
    briefing = BriefingFactory(published=True)
    briefing.countries.add(country("ML"))
    judgment_in(briefing, statement="In a briefing on Mali.")

    response = client.get(PUBLIC, {"country": "mali"})

    assert listed(response) == ["In a briefing on Mali."]


def test_unknown_country_is_a_bad_request_with_a_message(client):
    response = client.get(PUBLIC, {"country": "XX"})

    assert response.status_code == 400
    assert "“XX” is not a country with judgments on this page." in page_text(response)


@pytest.mark.parametrize("value", ["2020-13", "last year", "20-08", "2020-08-01x", "0000-01", "２０２０-08"])
def test_malformed_period_is_a_bad_request_not_an_error(client, value):
    response = client.get(PUBLIC, {"from": value})

    assert response.status_code == 400
    assert "is not a month" in page_text(response)


@pytest.mark.parametrize("end", ["from", "to"])
@pytest.mark.parametrize("value", ["9999-12", "9999", "1900-01"])
def test_a_period_at_the_ends_of_the_calendar_is_answered(client, end, value):
    response = client.get(PUBLIC, {end: value})

    assert response.status_code == 200


def test_period_that_ends_before_it_starts_is_a_bad_request(client):
    response = client.get(PUBLIC, {"from": "2021-05", "to": "2020-01"})

    assert response.status_code == 400
    assert "The period ends before it starts." in page_text(response)


def test_period_filter_keeps_judgments_first_published_in_it(client):
    judgment_in(
        BriefingFactory(published=True, published_at=datetime.datetime(2020, 9, 25, tzinfo=datetime.UTC)),
        statement="Made in 2020.",
    )
    judgment_in(
        BriefingFactory(published=True, published_at=datetime.datetime(2022, 2, 1, tzinfo=datetime.UTC)),
        statement="Made in 2022.",
    )

    by_month = client.get(PUBLIC, {"from": "2020-09", "to": "2020-09"})
    by_year = client.get(PUBLIC, {"from": "2022"})

    assert listed(by_month) == ["Made in 2020."]
    assert listed(by_year) == ["Made in 2022."]


def test_author_filter_shows_that_authors_record(client):
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    hers, other = BriefingFactory(published=True), BriefingFactory(published=True)
    hers.authors.add(ada)
    resolved(judgment_in(hers, statement="Ada's."))
    judgment_in(other, statement="Someone else's.")

    response = client.get(PUBLIC, {"author": ada.pk})

    assert listed(response) == ["Ada's."]
    assert response.context["focus"].author.pk == ada.pk
    assert "Ada Lovelace" in page_text(response)


def test_author_of_no_published_briefing_is_a_bad_request(client):
    drafter = UserFactory(username="drafter")
    BriefingFactory().authors.add(drafter)

    assert client.get(PUBLIC, {"author": drafter.pk}).status_code == 400


# --- The calibration chart and its table ---------------------------------------------------


def test_calibration_chart_is_an_svg_with_counts_and_a_table_equivalent(client):
    briefing = BriefingFactory(published=True)
    resolved(judgment_in(briefing, likelihood=Likelihood.UNLIKELY))
    resolved(judgment_in(briefing, likelihood=Likelihood.UNLIKELY), outcome=Outcome.DID_NOT_HAPPEN)

    text = page_text(client.get(PUBLIC))

    assert '<svg class="calibration-chart"' in text
    assert 'role="img"' in text
    assert "1 of 2" in text
    assert "<caption>Calibration by likelihood term</caption>" in text
    assert "50.0%" in text


def test_track_record_page_query_count_does_not_grow_with_judgments(client, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            briefing = BriefingFactory(published=True)
            briefing.authors.add(UserFactory(username=f"author-{n}-{i}"))
            judgment = resolved(judgment_in(briefing))
            judgment.outcome_events.add(EventFactory())
            judgment.outcome_excerpts.add(ExcerptFactory())

    add(2)
    with django_assert_max_num_queries(20) as few:
        client.get(PUBLIC)
    add(10)
    # The page's queries are fixed: filters' options, the judgments, their briefings and
    # authors, and the evidence of resolved ones; none per judgment.
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PUBLIC)

    assert response.context["record"].desk.summary.scored == 12


# --- Outcomes for other pages --------------------------------------------------------------


def test_judgment_outcomes_marks_a_forecast_past_its_horizon_as_due():
    assessment = AssessmentFactory(horizon=datetime.date(2021, 1, 1))

    outcome = judgment_outcomes([assessment], today=datetime.date(2024, 1, 1))[assessment.pk]

    assert outcome.is_due and not outcome.is_resolved


def test_judgment_outcomes_say_nothing_of_a_judgment_that_is_not_a_forecast():
    assessment = AssessmentFactory(likelihood="", probability=None)

    assert judgment_outcomes([assessment]) == {}


def test_judgment_outcomes_list_for_readers_only_evidence_a_published_briefing_shows():
    briefing = BriefingFactory(published=True)
    public_event, private_event = EventFactory(title="Public event"), EventFactory(title="Private event")
    public_excerpt, private_excerpt = (
        ExcerptFactory(text="Public words."),
        ExcerptFactory(text="Draft words."),
    )
    briefing.events.add(public_event)
    public_event.excerpts.add(public_excerpt)
    BriefingFactory().events.add(private_event)
    assessment = resolved(judgment_in(briefing))
    assessment.outcome_events.add(public_event, private_event)
    assessment.outcome_excerpts.add(public_excerpt, private_excerpt)

    outcome = judgment_outcomes([assessment])[assessment.pk]

    assert [(e.title, e.url) for e in outcome.events] == [("Public event", public_event.get_absolute_url())]
    assert [e.text for e in outcome.excerpts] == ["Public words."]


def test_judgment_outcomes_cost_four_queries_for_any_number(django_assert_num_queries):
    briefing = BriefingFactory(published=True)
    assessments = []
    for _ in range(5):
        assessment = resolved(judgment_in(briefing))
        event, excerpt = EventFactory(), ExcerptFactory()
        briefing.events.add(event)
        event.excerpts.add(excerpt)
        assessment.outcome_events.add(event)
        assessment.outcome_excerpts.add(excerpt)
        assessments.append(assessment)

    # Dated updates of the estimates, the resolution logs, and evidence events and excerpts
    # (with their sources), each marked public or not.
    with django_assert_num_queries(4):
        outcomes = judgment_outcomes(assessments)

    assert all(len(o.events) == 1 and len(o.excerpts) == 1 for o in outcomes.values())


def test_judgment_outcomes_cost_one_query_when_nothing_is_resolved(django_assert_num_queries):
    assessments = [AssessmentFactory() for _ in range(3)]

    # Only the dated updates, whose history a pending forecast shows too.
    with django_assert_num_queries(1):
        judgment_outcomes(assessments)


def test_staff_follow_an_evidence_event_without_a_public_page_to_the_admin():
    assessment = resolved(AssessmentFactory())
    event = EventFactory()
    assessment.outcome_events.add(event)

    (evidence,) = judgment_outcomes([assessment], public=False)[assessment.pk].events

    assert evidence.url == reverse("admin:briefings_event_change", args=[event.pk])
