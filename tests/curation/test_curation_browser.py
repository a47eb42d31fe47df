"""In Chromium: import an article, accept its suggestions, find the events in the admin;
select a passage on the source's page and make it an excerpt."""

import datetime
import os

import pytest

from briefings.models import Briefing, Event, Excerpt, Source

from ..factories import ActorFactory, SourceFactory, UserFactory
from ..helpers import drag_over

ARTICLE = (
    "Officers Seize Power In Niger\n\n"
    "On August 4, Niger's President Amadou Sanda was overthrown in a coup led by officers of the "
    "Nigerien Armed Forces. Days earlier, General Issa Kone had returned to Niamey from Algiers. "
    "On August 9, French Ambassador to Niger Claire Martin met with representatives of the Council "
    "for National Renewal (CNR). The CNR is unlikely to hold elections soon. In June 2019, Niger "
    "signed a defence agreement with Algeria."
)
PASSWORD = "correct horse battery staple"
SCREENSHOTS = os.environ.get("CURATION_SCREENSHOTS")  # a folder, to look at the pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def log_in(page, live_server):
    UserFactory(username="curator", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def test_an_imported_article_becomes_events_in_the_admin(page, live_server):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/briefings/source/")
    page.click("text=Import an article")
    page.fill("#id_text", ARTICLE)
    page.fill("#id_published_on", "2020-09-01")
    page.select_option("#id_reliability", "B")
    page.select_option("#id_excerpt_credibility", "2")
    shot(page, "import")
    page.click("input[name=save]")

    page.wait_for_selector("#curation-accept-form")
    assert page.locator("mark.curation-hl--actor", has_text="Claire Martin").count() == 1
    shot(page, "suggestions")
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .success")
    shot(page, "accepted")

    page.goto(f"{live_server.url}/admin/briefings/event/")
    listing = page.locator("#result_list").inner_text()
    assert "Niger's President Amadou Sanda was overthrown" in listing
    assert "French Ambassador to Niger Claire Martin met with representatives" in listing
    assert Event.objects.count() == 4
    assert Source.objects.get().title == "Officers Seize Power In Niger"


def test_a_selected_passage_becomes_an_excerpt(page, live_server):
    source = Source.objects.create(title="Coup in Niger", full_text=ARTICLE)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/briefings/source/{source.pk}/change/")
    passage = "The CNR is unlikely to hold elections soon."
    page.evaluate(
        """(passage) => {
            const box = document.getElementById("curation-fulltext");
            const node = box.firstChild;
            const start = node.textContent.indexOf(passage);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + passage.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        passage,
    )
    page.wait_for_selector("#curation-make-excerpt:not([disabled])")
    page.click("#curation-make-excerpt")
    page.wait_for_selector("#curation-excerpt-status.is-ok")
    shot(page, "make-excerpt")
    excerpt = Excerpt.objects.get()
    assert (excerpt.text, excerpt.start) == (passage, ARTICLE.index(passage))


def test_an_unticked_suggestion_stays_unticked_after_accept_until_ticked_again(page, live_server):
    source = Source.objects.create(
        title="Coup in Niger", full_text=ARTICLE, published_on=datetime.date(2020, 9, 1)
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/curation/sources/{source.pk}/suggestions/")
    row = page.locator(".curation-row", has=page.locator("input[type=date][value='2020-08-09']"))
    row.locator("input[type=checkbox]").uncheck()
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .success")

    row = page.locator(".curation-row", has=page.locator("input[type=date][value='2020-08-09']"))
    assert "curation-row--rejected" in row.get_attribute("class")
    assert not row.locator("input[type=checkbox]").is_checked()
    page.reload()
    assert not row.locator("input[type=checkbox]").is_checked()
    assert (
        page.locator(".curation-accepted").get_by_role("link", name="Amadou Sanda", exact=True).count() == 1
    )
    shot(page, "rejected")

    row.locator("input[type=checkbox]").check()
    assert "is-ticked" in row.get_attribute("class")
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .success")
    assert Event.objects.filter(date=datetime.date(2020, 8, 9)).exists()


def test_a_briefing_drafted_from_an_accepted_source_keeps_its_judgments_in_order(page, live_server):
    source = Source.objects.create(
        title="Coup in Niger", full_text=ARTICLE, published_on=datetime.date(2020, 9, 1)
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/curation/sources/{source.pk}/suggestions/")
    page.locator("#curation-accept-form input[name$='-keep'][name^='judgments-']").check()
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .success")
    page.click("text=Draft a briefing from this source")

    page.wait_for_selector("#briefing_form")
    page.fill("#id_title", "Niger after the coup")
    page.fill("#id_summary", "The junta is settling in.")
    shot(page, "drafted")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    briefing = Briefing.objects.get()
    assert briefing.slug == "niger-after-the-coup"
    assert [link.assessment.statement for link in briefing.judgment_links.order_by("order")] == [
        "The CNR is unlikely to hold elections soon."
    ]
    assert list(briefing.sources.all()) == [source]
    assert briefing.events.count() == Event.objects.count() == 4


def suggestions_of(page, live_server, text=ARTICLE):
    source = SourceFactory(title="Coup in Niger", full_text=text, published_on=datetime.date(2020, 9, 1))
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/curation/sources/{source.pk}/suggestions/")
    page.wait_for_selector("#curation-accept-form")
    return source


def test_a_desk_actor_found_by_the_autocomplete_joins_an_event(page, live_server):
    ActorFactory(name="Economic Community of West African States")
    suggestions_of(page, live_server)
    coup = ".curation-row[data-ref=event-0]"
    page.click(f"{coup} [data-add-slot=desk]")
    page.click(f"{coup} .select2-selection")
    page.keyboard.type("West African")
    page.wait_for_selector(
        ".select2-results__option--highlighted:text-is('Economic Community of West African States')"
    )
    page.keyboard.press("Enter")
    page.locator(f"{coup} .curation-actor-slot--new select[aria-label=Role]").select_option("target")
    shot(page, "suggestions-desk-actor")
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .success")
    event = Event.objects.get(date=datetime.date(2020, 8, 4))
    assert ("Economic Community of West African States", "target") in set(
        event.roles.values_list("actor__name", "role")
    )


def test_an_actor_taken_off_an_event_with_its_button_is_not_in_it(page, live_server):
    suggestions_of(page, live_server)
    coup = ".curation-row[data-ref=event-0]"
    page.click(f"{coup} .curation-actor-slot:has-text('Amadou Sanda') [data-remove-slot]")
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .success")
    event = Event.objects.get(date=datetime.date(2020, 8, 4))
    assert "Amadou Sanda" not in set(event.roles.values_list("actor__name", flat=True))


def test_an_event_added_from_a_selection_asks_for_its_date_then_is_accepted(page, live_server):
    suggestions_of(page, live_server)
    drag_over(page, "#curation-fulltext", "General Issa Kone had returned to Niamey")
    page.click("#curation-add-event")
    added = "#curation-accept-form .curation-row--added"
    assert page.locator(f"{added} input[aria-label=Title]").input_value() == (
        "General Issa Kone had returned to Niamey"
    )
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .error")
    assert "This field is required." in page.locator(f"{added} .curation-errors").inner_text()
    page.fill(f"{added} input[aria-label=Date]", "2020-07-30")
    page.select_option(f"{added} select[aria-label=Precision]", "approximate")
    page.fill(f"{added} input[aria-label=Place]", "Niamey")
    page.click("input[name=accept]")
    page.wait_for_selector(".messagelist .success")
    kone = Event.objects.get(title="General Issa Kone had returned to Niamey")
    assert (kone.date_precision, kone.place) == ("approximate", "Niamey")
    assert kone.excerpts.get().text == "Days earlier, General Issa Kone had returned to Niamey from Algiers."
