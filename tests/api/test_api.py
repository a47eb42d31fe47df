"""The read-only JSON API: published material only, paginated, filtered, described by a
valid OpenAPI schema, and without a server error whatever schemathesis sends."""

import datetime

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from briefings.api import pagination
from briefings.models import ActorRole, Confidence, Country, EventKind, Likelihood, PublicationStatus

from ..factories import (
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    ForecastUpdateFactory,
    KeyJudgmentFactory,
    country,
)
from ..helpers import judgment_in

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    return response, response.json()


def slugs(body) -> list[str]:
    return [row["slug"] for row in body["results"]]


@pytest.fixture
def material():
    """One published briefing on Mali with a judgment and an event; one draft with its own."""
    mali = country("ML")
    published = BriefingFactory(published=True, title="Coup in Mali", slug="coup-in-mali")
    published.countries.add(mali)
    junta = ActorFactory(name="CNSP", kind="armed_force")
    published.actors.add(junta)
    coup = EventFactory(title="Coup", country=mali, kind=EventKind.COUP)
    EventActorFactory(event=coup, actor=junta, role=ActorRole.INITIATOR)
    coup.excerpts.add(ExcerptFactory())
    published.events.add(coup)
    judgment = AssessmentFactory(
        statement="Russia gains.", likelihood=Likelihood.LIKELY, confidence=Confidence.MODERATE
    )
    judgment.evidence_events.add(coup)
    judgment.actors.add(junta)
    KeyJudgmentFactory(briefing=published, assessment=judgment, order=1)

    draft = BriefingFactory(status=PublicationStatus.DRAFT, title="Draft", slug="draft-note")
    secret_actor = ActorFactory(name="Secret actor")
    secret_event = EventFactory(title="Secret meeting", date=datetime.date(2021, 1, 5))
    EventActorFactory(event=secret_event, actor=secret_actor)
    draft.events.add(secret_event)
    draft.actors.add(secret_actor)
    secret_judgment = AssessmentFactory(statement="Secret judgment.")
    KeyJudgmentFactory(briefing=draft, assessment=secret_judgment)
    # The published judgment also cites the draft's event: it must not leak through it.
    judgment.evidence_events.add(secret_event)
    judgment.actors.add(secret_actor)
    return {
        "briefing": published,
        "judgment": judgment,
        "event": coup,
        "actor": junta,
        "draft": draft,
        "secret_event": secret_event,
        "secret_actor": secret_actor,
        "secret_judgment": secret_judgment,
    }


# --- Published material only ---


def test_briefing_list_holds_published_briefings_only(client, material):
    BriefingFactory(
        status=PublicationStatus.PUBLISHED,
        slug="tomorrow",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    BriefingFactory(status=PublicationStatus.WITHDRAWN, slug="withdrawn", published_at=timezone.now())
    _, body = get(client, "/api/briefings/")
    assert slugs(body) == ["coup-in-mali"]


def test_draft_briefing_detail_is_404(client, material):
    assert client.get("/api/briefings/draft-note/").status_code == 404


def test_briefing_detail_has_judgments_events_and_downloads(client, material):
    _, body = get(client, "/api/briefings/coup-in-mali/")
    assert [kj["judgment"]["statement"] for kj in body["key_judgments"]] == ["Russia gains."]
    assert [e["title"] for e in body["events"]] == ["Coup"]
    assert body["stix_url"].endswith("/briefings/coup-in-mali/stix.json")
    assert body["events_csv_url"].endswith("/briefings/coup-in-mali/events.csv")


def test_judgment_list_leaves_out_a_drafts_judgments(client, material):
    _, body = get(client, "/api/judgments/")
    assert [row["statement"] for row in body["results"]] == ["Russia gains."]


def test_judgment_of_a_draft_is_404(client, material):
    assert client.get(f"/api/judgments/{material['secret_judgment'].pk}/").status_code == 404


def test_judgment_detail_leaves_out_evidence_only_a_draft_cites(client, material):
    _, body = get(client, f"/api/judgments/{material['judgment'].pk}/")
    assert [e["title"] for e in body["evidence_events"]] == ["Coup"]
    assert [a["name"] for a in body["actors"]] == ["CNSP"]


def test_judgment_detail_carries_the_icd203_terms(client, material):
    _, body = get(client, f"/api/judgments/{material['judgment'].pk}/")
    assert (body["likelihood"], body["probability_low"], body["probability_high"]) == ("likely", 55, 80)
    assert body["confidence"] == "moderate"
    assert body["briefings"][0]["briefing"]["slug"] == "coup-in-mali"


def test_event_cited_only_by_a_draft_is_hidden(client, material):
    _, body = get(client, "/api/events/")
    assert [row["title"] for row in body["results"]] == ["Coup"]
    assert client.get(f"/api/events/{material['secret_event'].slug}/").status_code == 404


def test_event_detail_lists_only_published_briefings(client, material):
    material["draft"].events.add(material["event"])
    _, body = get(client, f"/api/events/{material['event'].slug}/")
    assert [b["slug"] for b in body["briefings"]] == ["coup-in-mali"]
    assert body["roles"][0]["actor"]["name"] == "CNSP"
    assert body["excerpts"][0]["grade"] == "B2"


def test_actor_known_only_to_a_draft_is_hidden(client, material):
    _, body = get(client, "/api/actors/")
    assert slugs(body) == [material["actor"].slug]
    assert client.get(f"/api/actors/{material['secret_actor'].slug}/").status_code == 404


def test_actor_parent_known_only_to_a_draft_is_not_shown(client, material):
    actor = material["actor"]
    actor.parent = material["secret_actor"]
    actor.save()
    _, body = get(client, f"/api/actors/{actor.slug}/")
    assert body["parent"] is None


def test_countries_are_listed_with_their_codes(client, material):
    _, body = get(client, "/api/countries/mali/")
    assert (body["iso2"], body["iso3"], body["name"]) == ("ML", "MLI", "Mali")


def test_api_is_read_only(client, material):
    assert client.post("/api/briefings/", {"title": "x"}).status_code == 405


# --- Pagination and filters ---


def test_lists_are_paginated(client):
    _, body = get(client, "/api/countries/")
    assert body["count"] > 200
    assert len(body["results"]) == 20
    assert body["next"].endswith("/api/countries/?page=2")


def test_a_list_under_the_cap_gives_its_exact_count(client):
    _, body = get(client, "/api/countries/")
    assert body["count"] == Country.objects.count()
    assert body["count_exact"] is True


def test_a_list_past_the_cap_says_its_count_is_a_lower_bound(client, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 100)
    _, body = get(client, "/api/countries/")
    assert (body["count"], body["count_exact"]) == (100, False)
    assert body["next"].endswith("/api/countries/?page=2")


def test_pages_past_the_cap_stay_reachable(client, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 100)
    total = Country.objects.count()
    last = -(-total // 20)
    _, body = get(client, "/api/countries/", page=last)
    assert body["next"] is None
    assert len(body["results"]) == total - (last - 1) * 20
    _, before = get(client, "/api/countries/", page=last - 1)
    assert before["next"].endswith(f"?page={last}")


def test_country_filter(client, material):
    BriefingFactory(published=True, slug="niger-note").countries.add(country("NE"))
    _, body = get(client, "/api/briefings/", country="niger")
    assert slugs(body) == ["niger-note"]


def test_actor_filter_finds_briefings_covering_the_actor(client, material):
    BriefingFactory(published=True, slug="other")
    _, body = get(client, "/api/briefings/", actor=material["actor"].slug)
    assert slugs(body) == ["coup-in-mali"]


def test_event_kind_and_date_filters(client, material):
    material["briefing"].events.add(
        EventFactory(title="Statement", kind=EventKind.PUBLIC_STATEMENT, date=datetime.date(2020, 9, 1))
    )
    _, by_kind = get(client, "/api/events/", kind="public_statement")
    _, by_date = get(client, "/api/events/", date_from="2020-08-01", date_to="2020-08-31")
    assert [e["title"] for e in by_kind["results"]] == ["Statement"]
    assert [e["title"] for e in by_date["results"]] == ["Coup"]


def test_judgment_likelihood_filter(client, material):
    _, likely = get(client, "/api/judgments/", likelihood="likely")
    _, unlikely = get(client, "/api/judgments/", likelihood="unlikely")
    assert (likely["count"], unlikely["count"]) == (1, 0)


def test_covered_countries_filter(client, material):
    _, body = get(client, "/api/countries/", covered="true")
    assert slugs(body) == ["mali"]


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/briefings/", {"country": "atlantis"}, "country"),
        ("/api/briefings/", {"actor": "nobody"}, "actor"),
        ("/api/briefings/", {"date_from": "last tuesday"}, "date_from"),
        ("/api/events/", {"kind": "teleportation"}, "kind"),
        ("/api/events/", {"date_from": "2021-01-01", "date_to": "2020-01-01"}, "date_to"),
        ("/api/events/", {"briefing": "draft-note"}, "briefing"),
        ("/api/judgments/", {"likelihood": "maybe"}, "likelihood"),
        ("/api/judgments/", {"confidence": "total"}, "confidence"),
        ("/api/actors/", {"kind": "wizard"}, "kind"),
        ("/api/actors/", {"country": "x\x00y"}, "country"),
        ("/api/countries/", {"covered": "perhaps"}, "covered"),
    ],
)
def test_bad_filter_value_is_400_with_a_message(client, material, url, params, field):
    response, body = get(client, url, **params)
    assert response.status_code == 400
    assert body[field] and all(isinstance(message, str) for message in body[field])


def test_unknown_slug_is_404(client):
    assert client.get("/api/briefings/no-such-briefing/").status_code == 404


def test_briefing_detail_runs_a_fixed_number_of_queries(client, material, django_assert_max_num_queries):
    # The briefing, then one query per prefetched relation, however long the briefing is.
    with django_assert_max_num_queries(10):
        client.get("/api/briefings/coup-in-mali/")


# --- The schema ---


def test_openapi_schema_is_valid():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert {"/api/briefings/", "/api/judgments/", "/api/events/", "/api/actors/", "/api/countries/"} <= set(
        schema["paths"]
    )


def test_schema_is_served(client):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_api_docs_load_nothing_from_another_site(client):
    html = client.get(reverse("api-docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html


def test_demo_briefing_is_in_the_api(client, demo_briefing):
    _, body = get(client, f"/api/briefings/{demo_briefing.slug}/")
    assert body["title"] == demo_briefing.title
    assert body["key_judgments"]


# --- schemathesis ---


def test_schemathesis_finds_no_server_error(demo_briefing):
    """Every operation, with generated valid and invalid input and with the demo's real
    slugs, answers without a server error and as its schema says."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        negative_data_rejection,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    from briefings.models import Actor, Event
    from project.wsgi import application

    # `positive_data_acceptance` stays off by design: an unknown slug is a valid string
    # to the schema but a bad filter value to the API, answered 400 with a message.
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        negative_data_rejection,
    ]
    real_slugs = {
        "briefings": demo_briefing.slug,
        "events": Event.objects.published().first().slug,
        "actors": Actor.objects.published().first().slug,
        "countries": "mali",
    }
    # As Django's test client does: a request's end must not close the connection that
    # holds the test's transaction (PostgreSQL would lose it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        cases, failures = _run_schemathesis(application, checks, real_slugs)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    print(f"schemathesis: {cases} cases, {len(failures)} failures")
    assert failures == []
    assert cases > 200


def _run_schemathesis(application, checks, real_slugs) -> tuple[int, list[str]]:
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    failures, cases = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        strategies = [
            operation.as_strategy(mode) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        ]
        collection = operation.path.split("/")[2]
        if "{slug}" in operation.path:
            strategies.append(operation.as_strategy(path_parameters={"slug": real_slugs[collection]}))
        for strategy in strategies:

            @given(case=strategy)
            @settings(
                max_examples=20,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                nonlocal cases
                cases += 1
                case.call_and_validate(checks=checks)

            try:
                run()
            # schemathesis reports failures as a BaseExceptionGroup.
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001
                failures.append(f"{operation.label}: {error}")
    return cases, failures


def test_judgment_detail_states_how_the_forecast_will_be_decided_and_its_updates(client):
    briefing = BriefingFactory(published=True, published_at=timezone.now() - datetime.timedelta(days=5))
    judgment = judgment_in(briefing, question="Will contractors be reported in Mali?", closes_on=None)
    ForecastUpdateFactory(assessment=judgment, probability=70, reason="Seen in Bamako.")

    data = client.get(reverse("api:judgment-detail", args=[judgment.pk])).json()

    assert data["question"] == "Will contractors be reported in Mali?"
    assert data["resolution_source"] == "Two independent reports graded B or better."
    assert [(u["probability"], u["reason"]) for u in data["updates"]] == [(70, "Seen in Bamako.")]


@pytest.mark.parametrize("page", ["999999999999999999999", str(2**62)])
def test_a_page_number_past_any_desk_is_a_404_not_a_database_error(client, page):
    assert client.get("/api/countries/", {"page": page}).status_code == 404
