"""The STIX 2.1 export: valid by the OASIS validator, complete, stable, published only."""

import json
import uuid

import pytest
from django.urls import reverse
from stix2validator import ValidationOptions, validate_string

from briefings.exports.stix import (
    CONFIDENCE_SCALE,
    EVENT_EXTENSION,
    JUDGMENT_EXTENSION,
    NAMESPACE,
    briefing_stix_json,
    stix_id,
)
from briefings.models import PublicationStatus

from ..factories import (
    BriefingFactory,
    EventFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db

# 103: the specification prefers UUIDv4 identifiers; ours are UUIDv5 on purpose, so that
# re-imports update objects instead of duplicating them. 302: a source's address comes
# without a hash of the document, which the desk does not keep.
STRICT = ValidationOptions(strict=True, disabled=["103", "302"])


def bundle_of(briefing) -> dict:
    return json.loads(briefing_stix_json(briefing, base_url="https://desk.example.org/"))


def objects_of_type(bundle: dict, stix_type: str) -> list[dict]:
    return [obj for obj in bundle["objects"] if obj["type"] == stix_type]


def notes_with_extension(bundle: dict, name: str) -> list[dict]:
    """The notes that stand for events (EVENT_EXTENSION) or judgments (JUDGMENT_EXTENSION)."""
    extension = stix_id("extension-definition", name)
    return [note for note in objects_of_type(bundle, "note") if extension in note.get("extensions", {})]


# --- Validity ---


def test_demo_bundle_passes_the_stix_validator(demo_briefing):
    results = validate_string(briefing_stix_json(demo_briefing, base_url="http://testserver/"), STRICT)
    assert results.is_valid, [str(error) for error in results.errors]


def test_demo_bundle_passes_the_validators_default_checks(demo_briefing):
    results = validate_string(briefing_stix_json(demo_briefing), ValidationOptions())
    assert results.is_valid


def test_small_bundle_passes_the_stix_validator(briefing):
    results = validate_string(briefing_stix_json(briefing), STRICT)
    assert results.is_valid, [str(error) for error in results.errors]


def test_bundle_is_what_stix2_pretty_prints_without_the_layout(demo_briefing):
    from briefings.exports.stix import briefing_stix_bundle

    compact = briefing_stix_json(demo_briefing, base_url="http://testserver/")
    pretty = briefing_stix_bundle(demo_briefing, base_url="http://testserver/").serialize(pretty=True)
    assert json.loads(compact) == json.loads(pretty)
    assert "\n" not in compact and len(compact) < len(pretty)


def test_bundle_is_the_same_bytes_when_exported_twice(briefing):
    assert briefing_stix_json(briefing) == briefing_stix_json(briefing)


def test_bundle_keeps_text_in_utf8_rather_than_escapes(briefing):
    briefing.title = "Coup à Bamako — l’armée"
    briefing.save()
    body = briefing_stix_json(briefing)
    assert "Coup à Bamako — l’armée" in body
    assert json.loads(body)["objects"][-1]["name"] == "Coup à Bamako — l’armée"


# --- Contents ---


def test_demo_bundle_holds_every_kind_of_object(demo_briefing):
    types = {obj["type"] for obj in bundle_of(demo_briefing)["objects"]}
    assert {"marking-definition", "report", "location", "identity", "note", "relationship"} <= types
    # A grouping is a second container beside the report, and MISP makes each one an event.
    assert "grouping" not in types


def test_report_refers_to_every_object_it_describes(briefing):
    bundle = bundle_of(briefing)
    (report,) = objects_of_type(bundle, "report")
    described = {
        obj["id"]
        for obj in bundle["objects"]
        if obj["type"] not in {"report", "marking-definition", "extension-definition"}
        and obj["id"] != stix_id("identity", "briefing-desk")
    }
    assert described == set(report["object_refs"])


def test_report_carries_title_summary_and_publication(briefing):
    (report,) = objects_of_type(bundle_of(briefing), "report")
    assert report["name"] == "Coup in Mali"
    assert report["description"] == briefing.summary
    assert report["published"].startswith(f"{briefing.published_at:%Y-%m-%d}")


def test_sources_are_external_references_of_the_report(briefing):
    (report,) = objects_of_type(bundle_of(briefing), "report")
    urls = [reference.get("url") for reference in report["external_references"]]
    assert "https://desk.example.org/briefings/" + briefing.slug + "/" in urls
    assert "https://example.org/article" in urls


def test_country_is_a_location_with_its_iso_code(briefing):
    locations = objects_of_type(bundle_of(briefing), "location")
    assert {"country": "ML", "name": "Mali"}.items() <= locations[0].items()


def test_armed_group_is_a_threat_actor_with_its_aliases(briefing):
    (actor,) = objects_of_type(bundle_of(briefing), "threat-actor")
    assert actor["name"] == "Breakaway soldiers"
    assert actor["aliases"] == ["the mutineers"]


def test_person_is_an_individual_identity(briefing):
    identities = {obj["name"]: obj for obj in objects_of_type(bundle_of(briefing), "identity")}
    assert identities["Ibrahim Boubacar Keita"]["identity_class"] == "individual"


def test_event_is_a_note_with_its_date_kind_and_place(briefing):
    bundle = bundle_of(briefing)
    (note,) = notes_with_extension(bundle, EVENT_EXTENSION)
    (extension,) = [
        obj for obj in bundle["objects"] if obj["type"] == "extension-definition" and "event" in obj["name"]
    ]
    properties = note["extensions"][extension["id"]]
    assert note["abstract"] == "Soldiers overthrow the president"
    assert properties["date"] == "2020-08-18"
    assert properties["date_precision"] == "day"
    assert properties["kind"] == "coup"
    assert properties["place"] == "Bamako"
    assert stix_id("location", "ML") in note["object_refs"]


def test_event_note_is_about_its_briefing_and_its_actors(briefing):
    bundle = bundle_of(briefing)
    (note,) = notes_with_extension(bundle, EVENT_EXTENSION)
    (report,) = objects_of_type(bundle, "report")
    (armed_group,) = objects_of_type(bundle, "threat-actor")
    assert note["object_refs"][0] == report["id"]
    assert armed_group["id"] in note["object_refs"]


def test_event_confidence_follows_its_best_passages_credibility(briefing):
    (note,) = notes_with_extension(bundle_of(briefing), EVENT_EXTENSION)
    # Admiralty credibility 2 (probably true) is 70 on STIX's Admiralty Credibility scale.
    assert note["confidence"] == 70


def test_passage_is_an_external_reference_with_its_grade(briefing):
    (note,) = notes_with_extension(bundle_of(briefing), EVENT_EXTENSION)
    (reference,) = note["external_references"]
    assert "On August 18 the president was overthrown." in reference["description"]
    assert "B2" in reference["description"]


def test_initiator_and_target_are_related_with_the_events_date(briefing):
    bundle = bundle_of(briefing)
    (actor,) = objects_of_type(bundle, "threat-actor")
    targets = [r for r in objects_of_type(bundle, "relationship") if r["relationship_type"] == "targets"]
    assert [r["source_ref"] for r in targets] == [actor["id"]]
    assert targets[0]["start_time"].startswith("2020-08-18")


def test_judgment_is_a_note_with_likelihood_and_confidence(briefing):
    bundle = bundle_of(briefing)
    (note,) = notes_with_extension(bundle, JUDGMENT_EXTENSION)
    properties = note["extensions"][stix_id("extension-definition", JUDGMENT_EXTENSION)]
    assert properties["likelihood"] == "unlikely"
    assert (properties["probability_low"], properties["probability_high"]) == (20, 45)
    assert properties["analytic_confidence"] == "moderate"
    assert note["confidence"] == 50
    assert "unlikely (20-45%)" in note["content"]


def test_judgment_note_refers_to_its_briefing_and_its_evidence_event(briefing):
    bundle = bundle_of(briefing)
    (judgment,) = notes_with_extension(bundle, JUDGMENT_EXTENSION)
    (event,) = notes_with_extension(bundle, EVENT_EXTENSION)
    (report,) = objects_of_type(bundle, "report")
    assert judgment["object_refs"][:2] == [report["id"], event["id"]]


def test_confidence_scale_is_stix_low_med_high():
    assert CONFIDENCE_SCALE == {"low": 15, "moderate": 50, "high": 85}


def test_evidence_cited_only_by_a_draft_stays_out(briefing):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    secret = EventFactory(title="Secret meeting")
    draft.events.add(secret)
    briefing.judgment_links.get().assessment.evidence_events.add(secret)
    text = briefing_stix_json(briefing)
    assert "Secret meeting" not in text


# --- Stability ---


def test_repeated_exports_are_identical(briefing):
    assert briefing_stix_json(briefing) == briefing_stix_json(briefing)


def test_identifiers_derive_from_the_rows_identity(briefing):
    expected = f"report--{uuid.uuid5(NAMESPACE, f'report:briefing:{briefing.slug}')}"
    (report,) = objects_of_type(bundle_of(briefing), "report")
    assert report["id"] == expected


def test_a_country_has_the_same_identifier_in_every_bundle(briefing):
    other = BriefingFactory(published=True)
    other.countries.add(country("ML"))
    ids = {obj["id"] for b in (briefing, other) for obj in objects_of_type(bundle_of(b), "location")}
    assert ids == {stix_id("location", "ML")}


# --- The download ---


def test_stix_download_is_served_as_stix_json(client, briefing):
    response = client.get(reverse("briefings:briefing-stix", kwargs={"slug": briefing.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/stix+json")
    assert json.loads(response.content)["type"] == "bundle"


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.WITHDRAWN]
)
def test_unpublished_briefing_has_no_stix_download(client, status):
    hidden = BriefingFactory(status=status)
    response = client.get(reverse("briefings:briefing-stix", kwargs={"slug": hidden.slug}))
    assert response.status_code == 404


def test_unknown_briefing_has_no_stix_download(client):
    response = client.get(reverse("briefings:briefing-stix", kwargs={"slug": "no-such-briefing"}))
    assert response.status_code == 404


def test_source_without_address_still_exports(briefing):
    briefing.sources.add(SourceFactory(url=""))
    results = validate_string(briefing_stix_json(briefing), STRICT)
    assert results.is_valid


def test_briefing_page_links_its_stix_and_csv_downloads(client, briefing):
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert f'href="{reverse("briefings:briefing-stix", kwargs={"slug": briefing.slug})}"' in html
    assert f'href="{reverse("briefings:briefing-events-csv", kwargs={"slug": briefing.slug})}"' in html
