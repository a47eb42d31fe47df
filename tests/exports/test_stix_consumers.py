"""The STIX bundle as the platforms that read it see it: MISP, through its own importer
(misp-stix, run in-process), and OpenCTI, by the types and references its import needs."""

import json
import time
from types import SimpleNamespace

import pytest
from pymisp import MISPEvent
from stix2validator import ValidationOptions, validate_string

from briefings.exports.stix import (
    EVENT_EXTENSION,
    JUDGMENT_EXTENSION,
    TLP_LEVELS,
    briefing_stix_bundle,
    briefing_stix_json,
    bundle_json,
    stix_id,
    stix_marking_of,
    tlp_marking_definition,
)
from briefings.models import Briefing, Event, Excerpt, ReaderContext

pytestmark = pytest.mark.django_db

DESK = stix_id("identity", "briefing-desk")
TLP_2_0_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

# What OpenCTI imports from a STIX file: "the data defined in the STIX bundle" (its
# ImportFileStix connector, https://docs.opencti.io/latest/usage/import-files), in its STIX
# 2.1 data model (https://docs.opencti.io/latest/usage/data-model), with report and note
# among its native containers, whose object_refs it files the objects under
# (https://docs.opencti.io/latest/usage/containers). The types are STIX_CORE_OBJECTS in its
# Python client, pycti/utils/opencti_stix2_utils.py, which its bundle splitter
# (pycti/utils/opencti_stix2_splitter.py) takes with "relationship" and "sighting"; any
# other type it sets aside as incompatible. Only the core STIX 2.1 ones the desk could use
# are listed here.
OPENCTI_IMPORTED_TYPES = {
    "campaign",
    "grouping",
    "identity",
    "incident",
    "intrusion-set",
    "location",
    "marking-definition",
    "note",
    "observed-data",
    "opinion",
    "report",
    "threat-actor",
    "relationship",
}
# An extension definition only describes the properties a property extension adds; OpenCTI
# keeps the properties with their object and the definition is not needed to read them.
DESCRIPTIVE_TYPES = {"extension-definition"}


def bundle_of(briefing) -> dict:
    return json.loads(briefing_stix_json(briefing, base_url="https://desk.example.org/"))


def objects_of_type(bundle: dict, *stix_types: str) -> list[dict]:
    return [obj for obj in bundle["objects"] if obj["type"] in stix_types]


def notes_with_extension(bundle: dict, name: str) -> list[dict]:
    extension = stix_id("extension-definition", name)
    return [note for note in objects_of_type(bundle, "note") if extension in note.get("extensions", {})]


def references_of(value):
    """Every identifier an object's `_ref` and `_refs` properties hold, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("_ref") and isinstance(item, str):
                yield item
            elif key.endswith("_refs") and isinstance(item, list):
                yield from item
            else:
                yield from references_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from references_of(item)


def actor_names(bundle: dict) -> set[str]:
    return {obj["name"] for obj in objects_of_type(bundle, "identity", "threat-actor") if obj["id"] != DESK}


def misp_object_names(event: MISPEvent) -> set[str]:
    return {
        attribute.value
        for misp_object in event.objects
        for attribute in misp_object.attributes
        if attribute.object_relation == "name"
    }


def misp_cluster_values(event: MISPEvent, galaxy_type: str) -> set[str]:
    return {
        cluster.value
        for galaxy in event.galaxies
        if galaxy.type == galaxy_type
        for cluster in galaxy.clusters
    }


# --- MISP ---


def test_misp_imports_the_demo_briefing_as_one_event(demo_briefing, misp_import):
    parser = misp_import(briefing_stix_json(demo_briefing))
    assert isinstance(parser.misp_events, MISPEvent)
    assert parser.misp_event.info == demo_briefing.title


def test_misp_import_of_the_demo_reports_no_error_or_warning(demo_briefing, misp_import):
    parser = misp_import(briefing_stix_json(demo_briefing))
    assert parser.errors == {}
    assert parser.warnings == {}


def test_misp_event_holds_every_actor_of_the_demo_as_an_object(demo_briefing, misp_import):
    text = briefing_stix_json(demo_briefing)
    event = misp_import(text).misp_event
    assert misp_object_names(event) == actor_names(json.loads(text))
    assert {obj.name for obj in event.objects} <= {"identity", "organization"}


def test_misp_event_holds_every_event_of_the_demo_as_a_note(demo_briefing, misp_import):
    text = briefing_stix_json(demo_briefing)
    event = misp_import(text).misp_event
    titles = {note["abstract"] for note in notes_with_extension(json.loads(text), EVENT_EXTENSION)}
    assert len(titles) == demo_briefing.events.count()
    assert titles <= {note.comment for note in event.notes}


def test_misp_event_holds_every_key_judgment_of_the_demo_as_a_note(demo_briefing, misp_import):
    text = briefing_stix_json(demo_briefing)
    event = misp_import(text).misp_event
    judgments = notes_with_extension(json.loads(text), JUDGMENT_EXTENSION)
    assert len(judgments) == demo_briefing.judgment_links.count()
    notes = {note.comment: note for note in event.notes}
    for judgment in judgments:
        assert notes[judgment["abstract"]].note == judgment["content"]


def test_misp_event_of_the_demo_is_tagged_tlp_clear(demo_briefing, misp_import):
    event = misp_import(briefing_stix_json(demo_briefing)).misp_event
    assert "tlp:clear" in {tag.name for tag in event.tags}


def test_misp_event_note_is_filed_with_the_actors_it_names(briefing, misp_import):
    event = misp_import(briefing_stix_json(briefing)).misp_event
    (president,) = [obj for obj in event.objects if "Ibrahim Boubacar Keita" in misp_object_names_of(obj)]
    assert "Soldiers overthrow the president" in {note.comment for note in president.notes}


def misp_object_names_of(misp_object) -> set[str]:
    return {attribute.value for attribute in misp_object.attributes if attribute.object_relation == "name"}


def test_misp_imports_an_armed_group_as_a_threat_actor_cluster(briefing, misp_import):
    parser = misp_import(briefing_stix_json(briefing))
    assert parser.errors == {} and parser.warnings == {}
    assert misp_cluster_values(parser.misp_event, "stix-2.1-threat-actor") == {"Breakaway soldiers"}


def test_misp_files_a_country_with_the_actor_located_there(briefing, misp_import):
    event = misp_import(briefing_stix_json(briefing)).misp_event
    (president,) = [obj for obj in event.objects if "Ibrahim Boubacar Keita" in misp_object_names_of(obj)]
    clusters = {
        (galaxy.type, cluster.value)
        for attribute in president.attributes
        for galaxy in attribute.galaxies
        for cluster in galaxy.clusters
    }
    assert ("stix-2.1-location", "Mali") in clusters


def test_misp_imports_a_country_no_actor_is_located_in_as_a_cluster_of_the_event(demo_briefing, misp_import):
    event = misp_import(briefing_stix_json(demo_briefing)).misp_event
    assert "Niger" in misp_cluster_values(event, "stix-2.1-location")


def test_misp_event_takes_the_briefings_marking(briefing, misp_import):
    briefing.marking = "AMBER"
    parser = misp_import(briefing_stix_json(briefing))
    assert isinstance(parser.misp_events, MISPEvent)
    assert "tlp:amber" in {tag.name for tag in parser.misp_event.tags}
    # The actors are TLP:CLEAR, and their objects say so where the event's tag would not.
    (president,) = [
        obj for obj in parser.misp_event.objects if "Ibrahim Boubacar Keita" in misp_object_names_of(obj)
    ]
    assert {tag.name for attribute in president.attributes for tag in attribute.tags} == {"tlp:clear"}


# --- OpenCTI ---


def test_every_object_is_of_a_type_opencti_imports(demo_briefing):
    types = {obj["type"] for obj in bundle_of(demo_briefing)["objects"]}
    assert types - DESCRIPTIVE_TYPES <= OPENCTI_IMPORTED_TYPES


def test_every_reference_resolves_inside_the_bundle(demo_briefing):
    bundle = bundle_of(demo_briefing)
    ids = {obj["id"] for obj in bundle["objects"]}
    assert set(references_of(bundle["objects"])) <= ids


def test_report_holds_every_object_opencti_should_file_under_it(demo_briefing):
    bundle = bundle_of(demo_briefing)
    (report,) = objects_of_type(bundle, "report")
    expected = {
        obj["id"]
        for obj in bundle["objects"]
        if obj["type"] not in {"report", "marking-definition", "extension-definition"} and obj["id"] != DESK
    }
    assert set(report["object_refs"]) == expected


def test_every_note_is_about_the_report(demo_briefing):
    bundle = bundle_of(demo_briefing)
    (report,) = objects_of_type(bundle, "report")
    assert all(note["object_refs"][0] == report["id"] for note in objects_of_type(bundle, "note"))


# --- TLP 2.0 markings ---


def test_marking_definitions_are_the_published_tlp_2_0_objects():
    published = {
        "clear": ("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR"),
        "green": ("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN"),
        "amber": ("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER"),
        "amber+strict": ("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT"),
        "red": ("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED"),
    }
    for level in TLP_LEVELS:
        marking = json.loads(tlp_marking_definition(level).serialize())
        assert (marking["id"], marking["name"]) == published[level]
        assert marking["created"] == "2022-10-01T00:00:00.000Z"
        assert marking["extensions"] == {
            TLP_2_0_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level}
        }


@pytest.mark.parametrize(
    ("marking", "level"),
    [
        (None, "clear"),
        ("", "clear"),
        ("CLEAR", "clear"),
        ("green", "green"),
        ("AMBER", "amber"),
        ("AMBER_STRICT", "amber+strict"),
        ("TLP:RED", "red"),
        ("TLP_AMBER_STRICT", "amber+strict"),
        ("white", "clear"),
    ],
)
def test_stix_marking_of_reads_an_objects_tlp_level(marking, level):
    assert stix_marking_of(SimpleNamespace(marking=marking)) == level


def test_a_marking_that_is_no_tlp_level_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="no TLP 2.0 level"):
        stix_marking_of(SimpleNamespace(marking="secret"))


def test_a_row_without_a_marking_is_tlp_clear():
    assert stix_marking_of(object()) == "clear"


def test_every_object_carries_its_tlp_marking(demo_briefing):
    bundle = bundle_of(demo_briefing)
    clear = tlp_marking_definition("clear").id
    for obj in bundle["objects"]:
        if obj["type"] != "marking-definition":
            assert obj["object_marking_refs"] == [clear], obj["id"]


def test_bundle_holds_only_the_marking_definitions_it_uses(demo_briefing):
    markings = objects_of_type(bundle_of(demo_briefing), "marking-definition")
    assert [marking["name"] for marking in markings] == ["TLP:CLEAR"]


def test_report_takes_the_briefings_marking(briefing):
    briefing.marking = "RED"
    bundle = bundle_of(briefing)
    (report,) = objects_of_type(bundle, "report")
    assert report["object_marking_refs"] == [tlp_marking_definition("red").id]
    names = {marking["name"] for marking in objects_of_type(bundle, "marking-definition")}
    assert names == {"TLP:CLEAR", "TLP:RED"}


def test_bundle_with_several_markings_passes_the_stix_validator(briefing):
    briefing.marking = "AMBER_STRICT"
    results = validate_string(
        briefing_stix_json(briefing), ValidationOptions(strict=True, disabled=["103", "302"])
    )
    assert results.is_valid, [str(error) for error in results.errors]


# --- Speed ---


def test_demo_bundle_serializes_within_50_ms(demo_briefing):
    bundle = briefing_stix_bundle(demo_briefing, base_url="http://testserver/")
    # The best of three runs, in this process's CPU time: the machine running the suite may
    # be busy with other work.
    timings = []
    for _ in range(3):
        started = time.process_time()
        bundle_json(bundle)
        timings.append(time.process_time() - started)
    assert min(timings) < 0.05


# --- What a bundle holds: what the briefing's page shows its reader ---

DESK_READER = ReaderContext(clearance="red", user_id=1, organisation_id=1, in_desk=True)


def test_a_note_quoting_a_stricter_excerpt_carries_the_excerpts_marking(briefing):
    Briefing.objects.filter(pk=briefing.pk).update(marking="amber")
    Excerpt.objects.filter(events__briefings=briefing).update(marking="amber")
    briefing.refresh_from_db()
    bundle = briefing_stix_bundle(briefing, reader=DESK_READER)
    amber = tlp_marking_definition("amber").id
    notes = objects_of_type(bundle, "note")
    assert notes and all(note["object_marking_refs"] == [amber] for note in notes)


def test_an_excerpt_marked_above_its_briefing_stays_out_of_the_bundle(briefing):
    Excerpt.objects.filter(events__briefings=briefing).update(marking="red", text="canary-red-quote")
    assert "canary-red-quote" not in briefing_stix_json(briefing, reader=DESK_READER)
    assert "canary-red-quote" not in briefing_stix_json(briefing)


def test_an_event_marked_above_its_briefing_stays_out_of_the_bundle(briefing):
    Event.objects.filter(briefings=briefing).update(marking="amber", title="canary-amber-event")
    assert "canary-amber-event" not in briefing_stix_json(briefing, reader=DESK_READER)
