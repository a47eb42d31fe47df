"""Nothing runs, in a real browser: the worst of the corpus saved through the admin's own
forms, then every page that shows it opened; no dialog ever opens."""

import pytest
from django.test import Client

from briefings.models import Briefing, Event

from ..factories import EventFactory, UserFactory, country
from ..helpers import change_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORST = [
    '<img src=x onerror=alert("img")>',
    "<svg onload=alert('svg')>",
    '"><script>alert("quote")</script>',
    "<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>",
    "[click](javascript:alert('md'))",
    '<a href="java&#x09;script:alert(1)">tab</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('math')></style></mglyph></table></mtext></math>",
    '[x](https://example.org "t\\" onmouseover=\\"alert(\'title\')")',
]


def test_payloads_saved_through_the_admin_open_no_dialog_anywhere(browser, live_server, fresh_demo_briefing):
    client = Client()
    client.force_login(UserFactory(username="root", role="superuser"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    dialogs = []
    context.on(
        "page",
        lambda page: page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss())),
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    joined = "\n\n".join(WORST)
    event = EventFactory(title="An event", country=country("ML"))
    fresh_demo_briefing.events.add(event)

    # The briefing's own fields, through its change form.
    page.goto(live_server.url + change_url(fresh_demo_briefing))
    page.fill("#id_title", WORST[0] + WORST[2])
    page.fill("#id_summary", joined)
    page.fill("#id_body", joined)
    page.click("input[name=_save]")
    page.wait_for_url("**/briefing/")
    # An event's title and place, shown in the timeline's SVG and on its own page.
    page.goto(live_server.url + change_url(event))
    page.fill("#id_title", WORST[1] + WORST[0])
    page.fill("#id_place", WORST[2])
    page.fill("#id_description", joined)
    page.click("input[name=_save]")
    page.wait_for_url("**/event/")
    briefing = Briefing.objects.get(pk=fresh_demo_briefing.pk)
    event = Event.objects.get(pk=event.pk)

    for url in [
        briefing.get_absolute_url(),
        event.get_absolute_url(),
        "/",
        "/countries/mali/",
        "/search/?q=alert",
        "/feeds/briefings/",
        change_url(briefing),
        change_url(event),
        "/admin/briefings/briefing/",
        "/admin/briefings/event/",
    ]:
        page.goto(live_server.url + url)
        # Chromium never reports a feed's XSL stylesheet as loaded to Playwright, so a feed
        # (shown through it) never reaches "networkidle"; "load" waits for the page it makes.
        page.wait_for_load_state("load" if url.startswith("/feeds/") else "networkidle")
        # Hover and click every link, as a reader might.
        for link in page.locator("main a, #content a").all()[:40]:
            try:
                link.hover(timeout=500)
            except Exception:  # noqa: BLE001, S112 - a link out of view is not a failure
                continue

    context.close()
    assert dialogs == []
