"""What a changelist's rows cost at the desk's size, and that they read as Django's own: each
row's checkbox and links are written once per list rather than rendered or reversed per row,
the related columns come from one list per relation, and the date hierarchy finds its years
by index probes, not by reading every row's date."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings import models
from briefings.admin.base import row_url

from ..factories import BriefingFactory, EventActorFactory, EventFactory, UserFactory, country
from ..helpers import admin_url

EVENTS = admin_url(models.Event, "changelist")
BRIEFINGS = admin_url(models.Briefing, "changelist")


def events_in(*years: int, kind=models.EventKind.COUP) -> list:
    return [EventFactory(date=datetime.date(year, 6, 1), kind=kind) for year in years]


def list_queries(client, url, params=None) -> list[str]:
    client.get(url, params or {})  # the session, the content types, the permissions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


# --- The rows' markup -------------------------------------------------------------------


def test_a_rows_checkbox_is_the_markup_of_djangos_widget(db):
    briefing = BriefingFactory(title='Mali: "Wagner" & the junta')
    model_admin = admin.site._registry[models.Briefing]
    assert model_admin.action_checkbox(briefing) == admin.ModelAdmin.action_checkbox(model_admin, briefing)


@pytest.mark.parametrize("key", [7, "a/b c_d?é"])
def test_a_row_address_is_the_one_reverse_gives(key):
    """Reversed once per list, with the row's key put in as `reverse` quotes it."""
    name = "admin:briefings_event_change"
    assert row_url(name, key) == reverse(name, args=(quote(key),))


def test_a_rows_link_carries_the_lists_filters_as_djangos_does(admin_client):
    event = events_in(2020)[0]
    params = {"kind__exact": models.EventKind.COUP, "q": "Event"}
    response = admin_client.get(EVENTS, params)
    cl = response.context["cl"]
    expected = add_preserved_filters(
        {
            "preserved_filters": admin.site._registry[models.Event].get_preserved_filters(
                response.wsgi_request
            ),
            "opts": models.Event._meta,
        },
        reverse("admin:briefings_event_change", args=(event.pk,)),
    )
    assert cl.url_for_result(event) == expected
    assert f'href="{expected.replace("&", "&amp;")}"' in response.content.decode()


def test_the_briefing_lists_preview_links_open_each_briefings_preview(admin_client):
    briefings = [BriefingFactory(), BriefingFactory()]
    page = admin_client.get(BRIEFINGS).content.decode()
    for briefing in briefings:
        assert f'href="{reverse("admin:briefings_briefing_preview", args=[briefing.pk])}"' in page


def test_related_columns_list_each_rows_own_names(admin_client):
    mali = EventActorFactory(event__title="Coup in Mali", actor__name="Assimi Goita").event
    EventActorFactory(event__title="Coup in Niger", actor__name="Abdourahamane Tiani")
    briefing = BriefingFactory(title="Sahel juntas")
    briefing.countries.add(country("ML"), country("NE"))
    briefing.authors.add(UserFactory(first_name="Ana", last_name="Lopes"))
    BriefingFactory(title="Nothing covered")

    rows = {str(row): row for row in admin_client.get(EVENTS).context["cl"].result_list}
    assert [str(role.actor) for role in rows[str(mali)].listed_roles] == ["Assimi Goita"]
    page = admin_client.get(BRIEFINGS)
    rows = {row.title: row for row in page.context["cl"].result_list}
    assert [c.iso2 for c in rows["Sahel juntas"].listed_countries] == ["ML", "NE"]
    assert rows["Nothing covered"].listed_countries == []
    assert "Ana Lopes" in page.content.decode()


# --- Queries: the same for N rows as for 3N ---------------------------------------------


def test_a_filtered_paged_event_list_costs_the_same_queries_for_n_rows_as_for_3n(admin_client):
    """Page 2 of a filtered list: its rows' links, actors and counts are read for the page at once."""
    params = {"kind__exact": models.EventKind.COUP, "p": "2"}
    for _ in range(110):  # a second page
        EventActorFactory(event__date=datetime.date(2019, 3, 1))
    with_n = len(list_queries(admin_client, EVENTS, params))
    for _ in range(220):
        EventActorFactory(event__date=datetime.date(2021, 3, 1))
    assert len(list_queries(admin_client, EVENTS, params)) == with_n


def test_the_briefing_list_reads_each_relation_of_its_rows_in_one_query(admin_client):
    """Countries and authors of the page's briefings: one query each, whatever their number."""
    for _ in range(3):
        briefing = BriefingFactory()
        briefing.countries.add(country("ML"))
        briefing.authors.add(UserFactory())
    with_n = list_queries(admin_client, BRIEFINGS)
    for _ in range(9):
        briefing = BriefingFactory()
        briefing.countries.add(country("ML"), country("RU"))
        briefing.authors.add(UserFactory(), UserFactory())
    with_3n = list_queries(admin_client, BRIEFINGS)
    assert len(with_3n) == len(with_n)
    # The page's countries (the filter's choices are a query of their own).
    assert len([sql for sql in with_3n if "_prefetch_related_val_briefing_id" in sql and "iso2" in sql]) == 1


# --- The date hierarchy -----------------------------------------------------------------


def hierarchy_titles(response) -> list[str]:
    return [choice["title"] for choice in response.context["cl"].date_hierarchy_links["choices"]]


def test_the_date_hierarchy_offers_the_years_that_have_events(admin_client):
    events_in(2015, 2017, 2017, 2020)
    assert hierarchy_titles(admin_client.get(EVENTS)) == ["2015", "2017", "2020"]


def test_the_date_hierarchy_offers_only_the_years_of_the_filtered_events(admin_client):
    events_in(2015, 2020)
    events_in(2017, 2018, kind=models.EventKind.PROTEST)
    response = admin_client.get(EVENTS, {"kind__exact": models.EventKind.PROTEST})
    assert hierarchy_titles(response) == ["2017", "2018"]


def test_a_year_of_the_date_hierarchy_links_to_its_events(admin_client):
    events_in(2015, 2020)
    choices = admin_client.get(EVENTS).context["cl"].date_hierarchy_links["choices"]
    assert choices[0]["link"] == "?date__year=2015"
    response = admin_client.get(EVENTS + choices[0]["link"])
    assert [e.date.year for e in response.context["cl"].result_list] == [2015]
    assert "June 2015" in response.content.decode()  # its months, as Django lists them


def test_events_of_one_year_open_on_its_months(admin_client):
    EventFactory(date=datetime.date(2020, 3, 1))
    EventFactory(date=datetime.date(2020, 8, 18))
    links = admin_client.get(EVENTS).context["cl"].date_hierarchy_links
    assert [choice["title"] for choice in links["choices"]] == ["March 2020", "August 2020"]


def test_the_date_hierarchy_reads_no_date_of_every_event(admin_client):
    """The years are probes of the date's index (`EXISTS` for each year), in one query after
    the first and last date: no `DISTINCT` truncation of every row's date."""
    events_in(2015, 2017, 2020)
    queries = list_queries(admin_client, EVENTS)
    assert not [sql for sql in queries if "DISTINCT" in sql.upper()]
    assert len([sql for sql in queries if "EXISTS" in sql.upper() and "2017-01-01" in sql]) == 1


def test_the_date_hierarchy_costs_the_same_queries_for_n_years_as_for_3n(admin_client):
    events_in(2010, 2012, 2014)
    with_n = len(list_queries(admin_client, EVENTS))
    events_in(*range(2000, 2024, 3), 2030)
    assert len(list_queries(admin_client, EVENTS)) == with_n


def test_a_searched_event_list_offers_the_years_of_its_matches(admin_client):
    EventFactory(title="Coup in Mali", date=datetime.date(2015, 5, 1))
    EventFactory(title="Coup in Niger", date=datetime.date(2020, 7, 26))
    EventFactory(title="Protest in Dakar", date=datetime.date(2018, 1, 1))
    assert hierarchy_titles(admin_client.get(EVENTS, {"q": "coup"})) == ["2015", "2020"]


def test_a_list_with_no_events_offers_no_years(admin_client):
    events_in(2015, 2020)
    response = admin_client.get(EVENTS, {"kind__exact": models.EventKind.PROTEST})
    assert hierarchy_titles(response) == []
    assert response.context["cl"].result_count == 0


# --- Counting as far as the pages need ---------------------------------------------------


@pytest.fixture
def short_pages(monkeypatch):
    """Pages of 2 events, counted exactly up to 5: the desk's 100 and 10,000, at a test's size."""
    monkeypatch.setattr(admin.site._registry[models.Event], "list_per_page", 2)
    monkeypatch.setattr("briefings.admin.base.LIST_COUNT_CAP", 5)


def test_a_list_longer_than_its_count_says_more_than_and_counts_no_further(admin_client, short_pages):
    events_in(*range(2001, 2009))  # 8 events
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(EVENTS)
    page = response.content.decode()
    assert "more than 5 events" in page
    assert "8 events" not in page
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1 and "LIMIT 6" in counts[0]
    assert 'href="?p=3"' in page  # the page after the five counted rows
    assert 'href="?p=4"' not in page


def test_a_page_past_the_count_counts_as_far_as_it_and_the_next(admin_client, short_pages):
    events = events_in(*range(2001, 2009))
    response = admin_client.get(EVENTS, {"p": "4"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == events[6:8]
    assert "8 events" in response.content.decode()  # counted to the end


def test_selecting_every_row_of_an_uncounted_list_says_more_than(admin_client, short_pages):
    events_in(*range(2001, 2009))
    page = admin_client.get(EVENTS).content.decode()
    assert "Select all of more than 5 events" in page
    assert "All of more than 5 selected" in page


def test_a_list_within_its_count_says_how_many(admin_client, short_pages):
    events_in(2001, 2002, 2003)
    page = admin_client.get(EVENTS).content.decode()
    assert "3 events" in page
    assert "more than" not in page


def test_the_briefing_list_leaves_the_bodies_unread(admin_client):
    """A body and its HTML (25 kB a briefing at the desk's size) are no column of the list."""
    BriefingFactory(body="A long body.")
    queries = list_queries(admin_client, BRIEFINGS)
    main = next(
        sql for sql in queries if sql.startswith('SELECT "briefings_briefing"."id"') and "ORDER BY" in sql
    )
    assert '"briefings_briefing"."body"' not in main
    assert '"briefings_briefing"."body_html"' not in main


@pytest.mark.parametrize("page", ["²", "x", "-3", "99999999999999999999"])
def test_a_page_number_that_is_no_page_is_never_a_server_error(admin_client, page):
    # "²" passes str.isdigit() but not int(): the count's reach reads the page as the
    # API's lists do (`page_reach`).
    response = admin_client.get(reverse("admin:briefings_event_changelist"), {"p": page})
    assert response.status_code < 500
