"""A feed opened in real Chromium reads as a page that explains it and links the Follow page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_feed_opened_in_a_browser_explains_itself_and_links_the_follow_page(
    page, live_server, fresh_demo_briefing
):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/feeds/briefings/")
    expect(page.locator("h1")).to_have_text("Briefing desk: briefings")
    expect(page.get_by_text("This is a feed")).to_be_visible()
    expect(page.locator("main ol li h3 a", has_text=fresh_demo_briefing.title)).to_have_count(1)
    # The page's CSS applied (the site's Content-Security-Policy forbids inline style).
    assert page.evaluate("getComputedStyle(document.querySelector('.about')).borderLeftWidth") == "6px"
    page.get_by_role("link", name="All our feeds, ready to copy, on the Follow page").click()
    expect(page.locator("h1")).to_have_text("Follow")
