"""A strict Content-Security-Policy on every response, public and admin, and not one page
of the desk breaks it: real Chromium records every violation across the public pages and the
admin's list, add, change, inline, history, compare, conflict, import and suggestions pages."""

import pytest
from django.test import Client

from briefings.models import Actor, Assessment, Briefing, Event

from ..factories import SourceFactory, UserFactory
from ..helpers import admin_url, change_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""
DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


@pytest.fixture
def signed_in(browser, live_server):
    """A browser signed in as a superuser (every admin page is open to them)."""
    client = Client()
    client.force_login(UserFactory(username="root", role="superuser"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


def violations_on(context, url: str) -> list[str]:
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__violations") + console
    page.close()
    return found


def test_every_response_carries_the_policy(client, fresh_demo_briefing):
    for url in ["/", fresh_demo_briefing.get_absolute_url(), "/admin/login/", "/api/briefings/"]:
        policy = client.get(url)["Content-Security-Policy"]
        for directive in DIRECTIVES:
            assert directive in policy, (url, directive)


def test_public_pages_break_no_rule_of_the_policy(signed_in, live_server, fresh_demo_briefing):
    pages = ["/", fresh_demo_briefing.get_absolute_url(), "/countries/", "/countries/mali/", "/search/?q=russia",
             "/track-record/", "/api/docs/", "/no-such-page/"]  # fmt: skip
    pages += [
        Actor.objects.published().first().get_absolute_url(),
        Event.objects.published().first().get_absolute_url(),
    ]

    found = {url: violations_on(signed_in, live_server.url + url) for url in pages}

    assert {url: v for url, v in found.items() if v} == {}


def test_admin_pages_break_no_rule_of_the_policy(signed_in, live_server, fresh_demo_briefing):
    source = SourceFactory(
        full_text="On August 18 the army of Mali seized power in Bamako. Russia is likely to gain."
    )
    assessment = Assessment.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    pages = [
        "/admin/",
        admin_url(Briefing, "changelist"),
        admin_url(Event, "changelist"),
        admin_url(Briefing, "add"),
        admin_url(Event, "add"),
        change_url(fresh_demo_briefing),  # with its key-judgment inline
        change_url(event),  # with its actors' inline
        change_url(source),  # with its excerpts' inline
        change_url(assessment),
        admin_url(Briefing, "history", fresh_demo_briefing.pk),
        admin_url(Event, "history", event.pk),
        admin_url(Briefing, "recoverlist"),
        "/admin/curation/import/",
        f"/admin/curation/sources/{source.pk}/suggestions/",
        "/admin/briefings/assessmentoutcome/",
        "/admin/briefings/countrytrend/",
        "/track-record/staff/",
    ]

    found = {url: violations_on(signed_in, live_server.url + url) for url in pages}

    assert {url: v for url, v in found.items() if v} == {}


def test_the_conflict_and_compare_pages_break_no_rule_of_the_policy(
    signed_in, live_server, fresh_demo_briefing
):
    page = signed_in.new_page()
    url = live_server.url + change_url(fresh_demo_briefing)
    page.goto(url)
    other = signed_in.new_page()
    other.goto(url)
    page.fill("#id_title", "First title")
    page.click("input[name=_save]")
    page.wait_for_url("**/briefing/")
    other.fill("#id_title", "Second title")
    other.click("input[name=_save]")
    other.locator("#conflict").wait_for()

    on_conflict = other.evaluate("window.__violations")
    versions = fresh_demo_briefing.__class__.objects.get(pk=fresh_demo_briefing.pk)
    history = violations_on(signed_in, live_server.url + admin_url(Briefing, "history", versions.pk))

    assert on_conflict == [] and history == []
