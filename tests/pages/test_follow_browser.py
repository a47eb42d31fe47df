"""On the Follow page in real Chromium, a feed's copy button puts its address on the clipboard."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_copy_button_puts_the_feeds_address_on_the_clipboard(browser, live_server, fresh_demo_briefing):
    from playwright.sync_api import expect

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + "/follow/")
    button = page.locator('button[data-copy="feed-all"]')
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + "/feeds/briefings/"
    context.close()
