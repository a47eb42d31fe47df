"""Query-count guards for a desk at scale: the public pages, search and the API lists make
the same number of queries whatever the number of rows behind them (built at one size,
then at three times it), so a desk of 100,000 events costs no more queries than the demo."""

from django.urls import reverse

from briefings.search.filters import ACTOR_CHOICES

from ..factories import ActorFactory, BriefingFactory, EventActorFactory, EventFactory


def test_briefing_page_queries_stay_constant_as_the_desk_grows(
    desk, count_queries, django_assert_num_queries
):
    desk.grow(2)
    baseline = count_queries(desk.briefing.get_absolute_url())
    desk.grow(6)
    with django_assert_num_queries(baseline):
        count_queries(desk.briefing.get_absolute_url())


def test_country_page_queries_stay_constant_as_the_desk_grows(desk, count_queries, django_assert_num_queries):
    desk.grow(2)
    baseline = count_queries(desk.mali.get_absolute_url())
    desk.grow(6)
    with django_assert_num_queries(baseline):
        count_queries(desk.mali.get_absolute_url())


def test_actor_page_queries_stay_constant_as_the_desk_grows(desk, count_queries, django_assert_num_queries):
    desk.grow(2)
    baseline = count_queries(desk.actor.get_absolute_url())
    desk.grow(6)
    with django_assert_num_queries(baseline):
        count_queries(desk.actor.get_absolute_url())


def test_event_page_queries_stay_constant_as_its_briefings_judgments_and_actors_grow(
    desk, count_queries, django_assert_num_queries
):
    desk.grow(2)
    baseline = count_queries(desk.event.get_absolute_url())
    desk.grow(6)
    # Its roles, passages, briefings and judgments are one prefetch query each.
    with django_assert_num_queries(baseline):
        count_queries(desk.event.get_absolute_url())


def test_search_page_queries_stay_constant_as_matches_grow(desk, count_queries, django_assert_num_queries):
    desk.grow(2)
    search = reverse("briefings:search")
    baseline = count_queries(search, q="ambassador")
    desk.grow(6)
    # One page of ranked documents, then each kind's rows of that page in one query.
    with django_assert_num_queries(baseline):
        count_queries(search, q="ambassador")


def test_search_actor_facet_lists_only_the_most_covered_actors(client, db):
    busy = ActorFactory(name="Busy Front")
    for _ in range(2):
        BriefingFactory(published=True).actors.add(busy)
    for n in range(ACTOR_CHOICES + 10):
        BriefingFactory(published=True).actors.add(ActorFactory(name=f"Quiet Front {n:03}"))
    response = client.get(reverse("briefings:search"), {"q": "front"})
    options = response.context["form"]["actor"].field.widget.choices
    # The empty choice, then at most ACTOR_CHOICES actors: never every published actor.
    assert len(options) == ACTOR_CHOICES + 1
    assert ("busy-front", "Busy Front (2)") in options or any(
        label.startswith("Busy Front") for _, label in options
    )


def test_search_actor_facet_keeps_the_chosen_actor_outside_the_list(client, db):
    for n in range(ACTOR_CHOICES + 5):
        briefing = BriefingFactory(published=True)
        briefing.actors.add(ActorFactory(name=f"Front {n:03}"))
        briefing.actors.add(ActorFactory(name=f"Ally {n:03}")) if n < ACTOR_CHOICES else None
    rare = ActorFactory(name="Zz Rare Movement")
    BriefingFactory(published=True).actors.add(rare)
    response = client.get(reverse("briefings:search"), {"q": "front", "actor": rare.slug})
    options = dict(response.context["form"]["actor"].field.widget.choices)
    assert rare.slug in options


def test_api_list_queries_stay_constant_as_the_desk_grows(desk, count_queries, django_assert_num_queries):
    desk.grow(2)
    lists = ["/api/events/", "/api/briefings/", "/api/actors/", "/api/judgments/", "/api/countries/"]
    baseline = {url: count_queries(url) for url in lists}
    desk.grow(6)
    for url in lists:
        with django_assert_num_queries(baseline[url]):
            count_queries(url)


def test_csv_export_queries_stay_constant_as_events_grow(desk, count_queries, django_assert_num_queries):
    desk.grow(2)
    baseline = count_queries(reverse("briefings:events-csv"))
    desk.grow(6)
    for _ in range(5):
        event = EventFactory(country=desk.mali)
        EventActorFactory(event=event)
        desk.briefing.events.add(event)
    # Streamed a batch at a time: one query per batch of rows, not per row.
    with django_assert_num_queries(baseline):
        count_queries(reverse("briefings:events-csv"))
