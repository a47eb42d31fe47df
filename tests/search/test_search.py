"""Full-text search: published material only, ranked, highlighted, filtered, and never a
500 whatever a reader types."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefings.models import EventKind, PublicationStatus, SearchDocument, SearchKind
from briefings.search.query import SearchFilters, visible_documents, visible_documents_by_kind
from briefings.search.results import highlight, mark_headline
from briefings.search.text import MAX_QUERY_LENGTH, clean_query

from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    KeyJudgmentFactory,
    country,
)
from .helpers import result_titles, search

pytestmark = pytest.mark.django_db


# --- Finding published material ---


def test_published_briefing_is_found_by_a_title_word(client, briefing_with_material):
    response = search(client, q="coup")
    assert "Russia and the coup in Mali" in result_titles(response)


def test_draft_briefing_is_not_found(client):
    BriefingFactory(title="Secret draft about Niger", status=PublicationStatus.DRAFT)
    response = search(client, q="Niger")
    assert result_titles(response) == []
    assert "Nothing found" in response.content.decode()


def test_scheduled_briefing_is_not_found_before_its_time(client):
    BriefingFactory(
        title="Scheduled piece on Niger",
        status=PublicationStatus.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    assert result_titles(search(client, q="Niger")) == []


def test_withdrawn_briefing_is_not_found(client):
    BriefingFactory(
        title="Withdrawn piece on Niger", status=PublicationStatus.WITHDRAWN, published_at=timezone.now()
    )
    assert result_titles(search(client, q="Niger")) == []


def test_event_cited_only_by_a_draft_is_not_found(client):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    draft.events.add(EventFactory(title="Unpublished mutiny in Kati"))
    assert result_titles(search(client, q="mutiny")) == []


def test_judgment_of_a_draft_is_not_found(client):
    KeyJudgmentFactory(
        briefing=BriefingFactory(status=PublicationStatus.DRAFT),
        assessment=AssessmentFactory(statement="Wagner will arrive within a year."),
    )
    assert result_titles(search(client, q="Wagner")) == []


def test_a_name_in_a_published_judgments_outcome_note_finds_the_judgment(client, db):
    from briefings.services.outcomes import assessment_resolve

    from ..factories import UserFactory

    judgment = AssessmentFactory(
        statement="Foreign contractors are unlikely to deploy.",
        likelihood="unlikely",
        horizon=datetime.date(2021, 12, 31),
    )
    KeyJudgmentFactory(briefing=BriefingFactory(published=True), assessment=judgment)
    assessment_resolve(
        assessment=judgment,
        outcome="happened",
        on=datetime.date(2022, 1, 10),
        note="Contractors of the Wagner Group arrived in Bamako.",
        user=UserFactory(role="editor"),
    )

    assert result_titles(search(client, q="Wagner")) == ["Foreign contractors are unlikely to deploy."]


def test_judgment_of_a_published_briefing_links_to_its_anchor(client, briefing_with_material):
    response = search(client, q="influence")
    results = response.context["results"]
    judgment = briefing_with_material["judgment"]
    assert [r.kind for r in results] == [SearchKind.JUDGMENT]
    assert results[0].url == f"{briefing_with_material['briefing'].get_absolute_url()}#judgment-{judgment.pk}"


def test_quoted_passage_is_found_and_links_to_its_briefing(client, briefing_with_material):
    response = search(client, q="overthrown")
    results = [r for r in response.context["results"] if r.kind == SearchKind.EXCERPT]
    assert results[0].url.startswith(briefing_with_material["briefing"].get_absolute_url())


def test_quoted_passage_result_lands_on_the_quote_in_the_briefing(client, demo_briefing):
    results = [r for r in search(client, q="contractors").context["results"] if r.kind == SearchKind.EXCERPT]
    page, anchor = results[0].url.split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()


def test_judgment_result_lands_on_the_judgment_in_the_briefing(client, demo_briefing):
    results = [r for r in search(client, q="contractors").context["results"] if r.kind == SearchKind.JUDGMENT]
    page, anchor = results[0].url.split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()


def test_event_is_found_by_its_actors_name(client, briefing_with_material):
    titles = result_titles(search(client, q="Armed Forces", type=SearchKind.EVENT))
    assert titles == ["Soldiers overthrow the president"]


def test_actor_is_found_by_an_alias_added_later(client, briefing_with_material):
    ActorAliasFactory(actor=briefing_with_material["actor"], name="FAMa")
    assert result_titles(search(client, q="FAMa")) == ["Malian Armed Forces"]


def test_renamed_briefing_is_found_by_its_new_title_only(client, briefing_with_material):
    briefing = briefing_with_material["briefing"]
    briefing.title = "Moscow's Sahel opening"
    briefing.save()
    assert "Moscow's Sahel opening" in result_titles(search(client, q="Sahel opening"))
    assert result_titles(search(client, q="coup", type=SearchKind.BRIEFING)) == []


def test_deleted_event_leaves_no_search_document(briefing_with_material):
    event = briefing_with_material["event"]
    pk = event.pk
    event.delete()
    assert not SearchDocument.objects.filter(kind=SearchKind.EVENT, object_id=pk).exists()


def test_title_match_ranks_above_body_match(client):
    BriefingFactory(published=True, title="Economic outlook", summary="Gold exports from Mali grow.")
    BriefingFactory(published=True, title="Gold and the junta", summary="Revenue matters.")
    titles = result_titles(search(client, q="gold", type=SearchKind.BRIEFING))
    assert titles == ["Gold and the junta", "Economic outlook"]


def test_snippet_marks_the_matching_word(client, briefing_with_material):
    response = search(client, q="ambassador", type=SearchKind.BRIEFING)
    assert "<mark>ambassador</mark>" in response.content.decode().lower()


def test_markup_in_indexed_text_is_escaped_in_snippets(client):
    BriefingFactory(published=True, title="Payload", summary="Beware <script>alert(1)</script> here")
    body = search(client, q="beware").content.decode()
    # PostgreSQL's headline drops the tag, the fallback escapes it: either way it is inert.
    assert "<script>alert(1)</script>" not in body
    assert "<mark>Beware</mark>" in body


def test_demo_briefing_is_found_from_search(client, demo_briefing):
    titles = result_titles(search(client, q="Mali coup", type=SearchKind.BRIEFING))
    assert demo_briefing.title in titles


# --- Filters ---


def test_country_filter_narrows_results(client, briefing_with_material):
    BriefingFactory(published=True, title="Coup rumours in Niger").countries.add(country("NE"))
    titles = result_titles(search(client, q="coup", type=SearchKind.BRIEFING, country="mali"))
    assert titles == ["Russia and the coup in Mali"]


def test_actor_filter_narrows_results(client, briefing_with_material):
    EventFactory(title="Another coup elsewhere")
    published = BriefingFactory(published=True)
    published.events.add(EventFactory(title="Unrelated coup"))
    actor = briefing_with_material["actor"]
    titles = result_titles(search(client, q="coup", type=SearchKind.EVENT, actor=actor.slug))
    assert titles == ["Soldiers overthrow the president"]


def judgments_on(briefing, *statements):
    judgments = [AssessmentFactory(statement=statement) for statement in statements]
    for order, judgment in enumerate(judgments, start=2):
        KeyJudgmentFactory(briefing=briefing, assessment=judgment, order=order)
    return judgments


def test_country_filter_finds_judgments_naming_the_country_or_citing_its_events(
    client, briefing_with_material, mali
):
    named, cited, elsewhere = judgments_on(
        briefing_with_material["briefing"],
        "Leverage grows in Bamako.",
        "Leverage grows with the junta.",
        "Leverage wanes in Niamey.",
    )
    named.countries.add(mali)
    cited.evidence_events.add(briefing_with_material["event"])
    elsewhere.countries.add(country("NE"))
    titles = result_titles(search(client, q="leverage", type=SearchKind.JUDGMENT, country="mali"))
    assert sorted(titles) == ["Leverage grows in Bamako.", "Leverage grows with the junta."]


def test_actor_filter_finds_judgments_naming_the_actor_or_citing_its_events(client, briefing_with_material):
    actor = briefing_with_material["actor"]
    named, cited, _other = judgments_on(
        briefing_with_material["briefing"],
        "Leverage of the army grows.",
        "Leverage grows after the coup.",
        "Leverage wanes elsewhere.",
    )
    named.actors.add(actor)
    cited.evidence_events.add(briefing_with_material["event"])
    titles = result_titles(search(client, q="leverage", type=SearchKind.JUDGMENT, actor=actor.slug))
    assert sorted(titles) == ["Leverage grows after the coup.", "Leverage of the army grows."]


def test_event_kind_filter_narrows_results(client, briefing_with_material):
    briefing_with_material["briefing"].events.add(
        EventFactory(title="President overthrown says statement", kind=EventKind.PUBLIC_STATEMENT)
    )
    titles = result_titles(search(client, q="president", type=SearchKind.EVENT, kind=EventKind.COUP))
    assert titles == ["Soldiers overthrow the president"]


def test_date_range_filter_narrows_events(client, briefing_with_material):
    briefing_with_material["briefing"].events.add(
        EventFactory(title="President speaks", date=datetime.date(2021, 5, 24))
    )
    titles = result_titles(
        search(client, q="president", type=SearchKind.EVENT, date_from="2021-01-01", date_to="2021-12-31")
    )
    assert titles == ["President speaks"]


def test_filters_alone_list_matching_material(client, briefing_with_material):
    titles = result_titles(search(client, country="mali", type=SearchKind.EVENT))
    assert titles == ["Soldiers overthrow the president"]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "atlantis"},
        {"actor": "nobody-at-all"},
        {"kind": "teleportation"},
        {"type": "spaceship"},
        {"date_from": "yesterday-ish"},
        {"date_to": "2020-13-45"},
        {"country": "mali\x00"},
    ],
)
def test_bad_filter_value_is_reported_not_fatal(client, briefing_with_material, params):
    response = search(client, q="coup", **params)
    body = response.content.decode()
    assert "were left out" in body
    assert "Russia and the coup in Mali" in result_titles(response)


def test_reversed_date_range_is_reported(client, briefing_with_material):
    response = search(client, q="coup", date_from="2021-01-01", date_to="2020-01-01")
    assert "before its start" in response.content.decode()


# --- Bad input ---


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        '""',
        "coup & | ! ( ) :* <-> -",
        "Mali OR OR OR -",
        "'; DROP TABLE briefings_briefing; --",
        "1' OR '1'='1",
        "%_%\\",
        "x" * 10_000,
        "Мали 马里 مالي 🇲🇱",
        "coup\x00mali",
        "\x00",
        "   ",
        "<script>alert(1)</script>",
        "the a of",
    ],
)
def test_any_query_gives_a_page_never_a_server_error(client, briefing_with_material, query):
    response = search(client, q=query)
    assert response.status_code == 200


def test_sql_fragment_query_leaves_tables_intact(client, briefing_with_material):
    search(client, q="'; DELETE FROM briefings_briefing; --")
    assert "Russia and the coup in Mali" in result_titles(search(client, q="coup"))


def test_nothing_found_is_said_plainly(client, briefing_with_material):
    assert "Nothing found" in search(client, q="zeppelin").content.decode()


def test_long_query_is_cut_to_the_maximum():
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH


def test_nul_and_control_characters_are_removed_from_queries():
    assert clean_query("coup\x00 in\x07 Mali\u200b") == "coup in Mali"


def test_query_with_a_nul_byte_still_finds_results(client, briefing_with_material):
    assert "Russia and the coup in Mali" in result_titles(search(client, q="co\x00up"))


# --- Pages ---


def test_results_are_paginated_ten_briefings_to_a_page(client):
    for n in range(25):
        BriefingFactory(published=True, title=f"Sahel note {n}")
    first = search(client, q="Sahel", type=SearchKind.BRIEFING)
    third = search(client, q="Sahel", type=SearchKind.BRIEFING, page=3)
    assert len(first.context["results"]) == 10
    assert len(third.context["results"]) == 5
    assert first.context["total"] == 25


@pytest.mark.parametrize("page", ["abc", "-1", "0", "9999", "1.5"])
def test_bad_page_number_gives_a_page(client, briefing_with_material, page):
    search(client, q="coup", page=page)


def test_empty_search_page_shows_the_form_only(client):
    response = search(client)
    assert response.context["results"] is None
    assert 'role="search"' in response.content.decode()


def test_search_page_runs_a_bounded_number_of_queries(
    client, briefing_with_material, django_assert_max_num_queries
):
    for n in range(10):
        briefing = BriefingFactory(published=True, title=f"Coup note {n}")
        KeyJudgmentFactory(briefing=briefing, assessment=AssessmentFactory(statement=f"Coup judgment {n}"))
    # Whatever the page holds: the form's choices, the count, the page, one query per kind.
    with django_assert_max_num_queries(14):
        search(client, q="coup")


# --- Index ---


def test_rebuild_command_restores_missing_documents(briefing_with_material):
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchDocument.objects.filter(kind=SearchKind.BRIEFING).count() == 1


def test_highlight_escapes_before_marking():
    assert highlight("a <b>coup</b> & more", ["coup"]) == "a &lt;b&gt;<mark>coup</mark>&lt;/b&gt; &amp; more"


def test_headline_markers_become_marks_and_markup_is_escaped():
    assert mark_headline("<i>\ue000coup\ue001</i>") == "&lt;i&gt;<mark>coup</mark>&lt;/i&gt;"


def test_long_snippet_is_cut_around_the_first_match():
    text = "filler " * 100 + "the coup happened" + " filler" * 100
    snippet = highlight(text, ["coup"])
    assert "<mark>coup</mark>" in snippet
    assert len(snippet) < 400


@pytest.mark.postgres
def test_search_vector_is_stored_on_postgres(briefing_with_material):
    document = SearchDocument.objects.get(kind=SearchKind.BRIEFING)
    assert document.search_vector


@pytest.mark.postgres
def test_gin_index_exists_on_postgres():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'briefings_searchdocument' AND indexdef ILIKE '%%gin%%'"
        )
        rows = cursor.fetchall()
    assert rows and "search_vector" in rows[0][0]


def add_linked_material(briefing, mali, n: int) -> None:
    """`n` more published events on Mali, each with two actors, cited by a new judgment."""
    for i in range(n):
        event = EventFactory(title=f"Coup rumour {i}", kind=EventKind.COUP, country=mali)
        for _ in range(2):
            actor = ActorFactory()
            actor.countries.add(mali)
            EventActorFactory(event=event, actor=actor)
        briefing.events.add(event)
        judgment = AssessmentFactory(statement=f"A coup judgment {i}")
        judgment.countries.add(mali)
        judgment.evidence_events.add(event)
        KeyJudgmentFactory(briefing=briefing, assessment=judgment, order=i + 2)


def count_search_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        search(client, **params)
    return len(queries)


def test_search_with_every_facet_runs_the_same_queries_however_many_rows_are_linked(
    client, briefing_with_material, mali, django_assert_num_queries
):
    facets = {
        "q": "coup",
        "country": mali.slug,
        "actor": briefing_with_material["actor"].slug,
        "kind": EventKind.COUP,
        "date_from": "2020-01-01",
    }
    add_linked_material(briefing_with_material["briefing"], mali, 2)
    baseline = count_search_queries(client, **facets)
    add_linked_material(briefing_with_material["briefing"], mali, 15)
    # Each facet is an EXISTS on a link table inside one query per kind; the choices are one
    # query each, however many published actors and countries there are.
    with django_assert_num_queries(baseline):
        search(client, **facets)


def test_search_facet_choices_load_only_their_names(client, briefing_with_material):
    with CaptureQueriesContext(connection) as queries:
        search(client)
    # On PostgreSQL the choices are read through a server-side cursor (DECLARE ... FOR SELECT).
    actor_choices = [q["sql"] for q in queries if 'SELECT "briefings_actor"."id"' in q["sql"]]
    assert actor_choices
    assert all('"briefings_actor"."description"' not in sql for sql in actor_choices)


# --- Counts ---


def test_count_of_more_matches_than_are_ranked_is_shown_as_capped(
    client, briefing_with_material, monkeypatch
):
    # Three matches ("Mali" names the briefing, the actor and the country), two ranked.
    monkeypatch.setattr("briefings.search.query.CANDIDATES", 2)
    response = search(client, q="Mali")
    assert response.context["total"] == 2
    assert "2+ results" in response.content.decode()


def test_count_within_the_ranked_matches_is_exact(client, briefing_with_material):
    response = search(client, q="Mali")
    assert "+ result" not in response.content.decode()
    assert f"{response.context['total']} result" in response.content.decode()


def test_candidates_are_taken_from_briefings_before_what_no_briefing_holds(
    client, briefing_with_material, monkeypatch
):
    # "Mali" names the briefing, the actor and the country; one candidate is ranked.
    monkeypatch.setattr("briefings.search.query.CANDIDATES", 1)
    response = search(client, q="Mali")
    assert result_titles(response) == ["Russia and the coup in Mali"]


def test_documents_by_kind_are_the_visible_documents(briefing_with_material, mali):
    for filters in (SearchFilters(), SearchFilters(country=mali), SearchFilters(type=SearchKind.EVENT)):
        by_kind = {
            pk
            for documents in visible_documents_by_kind(filters)
            for pk in documents.values_list("pk", flat=True)
        }
        assert by_kind == set(visible_documents(filters).values_list("pk", flat=True))
