""" "View on site" appears only where readers have a page: an actor or event no published
briefing shows has none (its address is a 404)."""

import pytest
from bs4 import BeautifulSoup

from ..factories import ActorFactory, BriefingFactory, EventFactory
from ..helpers import change_url

pytestmark = pytest.mark.django_db


def view_on_site(client, obj):
    """The "View on site" link of `obj`'s change page, or None."""
    soup = BeautifulSoup(client.get(change_url(obj)).content, "html.parser")
    return soup.find("a", class_="viewsitelink")


@pytest.mark.parametrize("factory", [EventFactory, ActorFactory], ids=["event", "actor"])
def test_no_view_on_site_for_a_row_no_published_briefing_shows(admin_client, factory):
    obj = factory()
    draft = BriefingFactory()
    (draft.events if factory is EventFactory else draft.actors).add(obj)
    assert view_on_site(admin_client, obj) is None
    assert admin_client.get(obj.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("factory", [EventFactory, ActorFactory], ids=["event", "actor"])
def test_view_on_site_leads_to_the_page_of_a_row_a_published_briefing_shows(admin_client, client, factory):
    obj = factory()
    briefing = BriefingFactory(published=True)
    (briefing.events if factory is EventFactory else briefing.actors).add(obj)
    link = view_on_site(admin_client, obj)
    assert link is not None
    assert client.get(link["href"], follow=True).status_code == 200
