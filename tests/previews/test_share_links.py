"""Share links over HTTP: a reviewer without an account reads one briefing's current draft,
read-only and never cached; a forged, expired or revoked link is a 404; editors make, list
and revoke links on the briefing's admin page and see every opening."""

import datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings import services
from briefings.models import ShareLink, ShareLinkOpening

from ..factories import UserFactory
from ..helpers import build_briefing, change_url, client_for


def test_share_link_shows_the_draft_read_only_with_a_preview_banner(client, link_url, draft):
    response = client.get(link_url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == draft.title
    assert "Preview — not published" in page.select_one(".preview-banner").get_text()
    assert page.find("form", method=lambda m: m and m.lower() == "post") is None


def test_share_link_page_is_private_and_not_indexed(client, link_url):
    response = client.get(link_url)
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= control
    assert response["X-Robots-Tag"] == "noindex"
    assert BeautifulSoup(response.content, "html.parser").find("meta", attrs={"name": "robots"})


def test_share_link_page_never_enters_the_page_cache(client, link_url):
    assert client.get(link_url)["X-Page-Cache"] == "bypass"
    assert client.get(link_url)["X-Page-Cache"] == "bypass"


def test_revoked_link_is_a_404_even_right_after_it_was_read(client, link, link_url, editor):
    assert client.get(link_url).status_code == 200
    services.share_link_revoke(link=link, user=editor)
    assert client.get(link_url).status_code == 404


def test_expired_link_is_a_404(client, link, link_url):
    ShareLink.objects.filter(pk=link.pk).update(
        created_at=link.created_at - datetime.timedelta(days=8),
        expires_at=link.created_at - datetime.timedelta(days=1),
    )
    assert client.get(link_url).status_code == 404


def test_forged_link_is_a_404(client, db):
    assert client.get(reverse("briefings:share", kwargs={"token": "1:forged:signature"})).status_code == 404


def test_opening_is_logged_with_the_readers_address(client, link, link_url):
    client.get(link_url, REMOTE_ADDR="203.0.113.9")
    assert list(ShareLinkOpening.objects.filter(link=link).values_list("ip_address", flat=True)) == [
        "203.0.113.9"
    ]


def test_share_link_page_links_only_to_pages_readers_can_open(client, link_url, draft, published):
    # The draft also covers an actor readers see through another briefing: that link stays.
    draft.actors.add(published.events.first().roles.first().actor)
    page = BeautifulSoup(client.get(link_url).content, "html.parser")
    own_pdf = services.share_link_url(ShareLink.objects.get(), pdf=True)
    internal = {
        urlsplit(a["href"]).path
        for a in page.find_all("a", href=True)
        if a["href"].startswith("/") and a["href"] != own_pdf
    }
    assert internal
    assert not any(path.startswith("/admin/") for path in internal)
    assert draft.get_absolute_url() not in internal
    anonymous = Client()
    for path in internal:
        assert anonymous.get(path).status_code == 200, path


def test_share_link_does_not_sign_anyone_in(client, link_url):
    client.get(link_url)
    assert client.get(reverse("admin:index")).status_code == 302


def test_share_link_pdf_is_the_draft_and_never_cached(client, link):
    response = client.get(services.share_link_url(link, pdf=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Page-Cache"] == "bypass"
    assert ShareLinkOpening.objects.get(link=link).what == "pdf"


def test_revoked_link_pdf_is_a_404(client, link, editor):
    services.share_link_revoke(link=link, user=editor)
    assert client.get(services.share_link_url(link, pdf=True)).status_code == 404


# --- The briefing's admin page --------------------------------------------------------


def share_url(briefing) -> str:
    return reverse("admin:briefings_briefing_share", args=[briefing.pk])


def test_editor_makes_a_share_link_from_the_admin(editor_client, draft, editor):
    response = editor_client.post(share_url(draft), {"share-lifetime": "30", "share-note": "Dr Reviewer"})
    assert response.status_code == 302
    link = ShareLink.objects.get(briefing=draft)
    assert (link.created_by, link.note) == (editor, "Dr Reviewer")
    assert link.expires_at - link.created_at == datetime.timedelta(days=30)


def test_analyst_cannot_make_a_share_link_from_the_admin(draft):
    analyst = UserFactory(role="analyst")
    client_for(analyst).post(share_url(draft), {"share-lifetime": "7"})
    assert not ShareLink.objects.exists()


def test_share_view_refuses_get(editor_client, draft):
    assert editor_client.get(share_url(draft)).status_code == 405


def test_change_page_lists_active_links_with_their_openings(editor_client, client, draft, link, link_url):
    client.get(link_url, REMOTE_ADDR="198.51.100.4")
    page = BeautifulSoup(editor_client.get(change_url(draft)).content, "html.parser")
    panel = page.find(id="sharing")
    assert panel.find("input", value=f"http://testserver{link_url}")
    assert "198.51.100.4" in panel.get_text()


def test_change_page_shows_no_share_panel_to_an_analyst(draft):
    page = BeautifulSoup(
        client_for(UserFactory(role="analyst")).get(change_url(draft)).content, "html.parser"
    )
    assert page.find(id="sharing") is None


def test_editor_revokes_a_link_from_the_admin(editor_client, client, draft, link, link_url):
    revoke = reverse("admin:briefings_briefing_share_revoke", args=[draft.pk, link.pk])
    assert editor_client.post(revoke).status_code == 302
    assert client.get(link_url).status_code == 404
    page = BeautifulSoup(editor_client.get(change_url(draft)).content, "html.parser")
    assert not page.find(id="sharing").find("input", value=f"http://testserver{link_url}")


def test_revoking_another_briefings_link_is_a_404(editor_client, link, published):
    revoke = reverse("admin:briefings_briefing_share_revoke", args=[published.pk, link.pk])
    assert editor_client.post(revoke).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize("path", ["/share/", "/share/x/y/"])
def test_share_addresses_without_a_token_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_share_link_page_queries_do_not_grow_with_the_drafts_material(
    client, editor, django_assert_num_queries
):
    def opened(briefing) -> str:
        return services.share_link_url(
            services.share_link_create(briefing=briefing, created_by=editor, lifetime=7)
        )

    small = opened(build_briefing(published=False, events=2, judgments=2))
    large = opened(build_briefing(published=False, events=12, judgments=12))
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(small).status_code == 200
    # Every list on the page comes from one prefetch query per relation, and which of its
    # events and actors readers can open is two queries, however many there are.
    with django_assert_num_queries(len(baseline)):
        client.get(large)
