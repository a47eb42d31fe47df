"""The suggestions page completes curation in place: an event's place, country and actors
in roles are edited on the page, and a selection of the article adds a missed actor or
event. What the server is sent is checked as any row is: a bad value is refused beside its
field, never a server error, and nothing is saved."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.models import Actor, Event, EventActor

from ..factories import ActorFactory, SourceFactory
from ..helpers import form_fields, post_data
from .conftest import NIGER_ARTICLE

pytestmark = pytest.mark.django_db

COUP = datetime.date(2020, 8, 4)


def page_url(source):
    return reverse("curation:source-suggestions", args=[source.pk])


def page_form(client, source) -> dict:
    """The suggestions form as a browser would post it, every default kept."""
    response = client.get(page_url(source))
    assert response.status_code == 200
    return post_data(form_fields(response.content.decode(), "curation-accept-form"))


def accept(client, source, data):
    return client.post(page_url(source), data)


def event_row(response, number: int):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one(f"#curation-accept-form .curation-row[data-ref=event-{number}]")


def roles(event) -> set[tuple[str, str]]:
    return set(EventActor.objects.filter(event=event).values_list("actor__name", "role"))


def added_row(data, prefix: str, start: int, end: int, **fields) -> int:
    """A row added on the page from a selection, as suggestions.js adds it."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    row = {"keep": "on", "start": str(start), "end": str(end), "key": ""}
    if prefix == "actors":
        row |= {"ref": f"row:{index}", "kind": "organisation", "match": "", "aliases": "", "role_title": ""}
    else:
        row |= {"precision": "day", "kind": "other", "country": "", "place": "", "countries": ""}
    for name, value in (row | fields).items():
        data[f"{prefix}-{index}-{name}"] = value
    return index


# --- What the page offers --------------------------------------------------------------------


def test_each_event_offers_its_place_country_and_actors_in_roles(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    assert data["events-0-place"] == ""
    assert data["events-0-country"] == "NE"
    assert (data["events-0-actors-0-ref"], data["events-0-actors-0-role"]) == ("row:0", "target")
    assert (data["events-0-actors-1-ref"], data["events-0-actors-1-role"]) == ("row:1", "initiator")


def test_the_actor_rows_name_their_actor_and_offer_every_role_and_removal(admin_client, niger_source):
    row = event_row(admin_client.get(page_url(niger_source)), 0)
    slot = row.select_one(".curation-actor-slot")
    assert slot.select_one(".curation-actor-name").text == "Amadou Sanda"
    options = [o["value"] for o in slot.select("select option")]
    assert options == ["initiator", "target", "participant", ""]


def test_the_page_offers_the_admins_actor_autocomplete_and_selection_buttons(admin_client, niger_source):
    page = admin_client.get(page_url(niger_source)).content.decode()
    assert 'data-model-name="assessment"' in page and 'data-field-name="actors"' in page
    assert "admin/js/autocomplete.js" in page
    assert 'id="curation-add-actor"' in page and 'id="curation-add-event"' in page


def test_the_page_reads_countries_and_desk_actors_once_whatever_its_events(admin_client, niger_source):
    """Each event offers every country and names its actors: the countries and the desk's
    actors are read once for the page, not once per event (no query in the rows' loop)."""
    ActorFactory(name="Claire Martin")  # a desk actor the events name
    longer = SourceFactory(
        title="More of the coup",
        full_text=NIGER_ARTICLE
        + " On August 12, Claire Martin met Amadou Sanda. On August 14, ECOWAS met in Abuja.",
        published_on=datetime.date(2020, 9, 1),
    )

    def queries(source) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(page_url(source))
        return len(captured), len(response.context["formsets"]["events"].forms)

    (few, events), (more, more_events) = queries(niger_source), queries(longer)
    assert more_events > events
    assert more == few


# --- Place and country ------------------------------------------------------------------------


def test_a_place_set_in_place_is_saved_on_the_event(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-place"] = "Niamey"
    accept(admin_client, niger_source, data)
    assert Event.objects.get(date=COUP).place == "Niamey"


def test_a_country_changed_in_place_is_the_events(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-country"] = "ML"  # a desk country the article does not name
    accept(admin_client, niger_source, data)
    assert Event.objects.get(date=COUP).country.iso2 == "ML"


def test_no_country_set_in_place_leaves_the_event_without_one(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-country"] = ""
    accept(admin_client, niger_source, data)
    assert Event.objects.get(date=COUP).country is None


def test_a_country_unticked_above_is_not_the_events(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    del data["countries-0-keep"]  # Niger
    accept(admin_client, niger_source, data)
    assert Event.objects.get(date=COUP).country is None


def test_an_unknown_country_is_refused_beside_it_and_nothing_is_saved(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-country"] = "ZZ"
    response = accept(admin_client, niger_source, data)
    assert response.status_code == 200
    assert Event.objects.count() == 0 and Actor.objects.count() == 0
    assert (
        "ZZ is not one of the available choices" in event_row(response, 0).select_one(".curation-errors").text
    )


# --- Actors in roles --------------------------------------------------------------------------


def test_a_role_changed_in_place_is_stored(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-actors-0-role"] = "participant"
    accept(admin_client, niger_source, data)
    coup = Event.objects.get(date=COUP)
    assert roles(coup) == {("Amadou Sanda", "participant"), ("Nigerien Armed Forces", "initiator")}


def test_an_actor_taken_off_an_event_is_not_in_it(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-actors-0-role"] = ""  # "not in this event", the role select's own choice
    accept(admin_client, niger_source, data)
    assert roles(Event.objects.get(date=COUP)) == {("Nigerien Armed Forces", "initiator")}
    assert Actor.objects.filter(name="Amadou Sanda").exists()  # still accepted as an actor


def test_an_actor_removed_from_the_page_is_not_in_the_event(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    del data["events-0-actors-1-ref"], data["events-0-actors-1-role"]  # the × of suggestions.js
    accept(admin_client, niger_source, data)
    assert roles(Event.objects.get(date=COUP)) == {("Amadou Sanda", "target")}


def test_another_actor_of_the_page_added_to_an_event_takes_its_role(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-actors-7-ref"], data["events-0-actors-7-role"] = "row:2", "participant"
    accept(admin_client, niger_source, data)
    assert ("Claire Martin", "participant") in roles(Event.objects.get(date=COUP))


def test_a_desk_actor_picked_by_autocomplete_joins_the_event(admin_client, niger_source):
    ecowas = ActorFactory(name="ECOWAS")
    data = page_form(admin_client, niger_source)
    # The autocomplete posts the desk actor's number.
    data["events-0-actors-2-ref"], data["events-0-actors-2-role"] = str(ecowas.pk), "target"
    accept(admin_client, niger_source, data)
    assert ("ECOWAS", "target") in roles(Event.objects.get(date=COUP))


@pytest.mark.parametrize(
    ("ref", "role", "message"),
    [
        ("row:99", "target", "“row:99” is not an actor of this page or of the desk"),
        ("actor:999999", "target", "“actor:999999” is not an actor of this page or of the desk"),
        ("row:0", "boss", "“boss” is not a role in an event"),
    ],
)
def test_an_unknown_actor_or_role_is_refused_beside_the_actors(
    admin_client, niger_source, ref, role, message
):
    data = page_form(admin_client, niger_source)
    data["events-0-actors-5-ref"], data["events-0-actors-5-role"] = ref, role
    response = accept(admin_client, niger_source, data)
    assert response.status_code == 200
    assert Event.objects.count() == 0
    assert message in event_row(response, 0).select_one(".curation-actors .curation-errors").text


def test_a_refused_post_shows_the_actors_as_they_were_posted(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    data["events-0-actors-0-role"] = "participant"
    data["events-0-country"] = "ZZ"
    response = accept(admin_client, niger_source, data)
    again = post_data(form_fields(response.content.decode(), "curation-accept-form"))
    assert again["events-0-actors-0-role"] == "participant"


# --- Added from a selection of the article ------------------------------------------------


def selection(text: str) -> tuple[int, int]:
    start = NIGER_ARTICLE.index(text)
    return start, start + len(text)


def test_an_actor_added_from_a_selection_is_created_and_joins_an_event(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    start, end = selection("Nigerien Armed Forces")
    number = added_row(data, "actors", start, end, name="Presidential Guard", kind="armed_group")
    data["events-0-actors-9-ref"], data["events-0-actors-9-role"] = f"row:{number}", "initiator"
    accept(admin_client, niger_source, data)
    guard = Actor.objects.get(name="Presidential Guard")
    assert guard.kind == "armed_group"
    assert ("Presidential Guard", "initiator") in roles(Event.objects.get(date=COUP))
    # Quoted with the sentence it was selected in, as a suggested actor is.
    excerpt = guard.events.get().excerpts.get()
    assert excerpt.text == NIGER_ARTICLE[: NIGER_ARTICLE.index(".") + 1]


def test_an_event_added_from_a_selection_is_created_on_its_sentence(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    start, end = selection("Wagner Group fighters then arrived in Niamey")
    number = added_row(data, "events", start, end, title="Wagner fighters arrive", date="2020-08-20")
    data[f"events-{number}-place"] = "Niamey"
    data[f"events-{number}-country"] = "NE"
    accept(admin_client, niger_source, data)
    arrival = Event.objects.get(title="Wagner fighters arrive")
    assert (arrival.date, arrival.place, arrival.country.iso2) == (datetime.date(2020, 8, 20), "Niamey", "NE")
    assert arrival.excerpts.get().text == "Wagner Group fighters then arrived in Niamey."


def test_an_event_added_without_a_date_asks_for_one_and_keeps_the_row(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    start, end = selection("Wagner Group fighters then arrived")
    number = added_row(data, "events", start, end, title="Wagner fighters arrive", date="")
    response = accept(admin_client, niger_source, data)
    assert Event.objects.count() == 0
    row = event_row(response, number)
    assert "This field is required." in row.select_one(".curation-errors").text
    assert row.select_one(f"input[name=events-{number}-title]")["value"] == "Wagner fighters arrive"


@pytest.mark.parametrize(("start", "end"), [(len(NIGER_ARTICLE), len(NIGER_ARTICLE) + 9), (40, 12)])
def test_a_selection_outside_the_text_is_refused_beside_its_row(admin_client, niger_source, start, end):
    data = page_form(admin_client, niger_source)
    number = added_row(data, "actors", start, end, name="Nobody")
    response = accept(admin_client, niger_source, data)
    assert response.status_code == 200
    assert Actor.objects.count() == 0
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    row = soup.select_one(f"#curation-accept-form .curation-row[data-ref=actor-{number}]")
    assert "not a passage of the article" in row.select_one(".curation-errors").text


def test_an_added_actor_needs_a_name(admin_client, niger_source):
    data = page_form(admin_client, niger_source)
    added_row(data, "actors", *selection("Wagner Group"), name="  ")
    response = accept(admin_client, niger_source, data)
    assert Actor.objects.count() == 0
    assert "Some rows need correcting" in response.content.decode()
