"""In Chromium, the whole review loop as the desk lives it: an analyst imports a short
ceasefire article (written for this test: `ceasefire_article.txt`), fixes suggestions in
place (an event's kind, title, place and country, an actor's role, and a missed actor added
from a selection of the article), accepts, drafts a briefing from the source and submits it; an editor finds it in the
queue and returns it with a comment; the analyst reads the notice, fixes and resubmits; the
editor reads what changed since, and publishes; a reader opens the page. Mail goes to a
real SMTP server. The browser actions are counted, and the count and time printed (`-s`)."""

import datetime
import time
from pathlib import Path

import pytest

from briefings.models import Actor, Assessment, Briefing, Event, PublicationStatus

from ..factories import PASSWORD, UserFactory
from ..helpers import drag_over

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (Path(__file__).parent / "ceasefire_article.txt").read_text()
TITLE = "Truce holds in eastern Congo as monitors arrive"
# The journey takes about 56 actions; more means a step grew a detour.
MAX_ACTIONS = 60


class CountedPage:
    """A Playwright page whose clicks, fills, checks, selections, key presses and
    navigations are counted; everything else passes through."""

    COUNTED = {"goto", "click", "fill", "check", "uncheck", "select_option", "press", "reload"}

    def __init__(self, page, counter: dict):
        self._page, self._counter = page, counter

    def __getattr__(self, name):
        attr = getattr(self._page, name)
        if name in self.COUNTED:

            def counted(*args, **kwargs):
                self._counter["actions"] += 1
                return attr(*args, **kwargs)

            return counted
        return attr


@pytest.fixture
def journey(browser, live_server, smtp_server, settings):
    """Three browser contexts of their own (analyst, editor, reader), counted together."""
    settings.BRIEFINGS_SITE_URL = live_server.url
    counter = {"actions": 0}
    contexts = []

    def person():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return CountedPage(context.new_page(), counter)

    yield person, counter
    for context in contexts:
        context.close()


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def test_an_analysts_briefing_goes_through_review_to_readers(journey, live_server, smtp_server):
    person, counter = journey
    UserFactory(username="amira", role="analyst", first_name="Amira", last_name="Haddad")
    UserFactory(username="eddie", role="editor", first_name="Eddie", last_name="Okafor")
    started = time.monotonic()

    # --- The analyst imports the article and curates its suggestions ---------------------
    analyst = person()
    sign_in(analyst, live_server, "amira")
    analyst.goto(f"{live_server.url}/admin/curation/import/")
    analyst.fill("#id_text", ARTICLE)
    analyst.fill("#id_published_on", "2026-03-14")
    analyst.select_option("#id_reliability", "B")
    analyst.select_option("#id_excerpt_credibility", "2")
    analyst.click("input[name=save]")
    analyst.wait_for_selector("#curation-accept-form")

    # "Eastern Congo" in the headline is not the Republic of the Congo: left unticked.
    analyst.uncheck(".curation-row[data-ref=country-CG] input[type=checkbox]")
    # The ceasefire itself, fixed in place: agreeing a truce is diplomatic cooperation,
    # and its title is shortened to the news.
    ceasefire = analyst.locator(".curation-row[data-ref=event-0]")
    analyst.select_option(".curation-row[data-ref=event-0] select[aria-label=Kind]", "diplomatic_cooperation")
    analyst.fill(
        ".curation-row[data-ref=event-0] input[aria-label=Title]", "DR Congo and M23 agree a ceasefire"
    )
    assert "March 2" in ceasefire.locator(".curation-quote").inner_text()
    analyst.fill(".curation-row[data-ref=event-0] input[aria-label=Place]", "North Kivu")
    # The monitors reached Goma, in DR Congo, not in Kenya, where they come from.
    analyst.select_option(".curation-row[data-ref=event-1] select[aria-label=Country]", "CD")
    # At the meeting in Kigali both took part: Habimana's role is corrected.
    analyst.select_option(
        ".curation-row[data-ref=event-3] select[aria-label='Role of Jean Habimana']", "participant"
    )
    # The extractor missed the M23: selected in the article, added as an actor, and named as
    # a party to the ceasefire.
    drag_over(analyst, "#curation-fulltext", "M23 rebel movement")
    counter["actions"] += 1  # the drag
    analyst.click("#curation-add-actor")
    analyst.select_option("#curation-accept-form .curation-row--added select[aria-label=Kind]", "armed_group")
    analyst.click(".curation-row[data-ref=event-0] [data-add-slot=page]")
    analyst.select_option(
        ".curation-row[data-ref=event-0] select.curation-page-actors", label="M23 rebel movement"
    )
    analyst.check("#curation-accept-form input[name$='-keep'][name^='judgments-']")
    analyst.click("input[name=accept]")
    analyst.wait_for_selector(".messagelist .success")
    accepted = analyst.locator(".curation-accepted").inner_text()
    assert "DR Congo and M23 agree a ceasefire" in accepted
    ceasefire_event = Event.objects.get(date=datetime.date(2026, 3, 2))
    assert ceasefire_event.place == "North Kivu"
    assert list(ceasefire_event.roles.values_list("actor__name", "role")) == [
        ("M23 rebel movement", "participant")
    ]
    assert Actor.objects.get(name="M23 rebel movement").kind == "armed_group"
    assert Event.objects.get(date=datetime.date(2026, 3, 9)).country.iso2 == "CD"
    kigali = Event.objects.get(date=datetime.date(2026, 3, 11))
    assert list(kigali.roles.values_list("actor__name", "role")) == [("Jean Habimana", "participant")]

    # --- A briefing drafted from the source, submitted -------------------------------------
    analyst.click("text=Draft a briefing from this source")
    analyst.wait_for_selector("#briefing_form")
    analyst.fill("#id_title", TITLE)
    analyst.fill("#id_summary", "A ceasefire agreed on 2 March is holding in North Kivu.")
    analyst.click("input[name=_continue]")
    analyst.wait_for_selector("#workflow")
    briefing = Briefing.objects.get()
    assert briefing.judgment_links.count() == 1
    analyst.click("button[name=workflow-action][value=submit]")
    analyst.wait_for_selector(".messagelist .success")
    assert Briefing.objects.get().status == PublicationStatus.IN_REVIEW

    # --- The editor finds it in the queue and returns it -------------------------------------
    editor = person()
    sign_in(editor, live_server, "eddie")
    queue = editor.locator("#queue-waiting")
    assert TITLE in queue.inner_text() and "(1)" in queue.locator("h2").inner_text()
    editor.click(f"#queue-waiting a:text-is('{TITLE}')")
    editor.wait_for_selector("#workflow")
    # The one control that sets a publication time, with its time zone.
    assert editor.locator("input[type=datetime-local], input.vDateField").count() == 1
    assert "UTC" in editor.locator("#workflow .form-row:has(#id_workflow-scheduled_for) .help").inner_text()
    editor.fill(
        "#id_workflow-comment",
        "Say who monitors the truce in the bottom line, and how the judgment will be decided.",
    )
    editor.click("button[name=workflow-action][value=return_to_draft]")
    editor.wait_for_selector(".messagelist .success")

    # --- The analyst reads the notice, fixes and resubmits -----------------------------------
    analyst.goto(f"{live_server.url}/admin/")
    assert "1 unread notice" in analyst.locator("#review-notices").inner_text()
    assert "Say who monitors the truce" in analyst.locator("#queue-returned").inner_text()
    analyst.click("#review-notices a:has-text('unread notice')")
    notices = analyst.locator("#result_list")
    assert "Eddie Okafor returned" in notices.inner_text()
    analyst.check("#result_list input[name=_selected_action]")
    analyst.select_option("select[name=action]", "mark_read")
    analyst.click("button[name=index]")
    analyst.wait_for_selector(".messagelist .success")
    analyst.click(f"#result_list a:text-is('{TITLE}')")
    analyst.wait_for_selector("#workflow")
    analyst.fill(
        "#id_summary",
        "A ceasefire agreed on 2 March is holding in North Kivu, watched by Kenyan and Angolan monitors.",
    )
    analyst.click("input[name=_continue]")
    analyst.wait_for_selector(".messagelist .success")
    # The judgment is a forecast: it says how it will be decided before it can be published.
    judgment = Assessment.objects.get()
    analyst.goto(f"{live_server.url}/admin/briefings/assessment/{judgment.pk}/change/")
    analyst.fill("#id_question", "Will the North Kivu ceasefire of 2 March 2026 hold until 31 December 2026?")
    analyst.fill("#id_resolution_source", "The joint verification commission's reports.")
    analyst.fill("#id_closes_on", "2026-06-30")
    analyst.fill("#id_resolves_on", "2026-12-31")
    analyst.click("input[name=_save]")
    analyst.wait_for_selector(".messagelist .success")
    analyst.goto(f"{live_server.url}/admin/briefings/briefing/{briefing.pk}/change/")
    analyst.click("button[name=workflow-action][value=submit]")
    analyst.wait_for_selector(".messagelist .success")

    # --- The editor reads what changed, and publishes ----------------------------------------
    editor.goto(f"{live_server.url}/admin/")
    editor.click("#queue-waiting a.since-review-link")
    editor.wait_for_selector(".since-review")
    changed = editor.locator(".since-review").inner_text()
    assert "Bottom line up front" in changed
    assert "Kenyan and Angolan monitors" in editor.locator(".compare-field ins").first.inner_text()
    editor.click("text=Back to the briefing")
    editor.wait_for_selector("#workflow")
    editor.click("button[name=workflow-action][value=publish]")
    editor.wait_for_selector(".messagelist .success")
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.PUBLISHED

    # --- A reader opens the page --------------------------------------------------------------
    reader = person()
    reader.goto(live_server.url + briefing.get_absolute_url())
    assert reader.locator("h1").first.inner_text() == TITLE
    assert reader.locator(".byline").inner_text() == "By Amira Haddad"
    assert "unlikely to hold through the end of the year" in reader.locator("main").inner_text()

    elapsed = time.monotonic() - started
    print(f"\nReview journey: {counter['actions']} browser actions in {elapsed:.1f} s")
    assert counter["actions"] <= MAX_ACTIONS

    # Mail went to the people each move concerned, with a link to the briefing's admin page.
    received = [(m["to"][0], m["message"]["Subject"].strip()) for m in smtp_server.messages]
    assert received == [
        ("eddie@example.org", f"“{TITLE}” submitted for review"),
        ("amira@example.org", f"“{TITLE}” returned to draft"),
        ("eddie@example.org", f"“{TITLE}” submitted for review"),
        ("amira@example.org", f"“{TITLE}” published"),
    ]
    link = f"{live_server.url}/admin/briefings/briefing/{briefing.pk}/change/"
    assert all(link in m["message"].get_content() for m in smtp_server.messages)
    assert briefing.is_public


def test_democratic_republic_and_enter_picks_dr_congo_in_the_country_autocomplete(page, live_server):
    UserFactory(username="amira", role="analyst")
    sign_in(page, live_server, "amira")
    page.goto(f"{live_server.url}/admin/briefings/briefing/add/")
    page.click(".field-countries .select2-selection")
    page.keyboard.type("Democratic Republic")
    page.wait_for_selector(
        ".select2-results__option--highlighted:text-is('Democratic Republic of the Congo')"
    )
    page.keyboard.press("Enter")
    chosen = page.locator("#id_countries option:checked").all_inner_texts()
    assert chosen == ["Democratic Republic of the Congo"]


def test_the_markdown_preview_is_not_clipped_at_1280_pixels(page, live_server):
    from ..factories import BriefingFactory

    amira = UserFactory(username="amira", role="analyst")
    briefing = BriefingFactory(
        body="A long line " * 80 + "\n\n| a | b |\n|---|---|\n| " + "x" * 300 + " | y |"
    )
    briefing.authors.add(amira)
    sign_in(page, live_server, "amira")
    page.goto(f"{live_server.url}/admin/briefings/briefing/{briefing.pk}/change/")
    box = page.locator(".markdown-preview").bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # Nothing inside is cut off without a way to see it: wide content scrolls in the preview.
    clipped = page.evaluate(
        """() => { const el = document.querySelector('.markdown-preview');
                   const style = getComputedStyle(el);
                   return el.scrollWidth > el.clientWidth && style.overflowX === 'hidden'; }"""
    )
    assert not clipped
