"""No lost edits when two people save the same page: a save made from an older version is
merged three ways against the version it was opened at (`briefings.admin.merge`)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages

from briefings.models import Country

from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    BriefingFactory,
    KeyJudgmentFactory,
)
from ..helpers import change_url, client_for, open_change_form, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing():
    return BriefingFactory(title="Russia and the coup", summary="Moscow gains.", body="The analysis.")


def conflict_fields(response) -> dict[str, tuple[str, str, str]]:
    """Each field the conflict page puts to the person saving: (theirs, stored, changed by)."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("#conflict tr[data-conflict-field]"):
        cells = row.find_all("td")
        by = cells[1].find(class_="conflict__by")
        rows[row["data-conflict-field"]] = (
            cells[0].get_text(" ", strip=True),
            cells[1].find(string=True, recursive=False).strip()
            if cells[1].find(string=True, recursive=False)
            else "",
            by.get_text(" ", strip=True) if by else "",
        )
    return rows


def test_edits_to_different_fields_are_both_kept_without_asking(briefing, ana, ben):
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    assert ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins")).status_code == 302

    response = ben_client.post(change_url(briefing), post_data(ben_form, summary="Moscow gains little."))

    assert response.status_code == 302
    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary) == ("Russia wins", "Moscow gains little.")


def test_the_second_saver_is_told_both_edits_are_kept(briefing, ana, ben):
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins"))

    response = ben_client.post(change_url(briefing), post_data(ben_form, summary="Moscow gains little."))

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("both edits are kept" in message and "Ana Lopes" in message for message in messages)


def test_the_same_field_changed_by_both_is_put_to_the_second_saver(briefing, ana, ben):
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins", summary="Ana's summary."))

    response = ben_client.post(change_url(briefing), post_data(ben_form, title="Moscow loses"))

    assert response.status_code == 200
    rows = conflict_fields(response)
    assert set(rows) == {"title"}
    assert rows["title"][0] == "Moscow loses" and rows["title"][1] == "Russia wins"
    assert "Ana Lopes" in rows["title"][2]
    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary) == ("Russia wins", "Ana's summary.")


def test_the_conflict_page_already_holds_the_other_persons_other_changes(briefing, ana, ben):
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    ana_client.post(change_url(briefing), post_data(ana_form, title="Russia wins", summary="Ana's summary."))
    conflict = ben_client.post(change_url(briefing), post_data(ben_form, title="Moscow loses"))

    # Ben keeps his title and saves from the conflict page as it stands.
    from ..helpers import form_fields

    again = ben_client.post(
        change_url(briefing), post_data(form_fields(conflict.content.decode(), "briefing_form"))
    )

    assert again.status_code == 302
    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary) == ("Moscow loses", "Ana's summary.")


def test_countries_added_by_both_are_all_kept(ana, ben):
    briefing = BriefingFactory()
    briefing.countries.add(Country.objects.get(iso2="ML"))
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    mali, niger, chad = (str(Country.objects.get(iso2=c).pk) for c in ("ML", "NE", "TD"))
    ana_client.post(change_url(briefing), post_data(ana_form, countries=[mali, niger]))

    response = ben_client.post(change_url(briefing), post_data(ben_form, countries=[mali, chad]))

    assert response.status_code == 302
    assert set(briefing.countries.values_list("iso2", flat=True)) == {"ML", "NE", "TD"}


def test_a_country_one_person_removed_stays_removed(ana, ben):
    briefing = BriefingFactory()
    briefing.countries.add(*Country.objects.filter(iso2__in=["ML", "NE"]))
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    mali = str(Country.objects.get(iso2="ML").pk)
    ana_client.post(change_url(briefing), post_data(ana_form, countries=[mali]))

    ben_client.post(change_url(briefing), post_data(ben_form, summary="Changed by Ben."))

    assert set(briefing.countries.values_list("iso2", flat=True)) == {"ML"}


def test_a_key_judgment_the_other_person_reordered_keeps_their_order(ana, ben):
    briefing = BriefingFactory()
    first = KeyJudgmentFactory(briefing=briefing, order=1)
    KeyJudgmentFactory(briefing=briefing, order=2)
    briefing.save()  # the version the two pages open holds the rows, as a save in the admin does
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    ana_client.post(change_url(briefing), post_data(ana_form, **{"judgment_links-0-order": "5"}))

    response = ben_client.post(change_url(briefing), post_data(ben_form, title="Ben's title"))

    assert response.status_code == 302
    first.refresh_from_db()
    briefing.refresh_from_db()
    assert (first.order, briefing.title) == (5, "Ben's title")


def test_an_alias_the_other_person_deleted_stays_deleted(ana, ben):
    actor = ActorFactory(name="Conseil national")
    ActorAliasFactory(actor=actor, name="CNSP")
    actor.save()  # the version the two pages open holds the alias, as a save in the admin does
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, actor), open_change_form(ben_client, actor)
    ana_client.post(change_url(actor), post_data(ana_form, **{"aliases-0-DELETE": "on"}))

    response = ben_client.post(change_url(actor), post_data(ben_form, role_title="The junta"))

    assert response.status_code == 302
    actor.refresh_from_db()
    assert (list(actor.aliases.values_list("name", flat=True)), actor.role_title) == ([], "The junta")


def test_a_row_both_changed_is_put_to_the_second_saver(ana, ben):
    briefing = BriefingFactory()
    link = KeyJudgmentFactory(briefing=briefing, order=1)
    briefing.save()
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    ana_client.post(change_url(briefing), post_data(ana_form, **{"judgment_links-0-order": "5"}))

    response = ben_client.post(change_url(briefing), post_data(ben_form, **{"judgment_links-0-order": "7"}))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select("#conflict tr[data-conflict-inline]")
    link.refresh_from_db()
    assert link.order == 5


def test_a_row_the_history_does_not_hold_is_put_to_the_second_saver_if_it_differs(ana, ben):
    briefing = BriefingFactory()
    briefing.save()
    link = KeyJudgmentFactory(briefing=briefing, order=1)  # added outside the admin: no version holds it
    ana_client, ben_client = client_for(ana), client_for(ben)
    ana_form, ben_form = open_change_form(ana_client, briefing), open_change_form(ben_client, briefing)
    ana_client.post(change_url(briefing), post_data(ana_form, **{"judgment_links-0-order": "5"}))

    response = ben_client.post(change_url(briefing), post_data(ben_form, title="Ben's title"))

    assert response.status_code == 200
    link.refresh_from_db()
    assert link.order == 5
