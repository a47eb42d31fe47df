"""Pages that never enumerate every row: the sitemap (an index of pages of bounded size),
the track record (every forecast in its figures, a page of each list), the country list
and the API lists (a capped count): the same queries, and for the sitemap and the track
record output of the same bound, at one size and at three times it."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from briefings.api import pagination
from briefings.exports.sitemaps import EventSitemap
from briefings.models import Assessment
from briefings.views import track_record

from ..helpers import SITEMAP_NS, resolved

TRACK_RECORD = reverse("briefings:track-record")


def sitemap_urls(client, address: str) -> list[str]:
    response = client.get(address)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def test_sitemap_index_queries_stay_constant_as_the_desk_grows(
    desk, count_queries, django_assert_num_queries
):
    desk.grow(2)
    baseline = count_queries(reverse("sitemap"))
    desk.grow(6)
    # A count and a latest change per section, whatever the number of rows.
    with django_assert_num_queries(baseline):
        count_queries(reverse("sitemap"))


def test_sitemap_page_queries_stay_constant_as_the_desk_grows(desk, count_queries, django_assert_num_queries):
    section = reverse("sitemap-section", kwargs={"section": "events"})
    desk.grow(2)
    baseline = count_queries(section)
    desk.grow(6)
    # The section's count (to number its pages) and one bounded read of the page.
    with django_assert_num_queries(baseline):
        count_queries(section)


def test_sitemap_page_holds_at_most_its_limit_as_the_desk_grows(client, desk, monkeypatch):
    monkeypatch.setattr(EventSitemap, "limit", 4)
    section = reverse("sitemap-section", kwargs={"section": "events"})
    desk.grow(2)
    assert len(sitemap_urls(client, section)) == 4
    desk.grow(6)
    first = sitemap_urls(client, section)
    second = sitemap_urls(client, f"{section}?p=2")
    assert len(first) == 4 and len(second) == 4
    assert not set(first) & set(second)


def resolve_every_judgment():
    for assessment in Assessment.objects.filter(outcome=""):
        resolved(assessment)


def test_track_record_lists_one_page_of_judgments_as_they_grow(
    client, desk, monkeypatch, django_assert_num_queries, django_assert_max_num_queries
):
    monkeypatch.setattr(track_record, "ITEMS_PER_PAGE", 3)
    desk.grow(2)
    resolve_every_judgment()
    with django_assert_max_num_queries(30) as few:
        small = client.get(TRACK_RECORD)
    desk.grow(6)
    resolve_every_judgment()
    with django_assert_num_queries(len(few.captured_queries)):
        large = client.get(TRACK_RECORD)
    assert len(small.context["resolved"]) == len(large.context["resolved"]) == 3
    # The figures still count every scored forecast.
    assert large.context["record"].desk.summary.scored == Assessment.objects.exclude(outcome="").count()
    assert (
        large.context["resolved_page"].paginator.num_pages
        > small.context["resolved_page"].paginator.num_pages
    )


def test_track_record_further_pages_list_the_rest(client, desk, monkeypatch):
    monkeypatch.setattr(track_record, "ITEMS_PER_PAGE", 3)
    desk.grow(3)
    resolve_every_judgment()
    first = client.get(TRACK_RECORD)
    second = client.get(TRACK_RECORD, {"resolved_page": 2})
    shown = [judgment.pk for judgment, _ in first.context["resolved"]]
    shown_next = [judgment.pk for judgment, _ in second.context["resolved"]]
    assert shown and shown_next and not set(shown) & set(shown_next)
    assert "resolved_page=2#resolved" in first.content.decode()


def test_country_list_queries_stay_constant_as_the_desk_grows(desk, count_queries, django_assert_num_queries):
    desk.grow(2)
    baseline = count_queries(reverse("briefings:country-list"))
    desk.grow(6)
    with django_assert_num_queries(baseline):
        count_queries(reverse("briefings:country-list"))


def test_api_list_counts_stop_at_the_cap_as_the_desk_grows(client, desk, monkeypatch):
    # Below a page (20), the cap is the page: the count stops at its last row plus one.
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    desk.grow(2)
    small = client.get("/api/events/").json()
    desk.grow(6)
    large = client.get("/api/events/").json()
    assert (small["count"], small["count_exact"]) == (8, True)
    assert (large["count"], large["count_exact"]) == (20, False)
    assert large["next"] is not None
