"""No lost edits, in two real browsers: two analysts edit the same briefing at once."""

import os

import pytest
from django.test import Client

from briefings.models import Briefing

from ..factories import BriefingFactory
from ..helpers import change_url

# Transactional: the live server reads what the test writes.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("BRIEFINGS_SCREENSHOTS")


def browser_of(browser, live_server, user):
    """A separate browser context (its own cookies) logged in as `user`."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.fixture
def two_browsers(browser, live_server, ana, ben):
    contexts = [browser_of(browser, live_server, ana), browser_of(browser, live_server, ben)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


@pytest.fixture
def briefing():
    return BriefingFactory(title="Russia and the coup", summary="Moscow gains.")


def shot(page, name, *, height=None):
    """Where BRIEFINGS_SCREENSHOTS names a folder, keep a picture of the page there."""
    if SCREENSHOTS:
        path = os.path.join(SCREENSHOTS, f"{name}.png")
        if height:
            page.screenshot(path=path, clip={"x": 0, "y": 0, "width": 1280, "height": height})
        else:
            page.screenshot(path=path, full_page=True)


def open_both(two_browsers, live_server, briefing):
    ana_page, ben_page = two_browsers
    url = live_server.url + change_url(briefing)
    ana_page.goto(url)
    ben_page.goto(url)
    return ana_page, ben_page


def test_second_browser_sees_who_else_has_the_page_open(two_browsers, live_server, briefing):
    ana_page, ben_page = open_both(two_browsers, live_server, briefing)

    ben_page.locator("#presence").get_by_text("Ana Lopes").wait_for(timeout=10_000)

    assert "Also open by: Ana Lopes (editing since " in ben_page.locator("#presence").inner_text()
    shot(ben_page, "presence", height=360)


def test_edits_to_different_fields_in_two_browsers_are_both_kept(two_browsers, live_server, briefing):
    ana_page, ben_page = open_both(two_browsers, live_server, briefing)
    ana_page.fill("#id_title", "Russia wins")
    ana_page.click("input[name=_save]")
    ana_page.wait_for_url("**/briefing/")
    ben_page.fill("#id_summary", "Moscow gains little.")

    ben_page.click("input[name=_save]")

    ben_page.wait_for_url("**/briefing/")
    assert "both edits are kept" in ben_page.locator(".messagelist").inner_text()
    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary) == ("Russia wins", "Moscow gains little.")
    shot(ben_page, "merged", height=300)


def test_the_same_field_edited_in_two_browsers_is_put_to_the_second_with_both_values(
    two_browsers, live_server, briefing
):
    ana_page, ben_page = open_both(two_browsers, live_server, briefing)
    ana_page.fill("#id_title", "Russia wins")
    ana_page.fill("#id_summary", "Ana's summary.")
    ana_page.click("input[name=_save]")
    ana_page.wait_for_url("**/briefing/")
    ben_page.fill("#id_title", "Moscow loses")

    ben_page.click("input[name=_save]")

    ben_page.locator("#conflict").wait_for()
    row = ben_page.locator("tr[data-conflict-field=title]")
    assert "Moscow loses" in row.inner_text() and "Russia wins" in row.inner_text()
    assert "changed by Ana Lopes" in row.inner_text()
    assert ben_page.locator("tr[data-conflict-field=summary]").count() == 0
    # What only Ana changed is already in Ben's form.
    assert ben_page.input_value("#id_summary") == "Ana's summary."
    assert Briefing.objects.get(pk=briefing.pk).title == "Russia wins"
    shot(ben_page, "conflict")


def test_taking_the_stored_value_on_the_conflict_page_loses_no_edit(two_browsers, live_server, briefing):
    ana_page, ben_page = open_both(two_browsers, live_server, briefing)
    ana_page.fill("#id_title", "Russia wins")
    ana_page.fill("#id_summary", "Ana's summary.")
    ana_page.click("input[name=_save]")
    ana_page.wait_for_url("**/briefing/")
    ben_page.fill("#id_title", "Moscow loses")
    ben_page.fill("#id_body", "Ben's analysis.")
    ben_page.click("input[name=_save]")
    ben_page.locator("#conflict").wait_for()

    ben_page.locator("tr[data-conflict-field=title]").get_by_role("button", name="Use stored value").click()
    ben_page.click("input[name=_save]")

    ben_page.wait_for_url("**/briefing/")
    briefing.refresh_from_db()
    assert (briefing.title, briefing.summary, briefing.body) == (
        "Russia wins",
        "Ana's summary.",
        "Ben's analysis.",
    )
