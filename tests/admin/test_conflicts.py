"""No lost edits, at the HTTP level: two analysts open the same change page and both save."""

import pytest
from bs4 import BeautifulSoup

from briefings.models import Actor, Assessment, Briefing, Event, Excerpt, Region, Source, VersionConflict

from ..factories import (
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    RegionFactory,
    SourceFactory,
)
from ..helpers import change_url, client_for, form_fields, open_change_form, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing():
    return BriefingFactory(title="Russia and the coup", summary="Moscow gains.")


def both_open(briefing, ana, ben):
    """Ana and Ben open the same change page; each gets a client and the form as loaded."""
    ana_client, ben_client = client_for(ana), client_for(ben)
    return (
        ana_client,
        open_change_form(ana_client, briefing),
        ben_client,
        open_change_form(ben_client, briefing),
    )


def conflict_rows(response) -> dict[str, tuple[str, str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("#conflict tr[data-conflict-field]"):
        cells = row.find_all("td")
        rows[row["data-conflict-field"]] = (
            cells[0].get_text(" ", strip=True),
            cells[1].get_text(" ", strip=True),
        )
    return rows


def test_change_form_carries_the_version_it_was_loaded_at(briefing, ana):
    fields = open_change_form(client_for(ana), briefing)

    assert fields["edit_version"] == [str(briefing.version)]


def test_second_save_from_the_same_version_gets_the_conflict_page(briefing, ana, ben):
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    assert ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins")).status_code == 302

    response = ben_client.post(
        change_url(briefing), post_data(ben_form, title="Moscow wins", summary="Moscow gains little.")
    )

    assert response.status_code == 200
    assert response.templates[0].name == "admin/briefings/conflict.html"


def test_database_keeps_the_first_save_after_a_conflict(briefing, ana, ben):
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins"))

    ben_client.post(
        change_url(briefing), post_data(ben_form, title="Moscow wins", summary="Moscow gains little.")
    )

    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary) == ("Russia wins", "Moscow gains.")


def test_conflict_page_keeps_the_second_analysts_input(briefing, ana, ben):
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins"))

    response = ben_client.post(
        change_url(briefing), post_data(ben_form, title="Moscow wins", summary="Moscow gains little.")
    )

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("textarea", attrs={"name": "summary"}).text.strip() == "Moscow gains little."


def test_conflict_page_shows_each_field_both_changed_theirs_against_stored(briefing, ana, ben):
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins"))

    response = ben_client.post(
        change_url(briefing), post_data(ben_form, title="Moscow wins", summary="Moscow gains little.")
    )

    # Only the title both changed is put to Ben; his summary, which Ana left alone, is not.
    assert conflict_rows(response) == {"title": ("Moscow wins", "Russia wins changed by Ana Lopes")}


def test_conflict_page_names_who_saved_in_between_and_when(briefing, ana, ben):
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins"))

    response = ben_client.post(
        change_url(briefing), post_data(ben_form, title="Moscow wins", summary="Moscow gains little.")
    )

    heading = (
        BeautifulSoup(response.content, "html.parser").find(id="conflict-title").get_text(" ", strip=True)
    )
    assert heading.startswith("Ana Lopes saved this briefing on ")
    assert " at " in heading


def test_conflict_page_points_the_form_at_the_current_version(briefing, ana, ben):
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins"))

    response = ben_client.post(
        change_url(briefing), post_data(ben_form, title="Moscow wins", summary="Moscow gains little.")
    )

    soup = BeautifulSoup(response.content, "html.parser")
    briefing.refresh_from_db()
    assert soup.find("input", attrs={"name": "edit_version"})["value"] == str(briefing.version)


def test_saving_again_from_the_conflict_page_merges_by_hand(briefing, ana, ben):
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins"))
    conflict = ben_client.post(
        change_url(briefing), post_data(ben_form, title="Moscow wins", summary="Moscow gains little.")
    )
    merged = form_fields(conflict.content.decode(), "briefing_form")

    # Ben takes Ana's title and keeps his summary.
    response = ben_client.post(change_url(briefing), post_data(merged, title="Russia wins"))

    assert response.status_code == 302
    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary) == ("Russia wins", "Moscow gains little.")


def test_post_without_a_version_is_refused(briefing, ana):
    client = client_for(ana)
    fields = open_change_form(client, briefing)
    del fields["edit_version"]

    response = client.post(change_url(briefing), post_data(fields, title="Changed"))

    assert response.status_code == 200
    assert "came without the version" in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.title == "Russia and the coup"


@pytest.mark.parametrize("tampered", ["", "abc", "-3", "0", "1.5"])
def test_post_with_a_malformed_version_is_refused(briefing, ana, tampered):
    client = client_for(ana)
    fields = open_change_form(client, briefing)

    response = client.post(change_url(briefing), post_data(fields, title="Changed", edit_version=tampered))

    assert response.status_code == 200
    briefing.refresh_from_db()
    assert briefing.title == "Russia and the coup"


@pytest.mark.parametrize("offset", [1, 1000])
def test_post_with_a_version_the_desk_never_had_gets_the_conflict_page(briefing, ana, offset):
    Briefing.objects.filter(pk=briefing.pk).update(title="Russia and the coup")  # now version 2
    briefing.refresh_from_db()
    client = client_for(ana)
    fields = open_change_form(client, briefing)

    response = client.post(
        change_url(briefing), post_data(fields, title="Changed", edit_version=str(briefing.version + offset))
    )

    assert response.status_code == 200
    assert response.templates[0].name == "admin/briefings/conflict.html"
    briefing.refresh_from_db()
    assert briefing.title == "Russia and the coup"


def test_a_save_from_a_stale_instance_is_refused_by_the_write_itself(briefing):
    stale = Briefing.objects.get(pk=briefing.pk)
    Briefing.objects.filter(pk=briefing.pk).update(summary="Saved elsewhere.")
    stale.title = "Changed"
    stale.expect_version(stale.version)

    with pytest.raises(VersionConflict):
        stale.save()


def test_conflict_page_sets_a_key_judgment_deleted_and_edited_side_by_side(briefing, ana, ben):
    first = KeyJudgmentFactory(briefing=briefing, order=1, assessment__statement="Russia gains.")
    ana_client, ana_form, ben_client, ben_form = both_open(briefing, ana, ben)
    # Ana removes the key judgment; Ben, meanwhile, moves it.
    ana_client.post(change_url(briefing), post_data(ana_form, **{"judgment_links-0-DELETE": "on"}))
    assert not briefing.judgment_links.exists()

    response = ben_client.post(change_url(briefing), post_data(ben_form, **{"judgment_links-0-order": "3"}))

    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.select_one("#conflict tr[data-conflict-inline]")
    yours, stored = row.find_all("td")[:2]
    assert "Russia gains." in yours.get_text(" ", strip=True)
    assert stored.get_text(strip=True) == "(deleted)"
    assert str(first.assessment) in yours.get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("model", "make", "field", "value"),
    [
        (Actor, ActorFactory, "name", "Renamed"),
        (Event, EventFactory, "title", "Retitled"),
        (Source, SourceFactory, "title", "Retitled"),
        (Excerpt, ExcerptFactory, "credibility", "3"),
        (Assessment, AssessmentFactory, "statement", "Restated."),
        (Region, RegionFactory, "description", "Redrawn."),
    ],
)
def test_every_curated_model_puts_a_field_changed_meanwhile_to_the_one_saving(ana, model, make, field, value):
    obj = make()
    client = client_for(ana)
    fields = open_change_form(client, obj)
    # Someone else's bulk change to the same field.
    other = 4 if field == "credibility" else "Changed elsewhere"
    model.objects.filter(pk=obj.pk).update(**{field: other})

    response = client.post(change_url(obj), post_data(fields, **{field: value}))

    assert response.status_code == 200
    assert response.templates[0].name == "admin/briefings/conflict.html"


def test_saving_an_object_deleted_meanwhile_shows_the_input_back(briefing, ana):
    client = client_for(ana)
    fields = open_change_form(client, briefing)
    briefing.delete()

    response = client.post(change_url(briefing), post_data(fields, summary="My careful rewrite."))

    assert response.status_code == 409
    rows = {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in BeautifulSoup(response.content, "html.parser").select("#your-input tr")
    }
    assert rows["Bottom line up front"] == "My careful rewrite."
