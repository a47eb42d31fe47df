"""Suggestions left unticked at Accept stay rejected, per source: listed greyed and unticked
on every later visit, restorable; the page then shows what accepting made, with links."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from briefings.models import Assessment, Event, RejectedSuggestion

from ..factories import SourceFactory
from ..helpers import form_fields, post_data

ARTICLE = (
    "On August 4, Niger's President Amadou Sanda was overthrown in a coup led by officers of the "
    "Nigerien Armed Forces. On August 9, French Ambassador to Niger Claire Martin met with "
    "representatives of the Council for National Renewal (CNR). The CNR is unlikely to hold "
    "elections soon."
)
AUGUST_9 = datetime.date(2020, 8, 9)

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return SourceFactory(title="Coup in Niger", full_text=ARTICLE, published_on=datetime.date(2020, 9, 1))


def url(source):
    return reverse("curation:source-suggestions", args=[source.pk])


def open_page(client, source) -> tuple[BeautifulSoup, dict]:
    """The suggestions page, and what its accept form would post as it stands."""
    html = client.get(url(source)).content.decode()
    return BeautifulSoup(html, "html.parser"), form_fields(html, "curation-accept-form")


def accept(client, source, data):
    data = post_data(data)
    data.pop("_save")
    data["accept"] = "Accept the ticked suggestions"
    return client.post(url(source), data, follow=True)


def event_row(page, date: datetime.date):
    """The event row whose date field holds `date`."""
    field = page.find("input", attrs={"type": "date", "value": date.isoformat()})
    return field.find_parent(class_="curation-row") if field else None


def untick_event(data, page, date):
    keep = event_row(page, date).find("input", attrs={"type": "checkbox"})["name"]
    data.pop(keep)
    return data


def test_an_unticked_suggestion_comes_back_greyed_and_unticked_after_accept(admin_client, source):
    page, data = open_page(admin_client, source)
    accept(admin_client, source, untick_event(data, page, AUGUST_9))
    page, _ = open_page(admin_client, source)
    row = event_row(page, AUGUST_9)
    assert "curation-row--rejected" in row["class"]
    assert not row.find("input", attrs={"type": "checkbox"}).has_attr("checked")
    assert list(Event.objects.values_list("date", flat=True)) == [datetime.date(2020, 8, 4)]


def test_a_rejected_suggestion_is_not_accepted_by_the_next_accept(admin_client, source):
    page, data = open_page(admin_client, source)
    accept(admin_client, source, untick_event(data, page, AUGUST_9))
    _, data = open_page(admin_client, source)
    accept(admin_client, source, data)
    assert not Event.objects.filter(date=AUGUST_9).exists()
    assert RejectedSuggestion.objects.filter(source=source, kind="event").count() == 1


def test_ticking_a_rejected_suggestion_accepts_it_and_lifts_the_rejection(admin_client, source):
    page, data = open_page(admin_client, source)
    accept(admin_client, source, untick_event(data, page, AUGUST_9))
    page, data = open_page(admin_client, source)
    keep = event_row(page, AUGUST_9).find("input", attrs={"type": "checkbox"})["name"]
    accept(admin_client, source, {**data, keep: ["on"]})
    assert Event.objects.filter(date=AUGUST_9).exists()
    assert not RejectedSuggestion.objects.filter(kind="event").exists()


def test_restore_proposes_a_rejected_suggestion_ticked_again(admin_client, source):
    page, data = open_page(admin_client, source)
    accept(admin_client, source, untick_event(data, page, AUGUST_9))
    page, _ = open_page(admin_client, source)
    button = event_row(page, AUGUST_9).find("button", attrs={"name": "restore"})
    assert button["form"] == "curation-restore-form"
    response = admin_client.post(url(source), {"restore": button["value"]}, follow=True)
    assert "Restored" in response.content.decode()
    row = event_row(BeautifulSoup(response.content, "html.parser"), AUGUST_9)
    assert "curation-row--rejected" not in row["class"]
    assert row.find("input", attrs={"type": "checkbox"}).has_attr("checked")


def test_rejections_belong_to_their_source(admin_client, source):
    page, data = open_page(admin_client, source)
    accept(admin_client, source, untick_event(data, page, AUGUST_9))
    other = SourceFactory(title="Same story elsewhere", full_text=ARTICLE, published_on=source.published_on)
    page, _ = open_page(admin_client, other)
    assert not page.select(".curation-row--rejected")


def test_an_accept_refused_by_the_service_stores_no_rejection_and_keeps_the_ticks(admin_client, source):
    page, data = open_page(admin_client, source)
    data = untick_event(data, page, AUGUST_9)
    data["judgments-0-end"] = [str(len(ARTICLE) + 50)]  # outside the text: the service refuses
    data["judgments-0-keep"] = ["on"]
    response = accept(admin_client, source, data)
    assert "points outside the source" in response.content.decode()
    assert RejectedSuggestion.objects.count() == 0 and Event.objects.count() == 0
    # The page shown again keeps what the analyst chose, not the defaults.
    row = event_row(BeautifulSoup(response.content, "html.parser"), AUGUST_9)
    assert not row.find("input", attrs={"type": "checkbox"}).has_attr("checked")


def test_a_row_with_an_error_shows_the_analysts_ticks_again(admin_client, source):
    page, data = open_page(admin_client, source)
    data = untick_event(data, page, AUGUST_9)
    data["events-0-title"] = [""]
    response = accept(admin_client, source, data)
    page = BeautifulSoup(response.content, "html.parser")
    assert "Some rows need correcting" in response.content.decode()
    assert not event_row(page, AUGUST_9).find("input", attrs={"type": "checkbox"}).has_attr("checked")
    assert RejectedSuggestion.objects.count() == 0


def test_a_key_the_page_did_not_offer_rejects_nothing(admin_client, source):
    page, data = open_page(admin_client, source)
    data = untick_event(data, page, AUGUST_9)
    key = event_row(page, AUGUST_9).find("input", attrs={"name": lambda n: n and n.endswith("-key")})["name"]
    data[key] = ["999-1000-2020-08-09"]
    accept(admin_client, source, data)
    assert RejectedSuggestion.objects.count() == 0


def test_the_page_after_accepting_lists_what_was_made_with_links(admin_client, source):
    _, data = open_page(admin_client, source)
    data["judgments-0-keep"] = ["on"]
    response = accept(admin_client, source, data)
    section = BeautifulSoup(response.content, "html.parser").find(class_="curation-accepted")
    links = {a["href"] for a in section.find_all("a")}
    for event in Event.objects.all():
        assert reverse("admin:briefings_event_change", args=[event.pk]) in links
    assessment = Assessment.objects.get()
    assert reverse("admin:briefings_assessment_change", args=[assessment.pk]) in links
    assert "Claire Martin" in section.get_text()
    assert "Niger" in section.get_text()


def test_the_accept_message_counts_the_rejected(admin_client, source):
    page, data = open_page(admin_client, source)
    response = accept(admin_client, source, untick_event(data, page, AUGUST_9))
    assert "left unticked, kept as rejected" in response.content.decode()


def test_a_ticked_country_linked_to_nothing_made_is_not_proposed_again(admin_client):
    source = SourceFactory(
        title="Defence deal",
        full_text="In June 2019, Niger signed a defence agreement with Algeria.",
        published_on=datetime.date(2020, 9, 1),
    )
    _, data = open_page(admin_client, source)
    response = accept(admin_client, source, data)
    assert Event.objects.get().country.iso2 == "NE"  # the event takes one country
    assert response.context["rows"]["countries"] == []
    assert [c.iso2 for c in response.context["accepted"].countries] == ["DZ", "NE"]


def test_an_unticked_country_comes_back_rejected_though_its_sentence_was_accepted(admin_client):
    source = SourceFactory(
        title="Defence deal",
        full_text="In June 2019, Niger signed a defence agreement with Algeria.",
        published_on=datetime.date(2020, 9, 1),
    )
    page, data = open_page(admin_client, source)
    keep = page.select_one("[data-ref=country-DZ] input[type=checkbox]")["name"]
    data.pop(keep)
    response = accept(admin_client, source, data)
    rows = response.context["rows"]["countries"]
    assert [(country.iso2, rejected) for _, country, rejected in rows] == [("DZ", True)]
