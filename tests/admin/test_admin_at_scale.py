"""The admin at the desk's size (100,000 events, 2,000 briefings): a changelist costs the same
queries for a page of N rows as for 3N, never counts the whole table beside the filtered
rows, pages in a total order, and has an index for each filter and default ordering; an
autocomplete reads a bounded number of rows; a briefing's change page with 40 events and 8
judgments opens in queries that do not grow with them."""

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin, ForeignKeyRawIdWidget
from django.db import connection
from django.db.models import ForeignKey
from django.forms import HiddenInput, ModelChoiceField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings import models
from briefings.admin.base import AUTOCOMPLETE_LIMIT

from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    SourceFactory,
    UserFactory,
    country,
)
from ..helpers import admin_url

SCALED = [models.Event, models.Actor, models.Briefing, models.Assessment, models.Excerpt, models.Source]
SCALED_IDS = [m._meta.model_name for m in SCALED]


# --- Rows with every related column of their changelist filled ---------------------------


def event_row():
    event = EventActorFactory(event__country=country("ML"), event__place="Kati").event
    EventActorFactory(event=event, role=models.ActorRole.TARGET)
    event.excerpts.add(ExcerptFactory(), ExcerptFactory())
    return event


def actor_row():
    actor = ActorFactory(parent=ActorFactory())
    actor.countries.add(country("ML"), country("RU"))
    ActorAliasFactory(actor=actor)
    return actor


def briefing_row():
    briefing = KeyJudgmentFactory(briefing__published=True).briefing
    briefing.countries.add(country("ML"), country("RU"))
    briefing.authors.add(UserFactory(), UserFactory())
    return briefing


def assessment_row():
    assessment = KeyJudgmentFactory().assessment
    assessment.countries.add(country("ML"))
    return assessment


def excerpt_row():
    return ExcerptFactory(source=SourceFactory())


def source_row():
    source = SourceFactory()
    ExcerptFactory(source=source)
    return source


ROW_MAKERS = {
    models.Event: event_row,
    models.Actor: actor_row,
    models.Briefing: briefing_row,
    models.Assessment: assessment_row,
    models.Excerpt: excerpt_row,
    models.Source: source_row,
}


def changelist_queries(client, model, params=None) -> list[str]:
    url = admin_url(model, "changelist")
    client.get(url, params or {})  # warm the session, the content types, the permissions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


# --- Changelists -------------------------------------------------------------------------


@pytest.mark.parametrize("model", SCALED, ids=SCALED_IDS)
def test_changelist_costs_the_same_queries_for_n_rows_as_for_3n(admin_client, model):
    """Every column (related names, counts) is read for the whole page at once."""
    make = ROW_MAKERS[model]
    for _ in range(4):
        make()
    with_n = len(changelist_queries(admin_client, model))
    for _ in range(8):
        make()
    assert len(changelist_queries(admin_client, model)) == with_n


@pytest.mark.parametrize("model", SCALED, ids=SCALED_IDS)
def test_filtered_changelist_counts_only_the_rows_it_shows(admin_client, model):
    """One count, of the filtered rows: not a second one of the whole table ("of 100,000")."""
    ROW_MAKERS[model]()
    filter_field = next(f for f in admin.site._registry[model].list_filter if isinstance(f, str))
    value = getattr(model.objects.first(), filter_field.replace("__", "."), None)
    params = {filter_field: value if value is not None else ""}
    counts = [sql for sql in changelist_queries(admin_client, model, params) if "COUNT(" in sql.upper()]
    assert len([sql for sql in counts if "WHERE" not in sql.upper()]) == 0


@pytest.mark.parametrize("model", SCALED, ids=SCALED_IDS)
def test_changelist_pages_in_a_total_order(admin_client, model):
    """A page boundary falls between the same two rows on every load: the order ends on the
    primary key, so rows sharing a date or a name never swap between pages."""
    ROW_MAKERS[model]()
    response = admin_client.get(admin_url(model, "changelist"))
    ordering = response.context["cl"].queryset.query.order_by
    assert ordering and ordering[-1].lstrip("-") in {"pk", "id"}


def indexed_leading_fields(model) -> set[str]:
    """The fields an index starts with: Meta.indexes, db_index, unique and foreign keys."""
    fields = {index.fields[0].lstrip("-") for index in model._meta.indexes if index.fields}
    for field in model._meta.concrete_fields:
        if field.db_index or field.unique or isinstance(field, ForeignKey):
            fields.add(field.name)
    return fields


@pytest.mark.parametrize("model", SCALED, ids=SCALED_IDS)
def test_every_list_filter_and_the_default_ordering_have_an_index(model):
    model_admin = admin.site._registry[model]
    indexed = indexed_leading_fields(model)
    for entry in model_admin.list_filter:
        path = (entry[0] if isinstance(entry, tuple) else entry).split("__")
        field = model._meta.get_field(path[0])
        if field.many_to_many:
            continue  # the link table's own key on both columns
        if len(path) == 1:
            assert path[0] in indexed, f"{model.__name__}.{path[0]} is a list filter without an index"
        else:
            related = field.related_model
            assert path[1] in indexed_leading_fields(related), f"{entry} is a list filter without an index"
    first = model._meta.ordering[0].lstrip("-")
    assert first in indexed, f"{model.__name__} is ordered by {first} without an index"


@pytest.mark.parametrize("model", SCALED, ids=SCALED_IDS)
def test_the_default_ordering_has_an_index_on_all_its_columns(model):
    """The first page of a changelist is read from an index in order, not sorted from the table."""
    ordering = [name.lstrip("-") for name in model._meta.ordering if name.lstrip("-") not in {"pk", "id"}]
    assert any(
        [f.lstrip("-") for f in index.fields if f.lstrip("-") != "id"] == ordering
        for index in model._meta.indexes
    )


# --- Search and autocompletes ------------------------------------------------------------


def test_event_search_finds_the_start_of_a_title_a_place_a_country_or_an_actor(admin_client):
    event = EventActorFactory(
        event__title="Coup in Mali",
        event__place="Kati",
        event__country=country("ML"),
        actor__name="Assimi Goïta",
    ).event
    EventFactory(title="Elections in Niger", country=country("NE"))
    for term in ("coup", "kati", "mali", "assimi", "coup mali"):
        response = admin_client.get(admin_url(models.Event, "changelist"), {"q": term})
        assert list(response.context["cl"].result_list) == [event], term


def test_event_search_does_not_scan_descriptions(admin_client):
    """Words inside a description are the site search's to find (its index is built for it):
    the event list matches titles, places, countries and actors from their start."""
    EventFactory(title="Coup in Mali", description="Soldiers mutinied at the Kati barracks.")
    response = admin_client.get(admin_url(models.Event, "changelist"), {"q": "mutinied"})
    assert list(response.context["cl"].result_list) == []


def test_an_event_found_through_two_of_its_actors_is_listed_once(admin_client):
    event = EventActorFactory(event__title="Coup in Mali", actor__name="Assimi Goïta").event
    EventActorFactory(event=event, actor__name="Assimi Goïta junior", role=models.ActorRole.TARGET)
    response = admin_client.get(admin_url(models.Event, "changelist"), {"q": "assimi"})
    assert list(response.context["cl"].result_list) == [event]
    assert response.context["cl"].result_count == 1


def test_event_search_joins_no_actors_and_needs_no_distinct(admin_client):
    """Each word's events are a union of keys (`EventQuerySet.named`), so the list neither
    multiplies an event by its actors nor sorts the table to list it once."""
    EventActorFactory(event__title="Coup in Mali", actor__name="Assimi Goïta")
    response = admin_client.get(admin_url(models.Event, "changelist"), {"q": "assimi"})
    query = response.context["cl"].queryset.query
    assert not query.distinct
    assert "briefings_eventactor" not in str(query).split("WHERE", 1)[0]


def test_event_search_finds_an_address_and_a_quoted_phrase(admin_client):
    event = EventFactory(title="Coup in Mali", place="Kati")
    EventFactory(title="Coup attempt in Niger")
    for term in (event.slug, event.slug.upper(), '"coup in"'):
        response = admin_client.get(admin_url(models.Event, "changelist"), {"q": term})
        assert list(response.context["cl"].result_list) == [event], term


def test_event_search_costs_the_same_queries_for_n_rows_as_for_3n(admin_client):
    for _ in range(4):
        event_row()
    with_n = len(changelist_queries(admin_client, models.Event, {"q": "kati"}))
    for _ in range(8):
        event_row()
    assert len(changelist_queries(admin_client, models.Event, {"q": "kati"})) == with_n


def test_an_event_autocomplete_costs_the_same_queries_for_n_rows_as_for_3n(admin_client):
    def queries():
        autocomplete(admin_client, models.Briefing, "events", "kati")
        with CaptureQueriesContext(connection) as captured:
            response = autocomplete(admin_client, models.Briefing, "events", "kati")
        assert response.status_code == 200
        return len(captured), len(response.json()["results"])

    for _ in range(4):
        event_row()
    with_n, found = queries()
    for _ in range(8):
        event_row()
    assert queries() == (with_n, found * 3)


def test_a_briefing_filtered_by_country_is_listed_once_with_its_columns(admin_client):
    briefing = briefing_row()
    response = admin_client.get(
        admin_url(models.Briefing, "changelist"), {"countries__id__exact": country("ML").pk}
    )
    rows = list(response.context["cl"].result_list)
    assert rows == [briefing]
    assert "Mali" in response.content.decode()  # the countries column, from the prefetch


def test_the_country_filter_offers_only_countries_that_have_events(admin_client):
    EventFactory(country=country("ML"))
    EventFactory(country=country("NE"))
    EventFactory(country=None)
    response = admin_client.get(admin_url(models.Event, "changelist"))
    spec = next(spec for spec in response.context["cl"].filter_specs if spec.field_path == "country")
    assert [name for _pk, name in spec.lookup_choices] == ["Mali", "Niger"]


def autocomplete(client, model, field, term=""):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": "briefings", "model_name": model._meta.model_name, "field_name": field, "term": term},
    )


def test_an_autocomplete_reads_at_most_its_limit_of_rows(admin_client, monkeypatch):
    """An empty term on 100,000 events must not count them all to say "more"."""
    monkeypatch.setattr("briefings.admin.base.AUTOCOMPLETE_LIMIT", 5)
    for _ in range(8):
        EventFactory()
    autocomplete(admin_client, models.Briefing, "events")
    with CaptureQueriesContext(connection) as queries:
        response = autocomplete(admin_client, models.Briefing, "events")
    assert len(response.json()["results"]) == 5
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts)


def test_an_autocomplete_through_a_join_lists_each_row_once(admin_client):
    event = EventActorFactory(event__title="Coup in Mali", actor__name="Assimi Goïta").event
    EventActorFactory(event=event, actor__name="Assimi Goïta junior", role=models.ActorRole.TARGET)
    response = autocomplete(admin_client, models.Briefing, "events", "assimi")
    assert [row["id"] for row in response.json()["results"]] == [str(event.pk)]


def test_every_country_scrolls_into_an_empty_autocomplete(db):
    """The limit bounds the large tables, not the list of countries a person scrolls."""
    assert models.Country.objects.count() <= AUTOCOMPLETE_LIMIT


# --- A briefing's change page --------------------------------------------------------


def full_briefing(events: int, judgments: int):
    briefing = BriefingFactory(title="Russia and the coup in Mali")
    briefing.events.add(*[event_row() for _ in range(events)])
    for order in range(1, judgments + 1):
        KeyJudgmentFactory(briefing=briefing, order=order, assessment=AssessmentFactory())
    briefing.countries.add(country("ML"))
    briefing.actors.add(ActorFactory())
    briefing.sources.add(SourceFactory())
    briefing.authors.add(UserFactory())
    return briefing


def change_page_queries(client, briefing) -> int:
    url = admin_url(models.Briefing, "change", briefing.pk)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_briefing_change_page_queries_do_not_grow_with_events_or_judgments(admin_client):
    """Each autocomplete shows its chosen rows from one query, and each key-judgment row its
    judgment from the inline's own: none of them queries per row."""
    smaller = change_page_queries(admin_client, full_briefing(events=4, judgments=2))
    assert change_page_queries(admin_client, full_briefing(events=40, judgments=8)) == smaller


def test_briefing_change_page_with_40_events_and_8_judgments_opens_in_few_queries(
    admin_client, django_assert_max_num_queries
):
    briefing = full_briefing(events=40, judgments=8)
    admin_client.get(admin_url(models.Briefing, "change", briefing.pk))
    # Session, user, permissions, the briefing, its history check, the workflow panel (moves,
    # log, comments), each relation's chosen rows, the inline's rows and its next order, the
    # editors' presence: a fixed set, whatever the briefing holds.
    with django_assert_max_num_queries(40):
        response = admin_client.get(admin_url(models.Briefing, "change", briefing.pk))
    assert response.status_code == 200


# --- Forms: no select list of a large table ------------------------------------------

LARGE_TABLES = {models.Event, models.Actor, models.Assessment, models.Excerpt, models.Source, models.Briefing}
DESK_ADMINS = sorted(
    (m for m in admin.site._registry if m._meta.app_label == "briefings"), key=lambda m: m._meta.model_name
)


@pytest.mark.parametrize("model", DESK_ADMINS, ids=[m._meta.model_name for m in DESK_ADMINS])
def test_no_form_lists_every_row_of_a_large_table(rf, staff_user, model):
    """A choice among 100,000 events is an autocomplete, never a select list rendering them all."""
    request = rf.get("/")
    request.user = staff_user
    model_admin = admin.site._registry[model]
    # An inline's link to the row on the page is a hidden field of the formset's own.
    formsets = [inline.get_formset(request) for inline in model_admin.get_inline_instances(request)]
    forms = [(model_admin.get_form(request), None)] + [
        (formset.form, formset.fk.name) for formset in formsets
    ]
    for form, parent_link in forms:
        for name, field in form.base_fields.items():
            if name == parent_link or not isinstance(field, ModelChoiceField):
                continue
            if field.queryset.model not in LARGE_TABLES:
                continue
            widget = getattr(field.widget, "widget", field.widget)
            assert field.disabled or isinstance(
                widget, (AutocompleteMixin, ForeignKeyRawIdWidget, HiddenInput)
            ), f"{form.__name__}.{name} lists every {field.queryset.model.__name__}"
