"""The demo briefing read on a phone (390 × 844) in real Chromium: no sideways scrolling,
the timeline and actor map as lists instead of pictures, long sections folded behind
headings; on a desktop the same sections open."""

import pytest

# The live server runs in another thread, so the demo must be committed: a transactional
# database, and a load of the demo of its own.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# Unfolded, the demo briefing was 39,400 px tall at this width.
PHONE_HEIGHT_LIMIT = 15_000


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_url(live_server, fresh_demo_briefing):
    return live_server.url + fresh_demo_briefing.get_absolute_url()


def test_briefing_on_a_phone_never_scrolls_sideways(phone, demo_url):
    phone.goto(demo_url)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_briefing_on_a_phone_shows_the_timeline_and_actor_map_as_lists(phone, demo_url):
    from playwright.sync_api import expect

    phone.goto(demo_url)
    expect(phone.locator("#timeline svg.timeline-chart")).to_be_hidden()
    expect(phone.locator("#actor-map svg")).to_be_hidden()
    expect(phone.locator("#timeline .event-table tbody tr").first).to_be_visible()
    expect(phone.locator("#actor-map .actor-links li").first).to_be_visible()


def test_briefing_on_a_phone_folds_long_sections_behind_headings(phone, demo_url):
    from playwright.sync_api import expect

    phone.goto(demo_url)
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < PHONE_HEIGHT_LIMIT, height
    first_reasoning = phone.locator(".judgment details.judgment__body").first
    expect(first_reasoning.locator(".judgment__rationale")).to_be_hidden()
    first_reasoning.locator("summary").click()
    expect(first_reasoning.locator(".judgment__rationale")).to_be_visible()


def test_footnote_link_on_a_phone_opens_the_folded_notes(phone, demo_url):
    from playwright.sync_api import expect

    phone.goto(demo_url)
    phone.locator(".judgment details.evidence summary").first.click()
    reference = phone.locator(".judgment .evidence .fn-ref a").first
    target = reference.get_attribute("href")
    reference.click()
    expect(phone.locator(target)).to_be_visible()
    expect(phone.locator(target)).to_be_in_viewport()


def test_briefing_on_a_desktop_opens_every_folded_section(page, demo_url):
    page.goto(demo_url)
    assert page.evaluate("[...document.querySelectorAll('details.fold')].every(d => d.open)")
    assert page.locator("#timeline svg.timeline-chart").is_visible()
