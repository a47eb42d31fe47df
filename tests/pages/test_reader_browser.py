"""A reader in real Chromium follows a judgment to its quoted source and back."""

import re

import pytest

# The live server runs in another thread, so the demo must be committed, not held in a
# test transaction: hence a transactional database, and a load of the demo of its own.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_url(live_server, fresh_demo_briefing):
    return live_server.url + fresh_demo_briefing.get_absolute_url(), fresh_demo_briefing


def test_reader_follows_a_judgments_footnote_to_its_excerpt_and_back(page, demo_url):
    from playwright.sync_api import expect

    url, briefing = demo_url
    first = briefing.judgment_links.select_related("assessment").order_by("order", "pk").first().assessment
    quoted = " ".join(first.evidence_excerpts.order_by("source_id", "start", "pk").first().text.split())

    page.goto(url)
    judgment = page.locator(f"#judgment-{first.pk}")
    reference = judgment.locator(".fn-ref a").first
    reference_id = reference.get_attribute("id")
    footnote_href = reference.get_attribute("href")
    reference.click()

    expect(page).to_have_url(re.compile(re.escape(footnote_href) + "$"))
    footnote = page.locator(footnote_href)
    expect(footnote).to_be_in_viewport()
    expect(footnote.locator("blockquote")).to_have_text(quoted)

    footnote.locator(f'a[href="#{reference_id}"]').click()

    expect(page).to_have_url(re.compile(f"#{re.escape(reference_id)}$"))
    expect(judgment.locator(f"#{reference_id}")).to_be_in_viewport()
    expect(judgment).to_be_in_viewport()


def test_reader_reaches_an_event_from_a_judgments_evidence(page, demo_url):
    from playwright.sync_api import expect

    url, briefing = demo_url
    page.goto(url)
    link = page.locator(".judgment .evidence__events a").first
    target = link.get_attribute("href")
    link.click()

    row = page.locator(target)
    expect(row).to_be_in_viewport()
    expect(row.locator("td[data-label='What happened'] a")).to_have_text(link.inner_text())
