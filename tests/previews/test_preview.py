"""Staff preview a draft as readers will see it, from the briefing's admin page: the readers'
template with the draft's own material, a banner, and never cached or indexed."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from ..factories import UserFactory
from ..helpers import change_url, client_for


def preview_url(briefing) -> str:
    return reverse("admin:briefings_briefing_preview", args=[briefing.pk])


def test_preview_shows_the_draft_with_a_not_published_banner(editor_client, draft):
    response = editor_client.get(preview_url(draft))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Preview — not published" in page.select_one(".preview-banner").get_text()
    assert page.h1.get_text() == "Mali after the coup"
    assert "Not yet published" in page.select_one(".briefing-header").get_text()


def test_preview_renders_the_readers_template(editor_client, draft):
    response = editor_client.get(preview_url(draft))
    assert "briefings/briefing_detail.html" in [t.name for t in response.templates]


def test_preview_is_never_cached_and_never_indexed(editor_client, draft):
    response = editor_client.get(preview_url(draft))
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= control
    assert response["X-Robots-Tag"] == "noindex"
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_preview_shows_the_judgments_evidence_events_readers_do_not_see_yet(editor_client, draft):
    page = BeautifulSoup(editor_client.get(preview_url(draft)).content, "html.parser")
    evidence = " ".join(item.get_text() for item in page.select(".evidence__events"))
    for assessment in draft.key_judgments.all():
        for event in assessment.evidence_events.all():
            assert event.title in evidence


def test_preview_names_unpublished_events_and_actors_without_linking_their_pages(editor_client, draft):
    page = BeautifulSoup(editor_client.get(preview_url(draft)).content, "html.parser")
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    for event in draft.events.all():
        assert event.title in page.get_text()
        assert event.get_absolute_url() not in hrefs
        for role in event.roles.select_related("actor"):
            assert role.actor.name in page.get_text()
            assert role.actor.get_absolute_url() not in hrefs


def test_preview_links_actors_readers_already_see(editor_client, draft, published):
    actor = published.events.first().roles.first().actor
    draft.actors.add(actor)
    page = BeautifulSoup(editor_client.get(preview_url(draft)).content, "html.parser")
    assert page.find("a", href=actor.get_absolute_url())


def test_preview_offers_no_downloads_a_draft_does_not_have(editor_client, draft):
    page = BeautifulSoup(editor_client.get(preview_url(draft)).content, "html.parser")
    assert page.find(id="reuse") is None
    assert not page.find("a", href=draft.get_absolute_url())


def test_draft_stays_a_404_on_the_readers_page(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_analyst_who_may_view_the_briefing_may_preview_it(draft):
    response = client_for(UserFactory(role="analyst")).get(preview_url(draft))
    assert response.status_code == 200


def test_staff_without_the_view_permission_may_not_preview(draft):
    response = client_for(UserFactory(is_staff=True)).get(preview_url(draft))
    assert response.status_code == 403


def test_anonymous_preview_goes_to_the_sign_in_page(client, draft):
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_preview_of_a_missing_briefing_is_a_404(editor_client, db):
    assert editor_client.get(reverse("admin:briefings_briefing_preview", args=[999999])).status_code == 404


def test_change_page_offers_the_preview(editor_client, draft):
    page = BeautifulSoup(editor_client.get(change_url(draft)).content, "html.parser")
    assert page.find("a", href=preview_url(draft))


def test_briefing_list_offers_a_preview_of_each_briefing(editor_client, draft):
    response = editor_client.get(reverse("admin:briefings_briefing_changelist"))
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("a", href=preview_url(draft))


@pytest.mark.parametrize("status", ["in_review", "published"])
def test_preview_shows_a_briefing_in_any_status(editor_client, draft, status):
    draft.status = status
    if status == "published":
        draft.published_at = draft.created_at
    draft.save()
    assert editor_client.get(preview_url(draft)).status_code == 200


def test_preview_of_a_published_briefing_says_readers_see_it(editor_client, published):
    page = BeautifulSoup(editor_client.get(preview_url(published)).content, "html.parser")
    assert "Preview — published" in page.select_one(".preview-banner").get_text()


def test_preview_gives_no_canonical_address_for_a_page_that_is_not_public_yet(editor_client, draft):
    page = BeautifulSoup(editor_client.get(preview_url(draft)).content, "html.parser")
    assert page.find("link", rel="canonical") is None
