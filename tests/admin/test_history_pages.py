"""History in the admin: list versions, compare two readably, restore one, recover deleted."""

import pytest
from bs4 import BeautifulSoup

from briefings.models import Actor, Assessment, Briefing, Event, Excerpt, KeyJudgment, Source
from briefings.services import history

from ..factories import (
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    SourceFactory,
    UserFactory,
    country,
)
from ..helpers import admin_url, change_url, client_for, open_change_form, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(db):
    return UserFactory(username="rita", role="editor", first_name="Rita", last_name="Mensah")


@pytest.fixture
def rita_client(rita):
    return client_for(rita)


@pytest.fixture
def edited_briefing(rita_client):
    """A briefing saved twice in the admin: first with two key judgments and an assessment
    judged likely, then with the second judgment removed and the title changed."""
    briefing = BriefingFactory(title="Russia and the coup", summary="Moscow gains.")
    KeyJudgmentFactory(briefing=briefing, order=1, assessment__statement="Russia gains economically.")
    KeyJudgmentFactory(briefing=briefing, order=2, assessment__statement="Wagner deploys by 2022.")
    form = open_change_form(rita_client, briefing)
    rita_client.post(change_url(briefing), post_data(form, countries=[str(country("ML").pk)]))
    form = open_change_form(rita_client, briefing)
    rita_client.post(
        change_url(briefing),
        post_data(form, title="Russia wins in Mali", **{"judgment_links-1-DELETE": "on"}),
    )
    briefing.refresh_from_db()
    return briefing


def admin_versions(briefing):
    """The versions saved through the admin, newest first."""
    return [v for v in history.versions_of(briefing) if v.revision.user_id]


def test_history_lists_every_version_with_who_saved_it(edited_briefing, rita_client):
    response = rita_client.get(admin_url(Briefing, "history", edited_briefing.pk))

    soup = BeautifulSoup(response.content, "html.parser")
    rows = soup.select("#change-history tbody tr")
    assert len(rows) == history.versions_of(edited_briefing).count()
    assert "Rita Mensah" in rows[0].get_text()


def test_history_lists_the_newest_version_first_as_current(edited_briefing, rita_client):
    response = rita_client.get(admin_url(Briefing, "history", edited_briefing.pk))

    first = BeautifulSoup(response.content, "html.parser").select_one("#change-history tbody tr th")
    assert first.get_text(" ", strip=True) == f"Version {edited_briefing.version} (current)"


def compare_page(client, briefing):
    newer, older = admin_versions(briefing)[:2]
    response = client.get(
        admin_url(Briefing, "compare", briefing.pk), {"version_id1": older.pk, "version_id2": newer.pk}
    )
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_compare_names_the_fields_that_changed(edited_briefing, rita_client):
    soup = compare_page(rita_client, edited_briefing)

    headings = [h.get_text(strip=True) for h in soup.select(".compare-field h2")]
    assert headings == ["Title", "Key judgments"]


def test_compare_shows_the_old_and_new_title_as_text(edited_briefing, rita_client):
    soup = compare_page(rita_client, edited_briefing)

    title = soup.select(".compare-field")[0]
    assert title.select_one("del").get_text() == "- Russia and the coup"
    assert title.select_one("ins").get_text() == "+ Russia wins in Mali"


def test_compare_shows_the_removed_key_judgment_by_its_statement(edited_briefing, rita_client):
    soup = compare_page(rita_client, edited_briefing)

    judgments = soup.select(".compare-field")[1]
    assert [d.get_text() for d in judgments.select("del")] == ["2. Wagner deploys by 2022."]


def test_compare_names_countries_not_ids(rita_client):
    briefing = BriefingFactory()
    form = open_change_form(rita_client, briefing)
    rita_client.post(change_url(briefing), post_data(form, countries=[str(country("ML").pk)]))
    form = open_change_form(rita_client, briefing)
    rita_client.post(change_url(briefing), post_data(form, countries=[str(country("NE").pk)]))

    soup = compare_page(rita_client, briefing)

    countries = soup.select(".compare-field")[0]
    assert countries.select_one("h2").get_text() == "Countries"
    assert [d.get_text() for d in countries.select("del")] == ["Mali"]
    assert [i.get_text() for i in countries.select("ins")] == ["Niger"]


def test_restore_page_shows_what_restoring_would_change(edited_briefing, rita_client):
    older = admin_versions(edited_briefing)[1]

    response = rita_client.get(admin_url(Briefing, "revision", edited_briefing.pk, older.pk))

    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "What restoring it would change" in text
    assert "Wagner deploys by 2022." in text


def test_restoring_in_the_admin_brings_back_the_key_judgment(edited_briefing, rita_client):
    older = admin_versions(edited_briefing)[1]

    response = rita_client.post(
        admin_url(Briefing, "revision", edited_briefing.pk, older.pk),
        {"expected_version": edited_briefing.version, "comment": "The judgment stands."},
    )

    assert response.status_code == 302
    assert edited_briefing.judgment_links.count() == 2
    edited_briefing.refresh_from_db()
    assert edited_briefing.title == "Russia and the coup"


def test_restoring_in_the_admin_keeps_the_editors_reason(edited_briefing, rita_client):
    older = admin_versions(edited_briefing)[1]

    rita_client.post(
        admin_url(Briefing, "revision", edited_briefing.pk, older.pk),
        {"expected_version": edited_briefing.version, "comment": "The judgment stands."},
    )

    assert history.versions_of(edited_briefing).first().revision.comment.endswith("The judgment stands.")


def test_restoring_from_an_outdated_page_restores_nothing(edited_briefing, rita_client):
    older = admin_versions(edited_briefing)[1]
    seen = edited_briefing.version
    Briefing.objects.filter(pk=edited_briefing.pk).update(title="Saved meanwhile")

    response = rita_client.post(
        admin_url(Briefing, "revision", edited_briefing.pk, older.pk), {"expected_version": seen}, follow=True
    )

    edited_briefing.refresh_from_db()
    assert edited_briefing.title == "Saved meanwhile"
    assert "Someone saved it since you opened this page" in response.content.decode()


def test_restoring_without_the_version_restores_nothing(edited_briefing, rita_client):
    older = admin_versions(edited_briefing)[1]

    rita_client.post(admin_url(Briefing, "revision", edited_briefing.pk, older.pk), {})

    edited_briefing.refresh_from_db()
    assert edited_briefing.title == "Russia wins in Mali"


def test_an_analyst_sees_a_version_but_no_restore_button(edited_briefing):
    analyst = UserFactory(username="analyst", is_staff=True, permissions=["view_briefing", "change_briefing"])
    older = admin_versions(edited_briefing)[1]

    response = client_for(analyst).get(admin_url(Briefing, "revision", edited_briefing.pk, older.pk))

    assert response.status_code == 200
    assert b"Restore this version" not in response.content


def test_an_analyst_cannot_restore_by_posting(edited_briefing):
    analyst = UserFactory(username="analyst", is_staff=True, permissions=["view_briefing", "change_briefing"])
    older = admin_versions(edited_briefing)[1]

    response = client_for(analyst).post(
        admin_url(Briefing, "revision", edited_briefing.pk, older.pk),
        {"expected_version": edited_briefing.version},
    )

    assert response.status_code == 403
    edited_briefing.refresh_from_db()
    assert edited_briefing.title == "Russia wins in Mali"


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Briefing, BriefingFactory),
        (Assessment, AssessmentFactory),
        (Event, EventFactory),
        (Actor, ActorFactory),
        (Source, SourceFactory),
        (Excerpt, ExcerptFactory),
    ],
)
def test_history_page_loads_for_every_model_with_history(rita_client, model, make):
    obj = make()
    obj.save()

    response = rita_client.get(admin_url(model, "history", obj.pk))

    assert response.status_code == 200


def test_changelist_offers_editors_the_deleted_items(rita_client):
    response = rita_client.get(admin_url(Briefing, "changelist"))

    assert admin_url(Briefing, "recoverlist").encode() in response.content


def test_changelist_does_not_offer_analysts_the_deleted_items():
    analyst = UserFactory(username="analyst", is_staff=True, permissions=["view_briefing", "change_briefing"])

    response = client_for(analyst).get(admin_url(Briefing, "changelist"))

    assert admin_url(Briefing, "recoverlist").encode() not in response.content


def test_source_changelist_keeps_its_own_template(rita_client):
    response = rita_client.get(admin_url(Source, "changelist"))

    assert "admin/briefings/source/change_list.html" in [t.name for t in response.templates]


def test_recover_list_shows_a_deleted_briefing(edited_briefing, rita_client):
    edited_briefing.delete()

    response = rita_client.get(admin_url(Briefing, "recoverlist"))

    assert b"Russia wins in Mali" in response.content


def test_recovering_in_the_admin_brings_back_the_briefing_and_its_judgment(edited_briefing, rita_client):
    pk = edited_briefing.pk
    edited_briefing.delete()
    [deleted] = history.deleted_versions(Briefing)

    response = rita_client.post(
        admin_url(Briefing, "recover", deleted.pk), {"comment": "Deleted by mistake."}
    )

    assert response.status_code == 302
    assert Briefing.objects.get(pk=pk).title == "Russia wins in Mali"
    assert KeyJudgment.objects.filter(briefing_id=pk).count() == 1


def test_an_analyst_may_not_see_the_deleted_items():
    analyst = UserFactory(
        username="analyst", is_staff=True, permissions=["view_briefing", "change_briefing", "add_briefing"]
    )

    response = client_for(analyst).get(admin_url(Briefing, "recoverlist"))

    assert response.status_code == 403


def test_an_analyst_cannot_recover_by_posting(rita_client):
    source = SourceFactory(title="Deleted source")
    source.delete()
    [deleted] = history.deleted_versions(Source)
    analyst = UserFactory(
        username="analyst", is_staff=True, permissions=["view_source", "change_source", "add_source"]
    )

    response = client_for(analyst).post(admin_url(Source, "recover", deleted.pk))

    assert response.status_code == 403
    assert not Source.objects.filter(title="Deleted source").exists()


def test_recover_page_shows_the_deleted_briefing_with_its_key_judgments(edited_briefing, rita_client):
    edited_briefing.delete()
    [deleted] = history.deleted_versions(Briefing)

    response = rita_client.get(admin_url(Briefing, "recover", deleted.pk))

    rows = {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in BeautifulSoup(response.content, "html.parser").select(".history-table tr")
    }
    assert rows["Title"] == "Russia wins in Mali"
    assert rows["Key judgments"] == "1. Russia gains economically."
    assert "ID" not in rows
