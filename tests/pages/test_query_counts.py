"""Query-count guards on the hot public pages: the number of queries must not grow with
the number of events, judgments and excerpts a page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import BriefingFactory, country
from ..helpers import build_briefing

# A ceiling, so a new relation fetched lazily in a template loop cannot hide behind a
# baseline that grew with it.
MAX_BRIEFING_PAGE_QUERIES = 16
MAX_HOME_PAGE_QUERIES = 8


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_briefing_page_queries_do_not_grow_with_events_and_judgments(client, django_assert_num_queries):
    small = build_briefing(events=2, judgments=2)
    large = build_briefing(events=8, judgments=8)
    baseline = count_queries(client, small.get_absolute_url())
    assert baseline <= MAX_BRIEFING_PAGE_QUERIES
    # Every list on the page (judgments and their evidence, events with their actors and
    # excerpts, sources, countries, actors, authors) comes from one prefetch query per
    # relation, so four times the material costs no extra query (a query per row would
    # show at any size above the small one's).
    with django_assert_num_queries(baseline):
        client.get(large.get_absolute_url())


@pytest.mark.django_db
def test_briefing_page_queries_do_not_grow_with_shared_excerpts(client, django_assert_num_queries):
    small = build_briefing(events=2, judgments=2)
    # Each of 6 events (an excerpt each) cited by each of 6 judgments: every excerpt cited 6
    # times, which a query per citation would show as well as 12 times would.
    large = build_briefing(events=6, judgments=6)
    for link in large.judgment_links.select_related("assessment"):
        for event in large.events.all():
            link.assessment.evidence_events.add(event)
            link.assessment.evidence_excerpts.add(*event.excerpts.all())
    baseline = count_queries(client, small.get_absolute_url())
    # Footnote numbers and back-links are computed in Python from the prefetched excerpts;
    # an excerpt cited from many places is still fetched once per relation.
    with django_assert_num_queries(baseline):
        client.get(large.get_absolute_url())


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_briefings(client, django_assert_num_queries):
    BriefingFactory(published=True).countries.add(country("ML"))
    baseline = count_queries(client, reverse("briefings:home"))
    assert baseline <= MAX_HOME_PAGE_QUERIES
    for _ in range(15):
        BriefingFactory(published=True).countries.add(country("ML"), country("FR"), country("RU"))
    # The page's briefings and all their countries are two queries (plus the count for
    # pagination), however many briefings and countries there are.
    with django_assert_num_queries(baseline):
        client.get(reverse("briefings:home"))


@pytest.mark.django_db
def test_country_page_queries_do_not_grow_with_events(client, django_assert_num_queries):
    mali = country("ML")
    url = mali.get_absolute_url()

    def build_about_mali(**sizes):
        briefing = build_briefing(**sizes)
        for link in briefing.judgment_links.select_related("assessment"):
            link.assessment.countries.add(mali)
        for event in briefing.events.all():
            for role in event.roles.select_related("actor"):
                role.actor.countries.add(mali)

    build_about_mali(events=2, judgments=2)
    baseline = count_queries(client, url)
    build_about_mali(events=20, judgments=10)
    # Each paginated list is a count and a page query, with its relations prefetched.
    with django_assert_num_queries(baseline):
        client.get(url)


@pytest.mark.django_db
def test_actor_page_queries_do_not_grow_with_events_briefings_and_judgments(
    client, django_assert_num_queries
):
    from ..factories import ActorFactory, EventActorFactory

    actor = ActorFactory(name="Wagner Group")

    def build_about_actor(**sizes):
        briefing = build_briefing(**sizes)
        briefing.actors.add(actor)
        for event in briefing.events.all():
            EventActorFactory(event=event, actor=actor)
        for link in briefing.judgment_links.select_related("assessment"):
            link.assessment.actors.add(actor)

    build_about_actor(events=2, judgments=2)
    baseline = count_queries(client, actor.get_absolute_url())
    for _ in range(3):
        build_about_actor(events=10, judgments=5)
    # Its briefings (about it, or with events it acts in) are EXISTS subqueries; each list is a
    # count and a page with its relations prefetched, however many rows link it.
    with django_assert_num_queries(baseline):
        client.get(actor.get_absolute_url())
