"""Search results readers can trust: a passage is found by its own words and headed by them,
country trends by their reasons, and results come grouped by the briefing that shows them,
each briefing once, in a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from briefings.models import SearchKind

from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    CountryTrendFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    SourceFactory,
)
from .helpers import result_titles, search

pytestmark = pytest.mark.django_db


def passages(response):
    return [r for r in response.context["results"] or [] if r.kind == SearchKind.EXCERPT]


@pytest.fixture
def cited_passage(briefing_with_material):
    """A passage a published briefing quotes, from a source whose title says "coup" and whose
    text does not."""
    source = SourceFactory(title="Anatomy of a coup", full_text="The junta courted Moscow openly.")
    excerpt = ExcerptFactory(source=source, text="The junta courted Moscow openly.")
    briefing_with_material["event"].excerpts.add(excerpt)
    return excerpt


def test_passage_is_not_found_through_its_sources_title(client, cited_passage):
    response = search(client, q="anatomy")
    assert passages(response) == []


def test_passage_is_found_by_its_own_words(client, cited_passage):
    (result,) = passages(search(client, q="courted"))
    assert "courted" in strip_tags(result.title)


def test_passage_is_headed_by_its_own_text_with_its_source_named_below(client, cited_passage):
    (result,) = passages(search(client, q="courted"))
    assert strip_tags(result.title) == "The junta courted Moscow openly."
    assert "<mark>courted</mark>" in result.title
    assert "Anatomy of a coup" in result.meta


def test_long_passage_heading_is_cut_around_its_match(client, briefing_with_material):
    text = "Filler words about the weather. " * 30 + "The envoy signed the accord. " + "More filler. " * 30
    excerpt = ExcerptFactory(source=SourceFactory(full_text=text), text=text)
    briefing_with_material["event"].excerpts.add(excerpt)
    (result,) = passages(search(client, q="accord"))
    assert "<mark>accord</mark>" in result.title
    assert len(strip_tags(result.title)) < 320


def test_renamed_source_leaves_its_passages_headed_by_their_text(client, cited_passage):
    source = cited_passage.source
    source.title = "A new title"
    source.save()
    (result,) = passages(search(client, q="courted"))
    assert strip_tags(result.title) == "The junta courted Moscow openly."


def test_published_trend_is_found_by_a_word_in_its_reason(client):
    trend = CountryTrendFactory(published=True, reason="Jihadist blockade of Timbuktu tightened.")
    response = search(client, q="blockade")
    (result,) = response.context["results"]
    assert result.kind == SearchKind.TREND
    assert result.url == trend.get_absolute_url()
    assert "<mark>blockade</mark>" in result.snippet


def test_draft_trend_is_not_found(client):
    CountryTrendFactory(reason="Jihadist blockade of Timbuktu tightened.")
    assert result_titles(search(client, q="blockade")) == []


def test_trend_filter_by_type_lists_trends_only(client, briefing_with_material):
    CountryTrendFactory(published=True, reason="The coup leaders extended their transition.")
    response = search(client, q="coup", type=SearchKind.TREND)
    assert [r.kind for r in response.context["results"]] == [SearchKind.TREND]


def test_briefing_appears_once_with_its_matching_material_under_it(client, briefing_with_material):
    briefing = briefing_with_material["briefing"]
    briefing_with_material["event"].title = "Coup: soldiers overthrow the president"
    briefing_with_material["event"].save()
    KeyJudgmentFactory(
        briefing=briefing, assessment=AssessmentFactory(statement="The coup will hold."), order=2
    )
    groups = search(client, q="coup").context["groups"]
    homes = [group.briefing for group in groups]
    assert homes.count(briefing) == 1
    (group,) = [g for g in groups if g.briefing == briefing]
    assert group.lead is not None  # the briefing's own title matched
    assert {r.kind for r in group.results} == {SearchKind.EVENT, SearchKind.JUDGMENT}


def test_material_shown_by_two_briefings_is_grouped_under_the_latest(client, briefing_with_material):
    event = briefing_with_material["event"]
    later = BriefingFactory(published=True, title="Follow-up note")
    later.events.add(event)
    groups = search(client, q="overthrow", type=SearchKind.EVENT).context["groups"]
    assert [g.briefing for g in groups] == [later]


def test_actors_are_grouped_apart_from_briefings(client, briefing_with_material):
    ActorAliasFactory(actor=briefing_with_material["actor"], name="FAMa")
    (group,) = search(client, q="FAMa").context["groups"]
    assert group.briefing is None
    assert [r.kind for r in group.results] == [SearchKind.ACTOR]
    assert "Not in a briefing" in search(client, q="FAMa").content.decode()


def test_group_with_the_best_match_comes_first(client):
    weak = BriefingFactory(published=True, title="Economic outlook", summary="Gold exports grow.")
    strong = BriefingFactory(published=True, title="Gold and the junta", summary="Gold, gold and more.")
    groups = search(client, q="gold").context["groups"]
    assert [g.briefing for g in groups] == [strong, weak]


def test_count_says_how_many_matched_across_every_group(client, briefing_with_material):
    briefing = briefing_with_material["briefing"]
    for n in range(3):
        KeyJudgmentFactory(
            briefing=briefing, assessment=AssessmentFactory(statement=f"Coup outcome {n}."), order=n + 2
        )
    response = search(client, q="coup")
    shown = len(response.context["results"])
    assert response.context["total"] == shown
    assert f"{shown} results" in response.content.decode()


def count_search_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        search(client, **params)
    return len(queries)


def add_coup_material(n: int) -> None:
    for i in range(n):
        briefing = BriefingFactory(published=True, title=f"Coup note {i}")
        event = EventFactory(title=f"Coup attempt {i}")
        briefing.events.add(event)
        event.excerpts.add(ExcerptFactory(text=f"The coup attempt number {i} failed."))
        KeyJudgmentFactory(briefing=briefing, assessment=AssessmentFactory(statement=f"Coup judgment {i}"))
        ActorFactory(name=f"Coup committee {i}")


def test_grouped_search_runs_the_same_queries_however_many_results(client, django_assert_num_queries):
    add_coup_material(2)
    baseline = count_search_queries(client, q="coup")
    add_coup_material(12)
    # One narrow query ranks and groups the matches, one reads the page's documents, one
    # per kind reads their rows and one per kind finds their briefings: never one per result.
    with django_assert_num_queries(baseline):
        search(client, q="coup")


# --- The demo, as a reader searches it ---


def test_demo_coup_search_finds_passages_by_their_own_text_only(client, demo_briefing):
    from briefings.models import Excerpt

    found = passages(search(client, q="coup"))
    texts = {e.pk: e.text.lower() for e in Excerpt.objects.all()}
    assert all("coup" in strip_tags(r.title).lower() for r in found)
    # Every demo passage comes from a source whose title says "coup"; most do not say it.
    assert len(found) < len(texts)


def test_demo_wagner_search_finds_the_resolved_judgment(client, demo_briefing):
    results = search(client, q="Wagner").context["results"]
    assert SearchKind.JUDGMENT in {r.kind for r in results}


def test_a_groups_weaker_matches_are_folded_after_its_best_five(client, briefing_with_material):
    briefing = briefing_with_material["briefing"]
    for n in range(7):
        KeyJudgmentFactory(
            briefing=briefing, assessment=AssessmentFactory(statement=f"Coup sequel {n}."), order=n + 2
        )
    response = search(client, q="sequel")
    (group,) = response.context["groups"]
    assert (len(group.shown), len(group.folded)) == (5, 2)
    assert "2 more matches in this briefing" in response.content.decode()


def test_on_a_tie_a_briefing_comes_before_what_no_briefing_holds(client):
    briefing = BriefingFactory(published=True, title="Sahel outlook")
    briefing.actors.add(ActorFactory(name="Sahel watcher"))
    groups = search(client, q="sahel").context["groups"]
    assert [g.briefing for g in groups] == [briefing, None]


def test_country_a_published_briefing_covers_is_found_by_its_name(client, briefing_with_material, mali):
    response = search(client, q="Mali", type=SearchKind.COUNTRY)
    (result,) = response.context["results"]
    assert result.url == mali.get_absolute_url()
    (group,) = response.context["groups"]
    assert group.briefing is None


def test_country_no_published_briefing_covers_is_not_found(client, briefing_with_material):
    assert result_titles(search(client, q="Niger", type=SearchKind.COUNTRY)) == []
